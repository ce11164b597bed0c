// Logging categories of TurfDrive and the message handler that keeps secrets out of every log line.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcModel)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
Q_DECLARE_LOGGING_CATEGORY(lcPipedrive)
Q_DECLARE_LOGGING_CATEGORY(lcOstendo)
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcUi)

namespace Logging {
// Installs a message handler that passes every message through SecretRedactor before it reaches the previous
// handler (stderr by default). Call once, first thing in main().
void installRedactingHandler();
} // namespace Logging
