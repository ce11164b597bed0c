// The simulated company's data: organizations, deals, pipelines and stages, with soft deletion, the 30-day purge
// and the delayed search index.
#pragma once

#include "PipedriveEntity.h"
#include "PipedrivePipelineStage.h"
#include "PipedriveRecord.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

class PipedriveFieldRegistry;

class PipedriveStore
{
public:
    explicit PipedriveStore(const PipedriveFieldRegistry *fields);

    static constexpr qint64 PurgeAfterSecs = 30LL * 24 * 3600;
    static constexpr qint64 CurrentUserId = 1;

    void clear(); // an empty company with Pipedrive's default pipeline

    // Pipelines and stages. addPipeline() returns the id; stages get ids in creation order.
    qint64 addPipeline(const QString &name, qint64 now);
    qint64 addStage(qint64 pipelineId, const QString &name, int probability, qint64 now);
    void removePipelines(); // for seeding a company whose pipelines differ from the default
    QList<PipedrivePipelineStage> pipelines() const { return m_pipelines; }
    QList<PipedrivePipelineStage> stages() const { return m_stages; }
    const PipedrivePipelineStage *stage(qint64 id) const;
    qint64 firstStageOf(qint64 pipelineId) const;

    QMap<qint64, PipedriveRecord> &records(PipedriveEntity e) { return e == PipedriveEntity::Deal ? m_deals : m_orgs; }
    const QMap<qint64, PipedriveRecord> &records(PipedriveEntity e) const
    {
        return e == PipedriveEntity::Deal ? m_deals : m_orgs;
    }
    PipedriveRecord *find(PipedriveEntity e, qint64 id);
    const PipedriveRecord *find(PipedriveEntity e, qint64 id) const;

    // Writes after validation. `origin` is recorded on deals ("API" or "ManuallyCreated").
    qint64 create(PipedriveEntity e, const QJsonObject &standard, const QJsonObject &custom, qint64 now,
                  const QString &origin);
    void update(PipedriveEntity e, qint64 id, const QJsonObject &standard, const QJsonObject &custom, qint64 now);
    // Moves update_time to an explicit instant (scenarios that need a record "edited at" a given time).
    void setUpdateTime(PipedriveEntity e, qint64 id, qint64 secs);
    void setAddTime(PipedriveEntity e, qint64 id, qint64 secs);
    void softDelete(PipedriveEntity e, qint64 id, qint64 now);
    void setArchived(qint64 dealId, bool archived, qint64 now);

    // Drops soft-deleted records older than 30 days.
    void purge(qint64 now);

    // The record in its v2 shape. `customKeys` limits custom_fields (empty: all custom fields of the entity).
    QJsonObject render(PipedriveEntity e, const PipedriveRecord &r, const QStringList &customKeys,
                       bool includeOptionLabels) const;

    // Values the search index held for this record at `asOf` (the newest snapshot written at or before it).
    static QJsonObject indexedValues(const PipedriveRecord &r, qint64 asOf);

private:
    QJsonObject defaults(PipedriveEntity e, const QString &origin) const;
    void applyDealRules(PipedriveRecord &r, const QJsonObject &before, const QJsonObject &given, qint64 now);
    void snapshotForSearch(PipedriveEntity e, PipedriveRecord &r, qint64 now);

    const PipedriveFieldRegistry *m_fields;
    QMap<qint64, PipedriveRecord> m_orgs;
    QMap<qint64, PipedriveRecord> m_deals;
    QList<PipedrivePipelineStage> m_pipelines;
    QList<PipedrivePipelineStage> m_stages;
    qint64 m_nextOrgId = 1;
    qint64 m_nextDealId = 1;
    qint64 m_nextPipelineId = 1;
    qint64 m_nextStageId = 1;
};
