// The source of "now" for everything that stores or compares times, so tests and simulations can move time.
#pragma once

#include <QDateTime>

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const = 0;

    // The process-wide clock: the system clock unless a test installed another one.
    static const Clock &current();
    static void setCurrent(const Clock *clock); // nullptr restores the system clock
};

class SystemClock : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc(); }
};

// A clock that only moves when told to: for tests and deterministic simulations.
class ManualClock : public Clock
{
public:
    explicit ManualClock(const QDateTime &start)
        : m_now(start.toUTC())
    {}
    QDateTime nowUtc() const override { return m_now; }
    void set(const QDateTime &now) { m_now = now.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};
