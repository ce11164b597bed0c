// Helpers shared by the tests: where the sources and the shared references are, scratch folders.
#pragma once

#include <QString>

namespace TestSupport {
QString sourceDir();
QString binaryDir();
// ../shared beside the checkout (set by ctest as TURFDRIVE_SHARED_DIR), or empty when it is absent, as in a
// newcomer's clone: tests that need it QSKIP with a one-line reason.
QString sharedDir();
} // namespace TestSupport

#define TURFDRIVE_REQUIRE_SHARED(dirVar)                                                                               \
    const QString dirVar = TestSupport::sharedDir();                                                                   \
    if (dirVar.isEmpty())                                                                                              \
    QSKIP("../shared is absent (a newcomer's clone): the reference files this test reads are not here")
