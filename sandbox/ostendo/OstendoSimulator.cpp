#include "OstendoSimulator.h"

#include "OstendoControlApi.h"
#include "OstendoDemoData.h"
#include "OstendoSchema.h"

#include <QThread>
#include <QUrl>
#include <QXmlStreamReader>

namespace {
const QByteArray kXml = QByteArrayLiteral("text/xml; charset=utf-8");
const QByteArray kJson = QByteArrayLiteral("application/json; charset=utf-8");
const int kMaxLogEntries = 10000;

// Query parameter names are matched case-insensitively, as the Windows service does. The value keeps '+' as a
// literal '+': that is why a condition whose spaces were sent as '+' breaks.
std::optional<QString> param(const QUrlQuery &query, const char *name)
{
    const auto items = query.queryItems(QUrl::PrettyDecoded);
    for (const auto &item : items) {
        if (item.first.compare(QLatin1String(name), Qt::CaseInsensitive) == 0) {
            return QUrl::fromPercentEncoding(item.second.toUtf8());
        }
    }
    return std::nullopt;
}

// The key is decoded once the way a form decoder does ('+' is a space), so a key sent unencoded or encoded
// twice does not match.
QString apiKeyParam(const QUrlQuery &query)
{
    const auto items = query.queryItems(QUrl::PrettyDecoded);
    for (const auto &item : items) {
        if (item.first.compare(QLatin1String("apikey"), Qt::CaseInsensitive) == 0) {
            QString value = item.second;
            value.replace(QLatin1Char('+'), QLatin1Char(' '));
            return QUrl::fromPercentEncoding(value.toUtf8());
        }
    }
    return {};
}

SimResponse document(int status, const QByteArray &body, bool json)
{
    return SimResponse::text(status, json ? kJson : kXml, body);
}
} // namespace

OstendoSimulator::OstendoSimulator()
    : m_control(std::make_unique<OstendoControlApi>(*this))
{
    enableConfiguration(0);
}

OstendoSimulator::~OstendoSimulator() = default;

OstendoApiKey OstendoSimulator::demoKey()
{
    // Shaped like the keys Ostendo generates: base64 with '+', '/' and '=' padding, so a client that does not
    // encode it exactly once fails against the sandbox as it would on site.
    return {QStringLiteral("dGVyZmRyaXZlK3NhbmRib3g/b3N0ZW5kby9kZW1v+k9/Q=="),
            QStringLiteral("TurfDrive sandbox"),
            QDate(),
            true,
            {}};
}

void OstendoSimulator::enableConfiguration(int configuration)
{
    if (configuration < 0 || configuration > 9 || m_databases.count(configuration)) {
        return;
    }
    m_databases[configuration] = std::make_unique<OstendoDatabase>(configuration);
}

bool OstendoSimulator::hasConfiguration(int configuration) const
{
    return m_databases.count(configuration) > 0;
}

QList<int> OstendoSimulator::configurations() const
{
    QList<int> all;
    for (const auto &entry : m_databases) {
        all << entry.first;
    }
    return all;
}

OstendoDatabase *OstendoSimulator::database(int configuration) const
{
    const auto it = m_databases.find(configuration);
    return it == m_databases.end() ? nullptr : it->second.get();
}

void OstendoSimulator::seedDemo(quint32 seed, int customers, int jobs, int configuration)
{
    enableConfiguration(configuration);
    if (OstendoDatabase *db = database(configuration)) {
        OstendoDemoData::seed(*db, m_clock.nowLocal(), seed, customers, jobs);
    }
}

qint64 OstendoSimulator::insertRow(int configuration, const QString &table, const QVariantMap &values,
                                   const QString &user, QString *error)
{
    OstendoDatabase *db = database(configuration);
    if (!db) {
        if (error) {
            *error = QStringLiteral("Config %1 is not set up").arg(configuration);
        }
        return 0;
    }
    return db->insertRow(table, values, m_clock.nowLocal(), user, error);
}

bool OstendoSimulator::editRow(int configuration, const QString &table, qint64 id, const QVariantMap &values,
                               const QString &user, QString *error)
{
    OstendoDatabase *db = database(configuration);
    if (!db) {
        if (error) {
            *error = QStringLiteral("Config %1 is not set up").arg(configuration);
        }
        return false;
    }
    return db->updateRow(table, id, values, m_clock.nowLocal(), user, error);
}

bool OstendoSimulator::deleteRow(int configuration, const QString &table, qint64 id)
{
    OstendoDatabase *db = database(configuration);
    return db && db->deleteRow(table, id);
}

QVariantMap OstendoSimulator::row(int configuration, const QString &table, qint64 id) const
{
    const OstendoDatabase *db = database(configuration);
    return db ? db->row(table, id) : QVariantMap();
}

QList<QVariantMap> OstendoSimulator::rows(int configuration, const QString &table) const
{
    const OstendoDatabase *db = database(configuration);
    return db ? db->rows(table) : QList<QVariantMap>();
}

QList<qint64> OstendoSimulator::findIds(int configuration, const QString &table, const QString &column,
                                        const QString &value) const
{
    const OstendoDatabase *db = database(configuration);
    return db ? db->findIds(table, column, value) : QList<qint64>();
}

int OstendoSimulator::rowCount(int configuration, const QString &table) const
{
    const OstendoDatabase *db = database(configuration);
    return db ? db->rowCount(table) : -1;
}

FirebirdSqlContext OstendoSimulator::sqlContext() const
{
    FirebirdSqlContext context;
    context.nowLocal = m_clock.nowLocal();
    context.touchModified = m_settings.touchModifiedOnSql;
    context.user = m_settings.apiUser;
    context.maxInListItems = m_settings.maxInListItems;
    return context;
}

SimResponse OstendoSimulator::error(int status, const QString &message, OstendoRequestLogEntry &entry) const
{
    entry.outcome = message;
    return document(status, OstendoFormatter::errorDocument(message), false);
}

SimResponse OstendoSimulator::handle(const SimRequest &request)
{
    if (request.path == QLatin1String("/_sim") || request.path.startsWith(QLatin1String("/_sim/"))) {
        return m_control->handle(request);
    }
    OstendoRequestLogEntry entry;
    entry.atUtc = m_clock.nowUtc();
    entry.method = request.method;
    entry.path = request.path;
    SimResponse answer = serve(request, entry);
    entry.status =
        answer.fault == SimResponse::Fault::None || answer.fault == SimResponse::Fault::Truncate ? answer.status : 0;
    m_log.append(entry);
    if (m_log.size() > kMaxLogEntries) {
        m_log.removeFirst(); // a sandbox left running for days must not grow without bound
    }
    return answer;
}

SimResponse OstendoSimulator::serve(const SimRequest &request, OstendoRequestLogEntry &entry)
{
    QString path = request.path.toLower();
    while (path.size() > 1 && path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    OstendoFault::Endpoint endpoint;
    if (path == QLatin1String("/tabledata") && request.method == "GET") {
        endpoint = OstendoFault::Endpoint::TableDataGet;
    } else if (path == QLatin1String("/tabledata") && request.method == "POST") {
        endpoint = OstendoFault::Endpoint::TableDataPost;
    } else if (path == QLatin1String("/sqlquery") && request.method == "POST") {
        endpoint = OstendoFault::Endpoint::SqlQuery;
    } else if (path == QLatin1String("/executesql") && request.method == "POST") {
        endpoint = OstendoFault::Endpoint::ExecuteSql;
    } else {
        entry.outcome = QStringLiteral("not found");
        return SimResponse::text(404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>");
    }
    entry.endpoint = OstendoFaultPlan::endpointName(endpoint);
    // A long condition or IN list in the URL is stopped by http.sys before the service sees it.
    const qsizetype urlLength = request.path.size() + 1 + request.query.query(QUrl::FullyEncoded).size();
    if (urlLength > m_settings.maxUrlLength) {
        entry.outcome = QStringLiteral("request too long");
        return SimResponse::text(400, "text/html",
                                 "<html><body><h2>Bad Request - Request Too Long</h2><hr><p>HTTP Error 400. The size "
                                 "of the request headers is too long.</p></body></html>");
    }
    const bool json =
        param(request.query, "format").value_or(QString()).compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
    entry.format = json ? QStringLiteral("json") : QStringLiteral("xml");

    const QString configText = param(request.query, "configuration").value_or(QStringLiteral("0")).trimmed();
    bool numeric = false;
    const int configuration = configText.toInt(&numeric);
    entry.configuration = configuration;
    if (!numeric || configuration < 0 || configuration > 9) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("Invalid configuration"), entry);
    }

    const bool needsSql =
        endpoint == OstendoFault::Endpoint::SqlQuery || endpoint == OstendoFault::Endpoint::ExecuteSql;
    const QString key = apiKeyParam(request.query);
    entry.keyLabel = m_keys.labelOf(key);
    const auto verdict = m_keys.check(key, m_clock.nowLocal().date(), configuration, needsSql);
    if (verdict != OstendoKeyStore::Verdict::Accepted) {
        return error(m_settings.keyErrorStatus, OstendoKeyStore::message(verdict, configuration), entry);
    }
    OstendoDatabase *db = database(configuration);
    if (!db) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("Config %1 is not set up").arg(configuration), entry);
    }

    const std::optional<OstendoFault> fault = m_faults.take(endpoint);
    if (fault) {
        switch (fault->kind) {
        case OstendoFault::Kind::ServerError:
            entry.outcome = QStringLiteral("fault: server error");
            // An HTML page as IIS/http.sys sends it: not the error document, not JSON.
            return SimResponse::text(fault->status, "text/html",
                                     "<html><body><h1>HTTP Error " + QByteArray::number(fault->status) +
                                         "</h1></body></html>");
        case OstendoFault::Kind::Hang:
            entry.outcome = QStringLiteral("fault: hang");
            return SimResponse::broken(SimResponse::Fault::Hang);
        case OstendoFault::Kind::Reset:
            entry.outcome = QStringLiteral("fault: reset");
            return SimResponse::broken(SimResponse::Fault::Reset);
        case OstendoFault::Kind::LockConflict:
            return error(m_settings.sqlErrorStatus,
                         QStringLiteral("lock conflict on no wait transaction\ndeadlock\n"
                                        "update conflicts with concurrent update\nconcurrent transaction number is %1")
                             .arg(4711),
                         entry);
        case OstendoFault::Kind::Slow:
            QThread::msleep(ulong(qMax(0, fault->delayMs)));
            break;
        case OstendoFault::Kind::Truncate:
        case OstendoFault::Kind::AppliedThenLost:
            break;
        }
    }

    SimResponse answer;
    switch (endpoint) {
    case OstendoFault::Endpoint::TableDataGet:
        answer = getTableData(request, *db, json, entry);
        break;
    case OstendoFault::Endpoint::TableDataPost:
        answer = postTableData(request, *db, json, entry);
        break;
    case OstendoFault::Endpoint::SqlQuery:
        answer = sqlQuery(request, *db, json, entry);
        break;
    case OstendoFault::Endpoint::ExecuteSql:
    case OstendoFault::Endpoint::Any:
        answer = executeSql(request, *db, json, entry);
        break;
    }
    if (fault && fault->kind == OstendoFault::Kind::Slow) {
        entry.outcome = QStringLiteral("fault: slow by %1 ms, then ").arg(fault->delayMs) + entry.outcome;
    } else if (fault && fault->kind == OstendoFault::Kind::Truncate) {
        answer.fault = SimResponse::Fault::Truncate;
        entry.outcome = QStringLiteral("fault: truncate after ") + entry.outcome;
    } else if (fault && fault->kind == OstendoFault::Kind::AppliedThenLost) {
        answer.fault = fault->lostAs == SimResponse::Fault::None ? SimResponse::Fault::Reset : fault->lostAs;
        entry.outcome = QStringLiteral("fault: answer lost after ") + entry.outcome;
    }
    return answer;
}

SimResponse OstendoSimulator::getTableData(const SimRequest &request, OstendoDatabase &db, bool json,
                                           OstendoRequestLogEntry &entry)
{
    const QString tableName = param(request.query, "tablename").value_or(QString()).trimmed();
    entry.table = tableName.toUpper();
    if (tableName.isEmpty()) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("tablename is required"), entry);
    }
    const OstendoTable *table = OstendoSchema::table(tableName);
    if (!table) {
        return error(m_settings.sqlErrorStatus,
                     FirebirdSqlTranslator::dsqlError(-204, {QStringLiteral("Table unknown"), tableName.toUpper()}),
                     entry);
    }
    const QString condition = param(request.query, "condition").value_or(QString()).trimmed();
    entry.sql = condition;
    if (condition.isEmpty() && db.rowCount(table->name) > m_settings.outOfMemoryRows) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("Out of memory"), entry);
    }
    QString sql = QStringLiteral("SELECT * FROM ") + table->name;
    if (!condition.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + condition;
    }
    const FirebirdTranslation statement = FirebirdSqlTranslator(sqlContext()).translate(sql);
    if (!statement.ok) {
        return error(m_settings.sqlErrorStatus, statement.error, entry);
    }
    const OstendoResult result = db.run(statement, m_clock.nowLocal(), m_settings.apiUser, true);
    if (!result.ok()) {
        return error(m_settings.sqlErrorStatus, result.error, entry);
    }
    entry.outcome = QStringLiteral("ok");
    return document(200, json ? m_formatter.json(result) : m_formatter.xml(result, table->name), json);
}

SimResponse OstendoSimulator::postTableData(const SimRequest &request, OstendoDatabase &db, bool json,
                                            OstendoRequestLogEntry &entry)
{
    const QString tableName = param(request.query, "tablename").value_or(QString()).trimmed();
    const QString keyField = param(request.query, "keyfield").value_or(QString()).trimmed();
    entry.table = tableName.toUpper();
    if (tableName.isEmpty() || keyField.isEmpty()) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("tablename and keyfield are required"), entry);
    }
    const OstendoTable *table = OstendoSchema::table(tableName);
    if (!table) {
        return error(m_settings.sqlErrorStatus,
                     FirebirdSqlTranslator::dsqlError(-204, {QStringLiteral("Table unknown"), tableName.toUpper()}),
                     entry);
    }
    const OstendoColumn *key = table->column(keyField);
    if (!key) {
        return error(m_settings.sqlErrorStatus,
                     FirebirdSqlTranslator::dsqlError(-206, {QStringLiteral("Column unknown"), keyField.toUpper()}),
                     entry);
    }

    // <ostendoimport><table><column>value</column>...</table>...</ostendoimport>
    QList<QVariantMap> records;
    QXmlStreamReader reader(request.body);
    int depth = 0;
    QString problem;
    while (!reader.atEnd() && problem.isEmpty()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const QString name = reader.name().toString();
            if (depth == 1 && name.compare(QLatin1String("ostendoimport"), Qt::CaseInsensitive) != 0) {
                problem = QStringLiteral("Invalid import document: root element must be ostendoimport");
            } else if (depth == 2) {
                if (name.compare(table->name, Qt::CaseInsensitive) != 0) {
                    problem = QStringLiteral("Invalid import document: element %1 does not match table %2")
                                  .arg(name, table->name);
                }
                records.append(QVariantMap());
            } else if (depth == 3) {
                records.last().insert(name.toUpper(), reader.readElementText());
                --depth; // readElementText() consumed the end element
            } else if (depth > 3) {
                problem = QStringLiteral("Invalid import document");
            }
        } else if (token == QXmlStreamReader::EndElement) {
            --depth;
        }
    }
    if (problem.isEmpty() && reader.hasError()) {
        problem = QStringLiteral("Invalid import document: ") + reader.errorString();
    }
    if (problem.isEmpty() && records.isEmpty()) {
        problem = QStringLiteral("Invalid import document: no records");
    }
    if (!problem.isEmpty()) {
        return error(m_settings.sqlErrorStatus, problem, entry);
    }

    int inserted = 0;
    int updated = 0;
    for (const QVariantMap &record : qAsConst(records)) {
        const QString keyValue = record.value(key->name).toString();
        const QList<qint64> ids = keyValue.isEmpty() ? QList<qint64>() : db.findIds(table->name, key->name, keyValue);
        QString message;
        if (ids.size() > 1) {
            message = QStringLiteral("Multiple records found for %1").arg(key->name);
        } else if (ids.size() == 1) {
            if (db.updateRow(table->name, ids.first(), record, m_clock.nowLocal(), m_settings.apiUser, &message)) {
                ++updated;
            }
        } else if (key->name == QLatin1String("SYSUNIQUEID") && !keyValue.isEmpty()) {
            message = QStringLiteral("Record not found for SYSUNIQUEID %1").arg(keyValue);
        } else if (db.insertRow(table->name, record, m_clock.nowLocal(), m_settings.apiUser, &message) != 0) {
            ++inserted;
        }
        if (!message.isEmpty()) {
            return error(m_settings.sqlErrorStatus, message, entry);
        }
    }
    entry.outcome = QStringLiteral("ok");
    // Only counts: what a real insert answers is unknown, and clients must find new rows by their carried id.
    const QString summary = QStringLiteral("%1 record(s) inserted, %2 record(s) updated").arg(inserted).arg(updated);
    return document(200, OstendoFormatter::statusDocument(QStringLiteral("success"), summary, json), json);
}

SimResponse OstendoSimulator::sqlQuery(const SimRequest &request, OstendoDatabase &db, bool json,
                                       OstendoRequestLogEntry &entry)
{
    const QString sql = QString::fromUtf8(request.body);
    entry.sql = sql;
    const FirebirdTranslation statement = FirebirdSqlTranslator(sqlContext()).translate(sql);
    entry.table = statement.table;
    if (!statement.ok) {
        return error(m_settings.sqlErrorStatus, statement.error, entry);
    }
    if (statement.kind != FirebirdTranslation::Kind::Select) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("Only SELECT statements can be run by sqlquery"), entry);
    }
    const OstendoResult result = db.run(statement, m_clock.nowLocal(), m_settings.apiUser, true);
    if (!result.ok()) {
        return error(m_settings.sqlErrorStatus, result.error, entry);
    }
    entry.outcome = QStringLiteral("ok");
    return document(200, json ? m_formatter.json(result) : m_formatter.xml(result, statement.table), json);
}

SimResponse OstendoSimulator::executeSql(const SimRequest &request, OstendoDatabase &db, bool json,
                                         OstendoRequestLogEntry &entry)
{
    const QString sql = QString::fromUtf8(request.body);
    entry.sql = sql;
    if (param(request.query, "exesql").value_or(QString()).trimmed() != QLatin1String("1")) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("exesql=1 is required to execute SQL"), entry);
    }
    const FirebirdTranslation statement = FirebirdSqlTranslator(sqlContext()).translate(sql);
    entry.table = statement.table;
    if (!statement.ok) {
        return error(m_settings.sqlErrorStatus, statement.error, entry);
    }
    if (statement.kind == FirebirdTranslation::Kind::Select) {
        return error(m_settings.sqlErrorStatus, QStringLiteral("Use sqlquery to run a SELECT statement"), entry);
    }
    const OstendoResult result =
        db.run(statement, m_clock.nowLocal(), m_settings.apiUser, m_settings.touchModifiedOnSql);
    if (!result.ok()) {
        return error(m_settings.sqlErrorStatus, result.error, entry);
    }
    entry.outcome = QStringLiteral("ok");
    return document(200,
                    OstendoFormatter::statusDocument(QStringLiteral("success"),
                                                     QStringLiteral("%1 row(s) affected").arg(result.affected), json),
                    json);
}
