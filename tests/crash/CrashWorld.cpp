#include "CrashWorld.h"

#include "EngineRig.h"

#include <QJsonArray>
#include <cmath>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const QStringList kCustomerFields{s("name"), s("phone"), s("email"), s("address"), s("notes")};
const QStringList kWorkFields{s("title"), s("value"), s("status"), s("stage"), s("dates"), s("project_type")};

// The first Ostendo status of a deal status's set, as the engine writes it.
QString jobStatusOf(const QString &dealStatus)
{
    if (dealStatus == s("open")) {
        return s("Quoted");
    }
    if (dealStatus == s("lost")) {
        return s("Cancelled");
    }
    return s("Approved");
}

qint64 idIn(const QJsonValue &v)
{
    if (v.isObject()) {
        return qint64(v.toObject().value(s("value")).toDouble());
    }
    return qint64(v.toDouble());
}
} // namespace

CrashWorld::CrashWorld(EngineRig &rig)
    : m_rig(rig)
{}

int CrashWorld::addCustomer(bool inPipedrive, const QString &name, const QString &phone, const QString &email)
{
    Record r;
    r.customer = true;
    r.madeInPipedrive = inPipedrive;
    if (inPipedrive) {
        QJsonObject fields{{"name", name}};
        if (!phone.isEmpty()) {
            fields.insert(s("Phone"), phone);
        }
        if (!email.isEmpty()) {
            fields.insert(s("Email"), email);
        }
        r.id = m_rig.addOrganization(fields);
    } else {
        QVariantMap values{{s("CUSTOMER"), name}};
        if (!phone.isEmpty()) {
            values.insert(s("CUSTOMERPHONE"), phone);
        }
        if (!email.isEmpty()) {
            values.insert(s("CUSTOMEREMAIL"), email);
        }
        r.id = m_rig.addCustomer(values);
    }
    m_records << r;
    return int(m_records.size()) - 1;
}

int CrashWorld::addWork(bool inPipedrive, int customer, const QString &title, double value, const QString &jobStatus)
{
    Record r;
    r.customer = false;
    r.madeInPipedrive = inPipedrive;
    r.parent = customer;
    if (inPipedrive) {
        const qint64 org = pipedriveIdOf(customer);
        if (!org) {
            qFatal("scenario error: %s has no organization yet", qPrintable(describe(customer)));
        }
        QJsonObject fields{{"title", title}, {"org_id", double(org)}, {"value", value}};
        const QString status = EngineRig::dealStatusOf(jobStatus);
        if (status != s("open")) {
            fields.insert(s("status"), status);
        }
        r.id = m_rig.addDeal(fields);
    } else {
        const qint64 key = ostendoKeyOf(customer);
        if (!key) {
            qFatal("scenario error: %s has no Ostendo customer yet", qPrintable(describe(customer)));
        }
        r.id = m_rig.addJob({{"ORDERNUMBER", s("CJ-%1").arg(m_records.size() + 1)},
                             {"ORDERSTATUS", jobStatus},
                             {"DESCRIPTION", title},
                             {"CUSTOMER", m_rig.customer(key).value(s("CUSTOMER")).toString()},
                             {"ORDERVALUE", value},
                             {"JOBTYPE", s("Maintenance")}});
    }
    m_records << r;
    return int(m_records.size()) - 1;
}

void CrashWorld::edit(int record, const QString &field, const QString &value, bool inPipedrive)
{
    if (field == s("customer")) {
        // Moving a job: Ostendo owns a job's customer.
        m_records[record].parent = value.toInt();
        setOstendo(record, field, value);
        return;
    }
    if (inPipedrive) {
        setPipedrive(record, field, value);
    } else {
        setOstendo(record, field, value);
    }
    Edit e;
    e.record = record;
    e.field = field;
    e.inPipedrive = inPipedrive;
    e.value = value;
    remember(e);
}

// The latest edit of a field is what must reach the other side; an earlier one of the same field is superseded.
void CrashWorld::remember(const Edit &edit)
{
    for (int i = int(m_edits.size()) - 1; i >= 0; --i) {
        if (m_edits[i].record == edit.record && m_edits[i].field == edit.field) {
            m_edits.removeAt(i);
        }
    }
    m_edits << edit;
}

void CrashWorld::editBoth(int record, const QString &field, const QString &pipedriveValue, const QString &ostendoValue,
                          bool waitsForPerson)
{
    setPipedrive(record, field, pipedriveValue);
    setOstendo(record, field, ostendoValue);
    Edit e;
    e.record = record;
    e.field = field;
    e.value = pipedriveValue;
    e.both = true;
    e.otherValue = ostendoValue;
    e.waits = waitsForPerson;
    remember(e);
    if (waitsForPerson) {
        m_records[record].waits = true;
    }
}

void CrashWorld::deleteInPipedrive(int record)
{
    // Kept: once deleted, no live organization carries the customer's key to find it by.
    m_records[record].deletedOrganization = pipedriveIdOf(record);
    m_rig.pipedrive.deleteOrganization(m_records[record].deletedOrganization);
    m_records[record].deletedInPipedrive = true;
}

void CrashWorld::archiveInOstendo(int record)
{
    m_rig.editCustomer(ostendoKeyOf(record), {{"CUSTOMERSTATUS", "Inactive"}});
    m_records[record].archivedInOstendo = true;
}

void CrashWorld::expectWaiting(int record)
{
    m_records[record].waits = true;
}

QString CrashWorld::describe(int record) const
{
    const Record &r = m_records[record];
    return s("record %1 (%2 %3 made in %4)")
        .arg(record)
        .arg(r.customer ? (r.madeInPipedrive ? s("organization") : s("customer"))
                        : (r.madeInPipedrive ? s("deal") : s("job")))
        .arg(r.id)
        .arg(r.madeInPipedrive ? s("Pipedrive") : s("Ostendo"));
}

qint64 CrashWorld::pipedriveIdOf(int record) const
{
    const Record &r = m_records[record];
    if (r.madeInPipedrive) {
        return r.id;
    }
    if (r.customer) {
        return m_rig.organizationsCarrying(QString::number(r.id)).value(0);
    }
    return m_rig.job(r.id).value(s("ADDITIONALFIELD_1")).toLongLong();
}

qint64 CrashWorld::ostendoKeyOf(int record) const
{
    const Record &r = m_records[record];
    if (!r.madeInPipedrive) {
        return r.id;
    }
    return m_rig.ostendo
        .findIds(0, r.customer ? EngineRig::OstendoTable : EngineRig::JobTable, s("ADDITIONALFIELD_1"),
                 QString::number(r.id))
        .value(0);
}

QString CrashWorld::pipedriveValue(int record, const QString &field) const
{
    const Record &r = m_records[record];
    const qint64 id = pipedriveIdOf(record);
    const QJsonObject o = r.customer ? m_rig.organization(id) : m_rig.deal(id);
    if (r.customer) {
        if (field == s("phone") || field == s("email") || field == s("notes")) {
            return m_rig.orgCustom(id, field == s("phone")   ? s("Phone")
                                       : field == s("email") ? s("Email")
                                                             : s("Notes"));
        }
        if (field == s("address")) {
            const QJsonValue a = o.value(s("address"));
            return a.isObject() ? a.toObject().value(s("value")).toString() : a.toString();
        }
        return o.value(field).toString();
    }
    if (field == s("value")) {
        return QString::number(o.value(s("value")).toDouble());
    }
    if (field == s("stage")) {
        const PipedrivePipelineStage *stage = m_rig.pipedrive.store().stage(idIn(o.value(s("stage_id"))));
        return stage ? stage->name : QString();
    }
    if (field == s("dates")) {
        return o.value(s("expected_close_date")).toString();
    }
    if (field == s("project_type")) {
        return m_rig.dealCustom(id, s("Project Type"));
    }
    if (field == s("customer")) {
        return QString::number(idIn(o.value(s("org_id"))));
    }
    return o.value(field).toString();
}

QString CrashWorld::ostendoValue(int record, const QString &field) const
{
    const Record &r = m_records[record];
    const qint64 key = ostendoKeyOf(record);
    const QVariantMap row = r.customer ? m_rig.customer(key) : m_rig.job(key);
    if (r.customer) {
        static const QHash<QString, QString> columns{{s("name"), s("CUSTOMER")},
                                                     {s("phone"), s("CUSTOMERPHONE")},
                                                     {s("email"), s("CUSTOMEREMAIL")},
                                                     {s("notes"), s("CUSTOMERNOTES")}};
        if (field == s("address")) {
            return EngineRig::deliveryAddress(row);
        }
        return row.value(columns.value(field)).toString();
    }
    if (field == s("value")) {
        return QString::number(row.value(s("ORDERVALUE")).toDouble());
    }
    if (field == s("status")) {
        return EngineRig::dealStatusOf(row.value(s("ORDERSTATUS")).toString());
    }
    static const QHash<QString, QString> columns{{s("title"), s("DESCRIPTION")},
                                                 {s("stage"), s("ADDITIONALFIELD_2")},
                                                 {s("dates"), s("REQUIREDDATE")},
                                                 {s("project_type"), s("JOBTYPE")},
                                                 {s("customer"), s("CUSTOMER")}};
    return row.value(columns.value(field)).toString().left(field == s("dates") ? 10 : -1);
}

void CrashWorld::setPipedrive(int record, const QString &field, const QString &value)
{
    const Record &r = m_records[record];
    const qint64 id = pipedriveIdOf(record);
    QJsonObject change;
    if (r.customer) {
        if (field == s("phone") || field == s("email") || field == s("notes")) {
            change.insert(field == s("phone") ? s("Phone") : field == s("email") ? s("Email") : s("Notes"), value);
        } else {
            change.insert(field, value);
        }
        m_rig.editOrganization(id, change);
        return;
    }
    if (field == s("value")) {
        change.insert(field, value.toDouble());
    } else if (field == s("stage")) {
        change.insert(s("stage_id"), double(m_rig.pipedrive.stageId(value)));
    } else if (field == s("dates")) {
        change.insert(s("expected_close_date"), value);
    } else if (field == s("project_type")) {
        change.insert(s("Project Type"), value);
    } else {
        change.insert(field, value);
    }
    m_rig.editDeal(id, change);
}

void CrashWorld::setOstendo(int record, const QString &field, const QString &value)
{
    const Record &r = m_records[record];
    const qint64 key = ostendoKeyOf(record);
    QVariantMap change;
    if (r.customer) {
        if (field == s("address")) {
            change.insert(s("DELIVERYADDRESS1"), value);
            change.insert(s("DELIVERYADDRESS2"), QString());
            change.insert(s("DELIVERYCITY"), QString());
            change.insert(s("DELIVERYPOSTALCODE"), QString());
        } else if (field == s("name")) {
            // Ostendo keys jobs by the customer's name, and its own screens carry a rename over to them.
            const QString old = m_rig.customer(key).value(s("CUSTOMER")).toString();
            for (qint64 job : m_rig.ostendo.findIds(0, EngineRig::JobTable, s("CUSTOMER"), old)) {
                m_rig.editJob(job, {{"CUSTOMER", value}});
            }
            change.insert(s("CUSTOMER"), value);
        } else {
            static const QHash<QString, QString> columns{
                {s("phone"), s("CUSTOMERPHONE")}, {s("email"), s("CUSTOMEREMAIL")}, {s("notes"), s("CUSTOMERNOTES")}};
            change.insert(columns.value(field), value);
        }
        m_rig.editCustomer(key, change);
        return;
    }
    if (field == s("value")) {
        change.insert(s("ORDERVALUE"), value.toDouble());
    } else if (field == s("title")) {
        change.insert(s("DESCRIPTION"), value);
    } else if (field == s("status")) {
        change.insert(s("ORDERSTATUS"), jobStatusOf(value));
    } else if (field == s("stage")) {
        change.insert(s("ADDITIONALFIELD_2"), value);
    } else if (field == s("dates")) {
        change.insert(s("REQUIREDDATE"), QDate::fromString(value, Qt::ISODate));
    } else if (field == s("project_type")) {
        change.insert(s("JOBTYPE"), value);
    } else if (field == s("customer")) {
        change.insert(s("CUSTOMER"), m_rig.customer(ostendoKeyOf(value.toInt())).value(s("CUSTOMER")).toString());
    }
    m_rig.editJob(key, change);
}

bool CrashWorld::same(const QString &field, const QString &a, const QString &b) const
{
    return EngineRig::comparable(field, a) == EngineRig::comparable(field, b);
}

bool CrashWorld::waitsForPerson(SyncStore &store, int record) const
{
    const Record &r = m_records[record];
    const QString pd = QString::number(pipedriveIdOf(record));
    const QString os = QString::number(ostendoKeyOf(record));
    const QString own = QString::number(r.id);
    const EntityKind kind = r.customer ? EntityKind::Customer : EntityKind::WorkItem;
    for (const ConflictRecord &c : store.conflicts()) {
        if (c.conflict.entity != kind || c.conflict.status != Conflict::Status::PendingReview) {
            continue;
        }
        if ((pd != s("0") && c.conflict.pipedriveId == pd) || (os != s("0") && c.conflict.ostendoKey == os) ||
            (r.madeInPipedrive ? c.conflict.pipedriveId : c.conflict.ostendoKey) == own) {
            return true;
        }
    }
    return false;
}

int CrashWorld::conflictsHolding(SyncStore &store, int record, const QString &field, const QString &pipedriveValue,
                                 const QString &ostendoValue, bool pendingOnly) const
{
    const Record &r = m_records[record];
    const QString pd = QString::number(pipedriveIdOf(record));
    const QString os = QString::number(ostendoKeyOf(record));
    const EntityKind kind = r.customer ? EntityKind::Customer : EntityKind::WorkItem;
    int n = 0;
    for (const ConflictRecord &c : store.conflicts()) {
        if (c.conflict.entity != kind || (c.conflict.pipedriveId != pd && c.conflict.ostendoKey != os)) {
            continue;
        }
        if (pendingOnly && c.conflict.status != Conflict::Status::PendingReview) {
            continue;
        }
        const ConflictField *f = c.conflict.field(field);
        if (f && same(field, f->pipedrive, pipedriveValue) && same(field, f->ostendo, ostendoValue)) {
            ++n;
        }
    }
    return n;
}

QStringList CrashWorld::check(SyncStore &store, QStringList *findings) const
{
    // Findings are what breaks no invariant but is worth a look. The one kind there was (a conflict row stored
    // twice after a crash) is fixed and now a violation; the channel stays for the next one.
    Q_UNUSED(findings)
    QStringList violations;
    checkRecords(store, &violations);
    checkEdits(store, &violations);
    checkDuplicates(&violations);
    checkStore(store, &violations);
    return violations;
}

void CrashWorld::checkRecords(SyncStore &store, QStringList *violations) const
{
    for (int i = 0; i < m_records.size(); ++i) {
        const Record &r = m_records[i];
        const qint64 pd = pipedriveIdOf(i);
        const qint64 os = ostendoKeyOf(i);
        const bool waiting = r.waits && waitsForPerson(store, i);
        if (r.deletedInPipedrive) {
            // No resurrection: the organization stays deleted and no live one stands in for it.
            if (!m_rig.organization(r.deletedOrganization).value(s("is_deleted")).toBool()) {
                *violations << describe(i) + s(": deleted in Pipedrive, it is live again");
            }
            if (os && !m_rig.organizationsCarrying(QString::number(os)).isEmpty()) {
                *violations << describe(i) +
                                   s(": deleted in Pipedrive, a live organization carries its customer %1").arg(os);
            }
            if (os && !waiting && m_rig.customer(os).value(s("CUSTOMERSTATUS")).toString() != s("Inactive")) {
                *violations << describe(i) + s(": deleted in Pipedrive, its Ostendo customer %1 is not archived (%2)")
                                                 .arg(os)
                                                 .arg(m_rig.customer(os).value(s("CUSTOMERSTATUS")).toString());
            }
            continue;
        }
        if (r.archivedInOstendo) {
            if (m_rig.customer(os).value(s("CUSTOMERSTATUS")).toString() != s("Inactive")) {
                *violations << describe(i) + s(": archived in Ostendo, it is active again");
            }
            if (pd && !waiting && m_rig.orgCustom(pd, s("Ostendo Status")) != s("Inactive") &&
                !m_rig.organization(pd).value(s("is_deleted")).toBool()) {
                *violations << describe(i) + s(": archived in Ostendo, organization %1 still shows '%2'")
                                                 .arg(pd)
                                                 .arg(m_rig.orgCustom(pd, s("Ostendo Status")));
            }
            continue;
        }
        if (waiting) {
            continue;
        }
        if (r.waits) {
            *violations << describe(i) + s(": expected to wait for a person, but no conflict waits for review");
        }
        if (!pd || !os) {
            *violations << describe(i) + s(": never reached the other side");
            continue;
        }
        // One link joins the pair.
        const EntityKind kind = r.customer ? EntityKind::Customer : EntityKind::WorkItem;
        const std::optional<Link> link = store.linkByPipedriveId(kind, pd);
        if (!link || link->ostendoKey != QString::number(os)) {
            *violations << describe(i) + s(": no link joins Pipedrive %1 and Ostendo %2 (link: %3)")
                                             .arg(pd)
                                             .arg(os)
                                             .arg(link ? s("to %1").arg(link->ostendoKey) : s("none"));
        }
        // Converged: every mapped field the same on both sides (a concatenated note is one text on both).
        for (const QString &field : r.customer ? kCustomerFields : kWorkFields) {
            const QString pv = pipedriveValue(i, field);
            const QString ov = ostendoValue(i, field);
            if (!same(field, pv, ov)) {
                *violations << describe(i) + s(": %1 differs (Pipedrive '%2', Ostendo '%3')").arg(field, pv, ov);
            }
        }
        if (!r.customer) {
            const qint64 org = pipedriveIdOf(r.parent);
            const QString name = m_rig.customer(ostendoKeyOf(r.parent)).value(s("CUSTOMER")).toString();
            if (pipedriveValue(i, s("customer")) != QString::number(org) || ostendoValue(i, s("customer")) != name) {
                *violations << describe(i) + s(": belongs to organization %1 and customer '%2', not to %3 ('%4')")
                                                 .arg(pipedriveValue(i, s("customer")), ostendoValue(i, s("customer")))
                                                 .arg(org)
                                                 .arg(name);
            }
        }
    }
}

void CrashWorld::checkEdits(SyncStore &store, QStringList *violations) const
{
    for (const Edit &e : m_edits) {
        const Record &r = m_records[e.record];
        if (r.deletedInPipedrive || r.archivedInOstendo) {
            continue;
        }
        const QString pv = pipedriveValue(e.record, e.field);
        const QString ov = ostendoValue(e.record, e.field);
        const QString what = describe(e.record);
        if (e.waits) {
            // A high-risk case: nothing is written, and the conflict holds both values for a person.
            const int waiting = conflictsHolding(store, e.record, e.field, e.value, e.otherValue, true);
            if (waiting > 1) {
                *violations << what + s(": %1 waits for a person in %2 conflict rows").arg(e.field).arg(waiting);
            }
            if (!waiting) {
                *violations << what + s(": %1 edited on both sides ('%2' in Pipedrive, '%3' in Ostendo) left no "
                                        "conflict waiting for review with both values")
                                          .arg(e.field, e.value, e.otherValue);
            }
            if (!same(e.field, pv, e.value) || !same(e.field, ov, e.otherValue)) {
                *violations << what + s(": %1 waits for a person but was written (Pipedrive '%2', Ostendo '%3')")
                                          .arg(e.field, pv, ov);
            }
            continue;
        }
        if (r.waits && waitsForPerson(store, e.record)) {
            continue; // a record waiting for a person holds all its edits
        }
        if (e.both) {
            // No silent overwrite: the conflict row keeps both values; the rule's result is on both sides.
            const int rows = conflictsHolding(store, e.record, e.field, e.value, e.otherValue, false);
            if (rows == 0) {
                *violations << what + s(": %1 edited on both sides ('%2' in Pipedrive, '%3' in Ostendo) left no "
                                        "conflict row holding both values")
                                          .arg(e.field, e.value, e.otherValue);
            } else if (rows > 1) {
                // Not lost data, but the review list and the weekly figures would count the same case twice. It
                // happened after a crash between storing the row and writing the values, until a run learnt to
                // skip the conflicts of runs that never finished.
                *violations << what + s(": %1 edited on both sides left %2 conflict rows").arg(e.field).arg(rows);
            }
            bool settled = false;
            if (e.field == s("notes")) {
                const auto holdsBoth = [&](const QString &text) {
                    return EngineRig::comparable(e.field, text).contains(EngineRig::comparable(e.field, e.value)) &&
                           EngineRig::comparable(e.field, text).contains(EngineRig::comparable(e.field, e.otherValue));
                };
                settled = holdsBoth(pv) && holdsBoth(ov);
            } else {
                settled = same(e.field, pv, ov) && (same(e.field, pv, e.value) || same(e.field, pv, e.otherValue));
            }
            if (!settled) {
                *violations << what + s(": %1 edited on both sides ('%2', '%3') did not settle (Pipedrive '%4', "
                                        "Ostendo '%5')")
                                          .arg(e.field, e.value, e.otherValue, pv, ov);
            }
            continue;
        }
        if (e.field == s("notes")
                ? !(EngineRig::comparable(e.field, pv).contains(EngineRig::comparable(e.field, e.value)) &&
                    EngineRig::comparable(e.field, ov).contains(EngineRig::comparable(e.field, e.value)))
                : !(same(e.field, pv, e.value) && same(e.field, ov, e.value))) {
            *violations << what + s(": the %1 edit '%2' made in %3 was lost (Pipedrive '%4', Ostendo '%5')")
                                      .arg(e.field, e.value, e.inPipedrive ? s("Pipedrive") : s("Ostendo"), pv, ov);
        }
    }
}

void CrashWorld::checkDuplicates(QStringList *violations) const
{
    int customers = 0;
    int work = 0;
    for (const Record &r : m_records) {
        (r.customer ? customers : work) += 1;
    }
    // At most one record per side per scenario record, and per carried id.
    if (m_rig.customers().size() > customers) {
        *violations
            << s("Ostendo holds %1 customers for %2 customer records").arg(m_rig.customers().size()).arg(customers);
    }
    if (m_rig.pipedrive.allOrganizations().size() > customers) {
        *violations << s("Pipedrive holds %1 organizations for %2 customer records")
                           .arg(m_rig.pipedrive.allOrganizations().size())
                           .arg(customers);
    }
    if (m_rig.jobs().size() > work) {
        *violations << s("Ostendo holds %1 jobs for %2 work records").arg(m_rig.jobs().size()).arg(work);
    }
    if (m_rig.pipedrive.allDeals().size() > work) {
        *violations
            << s("Pipedrive holds %1 deals for %2 work records").arg(m_rig.pipedrive.allDeals().size()).arg(work);
    }
    for (const QJsonValue &v : m_rig.pipedrive.allOrganizations()) {
        const qint64 id = qint64(v.toObject().value(s("id")).toDouble());
        const qsizetype n =
            m_rig.ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(id)).size();
        if (n > 1) {
            *violations << s("organization %1 has %2 Ostendo customers").arg(id).arg(n);
        }
    }
    for (const QVariantMap &c : m_rig.customers()) {
        const QString key = c.value(s("SYSUNIQUEID")).toString();
        const qsizetype n = m_rig.organizationsCarrying(key).size();
        if (n > 1) {
            *violations << s("Ostendo customer %1 has %2 live organizations").arg(key).arg(n);
        }
    }
    for (const QJsonValue &v : m_rig.pipedrive.allDeals()) {
        const qint64 id = qint64(v.toObject().value(s("id")).toDouble());
        const qsizetype n =
            m_rig.ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"), QString::number(id)).size();
        if (n > 1) {
            *violations << s("deal %1 has %2 jobs").arg(id).arg(n);
        }
    }
    for (const QVariantMap &j : m_rig.jobs()) {
        const QString number = j.value(s("ORDERNUMBER")).toString();
        int n = 0;
        for (const QJsonValue &v : m_rig.pipedrive.allDeals()) {
            const QJsonObject d = v.toObject();
            const qint64 id = qint64(d.value(s("id")).toDouble());
            n += !d.value(s("is_deleted")).toBool() && m_rig.dealCustom(id, s("Ostendo Job Number")) == number;
        }
        if (n > 1) {
            *violations << s("job %1 has %2 deals").arg(number).arg(n);
        }
    }
}

void CrashWorld::checkStore(SyncStore &store, QStringList *violations) const
{
    const QList<JournalEntry> open = store.openJournalEntries();
    for (const JournalEntry &j : open) {
        *violations << s("journal entry %1 (%2 %3 in %4) is still %5 after convergence")
                           .arg(j.id)
                           .arg(j.operation, StoreText::entity(j.entity), StoreText::system(j.system),
                                StoreText::journalState(j.state));
    }
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (const Link &link : store.links(kind)) {
            const QString what = s("%1 link %2 (%3/%4)")
                                     .arg(StoreText::entity(kind))
                                     .arg(link.id)
                                     .arg(link.pipedriveId)
                                     .arg(link.ostendoKey);
            if (!link.pipedriveId && link.ostendoKey.isEmpty()) {
                *violations << what + s(" joins nothing");
            }
            if (link.status == LinkStatus::Pending || link.status == LinkStatus::Error) {
                *violations << what + s(" is still %1 after convergence: %2")
                                          .arg(StoreText::linkStatus(link.status), link.lastError);
            }
            // No orphan: each side a link names exists there.
            const bool customer = kind == EntityKind::Customer;
            if (link.pipedriveId &&
                (customer ? m_rig.organization(link.pipedriveId) : m_rig.deal(link.pipedriveId)).isEmpty()) {
                *violations << what + s(" names a Pipedrive record that does not exist");
            }
            if (!link.ostendoKey.isEmpty() &&
                (customer ? m_rig.customer(link.ostendoKey.toLongLong()) : m_rig.job(link.ostendoKey.toLongLong()))
                    .isEmpty()) {
                *violations << what + s(" names an Ostendo record that does not exist");
            }
        }
    }
    for (const ConflictRecord &c : store.conflicts()) {
        if (c.linkId && !store.link(c.linkId)) {
            *violations << s("conflict %1 belongs to link %2, which does not exist").arg(c.id).arg(c.linkId);
        }
    }
    const QStringList damage = store.checkIntegrity();
    if (!damage.isEmpty()) {
        *violations << s("the store is damaged: %1").arg(damage.join(s("; ")));
    }
}
