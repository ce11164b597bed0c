// The subcommands of turfdrive-cli (DESIGN §4). Each returns the process exit code.
#pragma once

#include <QStringList>

namespace CliCommands {
enum ExitCode
{
    InStep = 0,
    CouldNotSync = 1,
    BadUsage = 2,
    PendingReview = 3,
    SomeFailed = 4,
};

int run(const QStringList &arguments);
} // namespace CliCommands
