// Realistic demo rows for GUI tests and screenshots: customers and jobs of a landscaping company, conflicts of
// every kind (an address changed in both systems, a possible duplicate, rules at work), runs and log rows.
#pragma once

#include "store/SyncStore.h"

namespace DemoStore {
Link customer(const QString &name, qint64 pipedriveId, const QString &ostendoKey, LinkStatus status,
              const QDateTime &lastSynced);
// Harbour View's address changed in both systems within a minute: waits for a person.
ConflictRecord addressConflict(qint64 linkId, const QDateTime &now);
// Kauri Park appears in both systems, unlinked, with the same email: Link or Keep separate.
ConflictRecord duplicateConflict(const QDateTime &now);
// A deal value changed in both systems, settled by the rule (medium: may be overridden).
ConflictRecord valueConflict(qint64 linkId, const QDateTime &now);

struct Ids
{
    qint64 harbourView = 0; // link of the customer whose address changed in both systems
    qint64 addressConflict = 0;
    qint64 duplicateConflict = 0;
    qint64 valueConflict = 0;
};

// Fills an open, empty store; `now` anchors every time. False with store.lastError() on failure.
bool populate(SyncStore &store, const QDateTime &now, Ids *ids = nullptr);
} // namespace DemoStore
