// Connects the core's in-process transport to a sandbox simulator: the only code that knows both sides' types.
#pragma once

#include "connectors/InProcessTransport.h"

class SimService;

namespace SandboxBridge {
// A handler for InProcessTransport that serves every request from the simulator. Hangs become timeouts,
// resets and truncated bodies become connection resets, as a real socket would report them.
InProcessTransport::Handler handlerFor(SimService *service);
} // namespace SandboxBridge
