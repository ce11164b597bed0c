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
