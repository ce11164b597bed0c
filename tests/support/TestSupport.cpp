#include "TestSupport.h"

#include <QDir>
#include <QFileInfo>

QString TestSupport::sourceDir()
{
    return QStringLiteral(TURFDRIVE_SOURCE_DIR);
}

QString TestSupport::binaryDir()
{
    return QStringLiteral(TURFDRIVE_BINARY_DIR);
}

QString TestSupport::sharedDir()
{
    QString dir = qEnvironmentVariable("TURFDRIVE_SHARED_DIR");
    if (dir.isEmpty()) {
        dir = sourceDir() + QStringLiteral("/../shared");
    }
    if (!QFileInfo(dir + QStringLiteral("/DESIGN.md")).exists()) {
        return {};
    }
    return QDir(dir).canonicalPath();
}

TestSupport::ScratchDir::ScratchDir()
{
    setAutoRemove(!qEnvironmentVariableIsSet("TURFDRIVE_TEST_ARTIFACTS"));
}
