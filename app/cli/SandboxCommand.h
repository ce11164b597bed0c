// `turfdrive-cli sandbox`: both simulators on loopback, seeded with the demo company, until interrupted.
#pragma once

#include <QStringList>

namespace SandboxCommand {
int run(const QStringList &arguments); // arguments[0] is the program name
} // namespace SandboxCommand
