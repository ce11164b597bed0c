#!/usr/bin/env python3
"""Validate recorded Pipedrive API exchanges against the official OpenAPI v2 spec.

Usage:
  validate_openapi.py --spec pipedrive-openapi-v2.yml DUMP.json [DUMP.json ...]
  validate_openapi.py --spec ... --self-test
  validate_openapi.py --shared-dir DIR DUMP.json       (spec at DIR/reference/pipedrive-openapi-v2.yml)

  --require op1,op2   fail unless each operationId was exercised successfully (coverage of what TurfDrive uses)

Exit codes: 0 every checked exchange conforms; 1 a violation; 2 bad usage or unreadable dump;
77 the spec is absent (ctest SKIP_RETURN_CODE), e.g. in a clone without ../shared.

Dump format (any producer: the simulator's dump program, or a client test recording its own requests):
  {"format": "turfdrive-contract-dump/1",
   "exchanges": [
     {"name": "create deal",              # free text, for messages
      "method": "POST",
      "path": "/api/v2/deals",           # or a full URL; /api/v2 (or the spec's server path) is stripped
      "query": "limit=5&status=open",    # optional, percent-encoded
      "request_body": {...},             # optional: validated against the operation's requestBody
      "status": 200,                     # optional: with response_body, the answer is validated too
      "response_body": {...} | null,     # null: the answer was not JSON
      "token_cost": 5,                   # optional: compared with the operation's x-token-cost
      "expect": "request_invalid"}       # optional: the body is broken on purpose (a strictness probe); the
                                         # validator must find it invalid, else that is the violation
   ]}
Exchanges on paths the v2 spec does not cover (/api/v1/..., /_sim/...) are listed as not covered.

Spec handling: $ref is resolved, OpenAPI 3.0 "nullable" becomes a null type, allOf/anyOf/oneOf are kept as
JSON Schema. The live API sends null in places the spec types as non-nullable (next_cursor on the last page,
won_time of an open deal, org_id of a deal without organization): such nulls in *answers*, for the properties
in LIVE_NULLABLE only, are reported as notes, not failures, unless --strict-nulls. Known spec errata (listed in ERRATA) are applied and reported.
"""

import argparse
import copy
import json
import os
import re
import sys
import urllib.parse

SKIP = 77

# Mistakes in the spec, each with the evidence; applied so that a correct body is not rejected.
ERRATA = [
    {
        "operation": "addOrganization",
        "where": "requestBody",
        "fix": ("required", ["name"]),
        "why": "the spec requires 'title' (copied from deals); organizations require 'name' "
        "(reference pipedrive-api.md section 5, and the property list has no 'title')",
    },
]

# Properties the live API answers with null although the spec gives them a non-null type. The evidence is the
# reference's v2 examples (pipedrive-api.md section 4: a deal with "won_time": null, "person_id" unset, an
# organization address with null subfields) and section 2 (next_cursor is null on the last page). A null anywhere
# else in an answer is a violation.
LIVE_NULLABLE = {
    "next_cursor", "won_time", "lost_time", "close_time", "local_won_date", "local_lost_date", "local_close_date",
    "expected_close_date", "person_id", "org_id", "lost_reason", "archive_time", "origin_id", "channel",
    "channel_id", "acv", "arr", "mrr", "stage_change_time", "address", "country", "admin_area_level_1",
    "admin_area_level_2", "locality", "sublocality", "route", "street_number", "subpremise", "postal_code",
    "picture_id", "source_lead_id",
}

DROP_KEYS = {"example", "examples", "xml", "externalDocs", "deprecated", "discriminator", "readOnly", "writeOnly"}


def load_yaml(path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, "r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


class Spec:
    def __init__(self, doc):
        self.doc = doc
        self.base = "/api/v2"
        for server in doc.get("servers", []):
            url = urllib.parse.urlparse(server.get("url", ""))
            if url.path:
                self.base = url.path.rstrip("/")
        # Literal segments win over templates: /deals/archived before /deals/{id}.
        self.templates = []
        for tpl in doc.get("paths", {}):
            regex = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(tpl)) + "$"
            self.templates.append((tpl.count("{"), tpl, re.compile(regex)))
        self.templates.sort()

    def match(self, path):
        for _, tpl, regex in self.templates:
            if regex.match(path):
                return tpl
        return None

    def resolve(self, node, depth=0):
        """Returns a plain JSON Schema: refs inlined, nullable translated, OpenAPI-only keys dropped."""
        if depth > 40:
            return {}
        if isinstance(node, list):
            return [self.resolve(n, depth + 1) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return self.resolve(target, depth + 1)
        out = {}
        for key, value in node.items():
            if key in DROP_KEYS or key.startswith("x-"):
                continue
            if key == "properties":
                out[key] = {name: self.resolve(sub, depth + 1) for name, sub in value.items()}
            elif key in ("items", "additionalProperties", "not"):
                out[key] = self.resolve(value, depth + 1) if isinstance(value, dict) else value
            elif key in ("allOf", "anyOf", "oneOf"):
                out[key] = [self.resolve(sub, depth + 1) for sub in value]
            else:
                out[key] = copy.deepcopy(value)
        if out.pop("nullable", False):
            if "type" in out:
                out["type"] = [out["type"], "null"] if isinstance(out["type"], str) else out["type"] + ["null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = out["enum"] + [None]
        return out


def apply_errata(operation_id, where, schema, notes):
    for e in ERRATA:
        if e["operation"] == operation_id and e["where"] == where:
            key, value = e["fix"]
            schema[key] = value
            notes.add("erratum applied to %s %s: %s" % (operation_id, where, e["why"]))
    return schema


def is_live_null(err):
    """A null the live API is documented to send where the spec's type has no null."""
    if err.instance is not None or err.validator not in ("type", "anyOf", "oneOf"):
        return False
    path = list(err.absolute_path)
    return bool(path) and str(path[-1]) in LIVE_NULLABLE


def check_instance(schema, instance, strict_nulls):
    """Returns (violations, tolerated nulls) as lists of 'json.path: message'."""
    import jsonschema

    validator = jsonschema.Draft4Validator(schema)
    violations, tolerated = [], []
    for err in validator.iter_errors(instance):
        where = "$" + "".join("[%r]" % p if isinstance(p, int) else "." + str(p) for p in err.absolute_path)
        line = "%s: %s" % (where, err.message)
        if not strict_nulls and is_live_null(err):
            tolerated.append(where)
        else:
            violations.append(line)
    return violations, tolerated


def check_query(op, query, problems, notes, name):
    params = {p["name"]: p for p in op.get("parameters", []) if p.get("in") == "query"}
    given = urllib.parse.parse_qs(query or "", keep_blank_values=True)
    for pname, p in params.items():
        if p.get("required") and pname not in given:
            problems.append("%s: required query parameter %s is missing" % (name, pname))
    for pname, values in given.items():
        if pname not in params:
            notes.add("query parameter '%s' is not in the spec for %s (Pipedrive ignores unknown ones)" % (pname, op.get("operationId")))
            continue
        p_schema = params[pname].get("schema", {})
        comma_list = "enum" in p_schema and "comma" in params[pname].get("description", "").lower()
        for value in values:
            # The spec documents comma lists for some enum parameters (deal status) while typing a single value.
            parts = value.split(",") if comma_list else [value]
            for part in parts:
                if p_schema.get("type") == "integer" and not re.fullmatch(r"-?\d+", part):
                    problems.append("%s: query %s=%r is not an integer" % (name, pname, part))
                if p_schema.get("type") == "boolean" and part not in ("true", "false"):
                    problems.append("%s: query %s=%r is not a boolean" % (name, pname, part))
                if "enum" in p_schema and part not in [str(v) for v in p_schema["enum"]]:
                    problems.append("%s: query %s=%r is not one of %s" % (name, pname, part, p_schema["enum"]))


def validate_dump(spec, dump, strict_nulls, report, require=None):
    problems, notes, uncovered, unchecked = [], set(), [], []
    checked = 0
    seen = set()
    exchanges = dump.get("exchanges")
    if not isinstance(exchanges, list):
        raise ValueError("the dump has no 'exchanges' list")
    for i, ex in enumerate(exchanges):
        name = "#%d %s %s (%s)" % (i, ex.get("method", "?"), ex.get("path", "?"), ex.get("name", ""))
        raw = urllib.parse.urlparse(ex.get("path", ""))
        path = raw.path
        query = ex.get("query") or raw.query
        if path.startswith(spec.base + "/"):
            path = path[len(spec.base):]
        elif path.startswith("/api/") or path.startswith("/_sim"):
            uncovered.append(name)
            continue
        tpl = spec.match(path)
        method = str(ex.get("method", "")).lower()
        if tpl is None:
            problems.append("%s: no such path in the v2 spec" % name)
            continue
        op = spec.doc["paths"][tpl].get(method)
        if op is None:
            problems.append("%s: the spec has no %s on %s" % (name, method.upper(), tpl))
            continue
        op_id = op.get("operationId", tpl)
        checked += 1
        if ex.get("status") is None or 200 <= int(ex["status"]) < 300:
            seen.add(op_id)
        check_query(op, query, problems, notes, name)

        if ex.get("request_body") is not None:
            content = (op.get("requestBody") or {}).get("content", {}).get("application/json")
            if content is None:
                problems.append("%s: a body was sent but %s takes none" % (name, op_id))
            else:
                schema = apply_errata(op_id, "requestBody", spec.resolve(content["schema"]), notes)
                # Request bodies are what a client controls: nulls are only fine where the spec says nullable,
                # except that null clears a value, which the reference documents for custom fields only.
                bad, _ = check_instance(schema, ex["request_body"], True)
                if ex.get("expect") == "request_invalid":
                    if not bad:
                        problems.append("%s: the body was sent as invalid but conforms to the spec" % name)
                else:
                    problems += ["%s: request body %s" % (name, b) for b in bad]

        status = ex.get("status")
        if status is not None and "response_body" in ex:
            responses = op.get("responses", {})
            documented = responses.get(str(status)) or responses.get(status)
            body = ex["response_body"]
            if int(status) >= 400 and isinstance(body, dict):
                # The spec has no error schemas; the reference's envelope is the contract for those answers.
                if body.get("success") is not False or not isinstance(body.get("error"), str):
                    problems.append("%s: a %s answer must carry success=false and an error string" % (name, status))
            if documented is None:
                if 200 <= int(status) < 300:
                    problems.append("%s: status %s is not documented for %s" % (name, status, op_id))
                else:
                    unchecked.append("%s: status %s (no schema in the spec)" % (name, status))
                continue
            content = documented.get("content", {}).get("application/json")
            if content is None:
                continue
            if body is None:
                problems.append("%s: the answer is not JSON" % name)
                continue
            if 200 <= int(status) < 300 and (body.get("success") is not True or "data" not in body):
                problems.append("%s: a %s answer must carry success=true and data" % (name, status))
            bad, tolerated = check_instance(spec.resolve(content["schema"]), body, strict_nulls)
            problems += ["%s: response %s" % (name, b) for b in bad]
            for t in tolerated:
                notes.add("null where the spec types no null (live API behaviour): %s %s" % (op_id, re.sub(r"\[\d+\]", "[]", t)))

        cost = ex.get("token_cost")
        if cost is not None and "x-token-cost" in op and int(cost) != int(op["x-token-cost"]):
            problems.append("%s: charged %s tokens, the spec's x-token-cost is %s" % (name, cost, op["x-token-cost"]))

    for op_id in require or []:
        if op_id not in seen:
            problems.append("operation %s was required but no successful exchange exercised it" % op_id)

    if report:
        print("checked %d exchange(s) against the v2 spec, %d operation(s)" % (checked, len(seen)))
        for u in uncovered:
            print("  not covered by the v2 spec: %s" % u)
        for u in unchecked:
            print("  unchecked: %s" % u)
        for n in sorted(notes):
            print("  note: %s" % n)
        for p in problems:
            print("  VIOLATION: %s" % p)
    return problems, checked


def self_test(spec):
    """The validator must reject what breaks the contract, or its green result means nothing."""
    good_org = {"id": 1, "name": "A", "owner_id": 1, "add_time": "2026-01-01T00:00:00Z",
                "update_time": "2026-01-01T00:00:00Z", "is_deleted": False, "visible_to": 3,
                "address": None, "label_ids": [], "custom_fields": {}}
    cases = [
        ("valid list", True, {"method": "GET", "path": "/api/v2/organizations", "status": 200, "token_cost": 10,
                              "response_body": {"success": True, "data": [good_org], "additional_data": {"next_cursor": None}}}),
        ("id as a string", False, {"method": "GET", "path": "/api/v2/organizations", "status": 200,
                                   "response_body": {"success": True, "data": [dict(good_org, id="1")]}}),
        ("null where live Pipedrive sends null", True, {"method": "GET", "path": "/api/v2/deals/1", "status": 200,
                                                        "response_body": {"success": True, "data": {"id": 1, "won_time": None}}}),
        ("null id", False, {"method": "GET", "path": "/api/v2/deals/1", "status": 200,
                            "response_body": {"success": True, "data": {"id": None}}}),
        ("data not an array", False, {"method": "GET", "path": "/api/v2/organizations", "status": 200,
                                      "response_body": {"success": True, "data": good_org}}),
        ("success false on 200", False, {"method": "GET", "path": "/api/v2/organizations/1", "status": 200,
                                         "response_body": {"success": False, "data": good_org}}),
        ("wrong token cost", False, {"method": "GET", "path": "/api/v2/deals", "status": 200, "token_cost": 20,
                                     "response_body": {"success": True, "data": []}}),
        ("valid org body", True, {"method": "POST", "path": "/api/v2/organizations", "request_body": {"name": "A"}}),
        ("org body without name", False, {"method": "POST", "path": "/api/v2/organizations", "request_body": {"owner_id": 1}}),
        ("value as a string", False, {"method": "POST", "path": "/api/v2/deals", "request_body": {"title": "T", "value": "5"}}),
        ("org_id null where not nullable", False, {"method": "PATCH", "path": "/api/v2/deals/3", "request_body": {"org_id": None}}),
        ("field type outside the enum", False, {"method": "POST", "path": "/api/v2/dealFields",
                                                "request_body": {"field_name": "X", "field_type": "hyperlink"}}),
        ("status comma list", True, {"method": "GET", "path": "/api/v2/deals", "query": "status=open%2Cdeleted"}),
        ("status outside the enum", False, {"method": "GET", "path": "/api/v2/deals", "query": "status=closed"}),
        ("limit not an integer", False, {"method": "GET", "path": "/api/v2/deals", "query": "limit=ten"}),
        ("search without term", False, {"method": "GET", "path": "/api/v2/itemSearch/field",
                                        "query": "entity_type=deal&field=title"}),
        ("probe that is really invalid", True, {"method": "POST", "path": "/api/v2/deals", "expect": "request_invalid",
                                                "request_body": {"title": "T", "value": "5"}}),
        ("probe that is valid after all", False, {"method": "POST", "path": "/api/v2/deals", "expect": "request_invalid",
                                                  "request_body": {"title": "T", "value": 5}}),
        ("error without envelope", False, {"method": "GET", "path": "/api/v2/deals/1", "status": 404,
                                           "response_body": {"message": "not found"}}),
        ("error with envelope", True, {"method": "GET", "path": "/api/v2/deals/1", "status": 404,
                                       "response_body": {"success": False, "error": "Deal not found"}}),
        ("unknown path", False, {"method": "GET", "path": "/api/v2/widgets"}),
        ("non-JSON 200", False, {"method": "GET", "path": "/api/v2/stages", "status": 200, "response_body": None}),
    ]
    failures = 0
    for label, should_pass, ex in cases:
        problems, _ = validate_dump(spec, {"exchanges": [ex]}, False, False)
        ok = not problems
        if ok != should_pass:
            failures += 1
            print("SELF-TEST FAILED: %s: expected %s, got %s %s" % (label, "pass" if should_pass else "violation",
                                                                    "pass" if ok else "violation", problems))
    problems, _ = validate_dump(spec, {"exchanges": [cases[0][2]]}, False, False, ["getOrganizations", "addDeal"])
    if not any("addDeal" in p for p in problems) or any("getOrganizations" in p for p in problems):
        failures += 1
        print("SELF-TEST FAILED: --require did not name exactly the missing operation: %s" % problems)
    print("self-test: %d case(s), %d failure(s)" % (len(cases) + 1, failures))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spec", help="path to pipedrive-openapi-v2.yml")
    ap.add_argument("--shared-dir", help="the shared folder holding reference/pipedrive-openapi-v2.yml")
    ap.add_argument("--strict-nulls", action="store_true", help="fail on nulls the spec does not declare nullable")
    ap.add_argument("--self-test", action="store_true", help="check that the validator rejects broken exchanges")
    ap.add_argument("--require", default="", help="comma list of operationIds every dump must exercise successfully")
    ap.add_argument("dumps", nargs="*")
    args = ap.parse_args()

    spec_path = args.spec
    shared = args.shared_dir or os.environ.get("TURFDRIVE_SHARED_DIR")
    if not spec_path and shared:
        spec_path = os.path.join(shared, "reference", "pipedrive-openapi-v2.yml")
    if not spec_path or not os.path.isfile(spec_path):
        print("SKIP: the OpenAPI spec (../shared/reference/pipedrive-openapi-v2.yml) is absent")
        return SKIP
    try:
        import jsonschema  # noqa: F401
        import yaml  # noqa: F401
    except ImportError as e:
        print("SKIP: python3-jsonschema and python3-yaml are needed (%s)" % e)
        return SKIP
    spec = Spec(load_yaml(spec_path))
    if args.self_test:
        return self_test(spec)
    if not args.dumps:
        ap.print_usage()
        return 2
    failed = False
    for path in args.dumps:
        try:
            with open(path, "r", encoding="utf-8") as fh:
                dump = json.load(fh)
            print("%s (%s)" % (path, dump.get("producer", "unknown producer")))
            require = [r for r in args.require.split(",") if r]
            problems, checked = validate_dump(spec, dump, args.strict_nulls, True, require)
        except (OSError, ValueError) as e:
            print("cannot read %s: %s" % (path, e))
            return 2
        if checked == 0:
            print("  VIOLATION: nothing in this dump could be checked")
            failed = True
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
