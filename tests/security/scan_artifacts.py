#!/usr/bin/env python3
"""The security scan after the whole test suite (issue 8).

Every test keeps the files it wrote under test-artifacts/<test> (tests/CMakeLists.txt). This script reads each of
them, whatever it is (SQLite database and its WAL, settings file, log, JSON Lines export, crash output), the other
files tests leave in the build tree, and ctest's record of every test's output, and looks for each test secret in
tests/security/test-secrets.txt: as written, percent-encoded (as it would sit in a URL) and JSON-escaped. A finding
names the file and the secret's label, never the secret itself.

It refuses to pass vacuously: the suite must have left databases, settings files and logs behind, and ctest's
output record must be newer than the start of this run.

    scan_artifacts.py --artifacts DIR --stamp FILE --secrets FILE --sources DIR --tests FILE
                      [--output FILE ...] [--extra DIR ...]
    scan_artifacts.py --self-test
"""

import argparse
import os
import sys
import tempfile
import urllib.parse

# What the scan reads under --extra folders: files the tests write, not the programs and objects the build makes
# (a test program holds its own secret as a literal, which is no leak).
# CTestTestfile.cmake holds every test's command line: a secret must not be an argument either.
EXTRA_SUFFIXES = ('.json', '.jsonl', '.log', '.txt', '.ini', '.conf', '.db', '.sqlite', '.sqlite-wal', '.db-wal',
                  '.csv', '.xml', 'ctesttestfile.cmake')


class Secret:
    def __init__(self, value, label, in_output):
        self.value = value
        self.label = label
        self.in_output = in_output  # also looked for in test output (not for published sandbox values)

    def masked(self):
        return self.value[:3] + '…' + ' (' + self.label + ')'

    def forms(self):
        """Byte strings under which the secret could sit in a file."""
        text = {self.value, urllib.parse.quote(self.value, safe=''), urllib.parse.quote(self.value, safe='/'),
                urllib.parse.quote_plus(self.value), self.value.replace('/', '\\/')}
        forms = set()
        for t in text:
            forms.add(t.encode('utf-8'))
            forms.add(t.encode('utf-16-le'))
        return forms


def load_secrets(path):
    secrets = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.split(None, 1)
            value = parts[0]
            label = parts[1].strip() if len(parts) > 1 else 'line %d' % number
            in_output = True
            if value.startswith('sandbox:'):
                value = value[len('sandbox:'):]
                in_output = False
            if len(value) < 8:
                raise SystemExit('%s:%d: a secret shorter than 8 characters would match by chance' % (path, number))
            secrets.append(Secret(value, label.split(':')[0], in_output))
    if not secrets:
        raise SystemExit('%s lists no secret' % path)
    return secrets


def stale_secrets(secrets, sources):
    """Secrets no source file holds any more: the list has drifted from the tests."""
    wanted = {s.value.encode('utf-8'): s for s in secrets}
    seen = set()
    for top in ('tests', 'app', 'sandbox'):
        for root, _, files in os.walk(os.path.join(sources, top)):
            for name in files:
                if name == 'test-secrets.txt' or not name.endswith(('.cpp', '.h', '.py', '.sh')):
                    continue
                with open(os.path.join(root, name), 'rb') as f:
                    data = f.read()
                for value in wanted:
                    if value in data:
                        seen.add(value)
    return [s for v, s in wanted.items() if v not in seen]


def classify(path, head):
    name = os.path.basename(path).lower()
    if head.startswith(b'SQLite format 3\x00'):
        return 'database'
    if name.endswith(('-wal', '-journal', '-shm')):
        return 'database'
    if name.endswith(('.ini', '.conf')):
        return 'settings'
    if name.endswith(('.log', '.jsonl', '.txt', '.json', '.csv')):
        return 'log or export'
    if name == 'ctesttestfile.cmake':
        return 'test command lines'
    return 'other'


def scan_file(path, secrets, findings, counts, output):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        findings.append('%s: cannot be read (%s)' % (path, e.strerror))
        return
    kind = 'test output' if output else classify(path, data[:16])
    counts[kind] = counts.get(kind, 0) + 1
    counts['bytes'] = counts.get('bytes', 0) + len(data)
    for secret in secrets:
        if output and not secret.in_output:
            continue
        if any(form in data for form in secret.forms()):
            findings.append('%s (%s) holds the secret %s' % (path, kind, secret.masked()))


def walk(top):
    for root, dirs, files in os.walk(top):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def partial_run(args):
    """Empty when every test of --tests ran in this ctest run (by its output record), else how many did."""
    if not args.tests:
        return ''
    with open(args.tests, encoding='utf-8') as f:
        expected = {line.strip() for line in f if line.strip()}
    ran = set()
    for path in args.output or []:
        if os.path.exists(path):
            with open(path, encoding='utf-8', errors='replace') as f:
                for line in f:
                    marker = line.find(' Testing: ')
                    if marker > 0:
                        ran.add(line[marker + len(' Testing: '):].strip())
    missing = expected - ran
    return '%d of %d tests' % (len(expected) - len(missing), len(expected)) if missing else ''


def scan(args):
    secrets = load_secrets(args.secrets)
    findings = []
    counts = {}
    if args.sources:
        for s in stale_secrets(secrets, args.sources):
            findings.append('test-secrets.txt lists %s, which no test source holds any more' % s.masked())
    for path in walk(args.artifacts):
        scan_file(path, secrets, findings, counts, output=False)
    for top in args.extra or []:
        for path in walk(top):
            if path.lower().endswith(EXTRA_SUFFIXES) and '/CMakeFiles/' not in path and '/test-artifacts/' not in path:
                scan_file(path, secrets, findings, counts, output=False)
    started = os.path.getmtime(args.stamp) if args.stamp else 0
    fresh_output = 0
    for path in args.output or []:
        if not os.path.exists(path):
            continue
        if os.path.getmtime(path) >= started:
            fresh_output += 1
        scan_file(path, secrets, findings, counts, output=True)

    print('scanned %d files, %.1f MiB, for %d secrets (raw, percent-encoded, JSON-escaped, UTF-16):'
          % (sum(v for k, v in counts.items() if k != 'bytes'), counts.get('bytes', 0) / 1048576.0, len(secrets)))
    for kind in sorted(k for k in counts if k != 'bytes'):
        print('  %s: %d' % (kind, counts[kind]))

    # Not vacuous: the whole suite must have left every kind of file this promise is about. A developer's partial
    # run (ctest -R) scans what it left, without that demand.
    partial = partial_run(args)
    if partial:
        print('a partial run (%s): not checked that every kind of file was left' % partial)
    for kind in ('database', 'settings', 'log or export'):
        if counts.get(kind, 0) == 0 and not partial:
            findings.append('no %s was left by the suite: the scan would prove nothing about them' % kind)
    if args.output is not None and fresh_output == 0:
        findings.append('no test output newer than this run was found (%s)' % ', '.join(args.output))

    for line in findings:
        print('FAIL ' + line)
    print('%d findings' % len(findings))
    return 1 if findings else 0


def self_test():
    """The scan finds a planted secret in each form and each kind of file, and passes a clean tree."""
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        sources = os.path.join(tmp, 'src')
        os.makedirs(os.path.join(sources, 'tests'))
        secret = 'Ab+/selfTest=='
        other = 'another-selftest-token'
        with open(os.path.join(sources, 'tests', 'tst_x.cpp'), 'w') as f:
            f.write('const char *a = "%s", *b = "%s";\n' % (secret, other))
        secrets_file = os.path.join(tmp, 'secrets.txt')
        with open(secrets_file, 'w') as f:
            f.write('# list\n%s  tst_x\nsandbox:%s  demo\n' % (secret, other))
        art = os.path.join(tmp, 'art')
        os.makedirs(os.path.join(art, 't1', 'home'))
        with open(os.path.join(art, 't1', 'state.db'), 'wb') as f:
            f.write(b'SQLite format 3\x00' + b'\x00' * 100 + b'clean')
        with open(os.path.join(art, 't1', 'home', 'settings.ini'), 'w') as f:
            f.write('[pipedrive]\nbase_url=http://127.0.0.1\n')
        with open(os.path.join(art, 't1', 'export.jsonl'), 'w') as f:
            f.write('{"message":"token ***"}\n')
        out_log = os.path.join(tmp, 'LastTest.log')
        with open(out_log, 'w') as f:
            f.write('PASS: %s printed on purpose by the sandbox\n' % other)
        stamp = os.path.join(tmp, 'stamp')
        open(stamp, 'w').close()
        os.utime(stamp, (0, 0))

        def run():
            ns = argparse.Namespace(artifacts=art, secrets=secrets_file, sources=sources, extra=[], output=[out_log],
                                    stamp=stamp, tests=None)
            return scan(ns)

        if run() != 0:
            failures.append('a clean tree was refused')
        # Planted: percent-encoded in a database, raw in a log, JSON-escaped in settings, raw in test output.
        with open(os.path.join(art, 't1', 'state.db'), 'ab') as f:
            f.write(urllib.parse.quote(secret, safe='').encode())
        if run() != 1:
            failures.append('a percent-encoded secret in a database was missed')
        with open(os.path.join(art, 't1', 'state.db'), 'wb') as f:
            f.write(b'SQLite format 3\x00clean')
        with open(os.path.join(art, 't1', 'home', 'settings.ini'), 'w') as f:
            f.write('token=%s\n' % secret.replace('/', '\\/'))
        if run() != 1:
            failures.append('a JSON-escaped secret in a settings file was missed')
        with open(os.path.join(art, 't1', 'home', 'settings.ini'), 'w') as f:
            f.write('[x]\n')
        with open(out_log, 'a') as f:
            f.write('FAIL: %s\n' % secret)
        if run() != 1:
            failures.append('a secret in test output was missed')
        with open(out_log, 'w') as f:
            f.write('clean\n')
        os.remove(os.path.join(art, 't1', 'home', 'settings.ini'))
        if run() != 1:
            failures.append('a suite that left no settings file passed as if it had been scanned')
        with open(os.path.join(art, 't1', 'home', 'settings.ini'), 'w') as f:
            f.write('[x]\n')
        with open(os.path.join(sources, 'tests', 'tst_x.cpp'), 'w') as f:
            f.write('nothing\n')
        if run() != 1:
            failures.append('a stale secrets list passed')
    for f in failures:
        print('SELF-TEST FAIL: ' + f)
    print('self-test: %s' % ('FAILED' if failures else 'passed'))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--artifacts')
    parser.add_argument('--secrets')
    parser.add_argument('--sources')
    parser.add_argument('--stamp')
    parser.add_argument('--tests', help='the tests of the whole suite, one per line')
    parser.add_argument('--extra', action='append')
    parser.add_argument('--output', action='append')
    parser.add_argument('--self-test', action='store_true')
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    if not args.artifacts or not args.secrets:
        parser.error('--artifacts and --secrets are required')
    if not os.path.isdir(args.artifacts):
        print('FAIL the artifacts folder %s does not exist: did the suite run?' % args.artifacts)
        return 1
    return scan(args)


if __name__ == '__main__':
    sys.exit(main())
