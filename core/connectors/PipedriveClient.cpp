#include "PipedriveClient.h"

#include "util/Clock.h"
#include "util/Logging.h"
#include "util/RemoteText.h"
#include "util/SecretRedactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>
#include <algorithm>

namespace {
// Waits longer than this after a 429 are not spent inside one call: the engine hears RateLimited and decides.
constexpr qint64 LongestRateLimitWaitMs = 60000;
constexpr qint64 DefaultRateLimitWaitMs = 2000;
constexpr int RemoteTextLimit = 200;

// Remote error text is untrusted: one line, bounded, control characters gone, secrets masked.
QString sanitizeRemoteText(const QString &text)
{
    QString clean;
    clean.reserve(std::min<int>(int(text.size()), RemoteTextLimit));
    for (const QChar c : text) {
        if (clean.size() >= RemoteTextLimit) {
            clean += QStringLiteral("...");
            break;
        }
        clean += (c.isPrint() ? c : QLatin1Char(' '));
    }
    return SecretRedactor::instance().redact(clean.simplified());
}

void addEncoded(QUrlQuery &query, const QString &key, const QString &value)
{
    // Fully percent-encoded so that '+', '&' and '#' in a customer's data reach the server as they are.
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}

void setEncoded(QUrlQuery &query, const QString &key, const QString &value)
{
    query.removeAllQueryItems(key);
    addEncoded(query, key, value);
}

// Retry-After as seconds or an HTTP date; then x-ratelimit-reset (seconds left in the window); -1 when neither.
qint64 rateLimitWaitMs(const HttpResponse &response, const QDateTime &now)
{
    const QByteArray retryAfter = response.header("retry-after").trimmed();
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const double seconds = retryAfter.toDouble(&ok);
        if (ok && seconds >= 0 && seconds < 1e7) {
            return qint64(seconds * 1000);
        }
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
        if (when.isValid()) {
            return std::max<qint64>(0, now.msecsTo(when));
        }
    }
    bool ok = false;
    const double reset = response.header("x-ratelimit-reset").trimmed().toDouble(&ok);
    if (ok && reset >= 0 && reset < 1e7) {
        return qint64(reset * 1000);
    }
    return -1;
}

ConnectorError makeError(ConnectorError::Kind kind, const QString &message, int status = 0)
{
    ConnectorError e;
    e.kind = kind;
    e.message = SecretRedactor::instance().redact(message);
    e.httpStatus = status;
    return e;
}
} // namespace

PipedriveClient::PipedriveClient(HttpTransport *transport, const PipedriveConfig &config,
                                 const QList<PipedriveFieldSpec> &fieldSpecs, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_config(config)
    , m_fieldSpecs(fieldSpecs)
    , m_ownBudget(new PipedriveBudget(config.burstLimit, config.dailyTokenBudget, nullptr, this))
    , m_budget(m_ownBudget)
    , m_random(config.randomSeed ? config.randomSeed : QRandomGenerator::global()->generate())
{
    m_config.pageSize = std::clamp(m_config.pageSize, 1, 500);
    // Only visible ASCII: a line break in a pasted token would otherwise split the header and inject another.
    m_tokenUsable =
        !m_config.apiToken.isEmpty() && std::all_of(m_config.apiToken.cbegin(), m_config.apiToken.cend(),
                                                    [](QChar c) { return c.unicode() > 0x20 && c.unicode() < 0x7f; });
    SecretRedactor::instance().registerSecret(m_config.apiToken);
}

PipedriveClient::~PipedriveClient() = default;

void PipedriveClient::setBudget(PipedriveBudget *budget)
{
    m_budget = budget ? budget : m_ownBudget;
}

void PipedriveClient::setDelayFunction(DelayFunction delay)
{
    m_delay = std::move(delay);
}

void PipedriveClient::later(qint64 ms, std::function<void()> then)
{
    if (m_delay) {
        QPointer<PipedriveClient> self(this);
        m_delay(std::max<qint64>(0, ms), [self, then = std::move(then)]() {
            if (self) {
                then();
            }
        });
        return;
    }
    QTimer::singleShot(std::chrono::milliseconds(std::max<qint64>(0, ms)), this, std::move(then));
}

QString PipedriveClient::describe(const Call &call) const
{
    return QString::fromLatin1(call.method) + QStringLiteral(" /api/v2") + call.path;
}

HttpRequest PipedriveClient::buildRequest(const Call &call) const
{
    HttpRequest request;
    request.method = call.method;
    QUrl url = m_config.baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/'))) {
        basePath.chop(1);
    }
    url.setPath(basePath + QStringLiteral("/api/v2") + call.path);
    url.setQuery(call.query);
    request.url = url;
    request.headers.append(qMakePair(QByteArray("x-api-token"), m_config.apiToken.toUtf8()));
    request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    if (!call.body.isEmpty()) {
        request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = call.body;
    }
    switch (call.kind) {
    case Kind::List:
        request.timeoutMs = m_config.listTimeoutMs;
        request.maxReplyBytes = m_config.maxListReplyBytes;
        break;
    case Kind::Search:
        request.timeoutMs = m_config.searchTimeoutMs;
        request.maxReplyBytes = m_config.maxListReplyBytes;
        break;
    case Kind::Get:
        request.timeoutMs = m_config.readTimeoutMs;
        request.maxReplyBytes = m_config.maxReplyBytes;
        break;
    case Kind::Create:
    case Kind::Update:
    case Kind::Delete:
        request.timeoutMs = m_config.writeTimeoutMs;
        request.maxReplyBytes = m_config.maxReplyBytes;
        break;
    }
    return request;
}

void PipedriveClient::execute(Call call, RawCallback done)
{
    if (!m_tokenUsable) {
        const ConnectorError e =
            makeError(ConnectorError::Kind::Configuration,
                      tr("%1 was not sent: the Pipedrive API token is empty or has characters a token cannot have.")
                          .arg(describe(call)));
        later(0, [done, e]() { done(e, {}); });
        return;
    }
    const auto lane = call.kind == Kind::Search ? PipedriveBudget::Lane::Search : PipedriveBudget::Lane::General;
    const int cost = PipedriveBudget::tokenCost(call.method, call.path);
    if (m_budget->dailyExhausted(cost)) {
        ConnectorError e = makeError(ConnectorError::Kind::RateLimited,
                                     tr("%1 was not sent: the daily Pipedrive token budget is spent (%2).")
                                         .arg(describe(call), m_budget->summary()),
                                     429);
        e.retryAfterMs = m_budget->msUntilDailyReset();
        later(0, [done, e]() { done(e, {}); });
        return;
    }
    const qint64 wait = m_budget->delayBeforeSendMs(lane);
    if (wait > 0) {
        qCDebug(lcPipedrive) << "pacing: waiting" << wait << "ms before" << describe(call);
        later(wait, [this, call, done]() { execute(call, done); });
        return;
    }
    sendNow(std::move(call), std::move(done));
}

void PipedriveClient::sendNow(Call call, RawCallback done)
{
    const auto lane = call.kind == Kind::Search ? PipedriveBudget::Lane::Search : PipedriveBudget::Lane::General;
    m_budget->recordSent(lane, PipedriveBudget::tokenCost(call.method, call.path));
    ++m_requests;
    const HttpRequest request = buildRequest(call);
    qCDebug(lcPipedrive).noquote() << call.method << request.url.toString(QUrl::FullyEncoded) << "attempt"
                                   << call.attempt;
    QPointer<PipedriveClient> self(this);
    m_transport->send(request, [self, call, done](const HttpResponse &response) {
        if (self) {
            self->handleResponse(call, response, done);
        }
    });
}

void PipedriveClient::handleResponse(Call call, const HttpResponse &response, RawCallback done)
{
    m_budget->recordResponse(response);
    QJsonObject envelope;
    ConnectorError error = classify(call, response, &envelope);
    if (!error.isError()) {
        done(error, envelope);
        return;
    }
    if (error.kind == ConnectorError::Kind::RateLimited) {
        qint64 wait = error.retryAfterMs;
        if (wait < 0) {
            // Neither header said: about one burst window, with jitter so parallel clients do not return together.
            wait = DefaultRateLimitWaitMs + qint64(m_random.bounded(500));
        }
        error.retryAfterMs = wait;
        const bool dailySpent = response.header("x-daily-ratelimit-token-remaining").trimmed() == "0";
        if (!dailySpent && wait <= LongestRateLimitWaitMs && call.rateLimitWaits < m_config.maxRateLimitWaits) {
            m_budget->recordRateLimited(wait);
            ++call.rateLimitWaits;
            qCInfo(lcPipedrive).noquote() << "rate limited on" << describe(call) << "- waiting" << wait << "ms";
            later(0, [this, call, done]() { execute(call, done); });
            return;
        }
        m_budget->recordRateLimited(wait);
    }
    const bool read = call.kind == Kind::List || call.kind == Kind::Get || call.kind == Kind::Search;
    const bool transient = error.kind == ConnectorError::Kind::Server || error.kind == ConnectorError::Kind::Network;
    if (read && transient && call.attempt < m_config.readRetry.maxAttempts) {
        ++call.attempt;
        const qint64 delay = m_config.readRetry.delayBeforeAttempt(call.attempt, m_random);
        qCInfo(lcPipedrive).noquote() << describe(call) << "failed (" << ConnectorError::kindName(error.kind)
                                      << ") - attempt" << call.attempt << "in" << delay << "ms";
        later(delay, [this, call, done]() { execute(call, done); });
        return;
    }
    qCWarning(lcPipedrive).noquote() << describe(call) << "failed:" << ConnectorError::kindName(error.kind)
                                     << error.message;
    done(error, {});
}

ConnectorError PipedriveClient::classify(const Call &call, const HttpResponse &response, QJsonObject *envelope) const
{
    using K = ConnectorError::Kind;
    using T = HttpResponse::TransportError;
    const bool create = call.kind == Kind::Create;
    const QString what = describe(call);
    const QString unknownOutcome =
        tr("%1: the answer was lost, so Pipedrive may or may not have created the record; search for the carried "
           "id before trying again (%2).");

    if (response.isTransportError()) {
        const QString detail = response.errorString;
        switch (response.error) {
        case T::Tls:
            return makeError(K::Tls, tr("%1: %2").arg(what, detail));
        case T::ConnectionRefused:
        case T::HostNotFound:
            // Nothing reached Pipedrive, so even a create is safe to send again.
            return makeError(K::Network, tr("%1: Pipedrive could not be reached (%2).").arg(what, detail));
        case T::TooLarge:
            return create ? makeError(K::UnknownOutcome, unknownOutcome.arg(what, detail))
                          : makeError(K::Malformed, tr("%1: the answer was larger than allowed.").arg(what));
        case T::Timeout:
        case T::ConnectionReset:
        case T::Cancelled:
        case T::Other:
        case T::None:
            break;
        }
        return create ? makeError(K::UnknownOutcome, unknownOutcome.arg(what, detail))
                      : makeError(K::Network, tr("%1: %2").arg(what, detail));
    }

    const int status = response.status;
    if (status <= 0) {
        // No status line at all: nothing usable arrived, which for a create means nobody knows if it was applied.
        return create ? makeError(K::UnknownOutcome, unknownOutcome.arg(what, tr("no HTTP status")))
                      : makeError(K::Network, tr("%1: the answer had no HTTP status.").arg(what));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = RemoteText::parseJson(response.body, &parseError);
    const QJsonObject body = doc.isObject() ? doc.object() : QJsonObject();
    QString remote;
    if (body.value(QStringLiteral("error")).isString()) {
        remote = sanitizeRemoteText(body.value(QStringLiteral("error")).toString());
    }
    const QString remoteSuffix = remote.isEmpty() ? QString() : QStringLiteral(": ") + remote;

    if (status >= 200 && status < 300) {
        QString problem;
        if (!doc.isObject()) {
            problem = tr("the answer is not a JSON object");
        } else if (body.value(QStringLiteral("success")) != QJsonValue(true)) {
            problem = tr("the answer says success:false") + remoteSuffix;
        } else if (!body.contains(QStringLiteral("data"))) {
            problem = tr("the answer has no data");
        }
        if (!problem.isEmpty()) {
            return create ? makeError(K::UnknownOutcome, unknownOutcome.arg(what, problem), status)
                          : makeError(K::Malformed, tr("%1: %2.").arg(what, problem), status);
        }
        *envelope = body;
        return {};
    }
    if (status == 429) {
        ConnectorError e = makeError(K::RateLimited, tr("%1: Pipedrive's rate limit was reached.").arg(what), status);
        e.retryAfterMs = rateLimitWaitMs(response, Clock::current().nowUtc());
        return e;
    }
    if (status == 401) {
        return makeError(K::Authentication,
                         tr("%1: Pipedrive refused the API token (HTTP 401)%2. Check the token in the settings.")
                             .arg(what, remoteSuffix),
                         status);
    }
    if (status == 402 || status == 403 || status == 415) {
        const bool html = !doc.isObject() && response.body.trimmed().startsWith('<');
        if (html) {
            return makeError(K::Permission,
                             tr("%1: Pipedrive answered HTTP %2 with a web page instead of JSON; this happens when "
                                "rate limits were ignored. Wait before syncing again.")
                                 .arg(what)
                                 .arg(status),
                             status);
        }
        return makeError(K::Permission,
                         tr("%1: Pipedrive refused the request (HTTP %2)%3.").arg(what).arg(status).arg(remoteSuffix),
                         status);
    }
    if (status == 404 || status == 410) {
        return makeError(K::NotFound, tr("%1: not found in Pipedrive (HTTP %2).").arg(what).arg(status), status);
    }
    if (status == 400 || status == 422) {
        return makeError(K::Validation,
                         tr("%1: Pipedrive refused the data (HTTP %2)%3.").arg(what).arg(status).arg(remoteSuffix),
                         status);
    }
    if (status >= 500) {
        const bool mayHaveApplied = create && status != 503;
        return mayHaveApplied
                   ? makeError(K::UnknownOutcome, unknownOutcome.arg(what, QStringLiteral("HTTP %1").arg(status)),
                               status)
                   : makeError(
                         K::Server,
                         tr("%1: Pipedrive had a server error (HTTP %2)%3.").arg(what).arg(status).arg(remoteSuffix),
                         status);
    }
    if (status >= 300 && status < 400) {
        return makeError(K::Configuration,
                         tr("%1: Pipedrive redirected the request (HTTP %2); check the company domain in the settings.")
                             .arg(what)
                             .arg(status),
                         status);
    }
    if (status == 405) {
        return makeError(K::Configuration, tr("%1: Pipedrive does not accept this request (HTTP 405).").arg(what),
                         status);
    }
    return makeError(K::Validation, tr("%1: unexpected HTTP %2%3.").arg(what).arg(status).arg(remoteSuffix), status);
}

void PipedriveClient::fetchAllPages(Call call, PagesCallback done, QJsonArray collected, QString previousCursor)
{
    execute(call, [this, call, done, collected, previousCursor](const ConnectorError &error,
                                                                const QJsonObject &envelope) mutable {
        if (error.isError()) {
            done(error, {});
            return;
        }
        const QJsonValue data = envelope.value(QStringLiteral("data"));
        if (!data.isArray() && !data.isNull()) {
            done(makeError(ConnectorError::Kind::Malformed, tr("%1: data is not a list.").arg(describe(call))), {});
            return;
        }
        for (const QJsonValue &item : data.toArray()) {
            collected.append(item);
        }
        const QJsonValue next =
            envelope.value(QStringLiteral("additional_data")).toObject().value(QStringLiteral("next_cursor"));
        if (next.isNull() || next.isUndefined() || (next.isString() && next.toString().isEmpty())) {
            done({}, collected);
            return;
        }
        if (!next.isString() || next.toString() == previousCursor) {
            // A cursor that does not move would page forever.
            done(makeError(ConnectorError::Kind::Malformed,
                           tr("%1: the next_cursor is not a new text cursor.").arg(describe(call))),
                 {});
            return;
        }
        Call nextCall = call;
        setEncoded(nextCall.query, QStringLiteral("cursor"), next.toString());
        fetchAllPages(nextCall, done, collected, next.toString());
    });
}

void PipedriveClient::applyListOptions(Call &call, const ListOptions &options) const
{
    if (options.updatedSince.isValid()) {
        // Inclusive; whole seconds (Pipedrive is said to refuse milliseconds), floored so nothing is skipped.
        addEncoded(call.query, QStringLiteral("updated_since"), PipedriveCodec::formatTimestamp(options.updatedSince));
        addEncoded(call.query, QStringLiteral("sort_by"), QStringLiteral("update_time"));
    } else {
        // A full scan by id: a record edited during the scan does not move, so none is skipped.
        addEncoded(call.query, QStringLiteral("sort_by"), QStringLiteral("id"));
    }
    addEncoded(call.query, QStringLiteral("sort_direction"), QStringLiteral("asc"));
    if (options.updatedUntil.isValid()) {
        addEncoded(call.query, QStringLiteral("updated_until"), PipedriveCodec::formatTimestamp(options.updatedUntil));
    }
    addEncoded(call.query, QStringLiteral("limit"), QString::number(m_config.pageSize));
}

void PipedriveClient::listOrganizations(const ListOptions &options, Callback<QList<PipedriveOrganization>> done)
{
    Call call;
    call.path = QStringLiteral("/organizations");
    call.kind = Kind::List;
    applyListOptions(call, options);
    fetchAllPages(call, [this, done](const ConnectorError &error, const QJsonArray &items) {
        PipedriveResult<QList<PipedriveOrganization>> result;
        result.error = error;
        for (const QJsonValue &item : items) {
            QString problem;
            if (auto org = PipedriveCodec::parseOrganization(item, m_orgFields, &problem)) {
                result.value.append(*org);
            } else {
                result.recordErrors.append(makeError(ConnectorError::Kind::Malformed, problem));
            }
        }
        done(result);
    });
}

void PipedriveClient::listDeals(const ListOptions &options, Callback<QList<PipedriveDeal>> done)
{
    listDealsAt(QStringLiteral("/deals"), options, std::move(done));
}

void PipedriveClient::listArchivedDeals(const ListOptions &options, Callback<QList<PipedriveDeal>> done)
{
    ListOptions archived = options;
    archived.dealScope = DealScope::Active;
    listDealsAt(QStringLiteral("/deals/archived"), archived, std::move(done));
}

void PipedriveClient::listDealsAt(const QString &path, const ListOptions &options, Callback<QList<PipedriveDeal>> done)
{
    Call call;
    call.path = path;
    call.kind = Kind::List;
    applyListOptions(call, options);
    if (options.dealScope == DealScope::Deleted) {
        addEncoded(call.query, QStringLiteral("status"), QStringLiteral("deleted"));
    } else if (options.dealScope == DealScope::ActiveAndDeleted) {
        addEncoded(call.query, QStringLiteral("status"), QStringLiteral("open,won,lost,deleted"));
    }
    fetchAllPages(call, [this, done](const ConnectorError &error, const QJsonArray &items) {
        PipedriveResult<QList<PipedriveDeal>> result;
        result.error = error;
        for (const QJsonValue &item : items) {
            QString problem;
            if (auto deal = PipedriveCodec::parseDeal(item, m_dealFields, &problem)) {
                result.value.append(*deal);
            } else {
                result.recordErrors.append(makeError(ConnectorError::Kind::Malformed, problem));
            }
        }
        done(result);
    });
}

void PipedriveClient::getOrganization(qint64 id, Callback<PipedriveOrganization> done)
{
    Call call;
    call.path = QStringLiteral("/organizations/%1").arg(id);
    execute(call, [this, done](const ConnectorError &error, const QJsonObject &envelope) {
        PipedriveResult<PipedriveOrganization> result;
        result.error = error;
        if (!error.isError()) {
            QString problem;
            if (auto org =
                    PipedriveCodec::parseOrganization(envelope.value(QStringLiteral("data")), m_orgFields, &problem)) {
                result.value = *org;
            } else {
                result.error = makeError(ConnectorError::Kind::Malformed, problem);
            }
        }
        done(result);
    });
}

void PipedriveClient::getDeal(qint64 id, Callback<PipedriveDeal> done)
{
    Call call;
    call.path = QStringLiteral("/deals/%1").arg(id);
    execute(call, [this, done](const ConnectorError &error, const QJsonObject &envelope) {
        PipedriveResult<PipedriveDeal> result;
        result.error = error;
        if (!error.isError()) {
            QString problem;
            if (auto deal = PipedriveCodec::parseDeal(envelope.value(QStringLiteral("data")), m_dealFields, &problem)) {
                result.value = *deal;
            } else {
                result.error = makeError(ConnectorError::Kind::Malformed, problem);
            }
        }
        done(result);
    });
}

QJsonObject PipedriveClient::organizationBody(const PipedriveOrganizationChanges &changes, bool forCreate,
                                              QString *problem) const
{
    return PipedriveCodec::organizationBody(changes, m_orgFields, forCreate, problem);
}

QJsonObject PipedriveClient::dealBody(const PipedriveDealChanges &changes, bool forCreate, QString *problem) const
{
    return PipedriveCodec::dealBody(changes, m_dealFields, forCreate, problem);
}

namespace {
// A custom field named in a write but not mapped is a setup problem, not bad data.
QString firstUnmappedField(const QHash<QString, QJsonValue> &values, const PipedriveCodec::FieldsByName &fields)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!fields.contains(it.key())) {
            return it.key();
        }
    }
    return QString();
}
} // namespace

void PipedriveClient::writeOrganization(Call call, const PipedriveOrganizationChanges &changes, bool forCreate,
                                        Callback<PipedriveOrganization> done)
{
    PipedriveResult<PipedriveOrganization> refused;
    const QString unmapped = firstUnmappedField(changes.customFields, m_orgFields);
    QString problem;
    const QJsonObject body = unmapped.isEmpty() ? organizationBody(changes, forCreate, &problem) : QJsonObject();
    if (!unmapped.isEmpty()) {
        refused.error = makeError(ConnectorError::Kind::Configuration,
                                  tr("The organization custom field \"%1\" is not mapped; run setup.").arg(unmapped));
    } else if (!problem.isEmpty() || (!forCreate && body.isEmpty())) {
        refused.error = makeError(ConnectorError::Kind::Validation,
                                  problem.isEmpty() ? tr("There is nothing to change.") : problem);
    }
    if (refused.error.isError()) {
        later(0, [done, refused]() { done(refused); });
        return;
    }
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    execute(call, [this, done, forCreate](const ConnectorError &error, const QJsonObject &envelope) {
        PipedriveResult<PipedriveOrganization> result;
        result.error = error;
        if (!error.isError()) {
            QString parseProblem;
            if (auto org = PipedriveCodec::parseOrganization(envelope.value(QStringLiteral("data")), m_orgFields,
                                                             &parseProblem)) {
                result.value = *org;
            } else {
                // Applied, but we cannot say which record it is: the caller must search as after a lost answer.
                result.error =
                    makeError(forCreate ? ConnectorError::Kind::UnknownOutcome : ConnectorError::Kind::Malformed,
                              tr("The organization was written but the answer is unreadable: %1").arg(parseProblem));
            }
        }
        done(result);
    });
}

void PipedriveClient::createOrganization(const PipedriveOrganizationChanges &changes,
                                         Callback<PipedriveOrganization> done)
{
    Call call;
    call.method = "POST";
    call.path = QStringLiteral("/organizations");
    call.kind = Kind::Create;
    writeOrganization(call, changes, true, std::move(done));
}

void PipedriveClient::updateOrganization(qint64 id, const PipedriveOrganizationChanges &changes,
                                         Callback<PipedriveOrganization> done)
{
    Call call;
    call.method = "PATCH";
    call.path = QStringLiteral("/organizations/%1").arg(id);
    call.kind = Kind::Update;
    writeOrganization(call, changes, false, std::move(done));
}

void PipedriveClient::writeDeal(Call call, const PipedriveDealChanges &changes, bool forCreate,
                                Callback<PipedriveDeal> done)
{
    PipedriveResult<PipedriveDeal> refused;
    const QString unmapped = firstUnmappedField(changes.customFields, m_dealFields);
    QString problem;
    const QJsonObject body = unmapped.isEmpty() ? dealBody(changes, forCreate, &problem) : QJsonObject();
    if (!unmapped.isEmpty()) {
        refused.error = makeError(ConnectorError::Kind::Configuration,
                                  tr("The deal custom field \"%1\" is not mapped; run setup.").arg(unmapped));
    } else if (!problem.isEmpty() || (!forCreate && body.isEmpty())) {
        refused.error = makeError(ConnectorError::Kind::Validation,
                                  problem.isEmpty() ? tr("There is nothing to change.") : problem);
    }
    if (refused.error.isError()) {
        later(0, [done, refused]() { done(refused); });
        return;
    }
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    execute(call, [this, done, forCreate](const ConnectorError &error, const QJsonObject &envelope) {
        PipedriveResult<PipedriveDeal> result;
        result.error = error;
        if (!error.isError()) {
            QString parseProblem;
            if (auto deal =
                    PipedriveCodec::parseDeal(envelope.value(QStringLiteral("data")), m_dealFields, &parseProblem)) {
                result.value = *deal;
            } else {
                result.error =
                    makeError(forCreate ? ConnectorError::Kind::UnknownOutcome : ConnectorError::Kind::Malformed,
                              tr("The deal was written but the answer is unreadable: %1").arg(parseProblem));
            }
        }
        done(result);
    });
}

void PipedriveClient::createDeal(const PipedriveDealChanges &changes, Callback<PipedriveDeal> done)
{
    Call call;
    call.method = "POST";
    call.path = QStringLiteral("/deals");
    call.kind = Kind::Create;
    writeDeal(call, changes, true, std::move(done));
}

void PipedriveClient::updateDeal(qint64 id, const PipedriveDealChanges &changes, Callback<PipedriveDeal> done)
{
    Call call;
    call.method = "PATCH";
    call.path = QStringLiteral("/deals/%1").arg(id);
    call.kind = Kind::Update;
    writeDeal(call, changes, false, std::move(done));
}

void PipedriveClient::deleteEntity(const QString &path, Callback<qint64> done)
{
    Call call;
    call.method = "DELETE";
    call.path = path;
    call.kind = Kind::Delete;
    execute(call, [this, call, done](const ConnectorError &error, const QJsonObject &envelope) {
        PipedriveResult<qint64> result;
        result.error = error;
        if (!error.isError()) {
            QString problem;
            const auto id = PipedriveCodec::parseSearchHitId(envelope.value(QStringLiteral("data")), &problem);
            if (id) {
                result.value = *id;
            } else {
                result.error = makeError(ConnectorError::Kind::Malformed, tr("%1: %2").arg(describe(call), problem));
            }
        }
        done(result);
    });
}

void PipedriveClient::deleteOrganization(qint64 id, Callback<qint64> done)
{
    deleteEntity(QStringLiteral("/organizations/%1").arg(id), std::move(done));
}

void PipedriveClient::deleteDeal(qint64 id, Callback<qint64> done)
{
    deleteEntity(QStringLiteral("/deals/%1").arg(id), std::move(done));
}

void PipedriveClient::listStages(Callback<QList<PipedriveStage>> done)
{
    Call call;
    call.path = QStringLiteral("/stages");
    call.kind = Kind::List;
    addEncoded(call.query, QStringLiteral("limit"), QString::number(m_config.pageSize));
    fetchAllPages(call, [done](const ConnectorError &error, const QJsonArray &items) {
        PipedriveResult<QList<PipedriveStage>> result;
        result.error = error;
        for (const QJsonValue &item : items) {
            QString problem;
            if (auto stage = PipedriveCodec::parseStage(item, &problem)) {
                result.value.append(*stage);
            } else {
                result.recordErrors.append(makeError(ConnectorError::Kind::Malformed, problem));
            }
        }
        done(result);
    });
}

void PipedriveClient::setFieldMappings(const PipedriveCodec::FieldsByName &organization,
                                       const PipedriveCodec::FieldsByName &deal)
{
    m_orgFields = organization;
    m_dealFields = deal;
    m_fieldsDiscovered = true;
}

QList<PipedriveFieldSpec> PipedriveClient::missingFields() const
{
    QList<PipedriveFieldSpec> missing;
    for (const PipedriveFieldSpec &spec : m_fieldSpecs) {
        const auto &map = spec.entity == PipedriveFieldSpec::Entity::Deal ? m_dealFields : m_orgFields;
        if (!map.contains(spec.name)) {
            missing.append(spec);
        }
    }
    return missing;
}

void PipedriveClient::loadFieldsOf(PipedriveFieldSpec::Entity entity, std::function<void(const ConnectorError &)> done)
{
    const bool deal = entity == PipedriveFieldSpec::Entity::Deal;
    Call call;
    call.path = deal ? QStringLiteral("/dealFields") : QStringLiteral("/organizationFields");
    call.kind = Kind::List;
    addEncoded(call.query, QStringLiteral("limit"), QString::number(m_config.pageSize));
    fetchAllPages(call, [this, entity, deal, done](const ConnectorError &error, const QJsonArray &items) {
        if (error.isError()) {
            done(error);
            return;
        }
        QList<PipedriveFieldDefinition> all;
        for (const QJsonValue &item : items) {
            QString problem;
            if (auto field = PipedriveCodec::parseField(item, &problem)) {
                all.append(*field);
            } else {
                qCWarning(lcPipedrive).noquote() << "skipping a field definition:" << problem;
            }
        }
        auto &map = deal ? m_dealFields : m_orgFields;
        map.clear();
        if (!deal) {
            m_fieldProblems.clear(); // discovery starts with organizations
        }
        for (const PipedriveFieldSpec &spec : m_fieldSpecs) {
            if (spec.entity != entity) {
                continue;
            }
            // Exact name first; then the same name ignoring case and spaces around it. Custom fields win over
            // built-in ones with a similar label. A field of that name whose type cannot hold the value is not
            // used (writes would be refused); setup is told why.
            auto compatible = [&spec](const PipedriveFieldDefinition &f) {
                if (f.type == spec.type) {
                    return true;
                }
                const PipedriveFieldDefinition wanted{QString(), QString(), spec.type, true, {}};
                // An enum of the right name works for a text value, matched by option label (DESIGN.md).
                return wanted.isTextLike() && (f.isTextLike() || f.type == QLatin1String("enum"));
            };
            const PipedriveFieldDefinition *match = nullptr;
            const PipedriveFieldDefinition *unusable = nullptr;
            for (int pass = 0; pass < 2 && !match; ++pass) {
                for (const PipedriveFieldDefinition &f : all) {
                    const bool same = pass == 0
                                          ? f.name == spec.name
                                          : f.name.trimmed().compare(spec.name.trimmed(), Qt::CaseInsensitive) == 0;
                    if (same && !compatible(f)) {
                        unusable = &f;
                    } else if (same && (!match || (f.isCustom && !match->isCustom))) {
                        match = &f;
                    }
                }
            }
            if (match) {
                map.insert(spec.name, *match);
            } else if (unusable) {
                m_fieldProblems.append(tr("The %1 field \"%2\" has type %3, which cannot hold TurfDrive's %4 value.")
                                           .arg(PipedriveFieldSpec::entityName(entity), spec.name,
                                                sanitizeRemoteText(unusable->type), spec.type));
            }
        }
        done({});
    });
}

void PipedriveClient::discoverFields(Callback<bool> done)
{
    loadFieldsOf(PipedriveFieldSpec::Entity::Organization, [this, done](const ConnectorError &error) {
        if (error.isError()) {
            PipedriveResult<bool> result;
            result.error = error;
            done(result);
            return;
        }
        loadFieldsOf(PipedriveFieldSpec::Entity::Deal, [this, done](const ConnectorError &dealError) {
            PipedriveResult<bool> result;
            result.error = dealError;
            m_fieldsDiscovered = !dealError.isError();
            result.value = m_fieldsDiscovered && missingFields().isEmpty();
            for (const PipedriveFieldSpec &spec : missingFields()) {
                qCInfo(lcPipedrive).noquote()
                    << "missing" << PipedriveFieldSpec::entityName(spec.entity) << "custom field:" << spec.name;
            }
            done(result);
        });
    });
}

void PipedriveClient::createMissingFields(Callback<QList<PipedriveFieldDefinition>> done)
{
    if (!m_fieldsDiscovered) {
        PipedriveResult<QList<PipedriveFieldDefinition>> refused;
        refused.error = makeError(ConnectorError::Kind::Configuration,
                                  tr("Custom fields must be discovered before missing ones are created."));
        later(0, [done, refused]() { done(refused); });
        return;
    }
    createFieldsFrom(missingFields(), {}, std::move(done));
}

void PipedriveClient::createFieldsFrom(QList<PipedriveFieldSpec> pending, QList<PipedriveFieldDefinition> created,
                                       Callback<QList<PipedriveFieldDefinition>> done)
{
    if (pending.isEmpty()) {
        PipedriveResult<QList<PipedriveFieldDefinition>> result;
        result.value = created;
        later(0, [done, result]() { done(result); });
        return;
    }
    const PipedriveFieldSpec spec = pending.takeFirst();
    const bool deal = spec.entity == PipedriveFieldSpec::Entity::Deal;
    Call call;
    call.method = "POST";
    call.path = deal ? QStringLiteral("/dealFields") : QStringLiteral("/organizationFields");
    call.kind = Kind::Create;
    const QJsonObject body{{QStringLiteral("field_name"), spec.name}, {QStringLiteral("field_type"), spec.type}};
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    execute(call, [this, spec, deal, pending, created, done](const ConnectorError &error,
                                                             const QJsonObject &envelope) mutable {
        PipedriveResult<QList<PipedriveFieldDefinition>> result;
        result.value = created;
        if (error.isError()) {
            result.error = error;
            done(result);
            return;
        }
        QString problem;
        const auto field = PipedriveCodec::parseField(envelope.value(QStringLiteral("data")), &problem);
        if (!field) {
            result.error = makeError(ConnectorError::Kind::UnknownOutcome,
                                     tr("The field \"%1\" was created but the answer is unreadable (%2); discover "
                                        "fields again.")
                                         .arg(spec.name, problem));
            done(result);
            return;
        }
        (deal ? m_dealFields : m_orgFields).insert(spec.name, *field);
        created.append(*field);
        qCInfo(lcPipedrive).noquote() << "created" << PipedriveFieldSpec::entityName(spec.entity) << "custom field"
                                      << spec.name;
        createFieldsFrom(pending, created, done);
    });
}

void PipedriveClient::findByCustomField(PipedriveFieldSpec::Entity entity, const QString &fieldName,
                                        const QString &term, Callback<QList<qint64>> done)
{
    const auto &map = entity == PipedriveFieldSpec::Entity::Deal ? m_dealFields : m_orgFields;
    PipedriveResult<QList<qint64>> refused;
    if (!map.contains(fieldName)) {
        refused.error = makeError(ConnectorError::Kind::Configuration,
                                  tr("The custom field \"%1\" is not mapped; run setup.").arg(fieldName));
    } else if (term.isEmpty()) {
        refused.error = makeError(ConnectorError::Kind::Validation, tr("An empty search term matches nothing."));
    }
    if (refused.error.isError()) {
        later(0, [done, refused]() { done(refused); });
        return;
    }
    Call call;
    call.path = QStringLiteral("/itemSearch/field");
    call.kind = Kind::Search;
    addEncoded(call.query, QStringLiteral("term"), term);
    addEncoded(call.query, QStringLiteral("entity_type"), PipedriveFieldSpec::entityName(entity));
    addEncoded(call.query, QStringLiteral("field"), map.value(fieldName).key);
    addEncoded(call.query, QStringLiteral("match"), QStringLiteral("exact"));
    addEncoded(call.query, QStringLiteral("limit"), QStringLiteral("100"));
    fetchAllPages(call, [done](const ConnectorError &error, const QJsonArray &items) {
        PipedriveResult<QList<qint64>> result;
        result.error = error;
        for (const QJsonValue &item : items) {
            QString problem;
            if (auto id = PipedriveCodec::parseSearchHitId(item, &problem)) {
                if (!result.value.contains(*id)) {
                    result.value.append(*id);
                }
            } else {
                result.recordErrors.append(makeError(ConnectorError::Kind::Malformed, problem));
            }
        }
        done(result);
    });
}

void PipedriveClient::findCreated(PipedriveFieldSpec::Entity entity, const QString &fieldName,
                                  const QString &carriedValue, const QDateTime &intentTime,
                                  Callback<QList<qint64>> done, qint64 searchAfterMs)
{
    const bool deal = entity == PipedriveFieldSpec::Entity::Deal;
    const auto &map = deal ? m_dealFields : m_orgFields;
    if (!map.contains(fieldName) || carriedValue.isEmpty() || !intentTime.isValid()) {
        // findByCustomField reports the unmapped field or the empty value itself.
        findByCustomField(entity, fieldName, carriedValue, std::move(done));
        return;
    }
    auto fallback = [this, entity, fieldName, carriedValue, intentTime, searchAfterMs,
                     done](const PipedriveResult<QList<qint64>> &listed) {
        const bool old = intentTime.msecsTo(Clock::current().nowUtc()) > searchAfterMs;
        if (!listed.ok() || !listed.value.isEmpty() || !old) {
            done(listed);
            return;
        }
        findByCustomField(entity, fieldName, carriedValue, done);
    };
    ListOptions options;
    // A second of overlap: update_time has whole seconds, and the intent was journalled just before the send.
    options.updatedSince = intentTime.addSecs(-1);
    if (deal) {
        options.dealScope = DealScope::ActiveAndDeleted; // a created-then-deleted deal was still created
        listDeals(options, [fieldName, carriedValue, fallback](const PipedriveResult<QList<PipedriveDeal>> &r) {
            PipedriveResult<QList<qint64>> ids;
            ids.error = r.error;
            for (const PipedriveDeal &d : r.value) {
                if (d.customText(fieldName) == carriedValue) {
                    ids.value.append(d.id);
                }
            }
            fallback(ids);
        });
        return;
    }
    listOrganizations(options,
                      [fieldName, carriedValue, fallback](const PipedriveResult<QList<PipedriveOrganization>> &r) {
                          PipedriveResult<QList<qint64>> ids;
                          ids.error = r.error;
                          for (const PipedriveOrganization &o : r.value) {
                              if (o.customText(fieldName) == carriedValue) {
                                  ids.value.append(o.id);
                              }
                          }
                          fallback(ids);
                      });
}
