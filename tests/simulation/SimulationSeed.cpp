#include "SimulationSeed.h"

#include "EngineRig.h"
#include "SimFaultInjector.h"

#include "bridge/SandboxBridge.h"
#include "util/TimeFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <cmath>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

const QStringList kCustomerFields{s("name"), s("phone"), s("email"), s("address"), s("notes")};
// Every mapped field of DESIGN §2. Stage and status are Pipedrive's; project type and dates are Ostendo's.
const QStringList kWorkFields{s("title"), s("value"), s("status"), s("stage"), s("project_type"), s("dates")};
const QStringList kWorkFieldsV1{s("title"), s("value"), s("status")};
const QStringList kStageNames{s("Enquiry"), s("Site visit"), s("Quote sent"), s("Negotiation")};
const QStringList kProjectTypes{s("Maintenance"), s("Installation"), s("Irrigation"), s("Design & build")};

// Which side alone may change a one-way field (empty for fields that flow both ways).
QString ownerOf(const QString &field)
{
    if (field == s("status") || field == s("stage")) {
        return s("pipedrive");
    }
    if (field == s("project_type") || field == s("dates")) {
        return s("ostendo");
    }
    return {};
}

QString ostendoColumn(bool customer, const QString &field)
{
    static const QHash<QString, QString> columns{
        {s("name"), s("CUSTOMER")},           {s("phone"), s("CUSTOMERPHONE")},
        {s("email"), s("CUSTOMEREMAIL")},     {s("address"), s("DELIVERYADDRESS1")},
        {s("notes"), s("CUSTOMERNOTES")},     {s("title"), s("DESCRIPTION")},
        {s("value"), s("ORDERVALUE")},        {s("status"), s("ORDERSTATUS")},
        {s("stage"), s("ADDITIONALFIELD_2")}, {s("project_type"), s("JOBTYPE")},
        {s("dates"), s("REQUIREDDATE")}};
    Q_UNUSED(customer)
    return columns.value(field);
}

} // namespace

SimulationSeed::SimulationSeed(quint32 seed, double faultRate, int workload)
    : m_seed(seed)
    , m_rate(faultRate)
    , m_workload(workload)
    , m_random(seed)
{
    if (m_rate < 0) {
        static const double rates[] = {0.0, 0.01, 0.05, 0.20};
        m_rate = rates[m_random.bounded(4u)];
    }
    m_report.seed = seed;
    m_report.faultRate = m_rate;
}

SimulationSeed::~SimulationSeed() = default;

SeedReport SimulationSeed::run()
{
    m_rig = std::make_unique<EngineRig>();
    m_rig->prepareEmptyCompany();
    const QDateTime start = m_rig->clock.nowUtc();
    m_rig->options.batchSize = 3; // a handful of records still crosses batch boundaries
    m_pipedriveFaults =
        std::make_unique<SimFaultInjector>(SandboxBridge::handlerFor(&m_rig->pipedrive), false, m_seed * 2654435761u);
    m_ostendoFaults =
        std::make_unique<SimFaultInjector>(SandboxBridge::handlerFor(&m_rig->ostendo), true, m_seed * 40503u + 7);
    m_pipedriveFaults->setRate(m_rate);
    m_ostendoFaults->setRate(m_rate);
    m_rig->pipedriveTransport = std::make_unique<InProcessTransport>(m_pipedriveFaults->handler());
    m_rig->ostendoTransport = std::make_unique<InProcessTransport>(m_ostendoFaults->handler());
    m_rig->rebuildClients();

    // Clock skew: Ostendo's server clock runs ahead by up to a quarter of an hour; each side is read by its own.
    const qint64 skew = m_random.bounded(900);
    m_rig->ostendo.clock().advance(skew);
    m_report.workload[s("clock_skew_seconds")] = int(skew);

    const int rounds = 3 + int(m_random.bounded(3u));
    for (int round = 0; round < rounds; ++round) {
        workloadStep(round);
        m_rig->advance(60 + m_random.bounded(600));
        syncOnce(true);
    }

    // The faults stop: at most three runs to converge, then one that writes nothing.
    m_pipedriveFaults->setRate(0);
    m_ostendoFaults->setRate(0);
    int exitCode = -1;
    for (int i = 0; i < 3 && exitCode != 0 && exitCode != 3; ++i) {
        qint64 wait = 60;
        for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
            for (const Link &link : m_rig->store.links(kind)) {
                if (link.nextAttemptAt.isValid()) {
                    wait = std::max(wait, m_rig->clock.nowUtc().secsTo(link.nextAttemptAt) + 1);
                }
            }
        }
        m_rig->advance(wait);
        ++m_report.convergenceRuns;
        syncOnce(false);
        exitCode = m_report.runs > 0 ? m_lastExit : -1;
    }
    if (exitCode != 0 && exitCode != 3) {
        m_report.violations << s("did not converge within three runs after the faults stopped (last exit %1: %2)")
                                   .arg(exitCode)
                                   .arg(m_lastError);
    }
    m_rig->advance(300);
    const int writesBefore = m_pipedriveFaults->writesSent() + m_ostendoFaults->writesSent();
    const int pipedriveBefore = m_pipedriveFaults->writesSent();
    const int ostendoBefore = m_ostendoFaults->writesSent();
    syncOnce(false);
    const int quietWrites = m_pipedriveFaults->writesSent() + m_ostendoFaults->writesSent() - writesBefore;
    if (quietWrites != 0) {
        m_report.violations << s("the run after convergence sent %1 writes").arg(quietWrites);
        const QStringList sent =
            m_pipedriveFaults->writeLog().mid(pipedriveBefore) + m_ostendoFaults->writeLog().mid(ostendoBefore);
        for (const QString &w : sent) {
            m_report.trace << s("    quiet run wrote: ") + w;
        }
    }
    if (m_lastExit != 0 && m_lastExit != 3) {
        m_report.violations << s("the run after convergence ended with exit %1").arg(m_lastExit);
    }

    checkInvariants();

    const QMap<QString, int> pd = m_pipedriveFaults->counts();
    const QMap<QString, int> os = m_ostendoFaults->counts();
    for (auto it = pd.begin(); it != pd.end(); ++it) {
        m_report.faults[it.key()] += it.value();
    }
    for (auto it = os.begin(); it != os.end(); ++it) {
        m_report.faults[it.key()] += it.value();
    }
    m_report.recoveries[s("rate_limit_waited_and_retried")] +=
        m_pipedriveFaults->rateLimitRecoveries() + m_ostendoFaults->rateLimitRecoveries();
    m_report.simulatedSeconds = start.secsTo(m_rig->clock.nowUtc());
    return m_report;
}

void SimulationSeed::workloadStep(int round)
{
    m_editedThisInterval.clear();
    m_pipedriveEditedThisInterval.clear();
    if (round == 0) {
        const int customers = 2 + int(m_random.bounded(3u));
        for (int i = 0; i < customers; ++i) {
            createCustomer(m_random.bounded(2u) == 0);
        }
        return;
    }
    const int operations = 2 + int(m_random.bounded(5u));
    for (int i = 0; i < operations; ++i) {
        const quint32 what = m_random.bounded(100u);
        if (what < 12) {
            createCustomer(m_random.bounded(2u) == 0);
        } else if (what < 27) {
            createWork(m_random.bounded(2u) == 0);
        } else if (what < 70) {
            editRecord(int(m_random.bounded(quint32(m_records.size()))), false);
        } else if (what < 88) {
            editRecord(int(m_random.bounded(quint32(m_records.size()))), true);
        } else if (what < 94) {
            removeRecord(int(m_random.bounded(quint32(m_records.size()))));
        } else {
            // A bulk import: more new customers at once than one write batch holds.
            const int n = 4 + int(m_random.bounded(4u));
            for (int k = 0; k < n; ++k) {
                createCustomer(true == (m_random.bounded(3u) == 0));
            }
            ++m_report.workload[s("bulk_import")];
        }
    }
}

void SimulationSeed::createCustomer(bool inPipedrive)
{
    const int n = ++m_counter;
    const QString name = s("Seed%1 Customer %2").arg(m_seed).arg(n);
    const QString phone = s("09 %1 %2").arg(m_seed % 1000, 3, 10, QLatin1Char('0')).arg(n, 4, 10, QLatin1Char('0'));
    const QString email = s("c%1@s%2.example").arg(n).arg(m_seed);
    Record r;
    r.customer = true;
    r.madeInPipedrive = inPipedrive;
    if (inPipedrive) {
        r.id = m_rig->addOrganization(QJsonObject{{"name", name}, {"Phone", phone}, {"Email", email}});
    } else {
        r.id = m_rig->addCustomer({{"CUSTOMER", name}, {"CUSTOMERPHONE", phone}, {"CUSTOMEREMAIL", email}});
    }
    m_records << r;
    m_report.trace << s("  %1 %2 created: '%3'")
                          .arg(inPipedrive ? s("Pipedrive organization") : s("Ostendo customer"))
                          .arg(r.id)
                          .arg(name);
}

void SimulationSeed::createWork(bool inPipedrive)
{
    // Work hangs under a customer that exists on the side it is made on and is not gone.
    QList<int> parents;
    for (int i = 0; i < m_records.size(); ++i) {
        const Record &c = m_records[i];
        if (c.customer && !c.gone && (inPipedrive ? pipedriveIdOf(c) : ostendoKeyOf(c))) {
            parents << i;
        }
    }
    if (parents.isEmpty()) {
        return;
    }
    Record &parent = m_records[parents[int(m_random.bounded(quint32(parents.size())))]];
    parent.hasWork = true;
    const int n = ++m_counter;
    const QString title = s("Seed%1 Work %2").arg(m_seed).arg(n);
    const double value = 100 + m_random.bounded(5000);
    Record r;
    r.customer = false;
    r.madeInPipedrive = inPipedrive;
    if (inPipedrive) {
        r.id =
            m_rig->addDeal(QJsonObject{{"title", title}, {"org_id", double(pipedriveIdOf(parent))}, {"value", value}});
    } else {
        const QString customerName = m_rig->customer(ostendoKeyOf(parent)).value(s("CUSTOMER")).toString();
        r.id = m_rig->addJob({{"ORDERNUMBER", s("J%1-%2").arg(m_seed).arg(n)},
                              {"ORDERSTATUS", s("Quoted")},
                              {"DESCRIPTION", title},
                              {"CUSTOMER", customerName},
                              {"ORDERVALUE", value},
                              {"JOBTYPE", s("Maintenance")}});
    }
    m_records << r;
    m_report.trace
        << s("  %1 %2 created: '%3'").arg(inPipedrive ? s("Pipedrive deal") : s("Ostendo job")).arg(r.id).arg(title);
}

QStringList SimulationSeed::fieldsOf(const Record &r) const
{
    if (r.customer) {
        return kCustomerFields;
    }
    return m_workload >= 2 ? kWorkFields : kWorkFieldsV1;
}

void SimulationSeed::editRecord(int index, bool sameFieldBothSides)
{
    if (index < 0 || index >= m_records.size() || m_records[index].gone) {
        return;
    }
    const Record r = m_records[index];
    const qint64 pd = pipedriveIdOf(r);
    const qint64 os = ostendoKeyOf(r);
    QStringList fields = fieldsOf(r);
    const QString field = fields[int(m_random.bounded(quint32(fields.size())))];
    const QString owner = ownerOf(field);
    const bool oneWay = !owner.isEmpty();
    auto fresh = [&](bool pipedriveSide) {
        const int n = ++m_counter;
        if (field == s("name") || field == s("title")) {
            return s("Seed%1 %2 %3 %4")
                .arg(m_seed)
                .arg(r.customer ? s("Customer") : s("Work"))
                .arg(n)
                .arg(pipedriveSide ? s("pd") : s("os"));
        }
        if (field == s("phone")) {
            return s("021 %1 %2").arg(m_seed % 1000, 3, 10, QLatin1Char('0')).arg(n, 4, 10, QLatin1Char('0'));
        }
        if (field == s("email")) {
            return s("e%1.%2@s%3.example").arg(n).arg(pipedriveSide ? s("pd") : s("os")).arg(m_seed);
        }
        if (field == s("address")) {
            return s("%1 Seed Road").arg(n);
        }
        if (field == s("notes")) {
            return s("Note %1 from %2.").arg(n).arg(pipedriveSide ? s("sales") : s("operations"));
        }
        if (field == s("value")) {
            return QString::number(n * 1000 + m_random.bounded(1000)); // two edits never pick the same value
        }
        if (field == s("stage")) {
            return kStageNames[int(m_random.bounded(quint32(kStageNames.size())))];
        }
        if (field == s("project_type")) {
            return kProjectTypes[int(m_random.bounded(quint32(kProjectTypes.size())))];
        }
        if (field == s("dates")) {
            return QDate(2027, 1, 4).addDays(n % 700).toString(Qt::ISODate);
        }
        static const QStringList statuses{s("open"), s("won"), s("lost")};
        return statuses[int(m_random.bounded(3u))];
    };

    const QString key = s("%1/%2").arg(index).arg(field);
    if (sameFieldBothSides && pd && os && !oneWay) {
        const QString pdValue = fresh(true);
        const QString osValue = fresh(false);
        setPipedriveValue(r, pd, field, pdValue);
        setOstendoValue(r, os, field, osValue);
        Edit e;
        e.inPipedrive = true;
        e.value = pdValue;
        e.both = true;
        e.otherValue = osValue;
        m_edits[key] = e;
        // A pair the engine has not turned into a conflict row yet is superseded by a newer one: people overwrote
        // their own values before any run saw them, and the conflict holds the latest.
        for (int k = int(m_pairs.size()) - 1; k >= 0; --k) {
            if (m_pairRecords[k] == index && m_pairFields[k] == field &&
                !hasConflictOn(r, field, m_pairs[k].value, m_pairs[k].otherValue)) {
                m_pairs.removeAt(k);
                m_pairRecords.removeAt(k);
                m_pairFields.removeAt(k);
            }
        }
        m_pairs << e;
        m_pairRecords << index;
        m_pairFields << field;
        m_editedThisInterval << s("P:") + key << s("O:") + key;
        return;
    }
    // A one-way field is edited on its owner's side; anything else on either side that has the record. From workload 3
    // a person sometimes edits a one-way field (not the status, whose words differ per system) on the wrong side.
    const bool wrongSide = oneWay && m_workload >= 3 && field != s("status") && pd && os && m_random.bounded(4u) == 0;
    if (wrongSide) {
        editOnWrongSide(index, field, owner == s("pipedrive"), fresh(owner != s("pipedrive")));
        return;
    }
    bool inPipedrive = oneWay ? owner == s("pipedrive") : m_random.bounded(2u) == 0;
    if (inPipedrive && !pd && !oneWay) {
        inPipedrive = false;
    }
    if ((inPipedrive && !pd) || (!inPipedrive && !os)) {
        return; // not on the side that may change it yet
    }
    if (m_editedThisInterval.contains((inPipedrive ? s("O:") : s("P:")) + key)) {
        return; // the other side changed this field since the last run: only the explicit pairs do that
    }
    const QString value = fresh(inPipedrive);
    bool stillPaired = false;
    for (int k = 0; k < m_pairs.size(); ++k) {
        if (m_pairRecords[k] == index && m_pairFields[k] == field &&
            !hasConflictOn(r, field, m_pairs[k].value, m_pairs[k].otherValue)) {
            // Not seen by a run yet: the same-field case stands, with this side's newer value.
            (inPipedrive ? m_pairs[k].value : m_pairs[k].otherValue) = value;
            stillPaired = true;
        }
    }
    if (inPipedrive) {
        setPipedriveValue(r, pd, field, value);
    } else {
        setOstendoValue(r, os, field, value);
    }
    Edit e;
    e.inPipedrive = inPipedrive;
    e.value = value;
    e.both = stillPaired;
    m_edits[key] = e;
    m_editedThisInterval << (inPipedrive ? s("P:") : s("O:")) + key;
}

void SimulationSeed::editOnWrongSide(int index, const QString &field, bool ownerIsPipedrive, const QString &value)
{
    const Record r = m_records[index];
    const qint64 pd = pipedriveIdOf(r);
    const qint64 os = ostendoKeyOf(r);
    const QString key = s("%1/%2").arg(index).arg(field);
    if (m_editedThisInterval.contains(s("P:") + key) || m_editedThisInterval.contains(s("O:") + key)) {
        return; // one change of a one-way field per interval: what the owner holds is then known
    }
    const QString ownerValue = ownerIsPipedrive ? pipedriveValue(r, pd, field) : ostendoValue(r, os, field);
    const QString current = ownerIsPipedrive ? ostendoValue(r, os, field) : pipedriveValue(r, pd, field);
    if (EngineRig::comparable(field, value) == EngineRig::comparable(field, current)) {
        return; // the value it already holds: no edit (seed 54584 of workload 3 drew one)
    }
    if (ownerIsPipedrive) {
        setOstendoValue(r, os, field, value);
    } else {
        setPipedriveValue(r, pd, field, value);
    }
    Edit e;
    e.inPipedrive = ownerIsPipedrive;
    e.value = ownerValue; // what both sides must hold in the end
    e.undone = value;
    m_edits[key] = e;
    m_editedThisInterval << (ownerIsPipedrive ? s("O:") : s("P:")) + key;
    ++m_report.workload[s("edit_wrong_side_") + field];
}

void SimulationSeed::removeRecord(int index)
{
    if (index < 0 || index >= m_records.size()) {
        return;
    }
    Record &r = m_records[index];
    if (!r.customer || r.gone || r.hasWork) {
        return;
    }
    const qint64 pd = pipedriveIdOf(r);
    const qint64 os = ostendoKeyOf(r);
    if (pd && (!os || m_random.bounded(2u) == 0)) {
        m_rig->pipedrive.deleteOrganization(pd);
        ++m_report.workload[s("soft_delete")];
        m_report.trace << s("    Pipedrive organization %1 deleted").arg(pd);
        r.deletedInPipedrive = true;
    } else if (os) {
        m_rig->editCustomer(os, {{"CUSTOMERSTATUS", "Inactive"}});
        ++m_report.workload[s("archive")];
        m_report.trace << s("    Ostendo customer %1 archived").arg(os);
    } else {
        return;
    }
    r.gone = true;
}

qint64 SimulationSeed::pipedriveIdOf(const Record &r) const
{
    if (r.madeInPipedrive) {
        return r.id;
    }
    if (r.customer) {
        return m_rig->organizationsCarrying(QString::number(r.id)).value(0);
    }
    return m_rig->job(r.id).value(s("ADDITIONALFIELD_1")).toLongLong();
}

qint64 SimulationSeed::ostendoKeyOf(const Record &r) const
{
    if (!r.madeInPipedrive) {
        return r.id;
    }
    return m_rig->ostendo
        .findIds(0, r.customer ? EngineRig::OstendoTable : EngineRig::JobTable, s("ADDITIONALFIELD_1"),
                 QString::number(r.id))
        .value(0);
}

QString SimulationSeed::pipedriveValue(const Record &r, qint64 id, const QString &field) const
{
    const QJsonObject o = r.customer ? m_rig->organization(id) : m_rig->deal(id);
    if (field == s("phone") || field == s("email") || field == s("notes")) {
        return m_rig->orgCustom(id, field == s("phone") ? s("Phone") : field == s("email") ? s("Email") : s("Notes"));
    }
    if (field == s("address")) {
        const QJsonValue a = o.value(s("address"));
        return a.isObject() ? a.toObject().value(s("value")).toString() : a.toString();
    }
    if (field == s("stage")) {
        const qint64 stage = qint64(o.value(s("stage_id")).toDouble());
        for (const QString &name : kStageNames) {
            if (m_rig->pipedrive.stageId(name) == stage) {
                return name;
            }
        }
        return stage ? QString::number(stage) : QString();
    }
    if (field == s("project_type")) {
        return m_rig->dealCustom(id, s("Project Type"));
    }
    if (field == s("dates")) {
        return o.value(s("expected_close_date")).toString();
    }
    if (field == s("value")) {
        return QString::number(o.value(s("value")).toDouble());
    }
    return o.value(field).toString();
}

QString SimulationSeed::ostendoValue(const Record &r, qint64 key, const QString &field) const
{
    const QVariantMap row = r.customer ? m_rig->customer(key) : m_rig->job(key);
    if (field == s("value")) {
        return QString::number(row.value(s("ORDERVALUE")).toDouble());
    }
    if (field == s("status")) {
        return EngineRig::dealStatusOf(row.value(s("ORDERSTATUS")).toString());
    }
    if (field == s("dates")) {
        const QVariant v = row.value(s("REQUIREDDATE"));
        return v.isNull() ? QString() : v.toDate().toString(Qt::ISODate);
    }
    if (field == s("address")) {
        return EngineRig::deliveryAddress(row);
    }
    return row.value(ostendoColumn(r.customer, field)).toString();
}

void SimulationSeed::setPipedriveValue(const Record &r, qint64 id, const QString &field, const QString &value)
{
    QJsonObject change;
    if (field == s("phone") || field == s("email") || field == s("notes")) {
        change.insert(field == s("phone") ? s("Phone") : field == s("email") ? s("Email") : s("Notes"), value);
    } else if (field == s("value")) {
        change.insert(field, value.toDouble());
    } else if (field == s("stage")) {
        change.insert(s("stage_id"), double(m_rig->pipedrive.stageId(value)));
    } else if (field == s("dates")) {
        change.insert(s("expected_close_date"), value);
    } else if (field == s("project_type")) {
        change.insert(s("Project Type"), value);
    } else {
        change.insert(field, value);
    }
    if (r.customer) {
        m_rig->editOrganization(id, change);
    } else {
        m_rig->editDeal(id, change);
    }
    m_pipedriveEditedThisInterval << (r.customer ? s("customer/") : s("work/")) + QString::number(id);
    ++m_report.workload[s("edit_pipedrive_") + field];
    m_report.trace
        << s("  Pipedrive %1 %2: %3 = '%4'").arg(r.customer ? s("organization") : s("deal")).arg(id).arg(field, value);
}

void SimulationSeed::setOstendoValue(const Record &r, qint64 key, const QString &field, const QString &value)
{
    QVariantMap change;
    if (field == s("value")) {
        change.insert(s("ORDERVALUE"), value.toDouble());
    } else if (field == s("address")) {
        change.insert(s("DELIVERYADDRESS1"), value);
        change.insert(s("DELIVERYADDRESS2"), QString());
        change.insert(s("DELIVERYCITY"), QString());
        change.insert(s("DELIVERYPOSTALCODE"), QString());
    } else if (field == s("dates")) {
        change.insert(s("REQUIREDDATE"), QDate::fromString(value, Qt::ISODate));
    } else {
        change.insert(ostendoColumn(r.customer, field), value);
    }
    if (r.customer && field == s("name")) {
        // Ostendo keys jobs by the customer's name, and its own screens carry a rename over to them.
        const QString old = m_rig->customer(key).value(s("CUSTOMER")).toString();
        for (qint64 job : m_rig->ostendo.findIds(0, EngineRig::JobTable, s("CUSTOMER"), old)) {
            m_rig->editJob(job, {{"CUSTOMER", value}});
        }
    }
    if (r.customer) {
        m_rig->editCustomer(key, change);
    } else {
        m_rig->editJob(key, change);
    }
    ++m_report.workload[s("edit_ostendo_") + field];
    m_report.trace
        << s("  Ostendo %1 %2: %3 = '%4'").arg(r.customer ? s("customer") : s("job")).arg(key).arg(field, value);
}

bool SimulationSeed::hasConflictOn(const Record &r, const QString &field, const QString &pdValue,
                                   const QString &osValue) const
{
    const QString pd = QString::number(pipedriveIdOf(r));
    const QString os = QString::number(ostendoKeyOf(r));
    const EntityKind kind = r.customer ? EntityKind::Customer : EntityKind::WorkItem;
    for (const ConflictRecord &c : m_rig->store.conflicts()) {
        if (c.conflict.entity != kind || (c.conflict.pipedriveId != pd && c.conflict.ostendoKey != os)) {
            continue;
        }
        if (c.conflict.kind != Conflict::Kind::Field || c.conflict.status == Conflict::Status::PendingReview) {
            return true; // a case waiting for a person holds the whole record: nothing is written for it
        }
        const ConflictField *f = c.conflict.field(field);
        if (!f) {
            continue;
        }
        if (pdValue.isNull() || (EngineRig::comparable(field, f->pipedrive) == EngineRig::comparable(field, pdValue) &&
                                 EngineRig::comparable(field, f->ostendo) == EngineRig::comparable(field, osValue))) {
            return true;
        }
    }
    return false;
}

void SimulationSeed::syncOnce(bool faultsOn)
{
    int armedAt = 0;
    // The n-th database write of this run fails, as a full disk or a locked file would make it.
    if (faultsOn && m_rate > 0 && m_random.generateDouble() < std::min(1.0, m_rate * 5)) {
        armedAt = 1 + int(m_random.bounded(40u));
        m_rig->store.failNthWrite(armedAt);
    }
    m_runStartedAt = m_rig->clock.nowUtc();
    const RunSummary summary = m_rig->sync();
    if (armedAt) {
        if (m_rig->store.writesSeen() >= armedAt) {
            ++m_report.faults[s("db_write_failed")];
        }
        m_rig->store.failNthWrite(0);
    }
    ++m_report.runs;
    m_lastExit = summary.exitCode;
    m_lastError = summary.error;
    if (faultsOn && (summary.exitCode == 1 || summary.exitCode == 4)) {
        ++m_report.recoveries[s("failed_run_then_converged")];
    }
    m_report.trace << s("run %1%2: exit %3%4, %5 links not synced, %6 journal entries open%7")
                          .arg(m_report.runs)
                          .arg(faultsOn ? QString() : s(" (faults off)"))
                          .arg(summary.exitCode)
                          .arg(summary.error.isEmpty() ? QString() : s(" (") + summary.error + s(")"))
                          .arg(countUnsynced())
                          .arg(m_rig->store.openJournalEntries().size())
                          .arg(armedAt
                                   ? s(", database write %1 of %2 failed").arg(armedAt).arg(m_rig->store.writesSeen())
                                   : QString());
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (const Link &link : m_rig->store.links(kind)) {
            if (link.status != LinkStatus::Synced) {
                m_report.trace << s("    link %1 (%2/%3) %4: %5")
                                      .arg(link.id)
                                      .arg(link.pipedriveId)
                                      .arg(link.ostendoKey, StoreText::linkStatus(link.status), link.lastError);
            }
        }
    }
    if (qEnvironmentVariableIsSet("TURFDRIVE_SIM_LOG")) {
        LogFilter thisRun;
        thisRun.since = m_rig->clock.nowUtc().addSecs(-1);
        for (const LogEntry &e : m_rig->store.logEntries(thisRun)) {
            m_report.trace << s("    log: %1 %2 link %3 (%4/%5) %6 -> %7 [%8] %9")
                                  .arg(e.entity, e.action)
                                  .arg(e.linkId)
                                  .arg(e.pipedriveId)
                                  .arg(e.ostendoKey, e.source, e.target, e.fieldsChanged.join(s(",")), e.error);
        }
        for (const Link &link : m_rig->store.links(EntityKind::Customer)) {
            m_report.trace
                << s("    customer link %1 (%2/%3) Ostendo status '%4', Pipedrive 'Ostendo Status' '%5', "
                     "deleted %6")
                       .arg(link.id)
                       .arg(link.pipedriveId)
                       .arg(link.ostendoKey,
                            m_rig->customer(link.ostendoKey.toLongLong()).value(s("CUSTOMERSTATUS")).toString(),
                            m_rig->orgCustom(link.pipedriveId, s("Ostendo Status")))
                       .arg(m_rig->organization(link.pipedriveId).value(s("is_deleted")).toBool());
        }
        ConflictFilter found;
        found.detectedSince = thisRun.since;
        for (const ConflictRecord &c : m_rig->store.conflicts(found)) {
            m_report.trace << s("    conflict %1 (%2/%3) %4 %5 %6: %7")
                                  .arg(c.id)
                                  .arg(c.conflict.pipedriveId, c.conflict.ostendoKey,
                                       Conflict::kindKey(c.conflict.kind), Conflict::statusKey(c.conflict.status),
                                       QString::fromUtf8(QJsonDocument(c.conflict.toJson().value(s("fields")).toArray())
                                                             .toJson(QJsonDocument::Compact)),
                                       c.conflict.rule);
        }
        for (const Link &link : m_rig->store.links(EntityKind::WorkItem)) {
            m_report.trace << s("    work link %1 (%2/%3) base %4")
                                  .arg(link.id)
                                  .arg(link.pipedriveId)
                                  .arg(link.ostendoKey,
                                       QString::fromUtf8(QJsonDocument(link.base).toJson(QJsonDocument::Compact)));
        }
    }
    checkAfterRun();
    m_editedThisInterval.clear();
    m_pipedriveEditedThisInterval.clear();
}

int SimulationSeed::countUnsynced() const
{
    int n = 0;
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (const Link &link : m_rig->store.links(kind)) {
            n += link.status != LinkStatus::Synced;
        }
    }
    return n;
}

void SimulationSeed::checkAfterRun()
{
    for (const JournalEntry &j : m_rig->store.openJournalEntries()) {
        m_openJournal << j.id;
    }
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        const QDateTime mark = TimeFormat::fromStorage(m_rig->store.watermark(kind, System::Pipedrive));
        for (const Link &link : m_rig->store.links(kind)) {
            // A blocked record waits for a person and is kept by its conflict row, not by the watermark.
            if (link.status == LinkStatus::Synced || link.status == LinkStatus::Blocked) {
                continue;
            }
            m_pendingAfterFault << link.id;
            // No watermark past a failed record: a change a person made that this run did not finish is read again.
            const QString edited =
                (kind == EntityKind::Customer ? s("customer/") : s("work/")) + QString::number(link.pipedriveId);
            // A record still in its back-off was not tried by this run; its pending link, not the watermark, keeps
            // it (the engine re-reads pending links), so only records this run tried and failed are checked.
            const bool triedThisRun = link.lastSyncAttemptAt.isValid() && link.lastSyncAttemptAt >= m_runStartedAt;
            if (!link.pipedriveId || !triedThisRun || !m_pipedriveEditedThisInterval.contains(edited) ||
                !mark.isValid()) {
                continue;
            }
            const QJsonObject o =
                kind == EntityKind::Customer ? m_rig->organization(link.pipedriveId) : m_rig->deal(link.pipedriveId);
            if (o.value(s("is_deleted")).toBool()) {
                continue; // a deletion is found by the full scan's key sets, not by the incremental read
            }
            const QDateTime changed = QDateTime::fromString(o.value(s("update_time")).toString(), Qt::ISODate);
            if (changed.isValid() && mark >= changed) {
                m_report.violations << s("run %1: the Pipedrive watermark %2 passed unfinished record %3 (%4)")
                                           .arg(m_report.runs)
                                           .arg(mark.toString(Qt::ISODate))
                                           .arg(link.pipedriveId)
                                           .arg(link.lastError);
            }
        }
    }
    const QStringList damage = m_rig->store.checkIntegrity();
    if (!damage.isEmpty()) {
        m_report.violations << s("run %1: the store is damaged: %2").arg(m_report.runs).arg(damage.join(s("; ")));
    }
}

void SimulationSeed::checkInvariants()
{
    // Recovery paths: open journal entries settled, records that failed and then synced.
    for (qint64 id : std::as_const(m_openJournal)) {
        const std::optional<JournalEntry> j = m_rig->store.journalEntry(id);
        if (j && (j->state == JournalState::Done || j->state == JournalState::Failed)) {
            ++m_report.recoveries[s("unknown_outcome_settled_by_reading")];
        }
    }
    if (!m_rig->store.openJournalEntries().isEmpty()) {
        m_report.violations
            << s("%1 journal entries are still open after convergence").arg(m_rig->store.openJournalEntries().size());
    }
    for (qint64 id : std::as_const(m_pendingAfterFault)) {
        const std::optional<Link> link = m_rig->store.link(id);
        if (link && link->status == LinkStatus::Synced) {
            ++m_report.recoveries[s("failed_record_retried_and_synced")];
        }
    }

    // No duplicate: at most one record per side per carried id, and per link.
    for (const QJsonValue &v : m_rig->pipedrive.allOrganizations()) {
        const QJsonObject o = v.toObject();
        const qint64 id = qint64(o.value(s("id")).toDouble());
        const int n =
            m_rig->ostendo.findIds(0, EngineRig::OstendoTable, s("ADDITIONALFIELD_1"), QString::number(id)).size();
        if (n > 1) {
            m_report.violations << s("organization %1 has %2 Ostendo customers").arg(id).arg(n);
        }
    }
    for (const QVariantMap &c : m_rig->customers()) {
        const QString key = c.value(s("SYSUNIQUEID")).toString();
        const int n = int(m_rig->organizationsCarrying(key).size());
        if (n > 1) {
            m_report.violations << s("Ostendo customer %1 has %2 live organizations").arg(key).arg(n);
        }
    }
    for (const QJsonValue &v : m_rig->pipedrive.allDeals()) {
        const qint64 id = qint64(v.toObject().value(s("id")).toDouble());
        const int n =
            m_rig->ostendo.findIds(0, EngineRig::JobTable, s("ADDITIONALFIELD_1"), QString::number(id)).size();
        if (n > 1) {
            m_report.violations << s("deal %1 has %2 jobs").arg(id).arg(n);
        }
    }
    for (const QVariantMap &j : m_rig->jobs()) {
        const QString number = j.value(s("ORDERNUMBER")).toString();
        int n = 0;
        for (const QJsonValue &v : m_rig->pipedrive.allDeals()) {
            const QJsonObject d = v.toObject();
            const qint64 id = qint64(d.value(s("id")).toDouble());
            n += !d.value(s("is_deleted")).toBool() && m_rig->dealCustom(id, s("Ostendo Job Number")) == number;
        }
        if (n > 1) {
            m_report.violations << s("job %1 has %2 deals").arg(number).arg(n);
        }
    }

    // Every record reached the other side (or waits for a person), and no deleted one came back.
    for (int i = 0; i < m_records.size(); ++i) {
        const Record &r = m_records[i];
        const qint64 pd = pipedriveIdOf(r);
        const qint64 os = ostendoKeyOf(r);
        const QString what = s("%1 %2 made in %3")
                                 .arg(r.customer ? s("customer") : s("work item"))
                                 .arg(r.id)
                                 .arg(r.madeInPipedrive ? s("Pipedrive") : s("Ostendo"));
        if (r.deletedInPipedrive) {
            if (!m_rig->organization(r.id).isEmpty() && !m_rig->organization(r.id).value(s("is_deleted")).toBool()) {
                m_report.violations << what + s(": deleted in Pipedrive, it is live again");
            }
            continue;
        }
        if (r.gone) {
            if (os && m_rig->customer(os).value(s("CUSTOMERSTATUS")).toString() != s("Inactive")) {
                m_report.violations << what + s(": archived in Ostendo, it is active again");
            }
            continue;
        }
        if (!pd || !os) {
            if (!hasConflictOn(r, QString(), QString(), QString())) {
                QString detail;
                if (!r.customer && !r.madeInPipedrive) {
                    const QString name = m_rig->job(r.id).value(s("CUSTOMER")).toString();
                    const QList<qint64> keys = m_rig->ostendo.findIds(0, EngineRig::OstendoTable, s("CUSTOMER"), name);
                    detail = s(" (its customer '%1' is Ostendo customer %2)")
                                 .arg(name)
                                 .arg(keys.isEmpty() ? s("none") : QString::number(keys.first()));
                    if (!keys.isEmpty()) {
                        const std::optional<Link> link =
                            m_rig->store.linkByOstendoKey(EntityKind::Customer, QString::number(keys.first()));
                        detail += link ? s(" linked to organization %1, %2")
                                             .arg(link->pipedriveId)
                                             .arg(StoreText::linkStatus(link->status))
                                       : s(" with no link");
                    }
                }
                m_report.violations << what + s(": never reached the other side") + detail;
            }
            continue;
        }
        // No lost update: the latest edit of each field is on both sides, or a conflict row explains why not.
        for (const QString &field : fieldsOf(r)) {
            const auto it = m_edits.constFind(s("%1/%2").arg(i).arg(field));
            if (it == m_edits.constEnd()) {
                continue;
            }
            const Edit &e = it.value();
            const QString pv = pipedriveValue(r, pd, field);
            const QString ov = ostendoValue(r, os, field);
            bool reached = false;
            if (field == s("notes")) {
                const QString want = EngineRig::comparable(field, e.value);
                reached =
                    EngineRig::comparable(field, pv).contains(want) && EngineRig::comparable(field, ov).contains(want);
            } else {
                reached = EngineRig::comparable(field, pv) == EngineRig::comparable(field, e.value) &&
                          EngineRig::comparable(field, ov) == EngineRig::comparable(field, e.value);
            }
            if (!e.undone.isNull() && reached &&
                EngineRig::comparable(field, e.undone) != EngineRig::comparable(field, e.value) &&
                !hasConflictOn(r, field, e.inPipedrive ? e.value : e.undone, e.inPipedrive ? e.undone : e.value)) {
                m_report.violations << what + s(": the %1 edit '%2' made on the side that does not own it was undone "
                                                "with no conflict row keeping it")
                                                  .arg(field, e.undone);
            }
            if (!reached && !e.both && !hasConflictOn(r, field, QString(), QString())) {
                m_report.violations << what + s(": the %1 edit '%2' made in %3 was lost (Pipedrive '%4', Ostendo '%5')")
                                                  .arg(field, e.value, e.inPipedrive ? s("Pipedrive") : s("Ostendo"),
                                                       pv, ov);
            }
        }
    }

    // No silent overwrite: a same-field edit on both sides left a conflict row with both values.
    for (int k = 0; k < m_pairs.size(); ++k) {
        const Record &r = m_records[m_pairRecords[k]];
        if (r.gone) {
            continue;
        }
        const QString field = m_pairFields[k];
        const Edit &latest = m_edits.value(s("%1/%2").arg(m_pairRecords[k]).arg(field));
        if (latest.value != m_pairs[k].value && latest.value != m_pairs[k].otherValue) {
            continue; // replaced by a later edit after a run had seen the pair
        }
        if (field == s("notes")) {
            const QString pv = EngineRig::comparable(field, pipedriveValue(r, pipedriveIdOf(r), field));
            const QString a = EngineRig::comparable(field, m_pairs[k].value);
            const QString b = EngineRig::comparable(field, m_pairs[k].otherValue);
            if (!hasConflictOn(r, field, QString(), QString()) && !(pv.contains(a) && pv.contains(b))) {
                m_report.violations << s("record %1: notes edited on both sides lost one text").arg(r.id);
            }
            continue;
        }
        if (!hasConflictOn(r, field, m_pairs[k].value, m_pairs[k].otherValue)) {
            m_report.violations << s("record %1: %2 edited on both sides ('%3' in Pipedrive, '%4' in Ostendo) left "
                                     "no conflict row holding both values")
                                       .arg(r.id)
                                       .arg(field, m_pairs[k].value, m_pairs[k].otherValue);
        }
    }

    // The store: integrity, foreign keys, no link without either side, none left unfinished after convergence.
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (const Link &link : m_rig->store.links(kind)) {
            if (link.status == LinkStatus::Pending || link.status == LinkStatus::Error) {
                // A record removed on its only side before its counterpart existed is archived (seed 57): a link
                // left pending for it is a violation like any other.
                m_report.violations << s("link %1 (%2/%3) is still %4 after convergence: %5")
                                           .arg(link.id)
                                           .arg(link.pipedriveId)
                                           .arg(link.ostendoKey, StoreText::linkStatus(link.status), link.lastError);
            }
            if (!link.pipedriveId && link.ostendoKey.isEmpty()) {
                m_report.violations << s("link %1 joins nothing").arg(link.id);
            }
        }
    }
    const QStringList damage = m_rig->store.checkIntegrity();
    if (!damage.isEmpty()) {
        m_report.violations << s("the store is damaged: %1").arg(damage.join(s("; ")));
    }
}
