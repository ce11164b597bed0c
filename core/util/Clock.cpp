#include "Clock.h"

#include <atomic>

namespace {
const SystemClock g_systemClock;
std::atomic<const Clock *> g_current{&g_systemClock};
} // namespace

const Clock &Clock::current()
{
    return *g_current.load();
}

void Clock::setCurrent(const Clock *clock)
{
    g_current.store(clock ? clock : &g_systemClock);
}
