// Virtual time for client tests: delays move a ManualClock instead of waiting, and fire in due order only after
// every ordinary pending event (transport answers) has been handled, so simulated minutes pass in milliseconds.
#pragma once

#include "util/Clock.h"

#include <QObject>
#include <functional>
#include <map>

class VirtualTimeline : public QObject
{
    Q_OBJECT
public:
    explicit VirtualTimeline(ManualClock *clock, QObject *parent = nullptr);

    void schedule(qint64 ms, std::function<void()> then);
    // A delay function for PipedriveClient::setDelayFunction.
    std::function<void(qint64, std::function<void()>)> delayFunction();
    qint64 totalAdvancedMs() const { return m_advancedMs; }

protected:
    bool event(QEvent *event) override;

private:
    void kick();

    ManualClock *m_clock;
    std::multimap<qint64, std::function<void()>> m_due; // by due time in ms since epoch; equal times keep order
    bool m_kicked = false;
    qint64 m_advancedMs = 0;
};
