// The Ostendo simulator's own "now" and server time zone, so tests can freeze and move the server's clock.
#pragma once

#include <QDateTime>
#include <QTimeZone>

class OstendoClock
{
public:
    OstendoClock();

    // The current instant: the system time plus any advance, or the frozen instant once setNow() was called.
    QDateTime nowUtc() const;
    // The same instant as the server's wall clock (Ostendo stores SYS* times in local time, without a zone).
    QDateTime nowLocal() const;

    void setNow(const QDateTime &instant); // freezes the clock at this instant
    void advance(qint64 seconds);          // moves a frozen clock, or shifts a running one
    bool isFrozen() const { return m_frozen; }

    QTimeZone timeZone() const { return m_zone; }
    bool setTimeZone(const QByteArray &ianaId); // false (and unchanged) when the id is unknown

private:
    QTimeZone m_zone;
    bool m_frozen = false;
    QDateTime m_frozenAt;
    qint64 m_offsetSeconds = 0;
};
