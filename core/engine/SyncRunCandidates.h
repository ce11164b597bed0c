// Narrows the other side's records to the few an unlinked record could match (same carried id, email, phone or
// name), so matching a whole first sync stays linear in the number of records instead of quadratic.
#pragma once

#include "Normaliser.h"
#include "model/EntityKind.h"
#include "model/Policy.h"
#include "model/SideRecord.h"

#include <QList>
#include <QMultiHash>

class SyncRunCandidates
{
public:
    SyncRunCandidates(const Policy &policy, EntityKind entity, const QList<SideRecord> &records);

    // The records sharing a key with `record`, in their original order: what the Matcher would find among all.
    QList<SideRecord> candidatesFor(const SideRecord &record) const;
    // A deleted or archived record that `record`'s carried id names, or that carries `record`'s id.
    const SideRecord *goneCounterpart(const SideRecord &record) const;

private:
    QStringList keysOf(const SideRecord &record, bool asOther) const;
    QList<int> matches(const QStringList &keys) const;

    EntityKind m_entity;
    Normaliser m_normaliser;
    QList<SideRecord> m_records;
    QMultiHash<QString, int> m_index;
};
