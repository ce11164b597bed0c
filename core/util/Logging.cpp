#include "Logging.h"

#include "SecretRedactor.h"

Q_LOGGING_CATEGORY(lcStore, "turfdrive.core.store")
Q_LOGGING_CATEGORY(lcConfig, "turfdrive.core.config")
Q_LOGGING_CATEGORY(lcSecrets, "turfdrive.core.secrets")
Q_LOGGING_CATEGORY(lcModel, "turfdrive.core.model")
Q_LOGGING_CATEGORY(lcEngine, "turfdrive.core.engine")
Q_LOGGING_CATEGORY(lcPipedrive, "turfdrive.connectors.pipedrive")
Q_LOGGING_CATEGORY(lcOstendo, "turfdrive.connectors.ostendo")
Q_LOGGING_CATEGORY(lcHttp, "turfdrive.connectors.http")
Q_LOGGING_CATEGORY(lcUi, "turfdrive.ui")

namespace {
QtMessageHandler g_previousHandler = nullptr;

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = SecretRedactor::instance().redact(message);
    if (g_previousHandler) {
        g_previousHandler(type, context, clean);
    }
}
} // namespace

void Logging::installRedactingHandler()
{
    QtMessageHandler previous = qInstallMessageHandler(redactingHandler);
    if (previous != redactingHandler) {
        g_previousHandler = previous;
    }
}
