#include "OstendoControlApi.h"

#include "OstendoFaultPlan.h"
#include "OstendoSchema.h"
#include "OstendoSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
SimResponse reply(int status, const QJsonValue &value)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return SimResponse::json(status, body);
}

SimResponse failure(int status, const QString &message)
{
    return reply(status, QJsonObject{{QStringLiteral("error"), message}});
}

QJsonObject rowObject(const QVariantMap &row)
{
    return QJsonObject::fromVariantMap(row);
}
} // namespace

OstendoControlApi::OstendoControlApi(OstendoSimulator &simulator)
    : m_sim(simulator)
{}

SimResponse OstendoControlApi::handle(const SimRequest &request)
{
    QString path = request.path;
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    const QByteArray &method = request.method;
    QJsonObject body;
    if (!request.body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (!doc.isObject()) {
            return failure(400, QStringLiteral("the body must be a JSON object"));
        }
        body = doc.object();
    }
    const auto queryInt = [&](const char *name, int fallback) {
        bool ok = false;
        const int v = request.query.queryItemValue(QLatin1String(name)).toInt(&ok);
        return ok ? v : fallback;
    };
    const int configuration = body.contains(QStringLiteral("configuration"))
                                  ? body.value(QStringLiteral("configuration")).toInt()
                                  : queryInt("configuration", 0);

    if (path == QLatin1String("/_sim/state") && method == "GET") {
        QJsonObject counts;
        for (const int c : m_sim.configurations()) {
            QJsonObject tables;
            for (const OstendoTable &t : OstendoSchema::tables()) {
                tables.insert(t.name, m_sim.rowCount(c, t.name));
            }
            counts.insert(QString::number(c), tables);
        }
        const OstendoSettings &s = m_sim.settings();
        return reply(
            200, QJsonObject{
                     {QStringLiteral("nowUtc"), m_sim.clock().nowUtc().toString(Qt::ISODate)},
                     {QStringLiteral("nowLocal"), m_sim.clock().nowLocal().toString(Qt::ISODate)},
                     {QStringLiteral("timeZone"), QString::fromUtf8(m_sim.clock().timeZone().id())},
                     {QStringLiteral("counts"), counts},
                     {QStringLiteral("faultsPending"), m_sim.faults().pending()},
                     {QStringLiteral("outOfMemoryRows"), s.outOfMemoryRows},
                     {QStringLiteral("maxInListItems"), s.maxInListItems},
                     {QStringLiteral("sqlErrorStatus"), s.sqlErrorStatus},
                     {QStringLiteral("keyErrorStatus"), s.keyErrorStatus},
                     {QStringLiteral("touchModifiedOnSql"), s.touchModifiedOnSql},
                     {QStringLiteral("apiUser"), s.apiUser},
                     {QStringLiteral("maxUrlLength"), s.maxUrlLength},
                     {QStringLiteral("integralDoublesWithFraction"), m_sim.formatter().integralDoublesWithFraction()},
                     {QStringLiteral("jsonDates"), m_sim.formatter().jsonDates() == OstendoFormatter::JsonDates::Iso
                                                       ? QStringLiteral("iso")
                                                       : QStringLiteral("locale")},
                 });
    }
    if (path == QLatin1String("/_sim/time") && method == "POST") {
        if (body.contains(QStringLiteral("now"))) {
            const QDateTime now = QDateTime::fromString(body.value(QStringLiteral("now")).toString(), Qt::ISODate);
            if (!now.isValid()) {
                return failure(400, QStringLiteral("now must be an ISO 8601 date-time"));
            }
            m_sim.clock().setNow(now);
        }
        m_sim.clock().advance(qint64(body.value(QStringLiteral("advanceSeconds")).toDouble()));
        return reply(200, QJsonObject{{QStringLiteral("nowUtc"), m_sim.clock().nowUtc().toString(Qt::ISODate)}});
    }
    if (path == QLatin1String("/_sim/settings") && method == "POST") {
        OstendoSettings &s = m_sim.settings();
        s.outOfMemoryRows = body.value(QStringLiteral("outOfMemoryRows")).toInt(s.outOfMemoryRows);
        s.maxInListItems = body.value(QStringLiteral("maxInListItems")).toInt(s.maxInListItems);
        s.sqlErrorStatus = body.value(QStringLiteral("sqlErrorStatus")).toInt(s.sqlErrorStatus);
        s.keyErrorStatus = body.value(QStringLiteral("keyErrorStatus")).toInt(s.keyErrorStatus);
        s.touchModifiedOnSql = body.value(QStringLiteral("touchModifiedOnSql")).toBool(s.touchModifiedOnSql);
        s.apiUser = body.value(QStringLiteral("apiUser")).toString(s.apiUser);
        s.maxUrlLength = body.value(QStringLiteral("maxUrlLength")).toInt(s.maxUrlLength);
        if (body.contains(QStringLiteral("integralDoublesWithFraction"))) {
            m_sim.formatter().setIntegralDoublesWithFraction(
                body.value(QStringLiteral("integralDoublesWithFraction")).toBool());
        }
        if (body.contains(QStringLiteral("jsonDates"))) {
            m_sim.formatter().setJsonDates(body.value(QStringLiteral("jsonDates")).toString() == QLatin1String("locale")
                                               ? OstendoFormatter::JsonDates::Locale
                                               : OstendoFormatter::JsonDates::Iso);
        }
        if (body.contains(QStringLiteral("timeZone")) &&
            !m_sim.clock().setTimeZone(body.value(QStringLiteral("timeZone")).toString().toUtf8())) {
            return failure(400, QStringLiteral("unknown time zone"));
        }
        return reply(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == QLatin1String("/_sim/keys") && method == "POST") {
        OstendoApiKey key;
        key.key = body.value(QStringLiteral("key")).toString();
        key.label = body.value(QStringLiteral("label")).toString();
        key.expires = QDate::fromString(body.value(QStringLiteral("expires")).toString(), Qt::ISODate);
        key.sqlAllowed = body.value(QStringLiteral("sqlAllowed")).toBool();
        for (const QJsonValue &c : body.value(QStringLiteral("configurations")).toArray()) {
            key.configurations << c.toInt();
        }
        if (key.key.isEmpty()) {
            return failure(400, QStringLiteral("key is required"));
        }
        m_sim.addKey(key);
        return reply(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == QLatin1String("/_sim/configurations") && method == "POST") {
        if (configuration < 0 || configuration > 9) {
            return failure(400, QStringLiteral("configuration must be 0..9"));
        }
        m_sim.enableConfiguration(configuration);
        return reply(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == QLatin1String("/_sim/seed") && method == "POST") {
        if (configuration < 0 || configuration > 9) {
            return failure(400, QStringLiteral("configuration must be 0..9"));
        }
        m_sim.seedDemo(quint32(body.value(QStringLiteral("seed")).toDouble(1)),
                       body.value(QStringLiteral("customers")).toInt(20), body.value(QStringLiteral("jobs")).toInt(30),
                       configuration);
        return reply(200, QJsonObject{{QStringLiteral("ok"), true}});
    }
    if (path == QLatin1String("/_sim/rows")) {
        const QString table = body.contains(QStringLiteral("table"))
                                  ? body.value(QStringLiteral("table")).toString()
                                  : request.query.queryItemValue(QStringLiteral("table"));
        if (!OstendoSchema::table(table)) {
            return failure(404, QStringLiteral("unknown table"));
        }
        const qint64 id = body.contains(QStringLiteral("id"))
                              ? qint64(body.value(QStringLiteral("id")).toDouble())
                              : request.query.queryItemValue(QStringLiteral("id")).toLongLong();
        const QString user = body.value(QStringLiteral("user")).toString(QStringLiteral("ADMIN"));
        const QVariantMap values = body.value(QStringLiteral("values")).toObject().toVariantMap();
        QString error;
        if (method == "GET") {
            if (id != 0) {
                const QVariantMap row = m_sim.row(configuration, table, id);
                return row.isEmpty() ? failure(404, QStringLiteral("no such row")) : reply(200, rowObject(row));
            }
            QJsonArray all;
            for (const QVariantMap &row : m_sim.rows(configuration, table)) {
                all.append(rowObject(row));
            }
            return reply(200, all);
        }
        if (method == "POST") {
            const qint64 newId = m_sim.insertRow(configuration, table, values, user, &error);
            return newId ? reply(200, QJsonObject{{QStringLiteral("id"), double(newId)}}) : failure(400, error);
        }
        if (method == "PATCH") {
            return m_sim.editRow(configuration, table, id, values, user, &error)
                       ? reply(200, rowObject(m_sim.row(configuration, table, id)))
                       : failure(400, error);
        }
        if (method == "DELETE") {
            return m_sim.deleteRow(configuration, table, id) ? reply(200, QJsonObject{{QStringLiteral("ok"), true}})
                                                             : failure(404, QStringLiteral("no such row"));
        }
    }
    if (path == QLatin1String("/_sim/log")) {
        if (method == "DELETE") {
            m_sim.clearRequestLog();
            return reply(200, QJsonObject{{QStringLiteral("ok"), true}});
        }
        QJsonArray all;
        for (const OstendoRequestLogEntry &e : m_sim.requestLog()) {
            all.append(QJsonObject{{QStringLiteral("at"), e.atUtc.toString(Qt::ISODate)},
                                   {QStringLiteral("method"), QString::fromLatin1(e.method)},
                                   {QStringLiteral("path"), e.path},
                                   {QStringLiteral("endpoint"), e.endpoint},
                                   {QStringLiteral("configuration"), e.configuration},
                                   {QStringLiteral("table"), e.table},
                                   {QStringLiteral("format"), e.format},
                                   {QStringLiteral("sql"), e.sql},
                                   {QStringLiteral("key"), e.keyLabel},
                                   {QStringLiteral("status"), e.status},
                                   {QStringLiteral("outcome"), e.outcome}});
        }
        return reply(200, all);
    }
    if (path == QLatin1String("/_sim/faults")) {
        if (method == "DELETE") {
            m_sim.faults().clear();
            return reply(200, QJsonObject{{QStringLiteral("ok"), true}});
        }
        if (method == "POST") {
            const auto endpoint = OstendoFaultPlan::endpointFromName(
                body.value(QStringLiteral("endpoint")).toString(QStringLiteral("any")));
            const auto kind = OstendoFaultPlan::kindFromName(body.value(QStringLiteral("kind")).toString());
            if (!endpoint || !kind) {
                return failure(400, QStringLiteral("unknown endpoint or kind"));
            }
            OstendoFault fault;
            fault.endpoint = *endpoint;
            fault.kind = *kind;
            fault.status = body.value(QStringLiteral("status")).toInt(fault.status);
            fault.delayMs = body.value(QStringLiteral("delayMs")).toInt(fault.delayMs);
            fault.times = body.value(QStringLiteral("times")).toInt(fault.times);
            const QString lostAs = body.value(QStringLiteral("lostAs")).toString(QStringLiteral("reset"));
            fault.lostAs = lostAs == QLatin1String("hang")       ? SimResponse::Fault::Hang
                           : lostAs == QLatin1String("truncate") ? SimResponse::Fault::Truncate
                                                                 : SimResponse::Fault::Reset;
            m_sim.addFault(fault);
            return reply(200, QJsonObject{{QStringLiteral("ok"), true}});
        }
    }
    return failure(404, QStringLiteral("unknown control resource"));
}
