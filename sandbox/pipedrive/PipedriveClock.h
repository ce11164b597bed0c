// The simulator's own time source: fixed and moved by tests, or following the system clock for interactive use.
#pragma once

#include <QDateTime>
#include <QtGlobal>

class PipedriveClock
{
public:
    // Starts manual at a fixed instant so that two runs with the same seed produce the same timestamps.
    PipedriveClock();

    // Manual mode: time stands still until setNow() or advance*() moves it.
    void setNow(const QDateTime &utc);
    // Follows the system clock (plus whatever advance*() added since), as `turfdrive-cli sandbox` needs.
    void followSystemTime();
    bool isManual() const { return m_manual; }

    void advanceSeconds(qint64 seconds) { advanceMSecs(seconds * 1000); }
    void advanceMSecs(qint64 msecs);

    qint64 nowMSecs() const;
    qint64 nowSecs() const { return nowMSecs() / 1000; }
    QDateTime nowUtc() const;

    // RFC 3339 UTC with whole seconds, the form Pipedrive v2 uses ("2024-07-01T05:46:33Z").
    static QString formatTime(qint64 secs);
    static QString formatDate(qint64 secs);

private:
    bool m_manual = true;
    qint64 m_fixedMSecs = 0;  // manual mode: the current instant
    qint64 m_offsetMSecs = 0; // system mode: added to the system time
};
