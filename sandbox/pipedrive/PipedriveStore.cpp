#include "PipedriveStore.h"

#include "PipedriveClock.h"
#include "PipedriveFieldRegistry.h"

namespace {
QJsonValue timeOrNull(qint64 secs)
{
    return secs > 0 ? QJsonValue(PipedriveClock::formatTime(secs)) : QJsonValue();
}

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}
} // namespace

PipedriveStore::PipedriveStore(const PipedriveFieldRegistry *fields)
    : m_fields(fields)
{}

void PipedriveStore::clear()
{
    m_orgs.clear();
    m_deals.clear();
    m_nextOrgId = 1;
    m_nextDealId = 1;
    removePipelines();
    // A new Pipedrive company starts with one pipeline and these five stages.
    const qint64 p = addPipeline(s("Pipeline"), 0);
    addStage(p, s("Qualified"), 10, 0);
    addStage(p, s("Contact Made"), 20, 0);
    addStage(p, s("Demo Scheduled"), 40, 0);
    addStage(p, s("Proposal Made"), 60, 0);
    addStage(p, s("Negotiations Started"), 80, 0);
}

qint64 PipedriveStore::addPipeline(const QString &name, qint64 now)
{
    PipedrivePipelineStage p;
    p.id = m_nextPipelineId++;
    p.name = name;
    p.orderNr = static_cast<int>(m_pipelines.size()) + 1;
    p.addTime = now;
    p.updateTime = now;
    m_pipelines.append(p);
    return p.id;
}

qint64 PipedriveStore::addStage(qint64 pipelineId, const QString &name, int probability, qint64 now)
{
    PipedrivePipelineStage st;
    st.id = m_nextStageId++;
    st.pipelineId = pipelineId;
    st.name = name;
    int order = 1;
    for (const auto &other : qAsConst(m_stages)) {
        if (other.pipelineId == pipelineId) {
            ++order;
        }
    }
    st.orderNr = order;
    st.dealProbability = probability;
    st.addTime = now;
    st.updateTime = now;
    m_stages.append(st);
    return st.id;
}

void PipedriveStore::removePipelines()
{
    m_pipelines.clear();
    m_stages.clear();
    m_nextPipelineId = 1;
    m_nextStageId = 1;
}

const PipedrivePipelineStage *PipedriveStore::stage(qint64 id) const
{
    for (const auto &st : m_stages) {
        if (st.id == id) {
            return &st;
        }
    }
    return nullptr;
}

qint64 PipedriveStore::firstStageOf(qint64 pipelineId) const
{
    for (const auto &st : m_stages) {
        if (st.pipelineId == pipelineId) {
            return st.id;
        }
    }
    return 0;
}

PipedriveRecord *PipedriveStore::find(PipedriveEntity e, qint64 id)
{
    auto &map = records(e);
    auto it = map.find(id);
    return it == map.end() ? nullptr : &it.value();
}

const PipedriveRecord *PipedriveStore::find(PipedriveEntity e, qint64 id) const
{
    const auto &map = records(e);
    auto it = map.constFind(id);
    return it == map.constEnd() ? nullptr : &it.value();
}

QJsonObject PipedriveStore::defaults(PipedriveEntity e, const QString &origin) const
{
    QJsonObject o;
    o.insert(s("owner_id"), CurrentUserId);
    o.insert(s("visible_to"), 3);
    o.insert(s("label_ids"), QJsonArray());
    if (e == PipedriveEntity::Organization) {
        o.insert(s("address"), QJsonValue());
        return o;
    }
    const qint64 pipeline = m_pipelines.isEmpty() ? 0 : m_pipelines.first().id;
    o.insert(s("creator_user_id"), CurrentUserId);
    o.insert(s("person_id"), QJsonValue());
    o.insert(s("org_id"), QJsonValue());
    o.insert(s("pipeline_id"), pipeline);
    o.insert(s("stage_id"), firstStageOf(pipeline));
    o.insert(s("value"), 0.0);
    o.insert(s("currency"), s("NZD"));
    o.insert(s("status"), s("open"));
    o.insert(s("probability"), QJsonValue());
    o.insert(s("lost_reason"), QJsonValue());
    o.insert(s("close_time"), QJsonValue());
    o.insert(s("won_time"), QJsonValue());
    o.insert(s("lost_time"), QJsonValue());
    o.insert(s("local_won_date"), QJsonValue());
    o.insert(s("local_lost_date"), QJsonValue());
    o.insert(s("local_close_date"), QJsonValue());
    o.insert(s("expected_close_date"), QJsonValue());
    o.insert(s("stage_change_time"), QJsonValue());
    o.insert(s("is_archived"), false);
    o.insert(s("archive_time"), QJsonValue());
    o.insert(s("origin"), origin);
    o.insert(s("origin_id"), QJsonValue());
    o.insert(s("channel"), QJsonValue());
    o.insert(s("channel_id"), QJsonValue());
    o.insert(s("acv"), QJsonValue());
    o.insert(s("arr"), QJsonValue());
    o.insert(s("mrr"), QJsonValue());
    return o;
}

qint64 PipedriveStore::create(PipedriveEntity e, const QJsonObject &standard, const QJsonObject &custom, qint64 now,
                              const QString &origin)
{
    PipedriveRecord r;
    r.id = e == PipedriveEntity::Deal ? m_nextDealId++ : m_nextOrgId++;
    r.fields = defaults(e, origin);
    const QJsonObject before = r.fields;
    for (auto it = standard.begin(); it != standard.end(); ++it) {
        r.fields.insert(it.key(), it.value());
    }
    for (auto it = custom.begin(); it != custom.end(); ++it) {
        if (!it.value().isNull()) {
            r.custom.insert(it.key(), it.value());
        }
    }
    r.addTime = now;
    r.updateTime = now;
    if (e == PipedriveEntity::Deal) {
        // A stage given without a pipeline places the deal in that stage's pipeline.
        if (const PipedrivePipelineStage *st = stage(r.fields.value(s("stage_id")).toInteger())) {
            r.fields.insert(s("pipeline_id"), st->pipelineId);
        } else {
            r.fields.insert(s("stage_id"), firstStageOf(r.fields.value(s("pipeline_id")).toInteger()));
        }
        applyDealRules(r, before, standard, now);
    }
    snapshotForSearch(e, r, now);
    const qint64 id = r.id;
    records(e).insert(id, r);
    return id;
}

void PipedriveStore::update(PipedriveEntity e, qint64 id, const QJsonObject &standard, const QJsonObject &custom,
                            qint64 now)
{
    PipedriveRecord *r = find(e, id);
    if (!r) {
        return;
    }
    const QJsonObject before = r->fields;
    for (auto it = standard.begin(); it != standard.end(); ++it) {
        r->fields.insert(it.key(), it.value());
    }
    for (auto it = custom.begin(); it != custom.end(); ++it) {
        if (it.value().isNull()) {
            r->custom.remove(it.key());
        } else {
            r->custom.insert(it.key(), it.value());
        }
    }
    if (e == PipedriveEntity::Deal) {
        if (standard.contains(s("stage_id"))) {
            if (const PipedrivePipelineStage *st = stage(r->fields.value(s("stage_id")).toInteger())) {
                r->fields.insert(s("pipeline_id"), st->pipelineId);
            }
        } else if (standard.contains(s("pipeline_id")) &&
                   before.value(s("pipeline_id")) != r->fields.value(s("pipeline_id"))) {
            r->fields.insert(s("stage_id"), firstStageOf(r->fields.value(s("pipeline_id")).toInteger()));
        }
        applyDealRules(*r, before, standard, now);
    }
    // Every accepted write moves update_time, even when the values did not change, as Pipedrive does.
    r->updateTime = now;
    snapshotForSearch(e, *r, now);
}

void PipedriveStore::setUpdateTime(PipedriveEntity e, qint64 id, qint64 secs)
{
    PipedriveRecord *r = find(e, id);
    if (!r) {
        return;
    }
    r->updateTime = secs;
    // A record edited "at" an earlier instant cannot have been won, moved or archived after it: pull those
    // event times back so the history stays consistent.
    for (const char *key : {"won_time", "lost_time", "close_time", "stage_change_time", "archive_time"}) {
        const QJsonValue v = r->fields.value(QLatin1String(key));
        if (v.isString() && v.toString() > PipedriveClock::formatTime(secs)) {
            r->fields.insert(QLatin1String(key), PipedriveClock::formatTime(secs));
        }
    }
    for (const char *key : {"local_won_date", "local_lost_date", "local_close_date"}) {
        const QJsonValue v = r->fields.value(QLatin1String(key));
        if (v.isString() && v.toString() > PipedriveClock::formatDate(secs)) {
            r->fields.insert(QLatin1String(key), PipedriveClock::formatDate(secs));
        }
    }
    for (auto &snapshot : r->searchHistory) {
        snapshot.first = std::min(snapshot.first, secs);
    }
}

void PipedriveStore::setAddTime(PipedriveEntity e, qint64 id, qint64 secs)
{
    if (PipedriveRecord *r = find(e, id)) {
        r->addTime = secs;
    }
}

void PipedriveStore::softDelete(PipedriveEntity e, qint64 id, qint64 now)
{
    PipedriveRecord *r = find(e, id);
    if (!r || r->deleted) {
        return;
    }
    // v2 dropped delete_time: update_time is the moment of deletion, which is how incremental readers see it.
    r->deleted = true;
    r->deleteTime = now;
    r->updateTime = now;
}

void PipedriveStore::setArchived(qint64 dealId, bool archived, qint64 now)
{
    PipedriveRecord *r = find(PipedriveEntity::Deal, dealId);
    if (!r) {
        return;
    }
    r->fields.insert(s("is_archived"), archived);
    r->fields.insert(s("archive_time"), archived ? timeOrNull(now) : QJsonValue());
    r->updateTime = now;
}

void PipedriveStore::purge(qint64 now)
{
    for (auto *map : {&m_orgs, &m_deals}) {
        for (auto it = map->begin(); it != map->end();) {
            if (it->deleted && it->deleteTime + PurgeAfterSecs <= now) {
                it = map->erase(it);
            } else {
                ++it;
            }
        }
    }
}

void PipedriveStore::applyDealRules(PipedriveRecord &r, const QJsonObject &before, const QJsonObject &given, qint64 now)
{
    const QString status = r.fields.value(s("status")).toString();
    if (before.value(s("status")).toString() != status) {
        const QJsonValue t = timeOrNull(now);
        const QJsonValue day = QJsonValue(PipedriveClock::formatDate(now));
        const bool won = status == QLatin1String("won");
        const bool lost = status == QLatin1String("lost");
        r.fields.insert(s("won_time"), won ? t : QJsonValue());
        r.fields.insert(s("local_won_date"), won ? day : QJsonValue());
        r.fields.insert(s("lost_time"), lost ? t : QJsonValue());
        r.fields.insert(s("local_lost_date"), lost ? day : QJsonValue());
        r.fields.insert(s("close_time"), won || lost ? t : QJsonValue());
        r.fields.insert(s("local_close_date"), won || lost ? day : QJsonValue());
        if (!lost) {
            r.fields.insert(s("lost_reason"), QJsonValue());
        }
    }
    // Times the writer gave explicitly win over the ones the status change implies.
    for (const char *key : {"won_time", "lost_time", "close_time"}) {
        if (given.contains(QLatin1String(key))) {
            r.fields.insert(QLatin1String(key), given.value(QLatin1String(key)));
        }
    }
    if (before.value(s("stage_id")) != r.fields.value(s("stage_id")) ||
        r.fields.value(s("stage_change_time")).isNull()) {
        r.fields.insert(s("stage_change_time"), timeOrNull(now));
    }
}

void PipedriveStore::snapshotForSearch(PipedriveEntity e, PipedriveRecord &r, qint64 now)
{
    QJsonObject values = r.custom;
    const QString nameKey = e == PipedriveEntity::Deal ? s("title") : s("name");
    values.insert(nameKey, r.fields.value(nameKey));
    r.searchHistory.append({now, values});
    while (r.searchHistory.size() > 8) {
        r.searchHistory.removeFirst();
    }
}

QJsonObject PipedriveStore::indexedValues(const PipedriveRecord &r, qint64 asOf)
{
    for (auto it = r.searchHistory.crbegin(); it != r.searchHistory.crend(); ++it) {
        if (it->first <= asOf) {
            return it->second;
        }
    }
    return {};
}

QJsonObject PipedriveStore::render(PipedriveEntity e, const PipedriveRecord &r, const QStringList &customKeys,
                                   bool includeOptionLabels) const
{
    QJsonObject o = r.fields;
    o.insert(s("id"), r.id);
    o.insert(s("add_time"), PipedriveClock::formatTime(r.addTime));
    o.insert(s("update_time"), PipedriveClock::formatTime(r.updateTime));
    o.insert(s("is_deleted"), r.deleted);
    if (e == PipedriveEntity::Deal && r.deleted) {
        o.insert(s("status"), s("deleted")); // as v1 reported it; the v2 value is not documented
    }
    QJsonObject custom;
    for (const PipedriveField &f : m_fields->customFields(e)) {
        if (!customKeys.isEmpty() && !customKeys.contains(f.code)) {
            continue;
        }
        const QJsonValue v = r.custom.contains(f.code) ? r.custom.value(f.code) : QJsonValue(QJsonValue::Null);
        custom.insert(f.code, includeOptionLabels ? PipedriveFieldRegistry::withOptionLabels(f, v) : v);
    }
    o.insert(s("custom_fields"), custom);
    return o;
}
