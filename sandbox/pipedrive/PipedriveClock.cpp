#include "PipedriveClock.h"

PipedriveClock::PipedriveClock()
    : m_fixedMSecs(QDateTime(QDate(2026, 3, 2), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch())
{}

void PipedriveClock::setNow(const QDateTime &utc)
{
    m_manual = true;
    m_fixedMSecs = utc.toMSecsSinceEpoch();
}

void PipedriveClock::followSystemTime()
{
    m_manual = false;
    m_offsetMSecs = 0;
}

void PipedriveClock::advanceMSecs(qint64 msecs)
{
    if (m_manual) {
        m_fixedMSecs += msecs;
    } else {
        m_offsetMSecs += msecs;
    }
}

qint64 PipedriveClock::nowMSecs() const
{
    return m_manual ? m_fixedMSecs : QDateTime::currentMSecsSinceEpoch() + m_offsetMSecs;
}

QDateTime PipedriveClock::nowUtc() const
{
    return QDateTime::fromMSecsSinceEpoch(nowMSecs(), Qt::UTC);
}

QString PipedriveClock::formatTime(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}

QString PipedriveClock::formatDate(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).date().toString(Qt::ISODate);
}
