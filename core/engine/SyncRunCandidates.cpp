#include "SyncRunCandidates.h"

#include "RecordMapper.h"

#include <algorithm>

SyncRunCandidates::SyncRunCandidates(const Policy &policy, EntityKind entity, const QList<SideRecord> &records)
    : m_entity(entity)
    , m_normaliser(policy.normalisation())
    , m_records(records)
{
    for (int i = 0; i < m_records.size(); ++i) {
        for (const QString &key : keysOf(m_records.at(i), true)) {
            m_index.insert(key, i);
        }
    }
}

// As a candidate a record is found by its id, job number and carried id; looking up, a record asks for the ids it
// carries and its own id among what others carry. Email, phone and name are the same on both ends.
QStringList SyncRunCandidates::keysOf(const SideRecord &record, bool asOther) const
{
    QStringList keys;
    const QString jobNumber = record.value(RecordMapper::JobNumberKey).trimmed();
    if (asOther) {
        keys << QStringLiteral("id:") + record.id;
        if (!jobNumber.isEmpty()) {
            keys << QStringLiteral("job:") + jobNumber;
        }
        if (!record.carriedId.isEmpty()) {
            keys << QStringLiteral("carried:") + record.carriedId;
        }
    } else {
        if (!record.carriedId.isEmpty()) {
            keys << QStringLiteral("id:") + record.carriedId << QStringLiteral("job:") + record.carriedId;
        }
        keys << QStringLiteral("carried:") + record.id;
        if (!jobNumber.isEmpty()) {
            keys << QStringLiteral("carried:") + jobNumber;
        }
    }
    const bool customer = m_entity == EntityKind::Customer;
    if (customer) {
        const QString email = m_normaliser.key(FieldRule::Kind::Email, record.value(QStringLiteral("email")));
        if (!email.isEmpty()) {
            keys << QStringLiteral("email:") + email;
        }
        const QString phone = m_normaliser.phoneKey(record.value(QStringLiteral("phone")));
        if (!phone.isEmpty()) {
            keys << QStringLiteral("phone:") + phone;
        }
    }
    const QString name = Normaliser::nameKey(record.value(customer ? QStringLiteral("name") : QStringLiteral("title")));
    if (!name.isEmpty()) {
        keys << QStringLiteral("name:") + name;
    }
    return keys;
}

QList<int> SyncRunCandidates::matches(const QStringList &keys) const
{
    QList<int> found;
    for (const QString &key : keys) {
        for (auto it = m_index.constFind(key); it != m_index.constEnd() && it.key() == key; ++it) {
            found << it.value();
        }
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

QList<SideRecord> SyncRunCandidates::candidatesFor(const SideRecord &record) const
{
    QList<SideRecord> result;
    for (int i : matches(keysOf(record, false))) {
        result << m_records.at(i);
    }
    return result;
}

const SideRecord *SyncRunCandidates::goneCounterpart(const SideRecord &record) const
{
    QStringList keys;
    if (!record.carriedId.isEmpty()) {
        keys << QStringLiteral("id:") + record.carriedId;
        if (m_entity == EntityKind::WorkItem) {
            keys << QStringLiteral("job:") + record.carriedId;
        }
    }
    keys << QStringLiteral("carried:") + record.id;
    for (int i : matches(keys)) {
        if (m_records.at(i).isGone()) {
            return &m_records.at(i);
        }
    }
    return nullptr;
}
