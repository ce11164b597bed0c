#include "OstendoClient.h"

#include "FirebirdSql.h"
#include "HttpTransport.h"
#include "OstendoAnswerParser.h"
#include "OstendoDateParser.h"
#include "OstendoImportXml.h"
#include "OstendoUrl.h"
#include "util/Clock.h"
#include "util/Logging.h"
#include "util/SecretRedactor.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>
#include <QTimer>
#include <algorithm>
#include <cmath>

namespace {
constexpr int MaxPasses = 3; // a paged read that keeps seeing rows move gives up after this many passes

QString redacted(const QString &text)
{
    return SecretRedactor::instance().redact(text);
}

// Remote text in a message for people: redacted (a service may echo the key) and kept short.
QString quoteRemote(const QString &text)
{
    QString clean = redacted(text.simplified());
    if (clean.size() > 300) {
        clean = clean.left(300) + QStringLiteral("…");
    }
    return clean;
}

ConnectorError makeError(ConnectorError::Kind kind, const QString &message, int status = 0)
{
    ConnectorError e;
    e.kind = kind;
    e.message = message;
    e.httpStatus = status;
    return e;
}

ConnectorError fromMessage(const QString &remote, int status)
{
    const QString m = remote.toLower();
    const QString said = quoteRemote(remote);
    const auto any = [&m](std::initializer_list<const char *> words) {
        return std::any_of(words.begin(), words.end(), [&m](const char *w) { return m.contains(QLatin1String(w)); });
    };
    // About the API key, not a database key: Firebird's "PRIMARY or UNIQUE KEY constraint" is a data problem.
    const bool aboutKey =
        !m.contains(QLatin1String("constraint")) &&
        (any({"api key", "apikey", "api-key", "licence", "license"}) ||
         (m.contains(QLatin1String("key")) && any({"invalid", "unknown", "not valid", "missing", "denied", "unauthori",
                                                   "expired", "not recognised", "not recognized"})));
    if (aboutKey && m.contains(QLatin1String("expire"))) {
        return makeError(ConnectorError::Kind::Authentication,
                         QObject::tr("The Ostendo API key has expired (Ostendo said: %1). Ask the Ostendo "
                                     "administrator to extend it under API Security, then try again.")
                             .arg(said),
                         status);
    }
    if (m.contains(QLatin1String("sql")) &&
        (m.contains(QLatin1String("not allowed")) || m.contains(QLatin1String("not permitted")) ||
         m.contains(QLatin1String("permission")))) {
        return makeError(ConnectorError::Kind::Permission,
                         QObject::tr("The Ostendo API key may not run SQL queries (Ostendo said: %1). Tick "
                                     "\"SQL Allowed\" for this key under API Security.")
                             .arg(said),
                         status);
    }
    if (aboutKey || status == 401) {
        return makeError(ConnectorError::Kind::Authentication,
                         QObject::tr("Ostendo refused the API key (Ostendo said: %1). Check the key in the "
                                     "settings against API Security in Ostendo.")
                             .arg(said),
                         status);
    }
    if (m.contains(QLatin1String("table unknown")) || m.contains(QLatin1String("column unknown"))) {
        return makeError(ConnectorError::Kind::Configuration,
                         QObject::tr("Ostendo does not know a table or column of the mapping (Ostendo said: %1). "
                                     "Check the Ostendo names in the policy file.")
                             .arg(said),
                         status);
    }
    if (m.contains(QLatin1String("lock conflict")) || m.contains(QLatin1String("deadlock")) ||
        m.contains(QLatin1String("update conflicts")) || m.contains(QLatin1String("out of memory"))) {
        return makeError(ConnectorError::Kind::Server,
                         QObject::tr("Ostendo could not do it just now (Ostendo said: %1).").arg(said), status);
    }
    if (status == 403) {
        return makeError(ConnectorError::Kind::Permission,
                         QObject::tr("Ostendo refused access (Ostendo said: %1). Check the key's rights under "
                                     "API Security.")
                             .arg(said),
                         status);
    }
    return makeError(ConnectorError::Kind::Validation, QObject::tr("Ostendo refused the request: %1").arg(said),
                     status);
}

ConnectorError noAddressError()
{
    return makeError(ConnectorError::Kind::Configuration,
                     QObject::tr("The Ostendo server address is not set: enter it in the settings."));
}

QString rowText(const OstendoAnswer::Row &row, const QString &column)
{
    return row.value(column.toUpper());
}

// Carried ids are plain decimal integers; anything else is kept as written so the engine can see it.
QString normaliseCarriedId(const QString &text)
{
    const QString key = OstendoClient::normaliseKey(text);
    return key.isEmpty() ? text.trimmed() : key;
}
} // namespace

OstendoClient::OstendoClient(HttpTransport *transport, const OstendoConfig &config, const OstendoMapping &mapping,
                             QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_config(config)
    , m_mapping(mapping)
    , m_random(QRandomGenerator::global())
{
    SecretRedactor::instance().registerSecret(m_config.apiKey);
    SecretRedactor::instance().registerSecret(OstendoUrl::rawApiKey(m_config.apiKey));
    if (m_config.pageSize < 1) {
        m_config.pageSize = 1;
    }
}

void OstendoClient::later(std::function<void()> call)
{
    // Refusals found before sending still answer from the event loop, like the transport: callers never see a
    // callback from inside their own call.
    QTimer::singleShot(0, this, std::move(call));
}

QString OstendoClient::normaliseKey(const QString &text)
{
    const QString t = text.trimmed();
    bool ok = false;
    const qlonglong asInt = t.toLongLong(&ok);
    if (ok) {
        return QString::number(asInt);
    }
    const double d = t.toDouble(&ok);
    if (ok && std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9007199254740992.0) {
        return QString::number(static_cast<qint64>(d));
    }
    return {};
}

// ---- errors ----------------------------------------------------------------------------------------------

ConnectorError OstendoClient::classify(const HttpResponse &response, const OstendoAnswer &answer)
{
    using Kind = ConnectorError::Kind;
    switch (response.error) {
    case HttpResponse::TransportError::None:
        break;
    case HttpResponse::TransportError::Tls:
        return makeError(Kind::Tls, response.errorString);
    case HttpResponse::TransportError::TooLarge:
        return makeError(Kind::Malformed, tr("Ostendo's answer was larger than allowed; lower the page size."));
    case HttpResponse::TransportError::Timeout:
        return makeError(Kind::Network, tr("Ostendo did not answer in time."));
    case HttpResponse::TransportError::ConnectionRefused:
        return makeError(Kind::Network, tr("The Ostendo API Service refused the connection; is it started?"));
    case HttpResponse::TransportError::HostNotFound:
        return makeError(Kind::Network, tr("The Ostendo server's name could not be found; check the address."));
    default:
        return makeError(Kind::Network, tr("The connection to Ostendo failed: %1").arg(redacted(response.errorString)));
    }

    const int status = response.status;
    if (answer.kind == OstendoAnswer::Kind::ErrorDocument) {
        return fromMessage(answer.message, status);
    }
    if (status == 401 || status == 403) {
        return fromMessage(QString::fromUtf8(response.body.left(300)), status);
    }
    if (status == 429) {
        ConnectorError e = makeError(Kind::RateLimited, tr("Ostendo asked us to slow down."), status);
        bool ok = false;
        const qint64 seconds = response.header("Retry-After").trimmed().toLongLong(&ok);
        if (ok && seconds >= 0) {
            e.retryAfterMs = seconds * 1000;
        }
        return e;
    }
    if (status >= 500) {
        return makeError(Kind::Server, tr("The Ostendo API Service failed (HTTP %1).").arg(status), status);
    }
    if (status == 404) {
        return makeError(Kind::Configuration,
                         tr("The Ostendo API Service answered 404: check the base URL in the settings."), status);
    }
    if (status >= 300 && status < 400) {
        return makeError(Kind::Configuration,
                         tr("The Ostendo address redirects elsewhere (HTTP %1): check http or https and the port "
                            "in the settings.")
                             .arg(status),
                         status);
    }
    if (status >= 400) {
        return fromMessage(QString::fromUtf8(response.body.left(300)), status);
    }
    if (status < 200) {
        return makeError(Kind::Malformed, tr("Ostendo answered with an unexpected HTTP status %1.").arg(status),
                         status);
    }
    if (answer.kind == OstendoAnswer::Kind::Malformed) {
        return makeError(Kind::Malformed, tr("Ostendo's answer could not be read: %1").arg(answer.message), status);
    }
    return {};
}

// ---- sending ---------------------------------------------------------------------------------------------

void OstendoClient::sendRead(const HttpRequest &request, int attempt, AnswerDone done)
{
    if (request.url.host().isEmpty()) {
        later([done]() { done(OstendoAnswer{}, noAddressError()); });
        return;
    }
    qCDebug(lcOstendo).noquote() << request.method << redacted(QString::fromLatin1(request.url.toEncoded()))
                                 << "attempt" << attempt;
    QPointer<OstendoClient> self(this);
    m_transport->send(request, [self, request, attempt, done](const HttpResponse &response) {
        if (!self) {
            return;
        }
        const OstendoAnswer answer =
            response.isTransportError() ? OstendoAnswer{} : OstendoAnswerParser::parse(response.body);
        const ConnectorError error = classify(response, answer);
        // A service that asks for a longer pause than the policy allows gets it from the engine, not from a timer.
        const bool waitTooLong = error.retryAfterMs > self->m_retryPolicy.maxDelayMs;
        if (error.isError() && error.isTransient() && !waitTooLong && attempt < self->m_retryPolicy.maxAttempts) {
            const qint64 delay = error.retryAfterMs >= 0
                                     ? error.retryAfterMs
                                     : self->m_retryPolicy.delayBeforeAttempt(attempt + 1, *self->m_random);
            qCInfo(lcOstendo).noquote() << "retrying in" << delay << "ms:" << error.message;
            QTimer::singleShot(std::chrono::milliseconds(delay), self.data(),
                               [self, request, attempt, done]() { self->sendRead(request, attempt + 1, done); });
            return;
        }
        if (error.isError()) {
            qCWarning(lcOstendo).noquote() << ConnectorError::kindName(error.kind) << error.message;
        }
        done(answer, error);
    });
}

void OstendoClient::readPaged(const QString &table, const QStringList &columns, const QString &where,
                              const QStringList &orderBy, const QString &keyColumn, RowsDone done)
{
    const auto names = identifiers(QStringList{table, keyColumn} + columns + orderBy);
    if (!names) {
        later([done]() {
            done({}, 0,
                 makeError(ConnectorError::Kind::Configuration,
                           tr("An Ostendo table or column name in the mapping is not a plain name.")));
        });
        return;
    }
    struct State
    {
        QString head;
        QString order;
        QString key;
        QList<OstendoAnswer::Row> rows;
        QHash<QString, qsizetype> indexByKey;
        QSet<QString> seenThisPass;
        bool moved = false;
        int pass = 1;
        int pages = 0;
        qint64 nextRow = 1;
    };
    auto state = std::make_shared<State>();
    state->key = keyColumn.toUpper();
    QStringList upperColumns;
    for (const QString &c : columns) {
        upperColumns << c.toUpper();
    }
    state->head = QStringLiteral("SELECT ") + upperColumns.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") +
                  table.toUpper() + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    QStringList upperOrder;
    for (const QString &c : orderBy) {
        upperOrder << c.toUpper();
    }
    state->order = upperOrder.join(QStringLiteral(", "));

    auto fetch = std::make_shared<std::function<void()>>();
    QPointer<OstendoClient> self(this);
    *fetch = [self, state, fetch, done]() {
        if (!self) {
            return;
        }
        const qint64 pageSize = self->m_config.pageSize;
        const QString sql = state->head + QStringLiteral(" ORDER BY ") + state->order + QStringLiteral(" ROWS ") +
                            FirebirdSql::literal(state->nextRow) + QStringLiteral(" TO ") +
                            FirebirdSql::literal(state->nextRow + pageSize - 1);
        HttpRequest request;
        request.method = "POST";
        request.url = OstendoUrl::build(self->m_config, QStringLiteral("sqlquery"), {}, self->m_config.format);
        request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")});
        request.body = sql.toUtf8();
        request.timeoutMs = self->m_config.readTimeoutMs;
        request.maxReplyBytes = self->m_config.maxReplyBytes;
        self->sendRead(
            request, 1, [self, state, fetch, done, pageSize](const OstendoAnswer &answer, const ConnectorError &error) {
                if (!self) {
                    *fetch = nullptr; // the client is gone: break the self-reference and end quietly
                    return;
                }
                if (error.isError()) {
                    *fetch = nullptr; // break the self-reference
                    done(state->rows, state->pages, error);
                    return;
                }
                ++state->pages;
                for (const OstendoAnswer::Row &row : answer.rows) {
                    const QString key = normaliseKey(row.value(state->key));
                    if (key.isEmpty()) {
                        state->rows.append(row); // reported as a record error by the caller
                        continue;
                    }
                    if (state->seenThisPass.contains(key)) {
                        state->moved = true; // edited during the read: rows after it shifted and may be skipped
                    }
                    state->seenThisPass.insert(key);
                    const auto it = state->indexByKey.constFind(key);
                    if (it != state->indexByKey.constEnd()) {
                        state->rows[*it] = row;
                    } else {
                        state->indexByKey.insert(key, state->rows.size());
                        state->rows.append(row);
                    }
                }
                // A full page may have more behind it; a short one is the end. More rows than asked for means
                // the server ignored ROWS and sent everything at once, which is also the end.
                if (answer.rows.size() == pageSize) {
                    state->nextRow += pageSize;
                    (*fetch)();
                    return;
                }
                if (state->moved && state->pass < MaxPasses) {
                    qCInfo(lcOstendo) << "rows moved during a paged read; reading again, pass" << state->pass + 1;
                    ++state->pass;
                    state->moved = false;
                    state->seenThisPass.clear();
                    state->nextRow = 1;
                    (*fetch)();
                    return;
                }
                ConnectorError finalError;
                if (state->moved) {
                    finalError = makeError(ConnectorError::Kind::Server,
                                           tr("Ostendo's rows kept changing during the read; it will be repeated."));
                }
                *fetch = nullptr;
                done(state->rows, state->pages, finalError);
            });
    };
    (*fetch)();
}

void OstendoClient::lookUp(const QString &table, const QString &condition, RowsDone done)
{
    HttpRequest request;
    request.method = "GET";
    request.url = OstendoUrl::build(
        m_config, QStringLiteral("tabledata"),
        {{QStringLiteral("tablename"), table.toUpper()}, {QStringLiteral("condition"), condition}}, m_config.format);
    request.timeoutMs = m_config.readTimeoutMs;
    request.maxReplyBytes = m_config.maxReplyBytes;
    sendRead(request, 1,
             [done](const OstendoAnswer &answer, const ConnectorError &error) { done(answer.rows, 0, error); });
}

void OstendoClient::sendWrite(const QString &table, const QString &keyField, const Columns &columns, bool isInsert,
                              WriteDone done)
{
    QStringList names{table, keyField};
    for (const auto &c : columns) {
        names << c.first;
    }
    if (!identifiers(names)) {
        later([done]() {
            done(makeError(ConnectorError::Kind::Configuration,
                           tr("An Ostendo table or column name in the mapping is not a plain name.")));
        });
        return;
    }
    if (!m_config.baseUrl.isValid() || m_config.baseUrl.host().isEmpty()) {
        later([done]() { done(noAddressError()); });
        return;
    }
    const QString uncarriable = OstendoImportXml::uncarriableColumn(columns);
    if (!uncarriable.isEmpty()) {
        later([done, uncarriable]() {
            done(makeError(
                ConnectorError::Kind::Validation,
                tr("The value for Ostendo column %1 holds a character Ostendo's XML import cannot carry "
                   "(a control character, a lone surrogate, U+FFFE, U+FFFF or a leading U+FEFF); nothing was sent.")
                    .arg(uncarriable.toUpper())));
        });
        return;
    }
    HttpRequest request;
    request.method = "POST";
    request.url = OstendoUrl::build(
        m_config, QStringLiteral("tabledata"),
        {{QStringLiteral("tablename"), table.toUpper()}, {QStringLiteral("keyfield"), keyField.toUpper()}},
        OstendoConfig::Format::Xml);
    request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/xml; charset=utf-8")});
    request.body = OstendoImportXml::build(table, columns);
    request.timeoutMs = m_config.writeTimeoutMs;
    request.maxReplyBytes = m_config.maxReplyBytes;
    qCDebug(lcOstendo).noquote() << "POST" << redacted(QString::fromLatin1(request.url.toEncoded()))
                                 << (isInsert ? "insert" : "update");

    QPointer<OstendoClient> self(this);
    m_transport->send(request, [self, isInsert, done](const HttpResponse &response) {
        if (!self) {
            return;
        }
        // The body of a successful write is not relied on; only an error document in it counts.
        const OstendoAnswer answer =
            response.isTransportError() ? OstendoAnswer{} : OstendoAnswerParser::parse(response.body);
        ConnectorError error = classify(response, answer);
        if (error.kind == ConnectorError::Kind::Malformed && !response.isTransportError()) {
            error = {}; // an unreadable success body is still a success: the row is checked by reading it back
        }
        const bool mayHaveArrived = response.error == HttpResponse::TransportError::Timeout ||
                                    response.error == HttpResponse::TransportError::ConnectionReset ||
                                    response.error == HttpResponse::TransportError::Other ||
                                    response.error == HttpResponse::TransportError::Cancelled ||
                                    response.error == HttpResponse::TransportError::TooLarge ||
                                    (!response.isTransportError() && response.status >= 500);
        if (isInsert && mayHaveArrived) {
            error = makeError(ConnectorError::Kind::UnknownOutcome,
                              tr("Ostendo may or may not have created the record (%1). It will be looked for by "
                                 "its Pipedrive id before anything is sent again.")
                                  .arg(error.message),
                              response.status);
        }
        if (error.isError()) {
            qCWarning(lcOstendo).noquote() << ConnectorError::kindName(error.kind) << error.message;
        }
        done(error);
    });
}

// ---- SQL pieces ------------------------------------------------------------------------------------------

std::optional<QStringList> OstendoClient::identifiers(const QStringList &names) const
{
    QStringList out;
    for (const QString &name : names) {
        const auto id = FirebirdSql::identifier(name);
        if (!id) {
            qCWarning(lcOstendo).noquote() << "not a plain Firebird name in the mapping:" << quoteRemote(name);
            return std::nullopt;
        }
        out << *id;
    }
    return out;
}

QString OstendoClient::whereModifiedSince(const QString &column, const QDateTime &watermarkUtc) const
{
    if (!watermarkUtc.isValid()) {
        return {};
    }
    const QTimeZone &zone = m_config.serverTimeZone;
    const QDateTime lowerUtc = watermarkUtc.toUTC().addSecs(-qint64(m_config.overlapSeconds));
    const QDateTime local = lowerUtc.toTimeZone(zone);
    // Ostendo stamps wall-clock time. When the clocks go back, an edit made after the watermark can carry an
    // earlier wall-clock stamp than the watermark's (the repeated hour), and a stamp in that hour may have been
    // read as the later of its two instants. So when a backward transition lies between shortly before the
    // bound and now, the bound moves back by the size of the jump: an hour re-read twice a year, nothing missed.
    qint64 widen = 0;
    const QDateTime now = std::max(Clock::current().nowUtc(), watermarkUtc.toUTC());
    if (zone.isValid() && zone.hasTransitions()) {
        for (const QTimeZone::OffsetData &t : zone.transitions(lowerUtc.addSecs(-2 * 3600), now)) {
            const int before = zone.offsetFromUtc(t.atUtc.addSecs(-1));
            widen = std::max(widen, qint64(before - t.offsetFromUtc));
        }
    }
    // The wall-clock bound as a plain date and time (no zone arithmetic), then moved back by the jump.
    const QDateTime wallClock = QDateTime(local.date(), local.time(), Qt::UTC).addSecs(-widen);
    return column.toUpper() + QStringLiteral(" >= ") + FirebirdSql::literal(wallClock);
}

QString OstendoClient::keyCondition(const QString &column, const QString &key) const
{
    return column.toUpper() + QStringLiteral(" = ") + FirebirdSql::literal(key.toLongLong());
}

QStringList OstendoClient::customerColumns() const
{
    const OstendoMapping &m = m_mapping;
    return {m.customerKey,         m.customerName,     m.customerPhone,  m.customerEmail,    m.customerNotes,
            m.customerAddress1,    m.customerAddress2, m.customerCity,   m.customerPostcode, m.customerStatus,
            m.customerPipedriveId, m.customerModified, m.customerCreated};
}

QStringList OstendoClient::jobColumns() const
{
    const OstendoMapping &m = m_mapping;
    return {m.jobKey,  m.jobOrderNumber, m.jobStatus, m.jobOrderDate,   m.jobRequiredDate, m.jobDescription,
            m.jobType, m.jobCustomer,    m.jobValue,  m.jobPipedriveId, m.jobStage,        m.jobModified};
}

// ---- rows to records -------------------------------------------------------------------------------------

void OstendoClient::deliverCustomers(const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &error,
                                     const CustomersDone &done) const
{
    const OstendoMapping &m = m_mapping;
    OstendoReadResult<OstendoCustomer> result;
    result.pages = pages;
    result.error = error;
    for (const OstendoAnswer::Row &row : rows) {
        OstendoCustomer c;
        c.key = normaliseKey(rowText(row, m.customerKey));
        if (c.key.isEmpty()) {
            result.recordErrors.append({QString(), tr("A customer row has no readable %1 (\"%2\").")
                                                       .arg(m.customerKey, quoteRemote(rowText(row, m.customerKey)))});
            continue;
        }
        c.name = rowText(row, m.customerName);
        c.phone = rowText(row, m.customerPhone);
        c.email = rowText(row, m.customerEmail);
        c.notes = rowText(row, m.customerNotes);
        c.address1 = rowText(row, m.customerAddress1);
        c.address2 = rowText(row, m.customerAddress2);
        c.city = rowText(row, m.customerCity);
        c.postcode = rowText(row, m.customerPostcode);
        c.status = rowText(row, m.customerStatus);
        c.pipedriveId = normaliseCarriedId(rowText(row, m.customerPipedriveId));
        QString problem;
        for (const auto &[column, target] :
             {std::pair{m.customerModified, &c.modifiedUtc}, std::pair{m.customerCreated, &c.createdUtc}}) {
            const QString text = rowText(row, column).trimmed();
            if (text.isEmpty()) {
                continue;
            }
            const auto parsed = OstendoDateParser::parseTimestamp(text, m_config.serverTimeZone, m_config.dateOrder);
            if (!parsed) {
                problem = tr("%1 \"%2\" is not a date in any known form.").arg(column, quoteRemote(text));
                break;
            }
            *target = *parsed;
        }
        if (!problem.isEmpty()) {
            result.recordErrors.append({c.key, problem});
            continue;
        }
        result.records.append(c);
    }
    done(result);
}

void OstendoClient::deliverJobs(const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &error,
                                const JobsDone &done) const
{
    const OstendoMapping &m = m_mapping;
    OstendoReadResult<OstendoJob> result;
    result.pages = pages;
    result.error = error;
    for (const OstendoAnswer::Row &row : rows) {
        OstendoJob j;
        j.key = normaliseKey(rowText(row, m.jobKey));
        if (j.key.isEmpty()) {
            result.recordErrors.append(
                {QString(),
                 tr("A job row has no readable %1 (\"%2\").").arg(m.jobKey, quoteRemote(rowText(row, m.jobKey)))});
            continue;
        }
        j.orderNumber = rowText(row, m.jobOrderNumber);
        j.status = rowText(row, m.jobStatus);
        j.description = rowText(row, m.jobDescription);
        j.jobType = rowText(row, m.jobType);
        j.customerName = rowText(row, m.jobCustomer);
        j.value = rowText(row, m.jobValue).trimmed();
        j.pipedriveId = normaliseCarriedId(rowText(row, m.jobPipedriveId));
        j.stageName = rowText(row, m.jobStage);
        QString problem;
        for (const auto &[column, target] :
             {std::pair{m.jobOrderDate, &j.orderDate}, std::pair{m.jobRequiredDate, &j.requiredDate}}) {
            const QString text = rowText(row, column).trimmed();
            if (text.isEmpty()) {
                continue;
            }
            const auto parsed = OstendoDateParser::parseDate(text, m_config.dateOrder);
            if (!parsed) {
                problem = tr("%1 \"%2\" is not a date in any known form.").arg(column, quoteRemote(text));
                break;
            }
            *target = *parsed;
        }
        const QString modified = rowText(row, m.jobModified).trimmed();
        if (problem.isEmpty() && !modified.isEmpty()) {
            const auto parsed =
                OstendoDateParser::parseTimestamp(modified, m_config.serverTimeZone, m_config.dateOrder);
            if (!parsed) {
                problem = tr("%1 \"%2\" is not a date in any known form.").arg(m.jobModified, quoteRemote(modified));
            } else {
                j.modifiedUtc = *parsed;
            }
        }
        if (!j.value.isEmpty()) {
            bool ok = false;
            j.value.toDouble(&ok);
            if (!ok && problem.isEmpty()) {
                problem = tr("%1 \"%2\" is not a number.").arg(m.jobValue, quoteRemote(j.value));
            }
        }
        if (!problem.isEmpty()) {
            result.recordErrors.append({j.key, problem});
            continue;
        }
        result.records.append(j);
    }
    done(result);
}

// ---- setup ----------------------------------------------------------------------------------------------

void OstendoClient::checkSetup(WriteDone done)
{
    const QList<std::pair<QString, QStringList>> tables{{m_mapping.customerTable, customerColumns()},
                                                        {m_mapping.jobTable, jobColumns()}};
    QStringList statements;
    for (const auto &[table, columns] : tables) {
        const auto names = identifiers(QStringList{table} + columns);
        if (!names) {
            later([done]() {
                done(makeError(ConnectorError::Kind::Configuration,
                               tr("An Ostendo table or column name in the mapping is not a plain name.")));
            });
            return;
        }
        statements << QStringLiteral("SELECT ") + names->mid(1).join(QStringLiteral(", ")) + QStringLiteral(" FROM ") +
                          names->first() + QStringLiteral(" ROWS ") + FirebirdSql::literal(1) + QStringLiteral(" TO ") +
                          FirebirdSql::literal(1);
    }
    auto next = std::make_shared<std::function<void(int)>>();
    QPointer<OstendoClient> self(this);
    *next = [self, statements, next, done](int index) {
        if (!self) {
            *next = nullptr;
            return;
        }
        if (index >= statements.size()) {
            // Clearing *next destroys this lambda and its captures: keep the callback alive past it.
            const WriteDone finish = done;
            *next = nullptr;
            finish(ConnectorError{});
            return;
        }
        HttpRequest request;
        request.method = "POST";
        request.url = OstendoUrl::build(self->m_config, QStringLiteral("sqlquery"), {}, self->m_config.format);
        request.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8")});
        request.body = statements.at(index).toUtf8();
        request.timeoutMs = self->m_config.readTimeoutMs;
        request.maxReplyBytes = self->m_config.maxReplyBytes;
        self->sendRead(request, 1, [next, done, index](const OstendoAnswer &, const ConnectorError &error) {
            if (error.isError()) {
                *next = nullptr;
                done(error);
                return;
            }
            (*next)(index + 1);
        });
    };
    (*next)(0);
}

OstendoClient::RowsDone OstendoClient::customersTo(CustomersDone done)
{
    QPointer<OstendoClient> self(this);
    return [self, done](const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &error) {
        if (self) {
            self->deliverCustomers(rows, pages, error, done);
        }
    };
}

OstendoClient::RowsDone OstendoClient::jobsTo(JobsDone done)
{
    QPointer<OstendoClient> self(this);
    return [self, done](const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &error) {
        if (self) {
            self->deliverJobs(rows, pages, error, done);
        }
    };
}

void OstendoClient::readKeys(const QString &table, const QString &keyColumn, KeysDone done)
{
    readPaged(table, {keyColumn}, QString(), {keyColumn}, keyColumn,
              [keyColumn, done](const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &error) {
                  OstendoReadResult<QString> result;
                  result.pages = pages;
                  result.error = error;
                  for (const OstendoAnswer::Row &row : rows) {
                      const QString key = normaliseKey(rowText(row, keyColumn));
                      if (key.isEmpty()) {
                          result.recordErrors.append({QString(), tr("A row has no readable key.")});
                      } else {
                          result.records.append(key);
                      }
                  }
                  done(result);
              });
}

// ---- customers -------------------------------------------------------------------------------------------

void OstendoClient::readCustomersModifiedSince(const QDateTime &watermarkUtc, CustomersDone done)
{
    readPaged(m_mapping.customerTable, customerColumns(), whereModifiedSince(m_mapping.customerModified, watermarkUtc),
              {m_mapping.customerModified, m_mapping.customerKey}, m_mapping.customerKey, customersTo(done));
}

void OstendoClient::readAllCustomers(CustomersDone done)
{
    // Ordered by key: an edit during the read does not move rows, new rows come last.
    readPaged(m_mapping.customerTable, customerColumns(), QString(), {m_mapping.customerKey}, m_mapping.customerKey,
              customersTo(done));
}

void OstendoClient::readCustomerKeys(KeysDone done)
{
    readKeys(m_mapping.customerTable, m_mapping.customerKey, std::move(done));
}

void OstendoClient::findCustomersByPipedriveId(qint64 organizationId, CustomersDone done)
{
    if (!identifiers({m_mapping.customerTable, m_mapping.customerPipedriveId})) {
        later([this, done]() {
            deliverCustomers({}, 0, makeError(ConnectorError::Kind::Configuration, tr("Bad Ostendo name in mapping.")),
                             done);
        });
        return;
    }
    // The carried id is text in an ADDITIONALFIELD column, so it is compared as text.
    const QString condition = m_mapping.customerPipedriveId.toUpper() + QStringLiteral(" = ") +
                              FirebirdSql::literal(QString::number(organizationId));
    lookUp(m_mapping.customerTable, condition, customersTo(done));
}

void OstendoClient::fetchCustomer(const QString &key, CustomersDone done)
{
    if (normaliseKey(key).isEmpty() || !identifiers({m_mapping.customerTable, m_mapping.customerKey})) {
        later([this, done]() {
            deliverCustomers({}, 0, makeError(ConnectorError::Kind::Validation, tr("Not an Ostendo key.")), done);
        });
        return;
    }
    lookUp(m_mapping.customerTable, keyCondition(m_mapping.customerKey, normaliseKey(key)), customersTo(done));
}

void OstendoClient::findCustomersByName(const QString &name, CustomersDone done)
{
    if (!identifiers({m_mapping.customerTable, m_mapping.customerName})) {
        later([this, done]() {
            deliverCustomers({}, 0, makeError(ConnectorError::Kind::Configuration, tr("Bad Ostendo name in mapping.")),
                             done);
        });
        return;
    }
    const QString condition = m_mapping.customerName.toUpper() + QStringLiteral(" = ") + FirebirdSql::literal(name);
    lookUp(m_mapping.customerTable, condition, customersTo(done));
}

OstendoClient::Columns OstendoClient::customerColumnsFor(const OstendoCustomer &v, OstendoCustomer::Fields f) const
{
    const OstendoMapping &m = m_mapping;
    Columns c;
    if (f & OstendoCustomer::Name) {
        c.append({m.customerName, v.name});
    }
    if (f & OstendoCustomer::Phone) {
        c.append({m.customerPhone, v.phone});
    }
    if (f & OstendoCustomer::Email) {
        c.append({m.customerEmail, v.email});
    }
    if (f & OstendoCustomer::Notes) {
        c.append({m.customerNotes, v.notes});
    }
    if (f & OstendoCustomer::Address) {
        c.append({m.customerAddress1, v.address1});
        c.append({m.customerAddress2, v.address2});
        c.append({m.customerCity, v.city});
        c.append({m.customerPostcode, v.postcode});
    }
    if (f & OstendoCustomer::Status) {
        c.append({m.customerStatus, v.status});
    }
    if (f & OstendoCustomer::PipedriveId) {
        c.append({m.customerPipedriveId, normaliseCarriedId(v.pipedriveId)});
    }
    return c;
}

void OstendoClient::insertCustomer(const OstendoCustomer &customer, InsertDone done)
{
    bool ok = false;
    const qint64 carried = normaliseKey(customer.pipedriveId).toLongLong(&ok);
    if (!ok) {
        later([done]() {
            done(QString(), makeError(ConnectorError::Kind::Validation,
                                      tr("A customer is only created in Ostendo with the Pipedrive id it carries.")));
        });
        return;
    }
    OstendoCustomer values = customer;
    if (values.status.isEmpty()) {
        values.status = QStringLiteral("Active");
    }
    const OstendoCustomer::Fields all = OstendoCustomer::Name | OstendoCustomer::Phone | OstendoCustomer::Email |
                                        OstendoCustomer::Notes | OstendoCustomer::Address | OstendoCustomer::Status |
                                        OstendoCustomer::PipedriveId;
    QPointer<OstendoClient> self(this);
    sendWrite(m_mapping.customerTable, m_mapping.customerKey, customerColumnsFor(values, all), true,
              [self, carried, done](const ConnectorError &error) {
                  if (!self) {
                      return;
                  }
                  if (error.isError()) {
                      done(QString(), error);
                      return;
                  }
                  self->findCustomersByPipedriveId(carried, [done](const OstendoReadResult<OstendoCustomer> &found) {
                      if (found.error.isError()) {
                          ConnectorError e = found.error;
                          e.kind = ConnectorError::Kind::UnknownOutcome;
                          done(QString(), e);
                          return;
                      }
                      // Highest key: should a duplicate exist from an earlier run, the newest row is ours.
                      QString best;
                      for (const OstendoCustomer &c : found.records) {
                          if (best.isEmpty() || c.key.toLongLong() > best.toLongLong()) {
                              best = c.key;
                          }
                      }
                      if (best.isEmpty()) {
                          done(QString(), makeError(ConnectorError::Kind::UnknownOutcome,
                                                    tr("Ostendo accepted the new customer but it could not be "
                                                       "found again by its Pipedrive id.")));
                          return;
                      }
                      done(best, ConnectorError{});
                  });
              });
}

void OstendoClient::updateCustomer(const QString &key, const OstendoCustomer &values, OstendoCustomer::Fields fields,
                                   WriteDone done)
{
    const QString k = normaliseKey(key);
    if (k.isEmpty()) {
        later([done]() { done(makeError(ConnectorError::Kind::Validation, tr("Not an Ostendo key."))); });
        return;
    }
    Columns columns{{m_mapping.customerKey, k}};
    columns += customerColumnsFor(values, fields);
    sendWrite(m_mapping.customerTable, m_mapping.customerKey, columns, false, std::move(done));
}

void OstendoClient::setCustomerPipedriveId(const QString &key, qint64 organizationId, WriteDone done)
{
    OstendoCustomer values;
    values.pipedriveId = QString::number(organizationId);
    updateCustomer(key, values, OstendoCustomer::PipedriveId, std::move(done));
}

void OstendoClient::markCustomerInactive(const QString &key, WriteDone done)
{
    OstendoCustomer values;
    values.status = m_mapping.inactiveStatus;
    updateCustomer(key, values, OstendoCustomer::Status, std::move(done));
}

// ---- jobs ------------------------------------------------------------------------------------------------

void OstendoClient::readJobsModifiedSince(const QDateTime &watermarkUtc, JobsDone done)
{
    readPaged(m_mapping.jobTable, jobColumns(), whereModifiedSince(m_mapping.jobModified, watermarkUtc),
              {m_mapping.jobModified, m_mapping.jobKey}, m_mapping.jobKey, jobsTo(done));
}

void OstendoClient::readAllJobs(JobsDone done)
{
    readPaged(m_mapping.jobTable, jobColumns(), QString(), {m_mapping.jobKey}, m_mapping.jobKey, jobsTo(done));
}

void OstendoClient::readJobKeys(KeysDone done)
{
    readKeys(m_mapping.jobTable, m_mapping.jobKey, std::move(done));
}

void OstendoClient::findJobsByPipedriveId(qint64 dealId, JobsDone done)
{
    if (!identifiers({m_mapping.jobTable, m_mapping.jobPipedriveId})) {
        later([this, done]() {
            deliverJobs({}, 0, makeError(ConnectorError::Kind::Configuration, tr("Bad Ostendo name in mapping.")),
                        done);
        });
        return;
    }
    const QString condition =
        m_mapping.jobPipedriveId.toUpper() + QStringLiteral(" = ") + FirebirdSql::literal(QString::number(dealId));
    lookUp(m_mapping.jobTable, condition, jobsTo(done));
}

void OstendoClient::fetchJob(const QString &key, JobsDone done)
{
    if (normaliseKey(key).isEmpty() || !identifiers({m_mapping.jobTable, m_mapping.jobKey})) {
        later([this, done]() {
            deliverJobs({}, 0, makeError(ConnectorError::Kind::Validation, tr("Not an Ostendo key.")), done);
        });
        return;
    }
    lookUp(m_mapping.jobTable, keyCondition(m_mapping.jobKey, normaliseKey(key)), jobsTo(done));
}

void OstendoClient::findJobsByCustomerName(const QString &customerName, JobsDone done)
{
    if (!identifiers({m_mapping.jobTable, m_mapping.jobCustomer})) {
        later([this, done]() {
            deliverJobs({}, 0, makeError(ConnectorError::Kind::Configuration, tr("Bad Ostendo name in mapping.")),
                        done);
        });
        return;
    }
    const QString condition =
        m_mapping.jobCustomer.toUpper() + QStringLiteral(" = ") + FirebirdSql::literal(customerName);
    lookUp(m_mapping.jobTable, condition, jobsTo(done));
}

OstendoClient::Columns OstendoClient::jobColumnsFor(const OstendoJob &v, OstendoJob::Fields f) const
{
    const OstendoMapping &m = m_mapping;
    const auto date = [this](const QDate &d) {
        return d.isValid() ? d.toString(m_config.writeDateFormat) : QString();
    };
    Columns c;
    if (f & OstendoJob::OrderNumber) {
        c.append({m.jobOrderNumber, v.orderNumber});
    }
    if (f & OstendoJob::Status) {
        c.append({m.jobStatus, v.status});
    }
    if (f & OstendoJob::OrderDate) {
        c.append({m.jobOrderDate, date(v.orderDate)});
    }
    if (f & OstendoJob::RequiredDate) {
        c.append({m.jobRequiredDate, date(v.requiredDate)});
    }
    if (f & OstendoJob::Description) {
        c.append({m.jobDescription, v.description});
    }
    if (f & OstendoJob::JobType) {
        c.append({m.jobType, v.jobType});
    }
    if (f & OstendoJob::CustomerName) {
        c.append({m.jobCustomer, v.customerName});
    }
    if (f & OstendoJob::Value) {
        c.append({m.jobValue, v.value});
    }
    if (f & OstendoJob::PipedriveId) {
        c.append({m.jobPipedriveId, normaliseCarriedId(v.pipedriveId)});
    }
    if (f & OstendoJob::StageName) {
        c.append({m.jobStage, v.stageName});
    }
    return c;
}

void OstendoClient::insertJob(const OstendoJob &job, InsertDone done)
{
    bool ok = false;
    const qint64 carried = normaliseKey(job.pipedriveId).toLongLong(&ok);
    if (!ok) {
        later([done]() {
            done(QString(), makeError(ConnectorError::Kind::Validation,
                                      tr("A job is only created in Ostendo with the Pipedrive deal id it carries.")));
        });
        return;
    }
    const OstendoJob::Fields all = OstendoJob::OrderNumber | OstendoJob::Status | OstendoJob::OrderDate |
                                   OstendoJob::RequiredDate | OstendoJob::Description | OstendoJob::JobType |
                                   OstendoJob::CustomerName | OstendoJob::Value | OstendoJob::PipedriveId |
                                   OstendoJob::StageName;
    QPointer<OstendoClient> self(this);
    sendWrite(m_mapping.jobTable, m_mapping.jobKey, jobColumnsFor(job, all), true,
              [self, carried, done](const ConnectorError &error) {
                  if (!self) {
                      return;
                  }
                  if (error.isError()) {
                      done(QString(), error);
                      return;
                  }
                  self->findJobsByPipedriveId(carried, [done](const OstendoReadResult<OstendoJob> &found) {
                      if (found.error.isError()) {
                          ConnectorError e = found.error;
                          e.kind = ConnectorError::Kind::UnknownOutcome;
                          done(QString(), e);
                          return;
                      }
                      QString best;
                      for (const OstendoJob &j : found.records) {
                          if (best.isEmpty() || j.key.toLongLong() > best.toLongLong()) {
                              best = j.key;
                          }
                      }
                      if (best.isEmpty()) {
                          done(QString(), makeError(ConnectorError::Kind::UnknownOutcome,
                                                    tr("Ostendo accepted the new job but it could not be found "
                                                       "again by its Pipedrive deal id.")));
                          return;
                      }
                      done(best, ConnectorError{});
                  });
              });
}

void OstendoClient::updateJob(const QString &key, const OstendoJob &values, OstendoJob::Fields fields, WriteDone done)
{
    const QString k = normaliseKey(key);
    if (k.isEmpty()) {
        later([done]() { done(makeError(ConnectorError::Kind::Validation, tr("Not an Ostendo key."))); });
        return;
    }
    Columns columns{{m_mapping.jobKey, k}};
    columns += jobColumnsFor(values, fields);
    sendWrite(m_mapping.jobTable, m_mapping.jobKey, columns, false, std::move(done));
}

void OstendoClient::setJobPipedriveId(const QString &key, qint64 dealId, WriteDone done)
{
    OstendoJob values;
    values.pipedriveId = QString::number(dealId);
    updateJob(key, values, OstendoJob::PipedriveId, std::move(done));
}
