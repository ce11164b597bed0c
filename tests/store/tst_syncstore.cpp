#include "store/SyncStore.h"

#include "TestSupport.h"
#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

namespace {
const QDateTime kT0 = QDateTime(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);

Link customerLink(qint64 pd, const QString &os)
{
    Link l;
    l.entity = Entity::Customer;
    l.pipedriveId = pd;
    l.ostendoKey = os;
    l.displayName = QStringLiteral("Acme Turf");
    l.base = {{QStringLiteral("name"), QStringLiteral("Acme Turf")}, {QStringLiteral("phone"), QJsonValue::Null}};
    l.status = LinkStatus::Synced;
    l.lastSyncedAt = kT0;
    return l;
}

ConflictRecord fieldConflict(qint64 linkId)
{
    ConflictRecord r;
    r.linkId = linkId;
    r.detectedAt = kT0;
    Conflict &c = r.conflict;
    c.entity = Entity::Customer;
    c.pipedriveId = QStringLiteral("101");
    c.ostendoKey = QStringLiteral("48213");
    c.kind = ConflictKind::Field;
    c.risk = Risk::High;
    c.status = ConflictStatus::PendingReview;
    c.fields = {ConflictField{QStringLiteral("address"), QStringLiteral("1 Old Rd"),
                              QStringLiteral("1 Old Rd, Suite 4"), QStringLiteral("9 New St"), QString()}};
    c.rule = QStringLiteral("Both changed the address");
    return r;
}

// Runs each statement of an SQL script through a plain connection (not SyncStore), like an old release would.
bool runScript(const QString &dbPath, const QString &scriptPath, QString *error)
{
    QFile f(scriptPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture"));
        db.setDatabaseName(dbPath);
        db.open();
        QSqlQuery q(db);
        const QStringList statements = QString::fromUtf8(f.readAll()).split(QStringLiteral(";\n"));
        for (QString s : statements) {
            QStringList lines = s.split(QLatin1Char('\n'));
            lines.erase(std::remove_if(lines.begin(), lines.end(),
                                       [](const QString &l) { return l.startsWith(QLatin1String("--")); }),
                        lines.end());
            s = lines.join(QLatin1Char('\n')).trimmed();
            if (s.isEmpty()) {
                continue;
            }
            if (!q.exec(s)) {
                *error = q.lastError().text() + QStringLiteral(" in: ") + s.left(80);
                ok = false;
                break;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
    return ok;
}
} // namespace

class TestSyncStore : public QObject
{
    Q_OBJECT
private:
    TestSupport::ScratchDir m_dir;
    std::unique_ptr<SyncStore> m_store;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void init()
    {
        m_store = std::make_unique<SyncStore>();
        static int n = 0;
        QVERIFY2(m_store->open(path(QStringLiteral("state-%1-%2.sqlite").arg(QTest::currentTestFunction()).arg(++n))),
                 qPrintable(m_store->lastError()));
    }
    void cleanup() { m_store.reset(); }

    void createsLatestSchemaWithWalAndForeignKeys()
    {
        QCOMPARE(m_store->schemaVersion(), SyncStore::latestSchemaVersion());
        QVERIFY(SyncStore::latestSchemaVersion() >= 2);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(m_store->path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        q.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        QVERIFY(m_store->checkIntegrity().isEmpty());
    }

    void linkRoundTrip()
    {
        Link l = customerLink(101, QStringLiteral("48213"));
        l.pipedriveModifiedAt = kT0.addSecs(-60);
        l.ostendoModifiedAt = kT0.addSecs(-30);
        l.nextAttemptAt = kT0.addSecs(300);
        QVERIFY2(m_store->saveLink(&l), qPrintable(m_store->lastError()));
        QVERIFY(l.id > 0);

        const auto byId = m_store->link(l.id);
        QVERIFY(byId);
        QCOMPARE(byId->pipedriveId, 101);
        QCOMPARE(byId->ostendoKey, QStringLiteral("48213"));
        QCOMPARE(byId->base, l.base);
        QVERIFY(byId->base.value(QStringLiteral("phone")).isNull());
        QCOMPARE(byId->lastSyncedAt, kT0);
        QCOMPARE(byId->pipedriveModifiedAt, kT0.addSecs(-60));
        QCOMPARE(byId->ostendoModifiedAt, kT0.addSecs(-30));
        QCOMPARE(byId->nextAttemptAt, kT0.addSecs(300));
        QCOMPARE(byId->status, LinkStatus::Synced);
        QCOMPARE(byId->displayName, QStringLiteral("Acme Turf"));

        QCOMPARE(m_store->linkByPipedriveId(Entity::Customer, 101)->id, l.id);
        QCOMPARE(m_store->linkByOstendoKey(Entity::Customer, QStringLiteral("48213"))->id, l.id);
        QVERIFY(!m_store->linkByPipedriveId(Entity::WorkItem, 101)); // ids are per entity
        QVERIFY(!m_store->link(9999));

        l.status = LinkStatus::Error;
        l.retryCount = 2;
        l.lastError = QStringLiteral("Ostendo answered 500");
        QVERIFY(m_store->saveLink(&l));
        const auto updated = m_store->link(l.id);
        QCOMPARE(updated->status, LinkStatus::Error);
        QCOMPARE(updated->retryCount, 2);
        QCOMPARE(updated->lastError, QStringLiteral("Ostendo answered 500"));
        QCOMPARE(m_store->links(Entity::Customer).size(), 1);
        QCOMPARE(m_store->linkCountsByStatus(Entity::Customer).value(QStringLiteral("error")), 1);
    }

    void linkRefusesBadInput_data()
    {
        QTest::addColumn<qint64>("pipedriveId");
        QTest::addColumn<QString>("ostendoKey");
        QTest::addColumn<QJsonObject>("base");
        QTest::addColumn<QString>("errorContains");
        QTest::newRow("no id on either side") << qint64(0) << QString() << QJsonObject() << QStringLiteral("neither");
        QTest::newRow("negative pipedrive id")
            << qint64(-5) << QString() << QJsonObject() << QStringLiteral("positive");
        QTest::newRow("base value not text")
            << qint64(7) << QString() << QJsonObject{{QStringLiteral("value"), 12.5}} << QStringLiteral("'value'");
    }

    void linkRefusesBadInput()
    {
        QFETCH(qint64, pipedriveId);
        QFETCH(QString, ostendoKey);
        QFETCH(QJsonObject, base);
        QFETCH(QString, errorContains);
        Link l = customerLink(pipedriveId, ostendoKey);
        l.base = base;
        QVERIFY(!m_store->saveLink(&l));
        QVERIFY2(m_store->lastError().contains(errorContains), qPrintable(m_store->lastError()));
        QCOMPARE(l.id, 0);
        QVERIFY(m_store->links(Entity::Customer).isEmpty());
    }

    void linkWithoutNameIsSaved()
    {
        Link l = customerLink(501, QStringLiteral("z"));
        l.displayName = QString();
        QVERIFY2(m_store->saveLink(&l), qPrintable(m_store->lastError()));
        QCOMPARE(m_store->link(l.id)->displayName, QString());
    }

    void linkIdsAreUniquePerSide()
    {
        Link a = customerLink(101, QStringLiteral("1"));
        Link b = customerLink(101, QStringLiteral("2"));
        QVERIFY(m_store->saveLink(&a));
        QVERIFY(!m_store->saveLink(&b));
        Link c = customerLink(102, QStringLiteral("1"));
        QVERIFY(!m_store->saveLink(&c));
        QCOMPARE(m_store->links(Entity::Customer).size(), 1);
        // Half-created links (one side only) may coexist.
        Link d = customerLink(0, QStringLiteral("3"));
        Link e = customerLink(0, QStringLiteral("4"));
        QVERIFY(m_store->saveLink(&d));
        QVERIFY(m_store->saveLink(&e));
    }

    void updateOfMissingLinkFails()
    {
        Link l = customerLink(1, QString());
        l.id = 4242;
        QVERIFY(!m_store->saveLink(&l));
        QVERIFY(m_store->lastError().contains(QStringLiteral("4242")));
        QVERIFY(!m_store->deleteLink(4242));
    }

    void conflictRoundTripAndFilters()
    {
        Link l = customerLink(101, QStringLiteral("48213"));
        QVERIFY(m_store->saveLink(&l));
        ConflictRecord pending = fieldConflict(l.id);
        pending.pipedriveModifiedAt = kT0.addSecs(-100);
        pending.ostendoModifiedAt = kT0.addSecs(-50);
        QVERIFY2(m_store->saveConflict(&pending), qPrintable(m_store->lastError()));
        ConflictRecord autoResolved = fieldConflict(l.id);
        autoResolved.conflict.risk = Risk::Low;
        autoResolved.conflict.status = ConflictStatus::AutoResolved;
        autoResolved.detectedAt = kT0.addSecs(3600);
        autoResolved.conflict.fields[0].result = QStringLiteral("9 New St");
        QVERIFY(m_store->saveConflict(&autoResolved));

        const auto read = m_store->conflict(pending.id);
        QVERIFY(read);
        QCOMPARE(read->conflict.fields.size(), 1);
        QCOMPARE(read->conflict.fields[0].pipedrive, QStringLiteral("1 Old Rd, Suite 4"));
        QCOMPARE(read->conflict.fields[0].ostendo, QStringLiteral("9 New St"));
        QVERIFY(read->conflict.fields[0].result.isNull());
        QCOMPARE(read->pipedriveModifiedAt, kT0.addSecs(-100));
        QCOMPARE(read->conflict.risk, Risk::High);

        // Pending first even though it is older.
        const QList<ConflictRecord> all = m_store->conflicts();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].id, pending.id);
        ConflictFilter f;
        f.status = ConflictStatus::AutoResolved;
        QCOMPARE(m_store->conflicts(f).size(), 1);
        f = {};
        f.risk = Risk::High;
        QCOMPARE(m_store->conflicts(f).constFirst().id, pending.id);
        f = {};
        f.detectedSince = kT0.addSecs(60);
        QCOMPARE(m_store->conflicts(f).constFirst().id, autoResolved.id);
        QCOMPARE(m_store->countConflicts(ConflictStatus::PendingReview), 1);

        const QJsonObject json = read->toJson();
        for (const char *key : {"id", "entity", "pipedrive_id", "ostendo_key", "risk", "status", "kind", "fields",
                                "rule", "detected_at", "decided_by", "decided_at"}) {
            QVERIFY2(json.contains(QLatin1String(key)), key);
        }
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("pending_review"));
        QCOMPARE(json.value(QStringLiteral("detected_at")).toString(), QStringLiteral("2026-11-01T09:00:00.000Z"));
    }

    void conflictRefusesBadInput()
    {
        ConflictRecord noRule = fieldConflict(0);
        noRule.conflict.rule.clear();
        QVERIFY(!m_store->saveConflict(&noRule));
        ConflictRecord noFields = fieldConflict(0);
        noFields.conflict.fields.clear();
        QVERIFY(!m_store->saveConflict(&noFields));
        ConflictRecord nobody = fieldConflict(0);
        nobody.conflict.pipedriveId.clear();
        nobody.conflict.ostendoKey.clear();
        QVERIFY(!m_store->saveConflict(&nobody));
        ConflictRecord danglingLink = fieldConflict(777); // foreign key: no link 777
        QVERIFY(!m_store->saveConflict(&danglingLink));
        QVERIFY(m_store->conflicts().isEmpty());
    }

    void decisions_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("decision");
        QTest::addColumn<QJsonObject>("values");
        QTest::addColumn<bool>("accepted");
        const QJsonObject merge{{QStringLiteral("address"), QStringLiteral("9 New St, Suite 4")}};
        QTest::newRow("keep pipedrive") << int(ConflictKind::Field) << "keep_pipedrive" << QJsonObject() << true;
        QTest::newRow("keep ostendo") << int(ConflictKind::Field) << "keep_ostendo" << QJsonObject() << true;
        QTest::newRow("merge") << int(ConflictKind::Field) << "merge" << merge << true;
        QTest::newRow("merge without values") << int(ConflictKind::Field) << "merge" << QJsonObject() << false;
        QTest::newRow("merge of a field not in conflict")
            << int(ConflictKind::Field) << "merge" << QJsonObject{{QStringLiteral("phone"), QStringLiteral("1")}}
            << false;
        QTest::newRow("link a duplicate") << int(ConflictKind::Duplicate) << "link" << QJsonObject() << true;
        QTest::newRow("keep separate") << int(ConflictKind::Duplicate) << "keep_separate" << QJsonObject() << true;
        QTest::newRow("link on a field conflict") << int(ConflictKind::Field) << "link" << QJsonObject() << false;
        QTest::newRow("keep side on a duplicate")
            << int(ConflictKind::Duplicate) << "keep_pipedrive" << QJsonObject() << false;
        QTest::newRow("unknown decision") << int(ConflictKind::Field) << "flip_a_coin" << QJsonObject() << false;
    }

    void decisions()
    {
        QFETCH(int, kind);
        QFETCH(QString, decision);
        QFETCH(QJsonObject, values);
        QFETCH(bool, accepted);
        Link l = customerLink(101, QStringLiteral("48213"));
        QVERIFY(m_store->saveLink(&l));
        ConflictRecord c = fieldConflict(l.id);
        c.conflict.kind = ConflictKind(kind);
        QVERIFY(m_store->saveConflict(&c));

        const QDateTime at = kT0.addSecs(7200);
        QCOMPARE(m_store->recordDecision(c.id, decision, values, QStringLiteral("maria"), at), accepted);
        const auto after = m_store->conflict(c.id);
        if (!accepted) {
            QCOMPARE(after->conflict.status, ConflictStatus::PendingReview);
            QVERIFY(after->decision.isEmpty());
            return;
        }
        QCOMPARE(after->conflict.status, ConflictStatus::ManuallyResolved);
        QCOMPARE(after->decision, decision);
        QCOMPARE(after->decisionValues, values);
        QCOMPARE(after->decidedBy, QStringLiteral("maria"));
        QCOMPARE(after->decidedAt, at);
        QCOMPARE(m_store->unappliedDecisions().size(), 1);
        // A person already decided: a second decision is refused and the first stands.
        QVERIFY(!m_store->recordDecision(c.id, decision, values, QStringLiteral("sam"), at));
        QVERIFY(m_store->lastError().contains(QStringLiteral("maria")));
        QVERIFY(m_store->markDecisionApplied(c.id, at.addSecs(5)));
        QVERIFY(m_store->unappliedDecisions().isEmpty());
        QCOMPARE(m_store->conflict(c.id)->appliedAt, at.addSecs(5));
    }

    void weeklyStatsForTheDashboard()
    {
        Link l = customerLink(101, QStringLiteral("48213"));
        QVERIFY(m_store->saveLink(&l));
        const QDateTime now(QDate(2026, 11, 26), QTime(15, 0), Qt::UTC); // a Thursday
        auto add = [&](const QDateTime &at, Risk risk, ConflictStatus status) {
            ConflictRecord c = fieldConflict(l.id);
            c.detectedAt = at;
            c.conflict.risk = risk;
            c.conflict.status = status;
            QVERIFY(m_store->saveConflict(&c));
        };
        add(now.addDays(-1), Risk::Low, ConflictStatus::AutoResolved);
        add(now.addDays(-2), Risk::Medium, ConflictStatus::AutoResolved);
        add(now.addDays(-3), Risk::High, ConflictStatus::PendingReview);    // Monday 23rd: this week
        add(now.addDays(-4), Risk::High, ConflictStatus::ManuallyResolved); // Sunday 22nd: last week
        add(now.addDays(-60), Risk::Low, ConflictStatus::AutoResolved);     // outside the 8 weeks

        const QList<WeekStats> weeks = m_store->weeklyConflictStats(now, 8);
        QCOMPARE(weeks.size(), 8);
        QCOMPARE(weeks.last().weekStart, QDate(2026, 11, 23));
        QCOMPARE(weeks.first().weekStart, QDate(2026, 10, 5));
        QCOMPARE(weeks.last().total, 3);
        QCOMPARE(weeks.last().autoResolved, 2);
        QCOMPARE(weeks.last().neededPerson, 1);
        QCOMPARE(weeks.at(6).total, 1);
        QCOMPARE(weeks.at(6).neededPerson, 1);
        int total = 0;
        for (const WeekStats &w : weeks) {
            total += w.total;
        }
        QCOMPARE(total, 4);
        QVERIFY(qFuzzyCompare(weeks.last().autoResolutionRate(), 2.0 / 3.0));
    }

    void decisionOnMissingConflictFails()
    {
        QVERIFY(!m_store->recordDecision(31337, QStringLiteral("keep_ostendo"), {}, QStringLiteral("x"), kT0));
        QVERIFY(m_store->lastError().contains(QStringLiteral("31337")));
        QVERIFY(!m_store->markDecisionApplied(31337, kT0));
    }

    void overrideOfAutoResolvedIsAllowed()
    {
        Link l = customerLink(101, QStringLiteral("48213"));
        QVERIFY(m_store->saveLink(&l));
        ConflictRecord c = fieldConflict(l.id);
        c.conflict.risk = Risk::Medium;
        c.conflict.status = ConflictStatus::AutoResolved;
        QVERIFY(m_store->saveConflict(&c));
        QVERIFY(m_store->recordDecision(c.id, QStringLiteral("keep_ostendo"), {}, QStringLiteral("maria"), kT0));
        QCOMPARE(m_store->conflict(c.id)->conflict.status, ConflictStatus::ManuallyResolved);
    }

    void deletingALinkDropsItsConflicts()
    {
        Link l = customerLink(101, QStringLiteral("48213"));
        QVERIFY(m_store->saveLink(&l));
        ConflictRecord c = fieldConflict(l.id);
        QVERIFY(m_store->saveConflict(&c));
        QVERIFY(m_store->deleteLink(l.id));
        QVERIFY(!m_store->conflict(c.id));
        QVERIFY(m_store->checkIntegrity().isEmpty());
    }

    void journalLifecycle()
    {
        JournalEntry e;
        e.runId = QStringLiteral("run-1");
        e.entity = Entity::WorkItem;
        e.system = System::Ostendo;
        e.operation = QStringLiteral("create");
        e.carriedId = QStringLiteral("555");
        e.payload = {{QStringLiteral("DESCRIPTION"), QStringLiteral("Lawn renovation")}};
        e.createdAt = kT0;
        QVERIFY(m_store->journalIntent(&e));
        JournalEntry second = e;
        second.operation = QStringLiteral("update");
        QVERIFY(m_store->journalIntent(&second));
        QCOMPARE(m_store->openJournalEntries().size(), 2);

        QVERIFY(m_store->journalComplete(e.id, JournalState::Unknown, QString(), QStringLiteral("timeout"), kT0));
        QCOMPARE(m_store->openJournalEntries().size(), 2); // unknown still needs settling
        QVERIFY(m_store->journalComplete(e.id, JournalState::Done, QStringLiteral("90001"), QString(), kT0.addSecs(1)));
        QVERIFY(m_store->journalComplete(second.id, JournalState::Failed, QString(), QStringLiteral("400"), kT0));
        QVERIFY(m_store->openJournalEntries().isEmpty());
        const auto done = m_store->journalEntry(e.id);
        QCOMPARE(done->state, JournalState::Done);
        QCOMPARE(done->remoteId, QStringLiteral("90001"));
        QCOMPARE(done->carriedId, QStringLiteral("555"));
        QCOMPARE(done->payload, e.payload);
        QCOMPARE(done->completedAt, kT0.addSecs(1));

        QVERIFY(!m_store->journalComplete(e.id, JournalState::Intent, QString(), QString(), kT0));
        QVERIFY(!m_store->journalComplete(999, JournalState::Done, QString(), QString(), kT0));
        JournalEntry bad;
        bad.createdAt = kT0;
        QVERIFY(!m_store->journalIntent(&bad));
    }

    void logAppendFilterAndExport()
    {
        for (int i = 0; i < 5; ++i) {
            LogEntry e;
            e.at = kT0.addSecs(i * 60);
            e.runId = i < 3 ? QStringLiteral("run-1") : QStringLiteral("run-2");
            e.entity = i % 2 ? QStringLiteral("work_item") : QStringLiteral("customer");
            e.linkId = i + 1;
            e.pipedriveId = 100 + i;
            e.ostendoKey = QString::number(4000 + i);
            e.action = i == 4 ? QStringLiteral("update") : QStringLiteral("create");
            e.source = QStringLiteral("pipedrive");
            e.target = QStringLiteral("ostendo");
            e.fieldsChanged = {QStringLiteral("name"), QStringLiteral("phone")};
            e.conflictDetected = i == 2;
            e.risk = i == 2 ? QStringLiteral("medium") : QString();
            e.durationMs = 10 * i;
            e.error = i == 3 ? QStringLiteral("HTTP 500") : QString();
            QVERIFY(m_store->appendLog(&e));
        }
        QCOMPARE(m_store->logEntries().size(), 5);
        LogFilter f;
        f.since = kT0.addSecs(120);
        QCOMPARE(m_store->logEntries(f).size(), 3);
        f = {};
        f.entity = QStringLiteral("work_item");
        QCOMPARE(m_store->logEntries(f).size(), 2);
        f = {};
        f.errorsOnly = true;
        QCOMPARE(m_store->logEntries(f).constFirst().error, QStringLiteral("HTTP 500"));
        f = {};
        f.runId = QStringLiteral("run-2");
        QCOMPARE(m_store->logEntries(f).size(), 2);
        f = {};
        f.limit = 2; // the newest two, oldest first
        const auto newest = m_store->logEntries(f);
        QCOMPARE(newest.size(), 2);
        QCOMPARE(newest[0].linkId, 4);
        QCOMPARE(newest[1].linkId, 5);

        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(m_store->exportLogJsonLines(&buffer, {}), qint64(5));
        const QList<QByteArray> lines = buffer.data().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        const QJsonObject row = QJsonDocument::fromJson(lines[2]).object();
        for (const char *key : {"at", "entity", "link_id", "pipedrive_id", "ostendo_key", "action", "source", "target",
                                "fields_changed", "conflict_detected", "risk", "duration_ms", "error"}) {
            QVERIFY2(row.contains(QLatin1String(key)), key);
        }
        QCOMPARE(row.value(QStringLiteral("at")).toString(), QStringLiteral("2026-11-01T09:02:00.000Z"));
        QCOMPARE(row.value(QStringLiteral("conflict_detected")).toBool(), true);
        QCOMPARE(row.value(QStringLiteral("risk")).toString(), QStringLiteral("medium"));
        QCOMPARE(row.value(QStringLiteral("fields_changed")).toArray().size(), 2);

        LogEntry empty;
        QVERIFY(!m_store->appendLog(&empty));
    }

    void watermarksAndTombstones()
    {
        QVERIFY(m_store->watermark(Entity::Customer, System::Ostendo).isEmpty());
        QVERIFY(m_store->setWatermark(Entity::Customer, System::Ostendo, QStringLiteral("2026-11-01 21:59:58"), kT0));
        QVERIFY(m_store->setWatermark(Entity::Customer, System::Ostendo, QStringLiteral("2026-11-01 22:10:00"), kT0));
        QVERIFY(
            m_store->setWatermark(Entity::Customer, System::Pipedrive, QStringLiteral("2026-11-01T09:10:00Z"), kT0));
        QCOMPARE(m_store->watermark(Entity::Customer, System::Ostendo), QStringLiteral("2026-11-01 22:10:00"));
        QCOMPARE(m_store->watermark(Entity::Customer, System::Pipedrive), QStringLiteral("2026-11-01T09:10:00Z"));
        QVERIFY(m_store->watermark(Entity::WorkItem, System::Pipedrive).isEmpty());
        QVERIFY(!m_store->setWatermark(Entity::WorkItem, System::Pipedrive, QString(), kT0));

        QVERIFY(!m_store->hasTombstone(Entity::Customer, System::Ostendo, QStringLiteral("48213")));
        QVERIFY(m_store->addTombstone(Entity::Customer, System::Ostendo, QStringLiteral("48213"), kT0));
        QVERIFY(m_store->addTombstone(Entity::Customer, System::Ostendo, QStringLiteral("48213"), kT0)); // idempotent
        QVERIFY(m_store->hasTombstone(Entity::Customer, System::Ostendo, QStringLiteral("48213")));
        QVERIFY(!m_store->hasTombstone(Entity::Customer, System::Pipedrive, QStringLiteral("48213")));
    }

    void runs()
    {
        QVERIFY(m_store->beginRun(QStringLiteral("run-a"), kT0));
        QVERIFY(m_store->beginRun(QStringLiteral("run-b"), kT0.addSecs(900)));
        QVERIFY(!m_store->beginRun(QStringLiteral("run-a"), kT0)); // ids are unique
        QVERIFY(m_store->finishRun(QStringLiteral("run-a"), kT0.addSecs(5), 3, {{QStringLiteral("failed"), 0}}));
        QVERIFY(!m_store->finishRun(QStringLiteral("nope"), kT0, 0, {}));
        const QList<RunRecord> runs = m_store->recentRuns(10);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].id, QStringLiteral("run-b"));
        QCOMPARE(runs[0].exitCode, -1);
        QCOMPARE(runs[1].exitCode, 3);
        QCOMPARE(runs[1].finishedAt, kT0.addSecs(5));
    }

    void transactionRollsBackEverything()
    {
        Link a = customerLink(201, QStringLiteral("a"));
        const bool ok = m_store->transaction([&] {
            if (!m_store->saveLink(&a)) {
                return false;
            }
            Link clash = customerLink(201, QStringLiteral("b")); // violates the unique Pipedrive id
            return m_store->saveLink(&clash);
        });
        QVERIFY(!ok);
        QVERIFY(m_store->links(Entity::Customer).isEmpty());

        Link b = customerLink(202, QStringLiteral("c"));
        QVERIFY(m_store->transaction([&] { return m_store->saveLink(&b); }));
        QCOMPARE(m_store->links(Entity::Customer).size(), 1);
    }

    void migratesFixtureOfSchemaOne()
    {
        const QString dbPath = path(QStringLiteral("v1.sqlite"));
        QString error;
        QVERIFY2(runScript(dbPath, QStringLiteral(TURFDRIVE_FIXTURES_DIR "/store-v1.sql"), &error), qPrintable(error));

        SyncStore store;
        QVERIFY2(store.open(dbPath), qPrintable(store.lastError()));
        QCOMPARE(store.schemaVersion(), SyncStore::latestSchemaVersion());
        const auto link = store.link(1);
        QVERIFY(link);
        QCOMPARE(link->pipedriveId, 101);
        QCOMPARE(link->base.value(QStringLiteral("phone")).toString(), QStringLiteral("+6495550100"));
        QCOMPARE(link->displayName, QString()); // new in schema 2
        QCOMPARE(store.link(2)->lastError, QStringLiteral("Ostendo answered 500"));
        QCOMPARE(store.conflict(1)->conflict.fields.constFirst().ostendo, QStringLiteral("9 New St"));
        QCOMPARE(store.openJournalEntries().size(), 1);
        QCOMPARE(store.logEntries().size(), 1);
        QCOMPARE(store.watermark(Entity::Customer, System::Pipedrive), QStringLiteral("2026-10-02T08:59:00Z"));
        QVERIFY(store.hasTombstone(Entity::Customer, System::Ostendo, QStringLiteral("40000")));
        QVERIFY(store.beginRun(QStringLiteral("after-migration"), kT0)); // the runs table of schema 2
        QVERIFY(store.checkIntegrity().isEmpty());
    }

    void refusesDatabaseFromNewerVersion()
    {
        const QString dbPath = path(QStringLiteral("future.sqlite"));
        {
            SyncStore s;
            QVERIFY(s.open(dbPath));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(dbPath);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        const QByteArray before = [&] {
            QFile f(dbPath);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();
        SyncStore s;
        QVERIFY(!s.open(dbPath));
        QVERIFY2(s.lastError().contains(QStringLiteral("newer")), qPrintable(s.lastError()));
        QFile f(dbPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    void refusesCorruptFileAndLeavesItAlone()
    {
        const QString dbPath = path(QStringLiteral("corrupt.sqlite"));
        QByteArray garbage("this is not a database, it is a shopping list\n");
        garbage = garbage.repeated(200);
        {
            QFile f(dbPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(garbage);
        }
        SyncStore s;
        QVERIFY(!s.open(dbPath));
        QVERIFY2(s.lastError().contains(QStringLiteral("damaged")), qPrintable(s.lastError()));
        QFile f(dbPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), garbage);
    }

    void refusesLockedDatabase()
    {
        const QString dbPath = path(QStringLiteral("locked.sqlite"));
        // Another program holds an exclusive lock on a fresh file that still needs its schema.
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        other.setDatabaseName(dbPath);
        QVERIFY(other.open());
        QSqlQuery q(other);
        QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE foreign_program (x)")));

        SyncStore s;
        s.setBusyTimeoutMs(200);
        QVERIFY(!s.open(dbPath));
        QVERIFY2(s.lastError().contains(QStringLiteral("locked")), qPrintable(s.lastError()));

        QVERIFY(q.exec(QStringLiteral("COMMIT")));
        q.finish();
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        // Once the other program lets go, the same file opens and keeps the other program's table.
        QVERIFY2(s.open(dbPath), qPrintable(s.lastError()));
    }

    void refusesUseFromAnotherThread()
    {
        Link l = customerLink(301, QStringLiteral("x"));
        bool savedFromOtherThread = true;
        QThread *t = QThread::create([&] { savedFromOtherThread = m_store->saveLink(&l); });
        t->start();
        QVERIFY(t->wait(5000));
        delete t;
        QVERIFY(!savedFromOtherThread);
        QVERIFY(m_store->links(Entity::Customer).isEmpty());
    }

    void twoConnectionsSeeEachOthersWrites()
    {
        // The window reads through its own connection while the engine writes through another.
        SyncStore reader;
        QVERIFY(reader.open(m_store->path()));
        Link l = customerLink(401, QStringLiteral("y"));
        QVERIFY(m_store->saveLink(&l));
        QCOMPARE(reader.links(Entity::Customer).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncStore)
#include "tst_syncstore.moc"
