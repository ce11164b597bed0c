#include "DemoStore.h"

namespace DemoStore {

Link customer(const QString &name, qint64 pipedriveId, const QString &ostendoKey, LinkStatus status,
              const QDateTime &lastSynced)
{
    Link l;
    l.entity = Entity::Customer;
    l.pipedriveId = pipedriveId;
    l.ostendoKey = ostendoKey;
    l.displayName = name;
    l.base = {{QStringLiteral("name"), name}};
    l.status = status;
    l.lastSyncedAt = lastSynced;
    l.lastSyncAttemptAt = lastSynced;
    return l;
}

ConflictRecord addressConflict(qint64 linkId, const QDateTime &now)
{
    ConflictRecord c;
    c.conflict.entity = Entity::Customer;
    c.linkId = linkId;
    c.conflict.pipedriveId = QStringLiteral("4107");
    c.conflict.ostendoKey = QStringLiteral("10233");
    c.conflict.kind = ConflictKind::Field;
    c.conflict.risk = Risk::High;
    c.conflict.status = ConflictStatus::PendingReview;
    c.conflict.fields = {ConflictField{QStringLiteral("address"), QStringLiteral("12 Quay Street, Auckland 1010"),
                                       QStringLiteral("Suite 4, 12 Quay Street, Auckland 1010"),
                                       QStringLiteral("18 Customs Street East, Auckland 1010"), QString()}};
    c.conflict.rule =
        QStringLiteral("Both systems changed the address within the same minute, so TurfDrive cannot tell "
                       "which change is newer.");
    c.detectedAt = now.addSecs(-25 * 60);
    c.pipedriveModifiedAt = now.addSecs(-41 * 60);
    c.ostendoModifiedAt = now.addSecs(-41 * 60 + 20);
    return c;
}

ConflictRecord duplicateConflict(const QDateTime &now)
{
    ConflictRecord c;
    c.conflict.entity = Entity::Customer;
    c.conflict.pipedriveId = QStringLiteral("4188");
    c.conflict.ostendoKey = QStringLiteral("10301");
    c.conflict.kind = ConflictKind::Duplicate;
    c.conflict.risk = Risk::High;
    c.conflict.status = ConflictStatus::PendingReview;
    c.conflict.fields = {
        ConflictField{QStringLiteral("name"), QString(), QStringLiteral("Kauri Park Retirement Village"),
                      QStringLiteral("Kauri Park Retirement Vlg"), QString()},
        ConflictField{QStringLiteral("email"), QString(), QStringLiteral("facilities@kauripark.co.nz"),
                      QStringLiteral("facilities@kauripark.co.nz"), QString()},
    };
    c.conflict.rule =
        QStringLiteral("A new customer in Pipedrive has the same email as a new customer in Ostendo; they may "
                       "be the same customer.");
    c.detectedAt = now.addSecs(-24 * 60);
    c.pipedriveModifiedAt = now.addSecs(-3 * 3600);
    c.ostendoModifiedAt = now.addSecs(-2 * 3600);
    return c;
}

ConflictRecord valueConflict(qint64 linkId, const QDateTime &now)
{
    ConflictRecord c;
    c.conflict.entity = Entity::WorkItem;
    c.linkId = linkId;
    c.conflict.pipedriveId = QStringLiteral("9121");
    c.conflict.ostendoKey = QStringLiteral("50877");
    c.conflict.kind = ConflictKind::Field;
    c.conflict.risk = Risk::Medium;
    c.conflict.status = ConflictStatus::AutoResolved;
    c.conflict.fields = {ConflictField{QStringLiteral("value"), QStringLiteral("18500"), QStringLiteral("19750"),
                                       QStringLiteral("18900"), QStringLiteral("19750")}};
    c.conflict.rule = QStringLiteral("Both systems changed the value; for work items Pipedrive's value is kept.");
    c.detectedAt = now.addSecs(-26 * 3600);
    c.pipedriveModifiedAt = now.addSecs(-27 * 3600);
    c.ostendoModifiedAt = now.addSecs(-28 * 3600);
    return c;
}

namespace {
bool addLog(SyncStore &store, const QString &runId, const QDateTime &at, const Link &link, const QString &action,
            const QString &source, const QString &target, const QStringList &fields, const QString &error = QString())
{
    LogEntry e;
    e.at = at;
    e.runId = runId;
    e.entity = StoreText::entity(link.entity);
    e.linkId = link.id;
    e.pipedriveId = link.pipedriveId;
    e.ostendoKey = link.ostendoKey;
    e.action = action;
    e.source = source;
    e.target = target;
    e.fieldsChanged = fields;
    e.durationMs = 180 + (at.time().second() * 7) % 400;
    e.error = error;
    return store.appendLog(&e);
}
} // namespace

bool populate(SyncStore &store, const QDateTime &now, Ids *ids)
{
    return store.transaction([&]() {
        const QDateTime lastRun = now.addSecs(-25 * 60);
        struct C
        {
            const char *name;
            LinkStatus status;
            const char *error;
        };
        const QList<C> customers{
            {"Greenway Landscapes Ltd", LinkStatus::Synced, nullptr},
            {"Harbour View Body Corporate", LinkStatus::Blocked, nullptr},
            {"O'Brien Family Trust", LinkStatus::Synced, nullptr},
            {"Riverside Primary School", LinkStatus::Synced, nullptr},
            {"Mt Eden Sports Club", LinkStatus::Pending, nullptr},
            {"Ponsonby Dental Centre", LinkStatus::Synced, nullptr},
            {"Takapuna Beach Apartments", LinkStatus::Error,
             "Ostendo refused the update: the customer record is locked by another user."},
            {"Waitakere Garden Centre", LinkStatus::Synced, nullptr},
            {"Devonport Yacht Club", LinkStatus::Synced, nullptr},
            {"Onehunga Community Trust", LinkStatus::Synced, nullptr},
        };
        QList<Link> saved;
        for (int i = 0; i < customers.size(); ++i) {
            Link l = customer(QString::fromUtf8(customers[i].name), 4100 + i * 7, QString::number(10220 + i * 13),
                              customers[i].status, lastRun.addSecs(-i * 3600));
            if (customers[i].error) {
                l.lastError = QString::fromUtf8(customers[i].error);
                l.retryCount = 2;
            }
            if (i == 1) {
                l.pipedriveId = 4107;
                l.ostendoKey = QStringLiteral("10233");
                l.base.insert(QStringLiteral("address"), QStringLiteral("12 Quay Street, Auckland 1010"));
            }
            if (!store.saveLink(&l)) {
                return false;
            }
            saved << l;
        }
        const QList<std::pair<const char *, LinkStatus>> jobs{
            {"Spring lawn renovation - Riverside Primary", LinkStatus::Synced},
            {"Weekly mowing contract 2027 - Greenway", LinkStatus::Synced},
            {"Courtyard planting - Ponsonby Dental", LinkStatus::Synced},
            {"Irrigation repair - Mt Eden Sports Club", LinkStatus::Pending},
            {"Hedge trimming - Devonport Yacht Club", LinkStatus::Synced},
        };
        QList<Link> savedJobs;
        for (int i = 0; i < jobs.size(); ++i) {
            Link l;
            l.entity = Entity::WorkItem;
            l.pipedriveId = 9100 + i * 7;
            l.ostendoKey = QString::number(50850 + i * 9);
            l.displayName = QString::fromUtf8(jobs[i].first);
            l.status = jobs[i].second;
            l.lastSyncedAt = lastRun.addSecs(-i * 5400);
            if (i == 3) {
                l.pipedriveId = 9121;
                l.ostendoKey = QStringLiteral("50877");
            }
            if (!store.saveLink(&l)) {
                return false;
            }
            savedJobs << l;
        }

        ConflictRecord address = addressConflict(saved[1].id, now);
        ConflictRecord duplicate = duplicateConflict(now);
        ConflictRecord value = valueConflict(savedJobs[3].id, now);
        ConflictRecord phone;
        phone.conflict.entity = Entity::Customer;
        phone.linkId = saved[2].id;
        phone.conflict.pipedriveId = QString::number(saved[2].pipedriveId);
        phone.conflict.ostendoKey = saved[2].ostendoKey;
        phone.conflict.kind = ConflictKind::Field;
        phone.conflict.risk = Risk::Low;
        phone.conflict.status = ConflictStatus::AutoResolved;
        phone.conflict.fields = {ConflictField{QStringLiteral("phone"), QStringLiteral("09 555 0142"),
                                               QStringLiteral("+64 9 555 0142"), QStringLiteral("(09) 555-0142"),
                                               QStringLiteral("(09) 555-0142")}};
        phone.conflict.rule = QStringLiteral("Only the formatting differs; Ostendo's phone number is kept.");
        phone.detectedAt = now.addDays(-2);
        for (ConflictRecord *c : {&address, &duplicate, &value, &phone}) {
            if (!store.saveConflict(c)) {
                return false;
            }
        }
        // Earlier weeks, for the dashboard: mostly settled by the rules, a few needing a person.
        for (int week = 1; week < 8; ++week) {
            for (int k = 0; k < 3 + (week * 5) % 7; ++k) {
                ConflictRecord old = phone;
                old.id = 0;
                old.conflict.risk = (k % 5 == 0) ? Risk::High : Risk::Low;
                old.conflict.status =
                    old.conflict.risk == Risk::High ? ConflictStatus::ManuallyResolved : ConflictStatus::AutoResolved;
                if (old.conflict.status == ConflictStatus::ManuallyResolved) {
                    old.decision = QStringLiteral("keep_ostendo");
                    old.decidedBy = QStringLiteral("sam");
                    old.decidedAt = now.addDays(-7 * week + 1);
                    old.appliedAt = old.decidedAt;
                }
                old.detectedAt = now.addDays(-7 * week).addSecs(-(k + 1) * 3600);
                if (!store.saveConflict(&old)) {
                    return false;
                }
            }
        }

        // Three runs today: the last one found the two conflicts now waiting.
        const QList<int> runAgesMin{205, 115, 25};
        for (int r = 0; r < runAgesMin.size(); ++r) {
            const QString runId = QStringLiteral("run-%1").arg(r + 1);
            const QDateTime start = now.addSecs(-runAgesMin[r] * 60);
            if (!store.beginRun(runId, start)) {
                return false;
            }
            const QDateTime t = start.addSecs(4);
            bool ok =
                addLog(store, runId, t, saved[r], QStringLiteral("update"), QStringLiteral("pipedrive"),
                       QStringLiteral("ostendo"), {QStringLiteral("phone")}) &&
                addLog(store, runId, t.addSecs(2), savedJobs[r], QStringLiteral("update"), QStringLiteral("ostendo"),
                       QStringLiteral("pipedrive"), {QStringLiteral("dates")}) &&
                addLog(store, runId, t.addSecs(3), saved[6], QStringLiteral("update"), QStringLiteral("pipedrive"),
                       QStringLiteral("ostendo"), {QStringLiteral("email")}, saved[6].lastError);
            if (r == 2) {
                ok = ok &&
                     addLog(store, runId, t.addSecs(5), saved[1], QStringLiteral("conflict"), QStringLiteral("engine"),
                            QString(), {QStringLiteral("address")}) &&
                     addLog(store, runId, t.addSecs(6), saved[4], QStringLiteral("create"), QStringLiteral("pipedrive"),
                            QStringLiteral("ostendo"), {QStringLiteral("name"), QStringLiteral("email")});
            }
            if (!ok) {
                return false;
            }
            const int exitCode = r == 2 ? 3 : 4;
            if (!store.finishRun(runId, start.addSecs(38), exitCode, {{QStringLiteral("exit_code"), exitCode}})) {
                return false;
            }
        }
        if (ids) {
            ids->harbourView = saved[1].id;
            ids->addressConflict = address.id;
            ids->duplicateConflict = duplicate.id;
            ids->valueConflict = value.id;
        }
        return true;
    });
}

} // namespace DemoStore
