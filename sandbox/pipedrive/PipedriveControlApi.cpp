#include "PipedriveControlApi.h"

#include "PipedriveSimulator.h"
#include "PipedriveWriteValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

SimResponse reply(int status, const QJsonValue &data)
{
    QJsonObject o{{s("ok"), status < 400}};
    if (status < 400) {
        o.insert(s("data"), data);
    } else {
        o.insert(s("error"), data);
    }
    return SimResponse::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

SimResponse fail(int status, const QString &message)
{
    return reply(status, message);
}

QJsonArray headersJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonArray out;
    for (const auto &h : headers) {
        out.append(QJsonArray{QString::fromLatin1(h.first), QString::fromUtf8(h.second)});
    }
    return out;
}
} // namespace

PipedriveControlApi::PipedriveControlApi(PipedriveSimulator *simulator)
    : m_sim(simulator)
{}

SimResponse PipedriveControlApi::handle(const SimRequest &request)
{
    const QStringList parts = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts).mid(1);
    const QByteArray &method = request.method;
    QJsonObject body;
    if (!request.body.isEmpty()) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            return fail(400, s("The body must be a JSON object"));
        }
        body = doc.object();
    }
    const QString what = parts.value(0);
    const QString idText = parts.value(1);
    const qint64 id = idText.toLongLong();

    if (what == QLatin1String("state") && method == "GET") {
        return reply(200, m_sim->stateSummary());
    }
    if (what == QLatin1String("reset") && method == "POST") {
        m_sim->resetAccount();
        return reply(200, m_sim->stateSummary());
    }
    if (what == QLatin1String("seed") && method == "POST") {
        m_sim->seedDemo(static_cast<quint32>(body.value(s("seed")).toInteger(1)),
                        body.value(s("organizations")).toInt(25), body.value(s("deals")).toInt(40));
        return reply(200, m_sim->stateSummary());
    }
    if (what == QLatin1String("tokens") && method == "POST") {
        const QString token = body.value(s("token")).toString();
        if (token.isEmpty()) {
            return fail(400, s("token is required"));
        }
        m_sim->addApiToken(token.toUtf8(), body.value(s("plan")).toString(s("growth")));
        return reply(200, QJsonObject{{s("token_added"), true}});
    }
    if (what == QLatin1String("time")) {
        if (method == "POST") {
            if (body.contains(s("now"))) {
                const qint64 t = PipedriveWriteValidator::parseRfc3339(body.value(s("now")).toString());
                if (t < 0) {
                    return fail(400, s("now must be an RFC 3339 time"));
                }
                m_sim->setNow(QDateTime::fromSecsSinceEpoch(t, Qt::UTC));
            }
            if (body.contains(s("advance_seconds"))) {
                m_sim->advanceSeconds(body.value(s("advance_seconds")).toInteger());
            }
        }
        return reply(200, QJsonObject{{s("now"), PipedriveClock::formatTime(m_sim->clock().nowSecs())},
                                      {s("manual"), m_sim->clock().isManual()}});
    }
    if (what == QLatin1String("settings") && method == "POST") {
        if (body.contains(s("search_index_delay_seconds"))) {
            m_sim->setSearchIndexDelaySeconds(body.value(s("search_index_delay_seconds")).toInt());
        }
        if (body.contains(s("burst_limit"))) {
            m_sim->rateLimiter().setBurstLimit(body.value(s("burst_limit")).toInt());
        }
        if (body.contains(s("daily_budget"))) {
            m_sim->rateLimiter().setDailyBudget(body.value(s("daily_budget")).toInteger());
        }
        if (body.contains(s("abuse_threshold"))) {
            m_sim->rateLimiter().setAbuseThreshold(body.value(s("abuse_threshold")).toInt());
        }
        if (body.contains(s("retry_after"))) {
            m_sim->rateLimiter().setRetryAfterEnabled(body.value(s("retry_after")).toBool());
        }
        if (body.contains(s("daily_headers"))) {
            m_sim->rateLimiter().setDailyHeadersEnabled(body.value(s("daily_headers")).toBool());
        }
        if (body.contains(s("deleted_get"))) {
            m_sim->setDeletedGet(body.value(s("deleted_get")).toString() == QLatin1String("flagged")
                                     ? PipedriveSimulator::DeletedGet::Flagged
                                     : PipedriveSimulator::DeletedGet::NotFound);
        }
        return reply(200, m_sim->stateSummary());
    }
    if (what == QLatin1String("faults")) {
        if (method == "DELETE") {
            m_sim->clearFaults();
            return reply(200, QJsonObject{{s("faults"), 0}});
        }
        if (method == "POST") {
            PipedriveFaultInjector::Rule rule;
            if (!PipedriveFaultInjector::kindFromName(body.value(s("kind")).toString(), &rule.kind)) {
                return fail(400, s("kind must be one of server_error, hang, reset, truncate, non_json, "
                                   "apply_then_hang, apply_then_reset, payment_required, feature_capping"));
            }
            rule.method = body.value(s("method")).toString().toUtf8();
            rule.pathPattern = body.value(s("path")).toString(s("*"));
            rule.status = body.value(s("status")).toInt(500);
            rule.remaining = body.value(s("count")).toInt(-1);
            rule.probability = body.value(s("probability")).toDouble(1.0);
            m_sim->addFault(rule);
            return reply(200, QJsonObject{{s("faults"), m_sim->faults().ruleCount()}});
        }
    }
    if (what == QLatin1String("requests")) {
        if (method == "DELETE") {
            m_sim->clearRequestLog();
            return reply(200, QJsonArray());
        }
        QJsonArray out;
        for (const PipedriveRequestLogEntry &e : m_sim->requestLog()) {
            out.append(QJsonObject{{s("at"), PipedriveClock::formatTime(e.atMSecs / 1000)},
                                   {s("method"), QString::fromLatin1(e.method)},
                                   {s("path"), e.path},
                                   {s("query"), e.query},
                                   {s("headers"), headersJson(e.headers)},
                                   {s("body"), QString::fromUtf8(e.body)},
                                   {s("operation"), e.operation},
                                   {s("token_cost"), e.tokenCost},
                                   {s("status"), e.status},
                                   {s("fault"), e.fault}});
        }
        return reply(200, out);
    }
    if (what == QLatin1String("fields") && method == "GET") {
        QJsonObject out;
        for (const PipedriveEntity entity : {PipedriveEntity::Organization, PipedriveEntity::Deal}) {
            QJsonArray list;
            for (const PipedriveField &f : m_sim->fieldRegistry().customFields(entity)) {
                list.append(QJsonObject{{s("name"), f.name}, {s("key"), f.code}, {s("type"), f.type}});
            }
            out.insert(PipedriveEntityNames::singular(entity), list);
        }
        return reply(200, out);
    }
    if (what == QLatin1String("fields") && method == "POST") {
        PipedriveEntity entity = PipedriveEntity::Organization;
        if (!PipedriveEntityNames::fromSingular(body.value(s("entity")).toString(), &entity)) {
            return fail(400, s("entity must be organization or deal"));
        }
        QStringList options;
        for (const QJsonValue &o : body.value(s("options")).toArray()) {
            options.append(o.toString());
        }
        const QString key = m_sim->ensureCustomField(entity, body.value(s("name")).toString(),
                                                     body.value(s("type")).toString(s("varchar")), options);
        return reply(200, QJsonObject{{s("key"), key}});
    }
    if (what == QLatin1String("organizations") || what == QLatin1String("deals")) {
        const bool deal = what == QLatin1String("deals");
        QString error;
        if (method == "GET" && idText.isEmpty()) {
            return reply(200, deal ? m_sim->allDeals() : m_sim->allOrganizations());
        }
        if (method == "GET") {
            const QJsonObject o = deal ? m_sim->deal(id) : m_sim->organization(id);
            return o.isEmpty() ? fail(404, s("No such record")) : reply(200, o);
        }
        if (method == "POST" && idText.isEmpty()) {
            const qint64 newId = deal ? m_sim->createDeal(body, &error) : m_sim->createOrganization(body, &error);
            return newId ? reply(200, deal ? m_sim->deal(newId) : m_sim->organization(newId)) : fail(400, error);
        }
        if (method == "POST" && deal && parts.value(2) == QLatin1String("archive")) {
            return m_sim->archiveDeal(id, body.value(s("archived")).toBool(true)) ? reply(200, m_sim->deal(id))
                                                                                  : fail(404, s("No such deal"));
        }
        if (method == "PATCH") {
            const bool ok = deal ? m_sim->editDeal(id, body, &error) : m_sim->editOrganization(id, body, &error);
            return ok ? reply(200, deal ? m_sim->deal(id) : m_sim->organization(id)) : fail(400, error);
        }
        if (method == "DELETE") {
            const bool ok = deal ? m_sim->deleteDeal(id) : m_sim->deleteOrganization(id);
            return ok ? reply(200, QJsonObject{{s("id"), id}}) : fail(404, s("No such record"));
        }
    }
    return fail(404,
                s("Unknown control route; GET /_sim/state, /_sim/organizations, /_sim/deals, /_sim/requests, ..."));
}
