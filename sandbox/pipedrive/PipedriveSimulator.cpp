#include "PipedriveSimulator.h"

#include "PipedriveControlApi.h"
#include "PipedriveDemoData.h"
#include "PipedrivePager.h"
#include "PipedriveReply.h"
#include "PipedriveRequestParser.h"
#include "PipedriveWriteValidator.h"

#include <QJsonDocument>
#include <algorithm>

namespace {
QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

using Keyed = PipedrivePager::Item;
using PipedriveReply::toJson;
using PipedriveRequestParser::optionalInt;
using PipedriveRequestParser::parseBody;
using PipedriveRequestParser::parseBool;
using PipedriveRequestParser::parseId;

// include_fields values of the spec (getDeals / getOrganizations); anything else is the client's mistake.
QStringList includableFields(PipedriveEntity e)
{
    const char *const deal[] = {"next_activity_id",
                                "last_activity_id",
                                "first_won_time",
                                "products_count",
                                "files_count",
                                "notes_count",
                                "followers_count",
                                "email_messages_count",
                                "activities_count",
                                "done_activities_count",
                                "undone_activities_count",
                                "participants_count",
                                "last_incoming_mail_time",
                                "last_outgoing_mail_time",
                                "smart_bcc_email",
                                "source_lead_id"};
    const char *const org[] = {"next_activity_id",
                               "last_activity_id",
                               "open_deals_count",
                               "related_open_deals_count",
                               "closed_deals_count",
                               "related_closed_deals_count",
                               "email_messages_count",
                               "people_count",
                               "activities_count",
                               "done_activities_count",
                               "undone_activities_count",
                               "files_count",
                               "notes_count",
                               "followers_count",
                               "won_deals_count",
                               "related_won_deals_count",
                               "lost_deals_count",
                               "related_lost_deals_count",
                               "smart_bcc_email"};
    QStringList out;
    if (e == PipedriveEntity::Deal) {
        for (const char *f : deal) {
            out.append(QString::fromLatin1(f));
        }
    } else {
        for (const char *f : org) {
            out.append(QString::fromLatin1(f));
        }
    }
    return out;
}

bool parseIncludeFields(PipedriveEntity e, const QUrlQuery &q, QStringList *fields, QString *error)
{
    *fields = q.queryItemValue(s("include_fields"), QUrl::FullyDecoded).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList allowed = includableFields(e);
    for (const QString &f : qAsConst(*fields)) {
        if (!allowed.contains(f)) {
            *error = s("Parameter include_fields has an unknown field: ") + f;
            return false;
        }
    }
    return true;
}

// The optional keys appear only when asked for; the simulator keeps no activities, mail or files, so counts are 0.
void addIncludedFields(QJsonObject &o, const QStringList &fields, qint64 id)
{
    for (const QString &f : fields) {
        if (f.endsWith(QLatin1String("_count"))) {
            o.insert(f, 0);
        } else if (f == QLatin1String("first_won_time")) {
            o.insert(f, o.value(s("won_time")));
        } else if (f == QLatin1String("smart_bcc_email")) {
            o.insert(f, QStringLiteral("greenscape-sandbox+%1@pipedrivemail.com").arg(id));
        } else {
            o.insert(f, QJsonValue());
        }
    }
}

const char *const HtmlBlockPage =
    "<!DOCTYPE html>\n<html><head><title>Attention Required! | Cloudflare</title></head>\n"
    "<body><h1>Sorry, you have been blocked</h1>\n"
    "<p>You are unable to access pipedrive.com. This request was blocked by the security service.</p>\n"
    "</body></html>\n";

// What a proxy or maintenance page in the way answers with 200: HTML where JSON was expected.
const char *const HtmlProxyPage = "<!DOCTYPE html>\n<html><head><title>Pipedrive is under maintenance</title></head>"
                                  "<body><h1>We'll be back shortly</h1></body></html>\n";
} // namespace

PipedriveSimulator::PipedriveSimulator(quint32 seed)
    : m_store(&m_fields)
    , m_limiter(&m_clock)
    , m_control(std::make_unique<PipedriveControlApi>(this))
{
    m_fields.setSeed(seed);
    m_faults.setSeed(seed);
    m_store.clear();
}

PipedriveSimulator::~PipedriveSimulator() = default;

void PipedriveSimulator::addApiToken(const QByteArray &token, const QString &plan)
{
    m_tokens.insert(token, true);
    PipedriveRateLimiter::Plan p = PipedriveRateLimiter::Plan::Growth;
    if (PipedriveRateLimiter::planFromName(plan, &p)) {
        m_limiter.setPlan(p);
    }
}

void PipedriveSimulator::setAcceptAnyToken(bool accept, const QString &plan)
{
    m_acceptAnyToken = accept;
    PipedriveRateLimiter::Plan p = PipedriveRateLimiter::Plan::Growth;
    if (PipedriveRateLimiter::planFromName(plan, &p)) {
        m_limiter.setPlan(p);
    }
}

void PipedriveSimulator::removeApiToken(const QByteArray &token)
{
    m_tokens.remove(token);
}

bool PipedriveSimulator::resolve(const QByteArray &method, const QString &path, Route *route, bool *pathKnown) const
{
    *pathKnown = false;
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // Only the /api/vN prefix works for v2; "/v2/..." is a 404 like any other unknown path.
    if (parts.size() < 3 || parts.at(0) != QLatin1String("api")) {
        return false;
    }
    const QString version = parts.at(1);
    const QString res = parts.at(2);
    const QString sub = parts.size() > 3 ? parts.at(3) : QString();
    const int depth = static_cast<int>(parts.size());
    auto set = [route](const char *op, int cost, Handler h) {
        route->operation = QString::fromLatin1(op);
        route->cost = cost;
        route->handler = h;
    };
    const bool get = method == "GET";
    const bool post = method == "POST";
    const bool patch = method == "PATCH";
    const bool del = method == "DELETE";

    if (version == QLatin1String("v1")) {
        route->v1 = true;
        if (res == QLatin1String("users") && sub == QLatin1String("me") && depth == 4) {
            *pathKnown = true;
            if (get) {
                set("getCurrentUser", 2, &PipedriveSimulator::usersMe);
            }
        } else if ((res == QLatin1String("organizationFields") || res == QLatin1String("dealFields")) && depth == 3) {
            *pathKnown = true;
            route->entity = res == QLatin1String("dealFields") ? PipedriveEntity::Deal : PipedriveEntity::Organization;
            if (get) {
                set(route->entity == PipedriveEntity::Deal ? "getDealFieldsV1" : "getOrganizationFieldsV1", 20,
                    &PipedriveSimulator::listFieldsV1);
            }
        }
        return route->handler != nullptr;
    }
    if (version != QLatin1String("v2")) {
        return false;
    }

    if (res == QLatin1String("organizations") || res == QLatin1String("deals")) {
        const bool deal = res == QLatin1String("deals");
        route->entity = deal ? PipedriveEntity::Deal : PipedriveEntity::Organization;
        if (depth == 3) {
            *pathKnown = true;
            if (get) {
                set(deal ? "getDeals" : "getOrganizations", 10, &PipedriveSimulator::listEntities);
            } else if (post) {
                set(deal ? "addDeal" : "addOrganization", 5, &PipedriveSimulator::createEntity);
            }
        } else if (depth == 4 && deal && sub == QLatin1String("archived")) {
            *pathKnown = true;
            if (get) {
                set("getArchivedDeals", 20, &PipedriveSimulator::listArchivedDeals);
            }
        } else if (depth == 4) {
            *pathKnown = true;
            route->idText = sub;
            if (get) {
                set(deal ? "getDeal" : "getOrganization", 1, &PipedriveSimulator::getEntity);
            } else if (patch) {
                set(deal ? "updateDeal" : "updateOrganization", 5, &PipedriveSimulator::updateEntity);
            } else if (del) {
                set(deal ? "deleteDeal" : "deleteOrganization", 3, &PipedriveSimulator::deleteEntity);
            }
        }
    } else if (res == QLatin1String("organizationFields") || res == QLatin1String("dealFields")) {
        const bool deal = res == QLatin1String("dealFields");
        route->entity = deal ? PipedriveEntity::Deal : PipedriveEntity::Organization;
        if (depth == 3) {
            *pathKnown = true;
            if (get) {
                set(deal ? "getDealFields" : "getOrganizationFields", 10, &PipedriveSimulator::listFields);
            } else if (post) {
                set(deal ? "addDealField" : "addOrganizationField", 5, &PipedriveSimulator::createField);
            }
        } else if (depth == 4) {
            *pathKnown = true;
            route->idText = sub;
            if (get) {
                set(deal ? "getDealField" : "getOrganizationField", 1, &PipedriveSimulator::getField);
            }
        }
    } else if (res == QLatin1String("stages") || res == QLatin1String("pipelines")) {
        const bool stages = res == QLatin1String("stages");
        if (depth == 3) {
            *pathKnown = true;
            if (get) {
                set(stages ? "getStages" : "getPipelines", 5,
                    stages ? &PipedriveSimulator::listStages : &PipedriveSimulator::listPipelines);
            }
        } else if (depth == 4) {
            *pathKnown = true;
            route->idText = sub;
            if (get) {
                set(stages ? "getStage" : "getPipeline", 1,
                    stages ? &PipedriveSimulator::getStage : &PipedriveSimulator::getPipeline);
            }
        }
    } else if (res == QLatin1String("itemSearch") && sub == QLatin1String("field") && depth == 4) {
        *pathKnown = true;
        if (get) {
            set("searchItemByField", 20, &PipedriveSimulator::searchByField);
            route->search = true;
        }
    }
    return route->handler != nullptr;
}

SimResponse PipedriveSimulator::handle(const SimRequest &request)
{
    if (request.path == QLatin1String("/_sim") || request.path.startsWith(QLatin1String("/_sim/"))) {
        return m_control->handle(request);
    }
    PipedriveRequestLogEntry entry;
    entry.atMSecs = m_clock.nowMSecs();
    entry.method = request.method;
    entry.path = request.path;
    entry.query = request.query.toString(QUrl::FullyEncoded);
    entry.headers = request.headers;
    entry.body = request.body;
    SimResponse answer = serve(request, entry);
    answer.headers.append({QByteArrayLiteral("x-correlation-id"), QByteArray::number(++m_correlation)});
    entry.status = answer.status;
    m_log.append(entry);
    if (m_log.size() > m_logLimit) {
        m_log.remove(0, m_log.size() - m_logLimit);
    }
    return answer;
}

SimResponse PipedriveSimulator::serve(const SimRequest &request, PipedriveRequestLogEntry &entry)
{
    // Purging walks every record; once per simulated second is as exact as the whole-second clock can tell.
    if (m_clock.nowSecs() != m_lastPurgeSecs) {
        m_lastPurgeSecs = m_clock.nowSecs();
        m_store.purge(m_lastPurgeSecs);
    }

    Route route;
    bool pathKnown = false;
    const bool routed = resolve(request.method, request.path, &route, &pathKnown);
    entry.operation = route.operation;

    // Authentication comes first: an unauthenticated caller learns nothing about routes.
    QByteArray token = request.header("x-api-token");
    bool oauth = false;
    const QByteArray authorization = request.header("authorization");
    if (token.isEmpty() && authorization.startsWith("Bearer ")) {
        token = authorization.mid(7).trimmed();
        oauth = true;
    }
    // v1 still honours the legacy query parameter; v2 does not, so a token there is no authentication at all.
    if (token.isEmpty() && route.v1 && request.query.hasQueryItem(s("api_token"))) {
        token = request.query.queryItemValue(s("api_token"), QUrl::FullyDecoded).toUtf8();
    }
    if (token.isEmpty() || (!m_acceptAnyToken && !m_tokens.contains(token))) {
        QJsonObject o{{s("success"), false},
                      {s("error"), s("unauthorized access")},
                      {s("errorCode"), 401},
                      {s("error_info"), s("Please check developers.pipedrive.com")}};
        SimResponse r = SimResponse::json(401, toJson(o));
        r.headers.append({QByteArrayLiteral("x-401-by-gw"), QByteArrayLiteral("true")});
        return r;
    }

    if (!routed) {
        return pathKnown ? PipedriveReply::error(405, s("Method not allowed"))
                         : PipedriveReply::error(404, s("Not found"));
    }

    const PipedriveRateLimiter::Decision decision = m_limiter.admit(token, oauth, route.search, route.cost);
    switch (decision.verdict) {
    case PipedriveRateLimiter::Verdict::Blocked:
        return SimResponse::text(403, QByteArrayLiteral("text/html; charset=UTF-8"), QByteArray(HtmlBlockPage));
    case PipedriveRateLimiter::Verdict::BurstExceeded:
    case PipedriveRateLimiter::Verdict::DailyExceeded: {
        QJsonObject o{{s("success"), false},
                      {s("error"), decision.verdict == PipedriveRateLimiter::Verdict::DailyExceeded
                                       ? s("Daily API token budget exceeded")
                                       : s("Request over limit")},
                      {s("errorCode"), 429},
                      {s("error_info"), s("Please check developers.pipedrive.com for rate limits")},
                      {s("data"), QJsonValue()},
                      {s("additional_data"), QJsonValue()}};
        SimResponse r = SimResponse::json(429, toJson(o));
        r.headers += decision.headers;
        return r;
    }
    case PipedriveRateLimiter::Verdict::Allowed:
        break;
    }
    entry.tokenCost = route.cost;

    SimResponse answer;
    const auto fault = m_faults.match(request.method, request.path);
    if (fault) {
        entry.fault = PipedriveFaultInjector::kindName(fault->kind);
        using Kind = PipedriveFaultInjector::Kind;
        switch (fault->kind) {
        case Kind::ServerError:
            answer = PipedriveReply::error(fault->status, s("Internal server error"));
            break;
        case Kind::Hang:
            answer = SimResponse::broken(SimResponse::Fault::Hang);
            break;
        case Kind::Reset:
            answer = SimResponse::broken(SimResponse::Fault::Reset);
            break;
        case Kind::Truncate:
            answer = (this->*route.handler)(request, route);
            answer.fault = SimResponse::Fault::Truncate;
            // The request is carried out; only its answer breaks on the way, as a dropped proxy connection does.
            break;
        case Kind::NonJson:
            answer = SimResponse::text(200, QByteArrayLiteral("text/html"), QByteArray(HtmlProxyPage));
            break;
        case Kind::ApplyThenHang:
        case Kind::ApplyThenReset:
            answer = (this->*route.handler)(request, route);
            answer.fault = fault->kind == Kind::ApplyThenHang ? SimResponse::Fault::Hang : SimResponse::Fault::Reset;
            break;
        case Kind::PaymentRequired:
            answer =
                PipedriveReply::error(402, s("Company account is not open (possible reason: trial expired, payment "
                                             "details not entered)"));
            break;
        case Kind::FeatureCapping: {
            answer = PipedriveReply::error(403, s("Couldn't add the deal. Open deals limit reached."));
            QJsonObject o = QJsonDocument::fromJson(answer.body).object();
            o.insert(s("code"), s("feature_capping_deals_limit"));
            answer.body = toJson(o);
            break;
        }
        }
    } else {
        answer = (this->*route.handler)(request, route);
    }
    answer.headers += decision.headers;
    return answer;
}

// --- entities

SimResponse PipedriveSimulator::listRecords(const SimRequest &request, PipedriveEntity entity, bool archivedOnly)
{
    const QUrlQuery &q = request.query;
    QString error;
    qint64 since = -1;
    qint64 until = -1;
    if (q.hasQueryItem(s("updated_since"))) {
        since = PipedriveWriteValidator::parseRfc3339(q.queryItemValue(s("updated_since"), QUrl::FullyDecoded));
        if (since < 0) {
            return PipedriveReply::error(400, s("Parameter updated_since must be an RFC 3339 date-time, e.g. "
                                                "2025-01-01T10:20:00Z"));
        }
    }
    if (q.hasQueryItem(s("updated_until"))) {
        until = PipedriveWriteValidator::parseRfc3339(q.queryItemValue(s("updated_until"), QUrl::FullyDecoded));
        if (until < 0) {
            return PipedriveReply::error(400, s("Parameter updated_until must be an RFC 3339 date-time, e.g. "
                                                "2025-01-01T10:20:00Z"));
        }
    }
    QList<qint64> ids;
    if (q.hasQueryItem(s("ids"))) {
        const QStringList parts = q.queryItemValue(s("ids"), QUrl::FullyDecoded).split(QLatin1Char(','));
        if (parts.size() > 100) {
            return PipedriveReply::error(400, s("Parameter ids accepts at most 100 ids"));
        }
        for (const QString &p : parts) {
            qint64 id = 0;
            if (!parseId(p.trimmed(), &id)) {
                return PipedriveReply::error(400, s("Parameter ids must be a comma separated list of integers"));
            }
            ids.append(id);
        }
    }
    QStringList customKeys;
    if (q.hasQueryItem(s("custom_fields"))) {
        customKeys =
            q.queryItemValue(s("custom_fields"), QUrl::FullyDecoded).split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (customKeys.size() > 15) {
            return PipedriveReply::error(400, s("Parameter custom_fields accepts at most 15 keys"));
        }
    }
    bool labels = false;
    if (!parseBool(q, "include_option_labels", &labels, &error)) {
        return PipedriveReply::error(400, error);
    }
    QStringList include;
    if (!parseIncludeFields(entity, q, &include, &error)) {
        return PipedriveReply::error(400, error);
    }
    struct IntFilter
    {
        const char *name;
        qint64 value = 0;
        bool present = false;
    };
    QList<IntFilter> filters{{"owner_id"}};
    if (entity == PipedriveEntity::Deal) {
        filters += {{"person_id"}, {"org_id"}, {"pipeline_id"}, {"stage_id"}};
    }
    for (IntFilter &f : filters) {
        if (!optionalInt(q, f.name, &f.value, &f.present, &error)) {
            return PipedriveReply::error(400, error);
        }
    }
    QStringList statuses;
    if (entity == PipedriveEntity::Deal && q.hasQueryItem(s("status"))) {
        statuses = q.queryItemValue(s("status"), QUrl::FullyDecoded).split(QLatin1Char(','));
        for (const QString &st : qAsConst(statuses)) {
            if (!QStringList{s("open"), s("won"), s("lost"), s("deleted")}.contains(st)) {
                return PipedriveReply::error(400,
                                             s("Parameter status must be a comma separated list of open, won, lost, "
                                               "deleted"));
            }
        }
    }

    const QString sortBy = q.queryItemValue(s("sort_by"), QUrl::FullyDecoded);
    const bool wantDeleted = statuses.contains(s("deleted"));
    QList<Keyed> items;
    items.reserve(m_store.records(entity).size());
    for (const PipedriveRecord &r : qAsConst(m_store.records(entity))) {
        if (entity == PipedriveEntity::Deal) {
            // Latin-1 keys: this loop runs over every record on every list request.
            if (r.fields.value(QLatin1String("is_archived")).toBool() != archivedOnly) {
                continue;
            }
            if (r.deleted
                    ? !wantDeleted
                    : !statuses.isEmpty() && !statuses.contains(r.fields.value(QLatin1String("status")).toString())) {
                continue;
            }
        } else if (r.deleted) {
            continue; // organization lists have no deleted filter and leave deleted ones out
        }
        if ((since >= 0 && r.updateTime < since) || (until >= 0 && r.updateTime >= until)) {
            continue;
        }
        if (!ids.isEmpty() && !ids.contains(r.id)) {
            continue;
        }
        bool pass = true;
        for (const IntFilter &f : qAsConst(filters)) {
            pass = pass && (!f.present || r.fields.value(QLatin1String(f.name)).toInteger() == f.value);
        }
        if (!pass) {
            continue;
        }
        Keyed k;
        k.id = r.id;
        if (sortBy == QLatin1String("update_time")) {
            k.sortValue = r.updateTime;
        } else if (sortBy == QLatin1String("add_time")) {
            k.sortValue = r.addTime;
        } else {
            k.sortValue = r.id;
        }
        k.record = &r;
        items.append(k);
    }
    return PipedrivePager::page(items, q, {s("id"), s("update_time"), s("add_time")}, [&](const Keyed &k) {
        QJsonObject o = m_store.render(entity, *k.record, customKeys, labels);
        addIncludedFields(o, include, k.id);
        return o;
    });
}

SimResponse PipedriveSimulator::listEntities(const SimRequest &request, const Route &route)
{
    return listRecords(request, route.entity, false);
}

SimResponse PipedriveSimulator::listArchivedDeals(const SimRequest &request, const Route &)
{
    return listRecords(request, PipedriveEntity::Deal, true);
}

SimResponse PipedriveSimulator::getEntity(const SimRequest &request, const Route &route)
{
    qint64 id = 0;
    if (!parseId(route.idText, &id)) {
        return PipedriveReply::error(400, s("The id must be a positive integer"));
    }
    const PipedriveRecord *r = m_store.find(route.entity, id);
    if (!r || (r->deleted && m_deletedGet == DeletedGet::NotFound)) {
        return PipedriveReply::error(404, PipedriveEntityNames::singular(route.entity) + s(" not found"));
    }
    QString error;
    bool labels = false;
    if (!parseBool(request.query, "include_option_labels", &labels, &error)) {
        return PipedriveReply::error(400, error);
    }
    const QStringList keys = request.query.queryItemValue(s("custom_fields"), QUrl::FullyDecoded)
                                 .split(QLatin1Char(','), Qt::SkipEmptyParts);
    QStringList include;
    if (!parseIncludeFields(route.entity, request.query, &include, &error)) {
        return PipedriveReply::error(400, error);
    }
    QJsonObject o = m_store.render(route.entity, *r, keys, labels);
    addIncludedFields(o, include, r->id);
    return PipedriveReply::ok(o);
}

SimResponse PipedriveSimulator::createEntity(const SimRequest &request, const Route &route)
{
    QString error;
    const QJsonObject body = parseBody(request, &error);
    if (!error.isEmpty()) {
        return PipedriveReply::error(400, error);
    }
    PipedriveWriteValidator validator(&m_fields, &m_store);
    PipedriveWriteValidator::Result v = validator.validate(route.entity, body, nullptr);
    if (!v.ok()) {
        return PipedriveReply::error(400, v.error);
    }
    const qint64 now = m_clock.nowSecs();
    const QJsonValue addTime = v.standard.take(s("add_time"));
    const bool archived = v.standard.take(s("is_archived")).toBool();
    v.standard.remove(s("archive_time"));
    const qint64 id = m_store.create(route.entity, v.standard, v.custom, now, s("API"));
    if (addTime.isString()) {
        m_store.setAddTime(route.entity, id, PipedriveWriteValidator::parseRfc3339(addTime.toString()));
    }
    if (archived && route.entity == PipedriveEntity::Deal) {
        m_store.setArchived(id, true, now);
    }
    SimResponse r = PipedriveReply::ok(m_store.render(route.entity, *m_store.find(route.entity, id), {}, false));
    r.status = m_createStatus;
    return r;
}

SimResponse PipedriveSimulator::updateEntity(const SimRequest &request, const Route &route)
{
    qint64 id = 0;
    if (!parseId(route.idText, &id)) {
        return PipedriveReply::error(400, s("The id must be a positive integer"));
    }
    const PipedriveRecord *r = m_store.find(route.entity, id);
    if (!r || r->deleted) {
        return PipedriveReply::error(404, PipedriveEntityNames::singular(route.entity) + s(" not found"));
    }
    QString error;
    const QJsonObject body = parseBody(request, &error);
    if (!error.isEmpty()) {
        return PipedriveReply::error(400, error);
    }
    const bool wasArchived = r->fields.value(s("is_archived")).toBool();
    const bool unarchiveOnly = body.size() == 1 && body.value(s("is_archived")) == QJsonValue(false);
    if (wasArchived && !unarchiveOnly) {
        return PipedriveReply::error(400, s("Archived deals cannot be edited"));
    }
    PipedriveWriteValidator validator(&m_fields, &m_store);
    PipedriveWriteValidator::Result v = validator.validate(route.entity, body, r);
    if (!v.ok()) {
        return PipedriveReply::error(400, v.error);
    }
    const qint64 now = m_clock.nowSecs();
    const QJsonValue archive = v.standard.take(s("is_archived"));
    v.standard.remove(s("archive_time"));
    m_store.update(route.entity, id, v.standard, v.custom, now);
    if (archive.isBool() && route.entity == PipedriveEntity::Deal) {
        m_store.setArchived(id, archive.toBool(), now);
    }
    return PipedriveReply::ok(m_store.render(route.entity, *m_store.find(route.entity, id), {}, false));
}

SimResponse PipedriveSimulator::deleteEntity(const SimRequest &, const Route &route)
{
    qint64 id = 0;
    if (!parseId(route.idText, &id)) {
        return PipedriveReply::error(400, s("The id must be a positive integer"));
    }
    const PipedriveRecord *r = m_store.find(route.entity, id);
    if (!r || r->deleted) {
        return PipedriveReply::error(404, PipedriveEntityNames::singular(route.entity) + s(" not found"));
    }
    m_store.softDelete(route.entity, id, m_clock.nowSecs());
    return PipedriveReply::ok(QJsonObject{{s("id"), id}});
}

// --- fields

SimResponse PipedriveSimulator::listFields(const SimRequest &request, const Route &route)
{
    QList<Keyed> items;
    qint64 position = 0;
    for (const PipedriveField &f : m_fields.fields(route.entity)) {
        // Fields have no numeric id in v2; the cursor walks them in their listed order.
        ++position;
        items.append(Keyed{position, position, PipedriveFieldRegistry::toV2(f, route.entity)});
    }
    QUrlQuery q = request.query;
    q.removeAllQueryItems(s("sort_by"));
    q.removeAllQueryItems(s("sort_direction"));
    return PipedrivePager::page(items, q, {s("id")});
}

SimResponse PipedriveSimulator::listFieldsV1(const SimRequest &request, const Route &route)
{
    const QList<PipedriveField> all = m_fields.fields(route.entity);
    qint64 start = 0;
    qint64 limit = PipedrivePager::DefaultLimit;
    const QUrlQuery &q = request.query;
    if (q.hasQueryItem(s("start"))) {
        bool ok = false;
        start = q.queryItemValue(s("start"), QUrl::FullyDecoded).toLongLong(&ok);
        if (!ok || start < 0) {
            return PipedriveReply::error(400, s("Parameter start must be a non-negative integer"));
        }
    }
    if (q.hasQueryItem(s("limit")) &&
        (!parseId(q.queryItemValue(s("limit"), QUrl::FullyDecoded), &limit) || limit > PipedrivePager::MaxLimit)) {
        return PipedriveReply::error(400, s("Parameter limit must be an integer from 1 to 500"));
    }
    QJsonArray data;
    for (qint64 i = start; i < all.size() && i < start + limit; ++i) {
        data.append(PipedriveFieldRegistry::toV1(all.at(static_cast<int>(i))));
    }
    const bool more = start + limit < all.size();
    QJsonObject pagination{{s("start"), start}, {s("limit"), limit}, {s("more_items_in_collection"), more}};
    if (more) {
        pagination.insert(s("next_start"), start + limit);
    }
    return PipedriveReply::ok(data, QJsonObject{{s("pagination"), pagination}});
}

SimResponse PipedriveSimulator::getField(const SimRequest &, const Route &route)
{
    const PipedriveField *f = m_fields.findByCode(route.entity, route.idText);
    if (!f) {
        return PipedriveReply::error(404, s("Field not found"));
    }
    return PipedriveReply::ok(PipedriveFieldRegistry::toV2(*f, route.entity));
}

SimResponse PipedriveSimulator::createField(const SimRequest &request, const Route &route)
{
    QString error;
    const QJsonObject body = parseBody(request, &error);
    if (!error.isEmpty()) {
        return PipedriveReply::error(400, error);
    }
    const QJsonValue name = body.value(s("field_name"));
    const QJsonValue type = body.value(s("field_type"));
    if (!name.isString() || name.toString().trimmed().isEmpty() || name.toString().size() > 255) {
        return PipedriveReply::error(400, s("field_name is required: a string of 1 to 255 characters"));
    }
    if (!type.isString() || !PipedriveFieldRegistry::isCreatableType(type.toString())) {
        return PipedriveReply::error(400, s("field_type is required and must be a creatable field type"));
    }
    QStringList labels;
    const bool optionType = type.toString() == QLatin1String("enum") || type.toString() == QLatin1String("set");
    if (body.contains(s("options"))) {
        if (!optionType || !body.value(s("options")).isArray()) {
            return PipedriveReply::error(400, s("options are only accepted for enum and set fields, as an array"));
        }
        for (const QJsonValue &o : body.value(s("options")).toArray()) {
            if (!o.toObject().value(s("label")).isString()) {
                return PipedriveReply::error(400, s("Each option needs a string label"));
            }
            labels.append(o.toObject().value(s("label")).toString());
        }
    }
    if (optionType && labels.isEmpty()) {
        return PipedriveReply::error(400, s("enum and set fields need at least one option"));
    }
    const QJsonValue description = body.value(s("description"));
    if (!description.isUndefined() && !description.isNull() && !description.isString()) {
        return PipedriveReply::error(400, s("description must be a string"));
    }
    PipedriveField f =
        m_fields.addCustomField(route.entity, name.toString(), type.toString(), labels, m_clock.nowSecs());
    if (description.isString()) {
        m_fields.setDescription(route.entity, f.code, description.toString());
        f.description = description.toString();
    }
    return PipedriveReply::ok(PipedriveFieldRegistry::toV2(f, route.entity));
}

// --- pipelines and stages

namespace {
QJsonObject stageJson(const PipedrivePipelineStage &st)
{
    return QJsonObject{{s("id"), st.id},
                       {s("order_nr"), st.orderNr},
                       {s("name"), st.name},
                       {s("is_deleted"), false},
                       {s("deal_probability"), st.dealProbability},
                       {s("pipeline_id"), st.pipelineId},
                       {s("is_deal_rot_enabled"), false},
                       {s("days_to_rotten"), QJsonValue()},
                       {s("add_time"), PipedriveClock::formatTime(st.addTime)},
                       {s("update_time"), PipedriveClock::formatTime(st.updateTime)}};
}

QJsonObject pipelineJson(const PipedrivePipelineStage &p)
{
    return QJsonObject{{s("id"), p.id},
                       {s("name"), p.name},
                       {s("order_nr"), p.orderNr},
                       {s("is_deleted"), false},
                       {s("is_deal_probability_enabled"), false},
                       {s("add_time"), PipedriveClock::formatTime(p.addTime)},
                       {s("update_time"), PipedriveClock::formatTime(p.updateTime)}};
}

Keyed keyedBy(const QString &sortBy, const PipedrivePipelineStage &x, const QJsonObject &item)
{
    Keyed k{x.id, x.id, item};
    if (sortBy == QLatin1String("update_time")) {
        k.sortValue = x.updateTime;
    } else if (sortBy == QLatin1String("add_time")) {
        k.sortValue = x.addTime;
    } else if (sortBy == QLatin1String("order_nr")) {
        k.sortValue = x.orderNr;
    }
    return k;
}
} // namespace

SimResponse PipedriveSimulator::listStages(const SimRequest &request, const Route &)
{
    QString error;
    qint64 pipeline = 0;
    bool present = false;
    if (!optionalInt(request.query, "pipeline_id", &pipeline, &present, &error)) {
        return PipedriveReply::error(400, error);
    }
    const QString sortBy = request.query.queryItemValue(s("sort_by"), QUrl::FullyDecoded);
    QList<Keyed> items;
    for (const PipedrivePipelineStage &st : m_store.stages()) {
        if (!present || st.pipelineId == pipeline) {
            items.append(keyedBy(sortBy, st, stageJson(st)));
        }
    }
    return PipedrivePager::page(items, request.query, {s("id"), s("update_time"), s("add_time"), s("order_nr")});
}

SimResponse PipedriveSimulator::getStage(const SimRequest &, const Route &route)
{
    qint64 id = 0;
    const PipedrivePipelineStage *st = parseId(route.idText, &id) ? m_store.stage(id) : nullptr;
    return st ? PipedriveReply::ok(stageJson(*st)) : PipedriveReply::error(404, s("Stage not found"));
}

SimResponse PipedriveSimulator::listPipelines(const SimRequest &request, const Route &)
{
    const QString sortBy = request.query.queryItemValue(s("sort_by"), QUrl::FullyDecoded);
    QList<Keyed> items;
    for (const PipedrivePipelineStage &p : m_store.pipelines()) {
        items.append(keyedBy(sortBy, p, pipelineJson(p)));
    }
    return PipedrivePager::page(items, request.query, {s("id"), s("update_time"), s("add_time")});
}

SimResponse PipedriveSimulator::getPipeline(const SimRequest &, const Route &route)
{
    qint64 id = 0;
    if (parseId(route.idText, &id)) {
        for (const PipedrivePipelineStage &p : m_store.pipelines()) {
            if (p.id == id) {
                return PipedriveReply::ok(pipelineJson(p));
            }
        }
    }
    return PipedriveReply::error(404, s("Pipeline not found"));
}

// --- search and users

SimResponse PipedriveSimulator::searchByField(const SimRequest &request, const Route &)
{
    const QUrlQuery &q = request.query;
    const QString term = q.queryItemValue(s("term"), QUrl::FullyDecoded);
    const QString entityType = q.queryItemValue(s("entity_type"), QUrl::FullyDecoded);
    const QString fieldKey = q.queryItemValue(s("field"), QUrl::FullyDecoded);
    const QString match = q.hasQueryItem(s("match")) ? q.queryItemValue(s("match"), QUrl::FullyDecoded) : s("exact");
    if (!q.hasQueryItem(s("term")) || !q.hasQueryItem(s("entity_type")) || !q.hasQueryItem(s("field"))) {
        return PipedriveReply::error(400, s("term, entity_type and field are required"));
    }
    if (!QStringList{s("exact"), s("beginning"), s("middle")}.contains(match)) {
        return PipedriveReply::error(400, s("Parameter match must be exact, beginning or middle"));
    }
    if (term.size() < (match == QLatin1String("exact") ? 1 : 2)) {
        return PipedriveReply::error(400, s("The search term must be at least 2 characters long (1 with exact match)"));
    }
    const QStringList entityTypes{s("deal"), s("lead"), s("person"), s("organization"), s("product"), s("project")};
    if (!entityTypes.contains(entityType)) {
        return PipedriveReply::error(400, s("Parameter entity_type is not valid"));
    }
    PipedriveEntity entity = PipedriveEntity::Organization;
    if (!PipedriveEntityNames::fromSingular(entityType, &entity)) {
        return PipedriveReply::ok(QJsonArray(),
                                  PipedriveReply::cursorPage(QJsonValue())); // the simulator keeps none of those
    }
    const PipedriveField *field = m_fields.findByCode(entity, fieldKey);
    const QString nameKey = entity == PipedriveEntity::Deal ? s("title") : s("name");
    if (!field || (field->custom ? !PipedriveFieldRegistry::isSearchableType(field->type) : fieldKey != nameKey)) {
        return PipedriveReply::error(400, s("The field is not searchable: ") + fieldKey);
    }
    // The index lags behind writes: it sees each record as it was searchIndexDelay seconds ago.
    const qint64 asOf = m_clock.nowSecs() - m_searchDelaySecs;
    QList<Keyed> items;
    for (const PipedriveRecord &r : m_store.records(entity)) {
        if (r.deleted) {
            continue;
        }
        const QJsonValue raw = PipedriveStore::indexedValues(r, asOf).value(fieldKey);
        QString value;
        if (raw.isString()) {
            value = raw.toString();
        } else if (raw.isDouble()) {
            value = QString::number(raw.toDouble(), 'g', 15);
        } else if (raw.isObject()) {
            const QJsonValue inner = raw.toObject().value(s("value"));
            value = inner.isDouble() ? QString::number(inner.toDouble(), 'g', 15) : inner.toString();
        }
        if (value.isEmpty()) {
            continue;
        }
        const bool hit = match == QLatin1String("exact")       ? value == term
                         : match == QLatin1String("beginning") ? value.startsWith(term)
                                                               : value.contains(term);
        if (hit) {
            const QJsonObject item{{s("id"), r.id}, {s("name"), r.fields.value(nameKey)}};
            items.append(Keyed{r.id, r.id, item});
        }
    }
    QUrlQuery paging;
    for (const char *keep : {"limit", "cursor"}) {
        if (q.hasQueryItem(QLatin1String(keep))) {
            paging.addQueryItem(QLatin1String(keep), q.queryItemValue(QLatin1String(keep), QUrl::FullyDecoded));
        }
    }
    return PipedrivePager::page(items, paging, {s("id")});
}

SimResponse PipedriveSimulator::usersMe(const SimRequest &, const Route &)
{
    QJsonObject me{{s("id"), PipedriveStore::CurrentUserId},
                   {s("name"), s("Sandbox Admin")},
                   {s("email"), s("admin@greenscape.example.nz")},
                   {s("lang"), 1},
                   {s("locale"), s("en_NZ")},
                   {s("timezone_name"), s("Pacific/Auckland")},
                   {s("timezone_offset"), s("+13:00")},
                   {s("default_currency"), s("NZD")},
                   {s("active_flag"), true},
                   {s("is_admin"), 1},
                   {s("company_id"), 4242},
                   {s("company_name"), s("Greenscape Landscaping Ltd (sandbox)")},
                   {s("company_domain"), m_companyDomain},
                   {s("created"), s("2024-02-01 09:00:00")},
                   {s("modified"), s("2026-01-10 09:00:00")}};
    return PipedriveReply::ok(me);
}

// --- control API

void PipedriveSimulator::resetAccount()
{
    m_fields.clearCustomFields();
    m_store.clear();
    m_log.clear();
}

void PipedriveSimulator::seedDemo(quint32 seed, int organizations, int deals)
{
    resetAccount();
    m_fields.setSeed(seed);
    PipedriveDemoData(seed).populate(this, organizations, deals);
}

QString PipedriveSimulator::ensureCustomField(PipedriveEntity entity, const QString &name, const QString &type,
                                              const QStringList &optionLabels)
{
    if (const PipedriveField *f = m_fields.findCustomByName(entity, name)) {
        return f->code;
    }
    return m_fields.addCustomField(entity, name, type, optionLabels, m_clock.nowSecs()).code;
}

QString PipedriveSimulator::customFieldKey(PipedriveEntity entity, const QString &name) const
{
    const PipedriveField *f = m_fields.findCustomByName(entity, name);
    return f ? f->code : QString();
}

qint64 PipedriveSimulator::addPipeline(const QString &name, const QStringList &stageNames)
{
    const qint64 now = m_clock.nowSecs();
    const qint64 id = m_store.addPipeline(name, now);
    int probability = 10;
    for (const QString &st : stageNames) {
        m_store.addStage(id, st, probability, now);
        probability = std::min(100, probability + 20);
    }
    return id;
}

qint64 PipedriveSimulator::stageId(const QString &name) const
{
    for (const PipedrivePipelineStage &st : m_store.stages()) {
        if (st.name == name) {
            return st.id;
        }
    }
    return 0;
}

bool PipedriveSimulator::applyUserWrite(PipedriveEntity entity, qint64 id, const QJsonObject &input, qint64 *newId,
                                        QString *error)
{
    // Users work by field name in the web app; turn that into the keyed v2 body and reuse the API's checks.
    QJsonObject body;
    QJsonObject custom;
    qint64 updateTime = -1;
    qint64 addTime = -1;
    auto customValue = [this, entity, &custom](const QString &nameOrKey, const QJsonValue &v) {
        const PipedriveField *f = m_fields.findCustomByKey(entity, nameOrKey);
        if (!f) {
            f = m_fields.findCustomByName(entity, nameOrKey);
        }
        if (!f) {
            return false;
        }
        custom.insert(f->code, v);
        return true;
    };
    for (auto it = input.begin(); it != input.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("update_time") || key == QLatin1String("add_time")) {
            const qint64 t = PipedriveWriteValidator::parseRfc3339(it.value().toString());
            if (t < 0) {
                *error = key + s(" must be an RFC 3339 time");
                return false;
            }
            (key == QLatin1String("update_time") ? updateTime : addTime) = t;
        } else if (key == QLatin1String("custom_fields")) {
            const QJsonObject c = it.value().toObject();
            for (auto ci = c.begin(); ci != c.end(); ++ci) {
                if (!customValue(ci.key(), ci.value())) {
                    *error = s("No custom field named ") + ci.key();
                    return false;
                }
            }
        } else if (key == QLatin1String("address") && it.value().isString()) {
            body.insert(key, QJsonObject{{s("value"), it.value()}});
        } else if (key == QLatin1String("is_archived")) {
            continue; // handled by archiveDeal()
        } else if (!customValue(key, it.value())) {
            body.insert(key, it.value());
        }
    }
    if (!custom.isEmpty()) {
        body.insert(s("custom_fields"), custom);
    }
    const PipedriveRecord *existing = id ? m_store.find(entity, id) : nullptr;
    if (id && (!existing || existing->deleted)) {
        *error = s("No such record");
        return false;
    }
    PipedriveWriteValidator validator(&m_fields, &m_store);
    PipedriveWriteValidator::Result v = validator.validate(entity, body, existing);
    if (!v.ok()) {
        *error = v.error;
        return false;
    }
    v.standard.remove(s("add_time"));
    const qint64 now = m_clock.nowSecs();
    qint64 target = id;
    if (id) {
        m_store.update(entity, id, v.standard, v.custom, now);
    } else {
        target = m_store.create(entity, v.standard, v.custom, now, s("ManuallyCreated"));
    }
    if (addTime >= 0) {
        m_store.setAddTime(entity, target, addTime);
    }
    if (updateTime >= 0) {
        m_store.setUpdateTime(entity, target, updateTime);
    } else if (addTime >= 0 && !id) {
        m_store.setUpdateTime(entity, target, addTime);
    }
    if (newId) {
        *newId = target;
    }
    return true;
}

qint64 PipedriveSimulator::createOrganization(const QJsonObject &fields, QString *error)
{
    qint64 id = 0;
    QString err;
    if (!applyUserWrite(PipedriveEntity::Organization, 0, fields, &id, &err)) {
        if (error) {
            *error = err;
        }
        return 0;
    }
    return id;
}

bool PipedriveSimulator::editOrganization(qint64 id, const QJsonObject &changes, QString *error)
{
    QString err;
    const bool ok = applyUserWrite(PipedriveEntity::Organization, id, changes, nullptr, &err);
    if (!ok && error) {
        *error = err;
    }
    return ok;
}

bool PipedriveSimulator::deleteOrganization(qint64 id)
{
    const PipedriveRecord *r = m_store.find(PipedriveEntity::Organization, id);
    if (!r || r->deleted) {
        return false;
    }
    m_store.softDelete(PipedriveEntity::Organization, id, m_clock.nowSecs());
    return true;
}

qint64 PipedriveSimulator::createDeal(const QJsonObject &fields, QString *error)
{
    qint64 id = 0;
    QString err;
    if (!applyUserWrite(PipedriveEntity::Deal, 0, fields, &id, &err)) {
        if (error) {
            *error = err;
        }
        return 0;
    }
    if (fields.value(s("is_archived")).toBool()) {
        m_store.setArchived(id, true, m_clock.nowSecs());
    }
    return id;
}

bool PipedriveSimulator::editDeal(qint64 id, const QJsonObject &changes, QString *error)
{
    QString err;
    const bool ok = applyUserWrite(PipedriveEntity::Deal, id, changes, nullptr, &err);
    if (!ok && error) {
        *error = err;
    }
    return ok;
}

bool PipedriveSimulator::deleteDeal(qint64 id)
{
    const PipedriveRecord *r = m_store.find(PipedriveEntity::Deal, id);
    if (!r || r->deleted) {
        return false;
    }
    m_store.softDelete(PipedriveEntity::Deal, id, m_clock.nowSecs());
    return true;
}

bool PipedriveSimulator::archiveDeal(qint64 id, bool archived)
{
    const PipedriveRecord *r = m_store.find(PipedriveEntity::Deal, id);
    if (!r || r->deleted) {
        return false;
    }
    m_store.setArchived(id, archived, m_clock.nowSecs());
    return true;
}

QJsonObject PipedriveSimulator::organization(qint64 id) const
{
    const PipedriveRecord *r = m_store.find(PipedriveEntity::Organization, id);
    return r ? m_store.render(PipedriveEntity::Organization, *r, {}, false) : QJsonObject();
}

QJsonObject PipedriveSimulator::deal(qint64 id) const
{
    const PipedriveRecord *r = m_store.find(PipedriveEntity::Deal, id);
    return r ? m_store.render(PipedriveEntity::Deal, *r, {}, false) : QJsonObject();
}

QJsonArray PipedriveSimulator::allOrganizations() const
{
    QJsonArray out;
    for (const PipedriveRecord &r : m_store.records(PipedriveEntity::Organization)) {
        out.append(m_store.render(PipedriveEntity::Organization, r, {}, false));
    }
    return out;
}

QJsonArray PipedriveSimulator::allDeals() const
{
    QJsonArray out;
    for (const PipedriveRecord &r : m_store.records(PipedriveEntity::Deal)) {
        out.append(m_store.render(PipedriveEntity::Deal, r, {}, false));
    }
    return out;
}

QJsonObject PipedriveSimulator::stateSummary() const
{
    auto count = [this](PipedriveEntity e, bool deleted) {
        int n = 0;
        for (const PipedriveRecord &r : m_store.records(e)) {
            n += r.deleted == deleted ? 1 : 0;
        }
        return n;
    };
    return QJsonObject{{s("now"), PipedriveClock::formatTime(m_clock.nowSecs())},
                       {s("organizations"), count(PipedriveEntity::Organization, false)},
                       {s("organizations_deleted"), count(PipedriveEntity::Organization, true)},
                       {s("deals"), count(PipedriveEntity::Deal, false)},
                       {s("deals_deleted"), count(PipedriveEntity::Deal, true)},
                       {s("custom_fields_organization"),
                        static_cast<int>(m_fields.customFields(PipedriveEntity::Organization).size())},
                       {s("custom_fields_deal"), static_cast<int>(m_fields.customFields(PipedriveEntity::Deal).size())},
                       {s("tokens_used_today"), m_limiter.tokensUsedToday()},
                       {s("daily_budget"), m_limiter.dailyBudget()},
                       {s("requests_logged"), static_cast<int>(m_log.size())},
                       {s("search_index_delay_seconds"), m_searchDelaySecs},
                       {s("faults"), m_faults.ruleCount()}};
}
