// What the people in both systems did in one crash-point scenario, and the invariants the systems and the store must
// meet once the sync has converged: every record on both sides once, every edit on both sides or held by a conflict
// row with both values, nothing deleted come back, the journal settled, the store sound.
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class EngineRig;
class SyncStore;

class CrashWorld
{
public:
    explicit CrashWorld(EngineRig &rig);

    // A customer made by a person on one side; returns its record number in this world.
    int addCustomer(bool inPipedrive, const QString &name, const QString &phone = QString(),
                    const QString &email = QString());
    // Work under `customer` (a record number), a deal or a job; the job's status is an Ostendo status.
    int addWork(bool inPipedrive, int customer, const QString &title, double value,
                const QString &jobStatus = QStringLiteral("Quoted"));

    // One side's person changes one field (the field names of the policy: name, phone, email, address, notes,
    // title, value, status, stage, dates, project_type; "customer" moves a job to the customer record `value`).
    void edit(int record, const QString &field, const QString &value, bool inPipedrive);
    // Both sides change the same field in the same interval. `waitsForPerson`: the policy makes it a high-risk case
    // that holds the record (nothing written), otherwise a rule settles it and both sides end up equal.
    void editBoth(int record, const QString &field, const QString &pipedriveValue, const QString &ostendoValue,
                  bool waitsForPerson);
    void deleteInPipedrive(int record);
    void archiveInOstendo(int record);
    // The record is expected to wait for a person (a possible duplicate, a deletion conflict): it may stay on one
    // side, and its edits are held, as long as a conflict row waits for review.
    void expectWaiting(int record);

    int recordCount() const { return int(m_records.size()); }
    QString describe(int record) const;

    // The invariants once converged; empty when all hold, else one sentence per violation. `findings` gets what is
    // wrong but breaks no invariant of issue 8 (a same-field case stored twice).
    QStringList check(SyncStore &store, QStringList *findings = nullptr) const;

    qint64 pipedriveIdOf(int record) const;
    qint64 ostendoKeyOf(int record) const;
    QString pipedriveValue(int record, const QString &field) const;
    QString ostendoValue(int record, const QString &field) const;

private:
    struct Record
    {
        bool customer = true;
        bool madeInPipedrive = true;
        qint64 id = 0;
        int parent = -1; // work: the customer record it belongs to now
        bool deletedInPipedrive = false;
        qint64 deletedOrganization = 0;
        bool archivedInOstendo = false;
        bool waits = false;
    };
    struct Edit
    {
        int record = -1;
        QString field;
        bool inPipedrive = true;
        QString value;
        bool both = false;
        QString otherValue; // Ostendo's, when both
        bool waits = false;
    };

    void setPipedrive(int record, const QString &field, const QString &value);
    void setOstendo(int record, const QString &field, const QString &value);
    bool same(const QString &field, const QString &a, const QString &b) const;
    bool waitsForPerson(SyncStore &store, int record) const;
    int conflictsHolding(SyncStore &store, int record, const QString &field, const QString &pipedriveValue,
                         const QString &ostendoValue, bool pendingOnly) const;
    void checkRecords(SyncStore &store, QStringList *violations) const;
    void remember(const Edit &edit);
    void checkEdits(SyncStore &store, QStringList *violations) const;
    void checkDuplicates(QStringList *violations) const;
    void checkStore(SyncStore &store, QStringList *violations) const;

    EngineRig &m_rig;
    QList<Record> m_records;
    QList<Edit> m_edits;
};
