#include "SimClock.h"

SimClock::SimClock()
    : m_fixedMSecs(QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch())
{}

void SimClock::setNow(const QDateTime &utc)
{
    m_manual = true;
    m_fixedMSecs = utc.toMSecsSinceEpoch();
}

void SimClock::followSystemTime()
{
    m_manual = false;
    m_offsetMSecs = 0;
}

void SimClock::advanceMSecs(qint64 msecs)
{
    if (m_manual) {
        m_fixedMSecs += msecs;
    } else {
        m_offsetMSecs += msecs;
    }
}

qint64 SimClock::nowMSecs() const
{
    return m_manual ? m_fixedMSecs : QDateTime::currentMSecsSinceEpoch() + m_offsetMSecs;
}

QDateTime SimClock::nowUtc() const
{
    return QDateTime::fromMSecsSinceEpoch(nowMSecs(), Qt::UTC);
}

QString SimClock::formatTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

QString SimClock::formatDate(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date().toString(Qt::ISODate);
}
