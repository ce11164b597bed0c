// What every fuzz target shares: an invariant check that stops the run with a message libFuzzer keeps as a crash.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <cstdio>
#include <cstdlib>

namespace FuzzSupport {
// Parsers warn about bad input by design; millions of warnings would drown libFuzzer's own report.
inline void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

inline void install()
{
    qInstallMessageHandler(quietMessages);
}

// Qt 6.4's JSON reader drops a U+FEFF at the start of a string value written without escapes (it decodes each
// such string on its own, and a leading byte order mark is skipped). Round trips through Qt's JSON cannot keep it,
// so targets leave such values out of their round-trip checks; the hostile-value test pins the behaviour down.
inline bool survivesQtJson(const QString &text)
{
    return !text.startsWith(QChar(0xFEFF));
}

[[noreturn]] inline void violated(const char *what, const QString &detail, const char *file, int line)
{
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, what, qPrintable(detail));
    std::abort();
}
} // namespace FuzzSupport

// A broken invariant aborts so that libFuzzer saves the input as a crash artefact, exactly like a sanitizer report.
#define FUZZ_CHECK(cond, detail)                                                                                       \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            FuzzSupport::violated(#cond, (detail), __FILE__, __LINE__);                                                \
        }                                                                                                              \
    } while (false)
