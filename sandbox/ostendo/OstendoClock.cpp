#include "OstendoClock.h"

OstendoClock::OstendoClock()
    : m_zone(QByteArrayLiteral("Pacific/Auckland"))
{
    if (!m_zone.isValid()) {
        // A machine without tz data still gets a plausible NZ standard offset rather than UTC.
        m_zone = QTimeZone(12 * 3600);
    }
}

QDateTime OstendoClock::nowUtc() const
{
    if (m_frozen) {
        return m_frozenAt;
    }
    return QDateTime::currentDateTimeUtc().addSecs(m_offsetSeconds);
}

QDateTime OstendoClock::nowLocal() const
{
    const QDateTime local = nowUtc().toTimeZone(m_zone);
    // Firebird TIMESTAMP has no zone: keep the wall-clock reading only, to the second as Ostendo shows it.
    const QTime t = local.time();
    return QDateTime(local.date(), QTime(t.hour(), t.minute(), t.second()));
}

void OstendoClock::setNow(const QDateTime &instant)
{
    m_frozen = true;
    m_frozenAt = instant.toUTC();
}

void OstendoClock::advance(qint64 seconds)
{
    if (m_frozen) {
        m_frozenAt = m_frozenAt.addSecs(seconds);
    } else {
        m_offsetSeconds += seconds;
    }
}

bool OstendoClock::setTimeZone(const QByteArray &ianaId)
{
    const QTimeZone zone(ianaId);
    if (!zone.isValid()) {
        return false;
    }
    m_zone = zone;
    return true;
}
