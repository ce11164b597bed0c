// The queue of injected faults, taken per endpoint in the order they were set.
#pragma once

#include "OstendoFault.h"

#include <QList>
#include <optional>

class OstendoFaultPlan
{
public:
    void add(const OstendoFault &fault)
    {
        if (fault.times != 0) { // a fault for no request at all would otherwise never be used up
            m_faults.append(fault);
        }
    }
    void clear() { m_faults.clear(); }
    int pending() const { return int(m_faults.size()); }

    // The first fault that matches the endpoint, counted as used; nothing when none does.
    std::optional<OstendoFault> take(OstendoFault::Endpoint endpoint);

    static QString endpointName(OstendoFault::Endpoint endpoint);
    static std::optional<OstendoFault::Endpoint> endpointFromName(const QString &name);
    static std::optional<OstendoFault::Kind> kindFromName(const QString &name);

private:
    QList<OstendoFault> m_faults;
};
