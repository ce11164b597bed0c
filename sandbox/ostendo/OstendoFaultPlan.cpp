#include "OstendoFaultPlan.h"

std::optional<OstendoFault> OstendoFaultPlan::take(OstendoFault::Endpoint endpoint)
{
    for (int i = 0; i < m_faults.size(); ++i) {
        OstendoFault &f = m_faults[i];
        if (f.endpoint != OstendoFault::Endpoint::Any && f.endpoint != endpoint) {
            continue;
        }
        const OstendoFault hit = f;
        if (f.times > 0 && --f.times == 0) {
            m_faults.removeAt(i);
        }
        return hit;
    }
    return std::nullopt;
}

QString OstendoFaultPlan::endpointName(OstendoFault::Endpoint endpoint)
{
    switch (endpoint) {
    case OstendoFault::Endpoint::Any:
        return QStringLiteral("any");
    case OstendoFault::Endpoint::TableDataGet:
        return QStringLiteral("tabledata_get");
    case OstendoFault::Endpoint::TableDataPost:
        return QStringLiteral("tabledata_post");
    case OstendoFault::Endpoint::SqlQuery:
        return QStringLiteral("sqlquery");
    case OstendoFault::Endpoint::ExecuteSql:
        return QStringLiteral("executesql");
    }
    return {};
}

std::optional<OstendoFault::Endpoint> OstendoFaultPlan::endpointFromName(const QString &name)
{
    for (const auto e :
         {OstendoFault::Endpoint::Any, OstendoFault::Endpoint::TableDataGet, OstendoFault::Endpoint::TableDataPost,
          OstendoFault::Endpoint::SqlQuery, OstendoFault::Endpoint::ExecuteSql}) {
        if (endpointName(e).compare(name, Qt::CaseInsensitive) == 0) {
            return e;
        }
    }
    return std::nullopt;
}

std::optional<OstendoFault::Kind> OstendoFaultPlan::kindFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("server_error")) {
        return OstendoFault::Kind::ServerError;
    }
    if (n == QLatin1String("hang")) {
        return OstendoFault::Kind::Hang;
    }
    if (n == QLatin1String("reset")) {
        return OstendoFault::Kind::Reset;
    }
    if (n == QLatin1String("truncate")) {
        return OstendoFault::Kind::Truncate;
    }
    if (n == QLatin1String("applied_then_lost")) {
        return OstendoFault::Kind::AppliedThenLost;
    }
    if (n == QLatin1String("lock_conflict")) {
        return OstendoFault::Kind::LockConflict;
    }
    if (n == QLatin1String("slow")) {
        return OstendoFault::Kind::Slow;
    }
    return std::nullopt;
}
