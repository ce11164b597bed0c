#include "RetryPolicy.h"

#include <QRandomGenerator>
#include <algorithm>

qint64 RetryPolicy::delayBeforeAttempt(int attempt, QRandomGenerator &random) const
{
    if (attempt <= 1) {
        return 0;
    }
    const int exponent = std::min(attempt - 2, 30);
    const double raw = std::min(double(maxDelayMs), double(baseDelayMs) * double(1LL << exponent));
    const double spread = raw * jitter;
    const double offset = (random.generateDouble() * 2.0 - 1.0) * spread;
    return std::clamp(qint64(raw + offset), qint64(0), maxDelayMs);
}
