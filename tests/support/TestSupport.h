// Helpers shared by the tests: where the sources and the shared references are, scratch folders.
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace TestSupport {
QString sourceDir();
QString binaryDir();
// ../shared beside the checkout (set by ctest as TURFDRIVE_SHARED_DIR), or empty when it is absent, as in a
// newcomer's clone: tests that need it QSKIP with a one-line reason.
QString sharedDir();

// A test's scratch folder. It is removed afterwards, unless ctest runs the test with TURFDRIVE_TEST_ARTIFACTS set
// (tests/CMakeLists.txt does): then it is kept under that folder, so the security scan after the whole suite reads
// every database, settings file and log the test wrote and proves no test secret reached one.
class ScratchDir : public QTemporaryDir
{
public:
    ScratchDir();
};
} // namespace TestSupport

#define TURFDRIVE_REQUIRE_SHARED(dirVar)                                                                               \
    const QString dirVar = TestSupport::sharedDir();                                                                   \
    if (dirVar.isEmpty())                                                                                              \
    QSKIP("../shared is absent (a newcomer's clone): the reference files this test reads are not here")
