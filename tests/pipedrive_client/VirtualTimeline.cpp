#include "VirtualTimeline.h"

#include <QCoreApplication>
#include <QEvent>

namespace {
const QEvent::Type StepEvent = QEvent::Type(QEvent::User + 71);
}

VirtualTimeline::VirtualTimeline(ManualClock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

void VirtualTimeline::schedule(qint64 ms, std::function<void()> then)
{
    m_due.emplace(m_clock->nowUtc().toMSecsSinceEpoch() + std::max<qint64>(0, ms), std::move(then));
    kick();
}

std::function<void(qint64, std::function<void()>)> VirtualTimeline::delayFunction()
{
    return [this](qint64 ms, std::function<void()> then) {
        schedule(ms, std::move(then));
    };
}

void VirtualTimeline::kick()
{
    if (m_kicked) {
        return;
    }
    m_kicked = true;
    // Low priority: every normal posted event (an in-process transport's answer) runs first, as it would
    // before a real timer fired.
    QCoreApplication::postEvent(this, new QEvent(StepEvent), Qt::LowEventPriority);
}

bool VirtualTimeline::event(QEvent *e)
{
    if (e->type() != StepEvent) {
        return QObject::event(e);
    }
    m_kicked = false;
    if (m_due.empty()) {
        return true;
    }
    auto first = m_due.begin();
    const qint64 now = m_clock->nowUtc().toMSecsSinceEpoch();
    if (first->first > now) {
        m_advancedMs += first->first - now;
        m_clock->set(QDateTime::fromMSecsSinceEpoch(first->first, Qt::UTC));
    }
    std::function<void()> then = std::move(first->second);
    m_due.erase(first);
    then();
    if (!m_due.empty()) {
        kick();
    }
    return true;
}
