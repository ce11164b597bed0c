#include "DemoScenario.h"

#include "ostendo/OstendoSimulator.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QVariantMap>

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

struct Place
{
    const char *suburb;
    const char *city;
    const char *postcode;
};

const Place kPlaces[] = {{"Ponsonby", "Auckland", "1011"},  {"Remuera", "Auckland", "1050"},
                         {"Takapuna", "Auckland", "0622"},  {"Mt Eden", "Auckland", "1024"},
                         {"Kelburn", "Wellington", "6012"}, {"Karori", "Wellington", "6012"},
                         {"Petone", "Lower Hutt", "5012"},  {"Riccarton", "Christchurch", "8011"},
                         {"Frankton", "Hamilton", "3204"},  {"Mount Maunganui", "Tauranga", "3116"}};

const char *const kFirst[] = {"Kauri", "Totara",   "Harbourview", "Greenway", "Southern Cross", "Pohutukawa",
                              "Rimu",  "Kowhai",   "Summit",      "Bayside",  "Ferndale",       "Tui",
                              "Matai", "Westgate", "Riverside",   "Hillcrest"};
const char *const kSecond[] = {"Property Management", "Body Corporate", "Motor Lodge", "School",
                               "Retirement Village",  "Dental",         "Homes",       "Vineyard",
                               "Medical Centre",      "Cafe",           "Apartments",  "Holdings"};
const char *const kStreets[] = {"Kauri Road",  "Rimu Street",  "Queen Street",  "Beach Road",     "Victoria Avenue",
                                "Hill Street", "Jervois Road", "Tinakori Road", "Riccarton Road", "Marine Parade"};
const char *const kTypes[] = {"Lawn renovation", "Irrigation",           "Hardscaping",
                              "Planting",        "Maintenance contract", "Tree work"};
const char *const kStages[] = {"Enquiry", "Site Visit", "Quote Sent", "Negotiation", "Booked"};

template <typename T, size_t N> const T &pick(QRandomGenerator &rng, const T (&array)[N])
{
    return array[rng.bounded(int(N))];
}

QString time(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// Ostendo keeps its SYS* times from its own clock: run `fn` with that clock at `when`, then put it back.
template <typename Fn> void atOstendoTime(OstendoSimulator &os, const QDateTime &when, Fn fn)
{
    OstendoClock &clock = os.clock();
    if (clock.isFrozen()) {
        const QDateTime saved = clock.nowUtc();
        clock.setNow(when);
        fn();
        clock.setNow(saved);
    } else {
        const qint64 delta = clock.nowUtc().secsTo(when);
        clock.advance(delta);
        fn();
        clock.advance(-delta);
    }
}

struct Customer
{
    QString name;
    QString number;
    QString street;
    QString suburb;
    QString city;
    QString postcode;
    QString phone;
    QString email;
    QString notes;
    qint64 pipedriveId = 0;
    qint64 ostendoId = 0;

    QString addressLine() const
    {
        return QStringLiteral("%1 %2, %3, %4 %5").arg(number, street, suburb, city, postcode);
    }
    QVariantMap ostendoRow() const
    {
        QVariantMap row{{s("CUSTOMER"), name},
                        {s("CUSTOMERSTATUS"), s("Active")},
                        {s("CUSTOMERPHONE"), phone},
                        {s("CUSTOMEREMAIL"), email},
                        {s("DELIVERYADDRESS1"), QString(number + QLatin1Char(' ') + street)},
                        {s("DELIVERYADDRESS2"), suburb},
                        {s("DELIVERYCITY"), city},
                        {s("DELIVERYPOSTALCODE"), postcode}};
        if (!notes.isEmpty()) {
            row.insert(s("CUSTOMERNOTES"), notes);
        }
        return row;
    }
    QJsonObject organization(const QDateTime &at) const
    {
        QJsonObject fields{{s("name"), name},           {s("address"), address()},          {s("Phone"), phone},
                           {s("Email"), email},         {s("Ostendo Status"), s("Active")}, {s("add_time"), time(at)},
                           {s("update_time"), time(at)}};
        if (!notes.isEmpty()) {
            fields.insert(s("Notes"), notes);
        }
        return fields;
    }
    QJsonObject address() const
    {
        return {{s("value"), addressLine()},     {s("street_number"), number}, {s("route"), street},
                {s("sublocality"), suburb},      {s("locality"), city},        {s("postal_code"), postcode},
                {s("country"), s("New Zealand")}};
    }
};

class Seeder
{
public:
    Seeder(PipedriveSimulator &pd, OstendoSimulator &os, const DemoScenario::Options &options)
        : m_pd(pd)
        , m_os(os)
        , m_options(options)
        , m_rng(options.seed)
        , m_now(pd.clock().nowUtc())
    {}

    DemoScenario::Cases run();

private:
    Customer makeCustomer();
    // A pair in step: an Ostendo customer and a Pipedrive organization carrying each other's keys.
    Customer addLinkedCustomer(Customer c, const QDateTime &at);
    Customer addPipedriveOnly(Customer c, const QDateTime &at);
    Customer addOstendoOnly(Customer c, const QDateTime &at);
    struct Work
    {
        qint64 dealId = 0;
        qint64 jobId = 0;
        QString title;
        QString type;
        QString stage;
        QString status; // Pipedrive's
        double value = 0;
        QDate due;
    };
    Work addLinkedWork(const Customer &c, Work w, const QDateTime &at);
    void editOrganization(qint64 id, QJsonObject changes, const QDateTime &at);
    void editDeal(qint64 id, QJsonObject changes, const QDateTime &at);
    void editOstendo(const QString &table, qint64 id, const QVariantMap &values, const QDateTime &at);
    static QString jobStatusFor(const QString &dealStatus);

    PipedriveSimulator &m_pd;
    OstendoSimulator &m_os;
    DemoScenario::Options m_options;
    QRandomGenerator m_rng;
    QDateTime m_now;
    QSet<QString> m_names;
    DemoScenario::Cases m_cases;
    const QString m_customerTable = QStringLiteral("CUSTOMERMASTER");
    const QString m_jobTable = QStringLiteral("JOBHEADER");
};

Customer Seeder::makeCustomer()
{
    Customer c;
    do {
        c.name = QString::fromUtf8(pick(m_rng, kFirst)) + QLatin1Char(' ') + QString::fromUtf8(pick(m_rng, kSecond));
        if (m_names.contains(c.name)) {
            c.name += QStringLiteral(" %1").arg(m_rng.bounded(2, 99));
        }
    } while (m_names.contains(c.name));
    m_names.insert(c.name);
    const Place &p = pick(m_rng, kPlaces);
    c.number = QString::number(m_rng.bounded(1, 300));
    c.street = QString::fromUtf8(pick(m_rng, kStreets));
    c.suburb = QString::fromUtf8(p.suburb);
    c.city = QString::fromUtf8(p.city);
    c.postcode = QString::fromUtf8(p.postcode);
    c.phone = QStringLiteral("+64 9 %1 %2").arg(m_rng.bounded(200, 999)).arg(m_rng.bounded(1000, 9999));
    QString slug = c.name.toLower();
    slug.remove(QLatin1Char(' '));
    c.email = QStringLiteral("office@%1.co.nz").arg(slug);
    return c;
}

Customer Seeder::addLinkedCustomer(Customer c, const QDateTime &at)
{
    atOstendoTime(m_os, at, [&] {
        c.ostendoId = m_os.insertRow(m_options.ostendoConfiguration, m_customerTable, c.ostendoRow());
    });
    QJsonObject fields = c.organization(at);
    fields.insert(s("Ostendo Customer ID"), QString::number(c.ostendoId));
    c.pipedriveId = m_pd.createOrganization(fields);
    editOstendo(m_customerTable, c.ostendoId, {{s("ADDITIONALFIELD_1"), QString::number(c.pipedriveId)}}, at);
    return c;
}

Customer Seeder::addPipedriveOnly(Customer c, const QDateTime &at)
{
    c.pipedriveId = m_pd.createOrganization(c.organization(at));
    return c;
}

Customer Seeder::addOstendoOnly(Customer c, const QDateTime &at)
{
    atOstendoTime(m_os, at, [&] {
        c.ostendoId = m_os.insertRow(m_options.ostendoConfiguration, m_customerTable, c.ostendoRow(), s("IMPORT"));
    });
    return c;
}

QString Seeder::jobStatusFor(const QString &dealStatus)
{
    if (dealStatus == QLatin1String("won")) {
        return s("Approved");
    }
    if (dealStatus == QLatin1String("lost")) {
        return s("Cancelled");
    }
    return s("Quoted");
}

Seeder::Work Seeder::addLinkedWork(const Customer &c, Work w, const QDateTime &at)
{
    if (w.title.isEmpty()) {
        w.type = QString::fromUtf8(pick(m_rng, kTypes));
        w.title = w.type + QStringLiteral(" – ") + c.name;
        w.stage = QString::fromUtf8(pick(m_rng, kStages));
        w.status = m_rng.bounded(10) < 7 ? s("open") : s("won");
        w.value = m_rng.bounded(8, 600) * 50.0;
        w.due = m_now.date().addDays(m_rng.bounded(-20, 90));
    }
    QJsonObject deal{{s("title"), w.title},
                     {s("org_id"), c.pipedriveId},
                     {s("value"), w.value},
                     {s("currency"), s("NZD")},
                     {s("stage_id"), m_pd.stageId(w.stage)},
                     {s("status"), w.status},
                     {s("expected_close_date"), w.due.toString(Qt::ISODate)},
                     {s("Project Type"), w.type},
                     {s("add_time"), time(at)},
                     {s("update_time"), time(at)}};
    w.dealId = m_pd.createDeal(deal);
    const QString jobNumber = QStringLiteral("PD%1").arg(w.dealId);
    atOstendoTime(m_os, at, [&] {
        w.jobId = m_os.insertRow(m_options.ostendoConfiguration, m_jobTable,
                                 {{s("ORDERNUMBER"), jobNumber},
                                  {s("ORDERSTATUS"), jobStatusFor(w.status)},
                                  {s("ORDERDATE"), at.date()},
                                  {s("REQUIREDDATE"), w.due},
                                  {s("DESCRIPTION"), w.title},
                                  {s("JOBTYPE"), w.type},
                                  {s("CUSTOMER"), c.name},
                                  {s("ORDERVALUE"), w.value},
                                  {s("ADDITIONALFIELD_1"), QString::number(w.dealId)},
                                  {s("ADDITIONALFIELD_2"), w.stage}});
    });
    editDeal(w.dealId, {{s("Ostendo Job Number"), jobNumber}}, at);
    return w;
}

void Seeder::editOrganization(qint64 id, QJsonObject changes, const QDateTime &at)
{
    changes.insert(s("update_time"), time(at));
    m_pd.editOrganization(id, changes);
}

void Seeder::editDeal(qint64 id, QJsonObject changes, const QDateTime &at)
{
    changes.insert(s("update_time"), time(at));
    m_pd.editDeal(id, changes);
}

void Seeder::editOstendo(const QString &table, qint64 id, const QVariantMap &values, const QDateTime &at)
{
    atOstendoTime(m_os, at, [&] { m_os.editRow(m_options.ostendoConfiguration, table, id, values, s("OPS")); });
}

DemoScenario::Cases Seeder::run()
{
    // The custom fields TurfDrive maps and the "Landscaping" pipeline, with no records yet.
    m_pd.seedDemo(m_options.seed, 0, 0);
    m_os.enableConfiguration(m_options.ostendoConfiguration);

    const QDateTime base = m_now.addDays(-3);
    const QDateTime salesEdit = m_now.addDays(-2);
    const QDateTime opsEdit = m_now.addDays(-1);

    QList<Customer> customers;
    for (int i = 0; i < m_options.linkedCustomers; ++i) {
        Customer c = makeCustomer();
        if (i % 4 == 0) {
            c.notes = s("Gate code 4512. Dog on site, call ahead.");
        }
        customers << addLinkedCustomer(c, base.addSecs(i * 60));
    }
    for (int i = 0; i < m_options.linkedWorkItems && !customers.isEmpty(); ++i) {
        addLinkedWork(customers.at(i % customers.size()), {}, base.addSecs(3600 + i * 60));
    }

    auto note = [&](const QString &name, const Customer &c) {
        if (c.pipedriveId) {
            m_cases.pipedrive.insert(name, c.pipedriveId);
        }
        if (c.ostendoId) {
            m_cases.ostendo.insert(name, c.ostendoId);
        }
    };
    auto noteWork = [&](const QString &name, const Work &w) {
        m_cases.workItems.insert(name);
        if (w.dealId) {
            m_cases.pipedrive.insert(name, w.dealId);
        }
        if (w.jobId) {
            m_cases.ostendo.insert(name, w.jobId);
        }
    };

    // The coordinator's Monday: the address changed in both systems. Sales added the suite number in
    // Pipedrive; operations recorded the new street in Ostendo a day later.
    Customer address = makeCustomer();
    address.name = s("Quay Park Body Corporate"); // outside the generated names, so nothing else matches it
    address.email = s("manager@quayparkbc.co.nz");
    address.number = s("12");
    address.street = s("Kauri Road");
    address.suburb = s("Ponsonby");
    address.city = s("Auckland");
    address.postcode = s("1011");
    address = addLinkedCustomer(address, base);
    editOrganization(address.pipedriveId,
                     {{s("address"), QJsonObject{{s("value"), s("12 Kauri Road, Suite 5, Ponsonby, Auckland 1011")},
                                                 {s("street_number"), s("12")},
                                                 {s("route"), s("Kauri Road")},
                                                 {s("subpremise"), s("Suite 5")},
                                                 {s("sublocality"), s("Ponsonby")},
                                                 {s("locality"), s("Auckland")},
                                                 {s("postal_code"), s("1011")}}}},
                     salesEdit);
    editOstendo(m_customerTable, address.ostendoId, {{s("DELIVERYADDRESS1"), s("40 Rimu Street")}}, opsEdit);
    note(s("address_both_changed"), address);

    // Phone edited on both sides, both filled in: Ostendo's wins.
    Customer phone = addLinkedCustomer(makeCustomer(), base);
    editOrganization(phone.pipedriveId, {{s("Phone"), s("+64 9 555 0101")}}, salesEdit);
    editOstendo(m_customerTable, phone.ostendoId, {{s("CUSTOMERPHONE"), s("09 555 0199")}}, opsEdit);
    note(s("phone_both_changed"), phone);

    // Email: only the case differs (low), and another where both filled in differently: Pipedrive's wins.
    Customer emailCase = addLinkedCustomer(makeCustomer(), base);
    editOstendo(m_customerTable, emailCase.ostendoId, {{s("CUSTOMEREMAIL"), emailCase.email.toUpper()}}, opsEdit);
    note(s("email_case_only"), emailCase);
    Customer email = addLinkedCustomer(makeCustomer(), base);
    editOrganization(email.pipedriveId,
                     {{s("Email"), QString(s("accounts@") + email.email.section(QLatin1Char('@'), 1))}}, salesEdit);
    editOstendo(m_customerTable, email.ostendoId,
                {{s("CUSTOMEREMAIL"), QString(s("admin@") + email.email.section(QLatin1Char('@'), 1))}}, opsEdit);
    note(s("email_both_changed"), email);

    // Notes written on both sides: both texts kept.
    Customer notes = makeCustomer();
    notes.notes = s("Gate code 4512.");
    notes = addLinkedCustomer(notes, base);
    editOrganization(notes.pipedriveId, {{s("Notes"), s("Gate code 4512.\n\nPrefers morning visits.")}}, salesEdit);
    editOstendo(m_customerTable, notes.ostendoId,
                {{s("CUSTOMERNOTES"), s("Gate code 4512.\n\nIrrigation controller in the garage.")}}, opsEdit);
    note(s("notes_both_changed"), notes);

    // Name changed on both sides: Pipedrive's wins, and the Ostendo jobs follow the new name.
    Customer name = addLinkedCustomer(makeCustomer(), base);
    const Work renamedWork = addLinkedWork(name, {}, base.addSecs(120));
    editOrganization(name.pipedriveId, {{s("name"), QString(name.name + s(" Ltd"))}}, salesEdit);
    editOstendo(m_customerTable, name.ostendoId, {{s("CUSTOMER"), QString(name.name + s(" Limited"))}}, opsEdit);
    note(s("name_both_changed"), name);
    noteWork(s("name_both_changed_work"), renamedWork);

    // Work: a deal won in Pipedrive; a job status moved in Ostendo; a value changed on both sides.
    Work won = addLinkedWork(customers.value(0, address), {}, base.addSecs(300));
    editDeal(won.dealId, {{s("status"), s("won")}}, salesEdit);
    noteWork(s("deal_won"), won);

    Work started;
    started.title = s("Irrigation – spring start-up");
    started.type = s("Irrigation");
    started.stage = s("Booked");
    started.status = s("won");
    started.value = 3200;
    started.due = m_now.date().addDays(10);
    started = addLinkedWork(customers.value(1, address), started, base.addSecs(360));
    editOstendo(m_jobTable, started.jobId, {{s("ORDERSTATUS"), s("In Progress")}}, opsEdit);
    noteWork(s("job_in_progress"), started);

    Work value = addLinkedWork(customers.value(2, address), {}, base.addSecs(420));
    editDeal(value.dealId, {{s("value"), value.value + 500.0}}, salesEdit);
    editOstendo(m_jobTable, value.jobId, {{s("ORDERVALUE"), value.value + 750.0}}, opsEdit);
    noteWork(s("value_both_changed"), value);

    // Critical field: the project type changed in Pipedrive only (Ostendo owns it): a person decides.
    Work type = addLinkedWork(customers.value(3, address), {}, base.addSecs(480));
    editDeal(type.dealId, {{s("Project Type"), s("Hardscaping")}}, salesEdit);
    noteWork(s("project_type_changed_in_pipedrive"), type);

    // A possible duplicate: created on both sides by different people, same email, not linked.
    Customer dupe = makeCustomer();
    dupe.name = s("Kingsland Retirement Village"); // outside the generated names: only its twin matches it
    dupe.email = s("facilities@kingslandvillage.co.nz");
    dupe = addPipedriveOnly(dupe, salesEdit);
    Customer dupeOs = dupe;
    dupeOs.name = s("Kingsland Retirement Village Ltd");
    dupeOs.pipedriveId = 0;
    dupeOs = addOstendoOnly(dupeOs, opsEdit);
    m_cases.pipedrive.insert(s("possible_duplicate"), dupe.pipedriveId);
    m_cases.ostendo.insert(s("possible_duplicate"), dupeOs.ostendoId);

    // A deletion conflict: sales deleted the deal, operations had already started the job.
    Work deleted = addLinkedWork(customers.value(4, address), {}, base.addSecs(540));
    editOstendo(m_jobTable, deleted.jobId,
                {{s("ORDERSTATUS"), s("In Progress")}, {s("REQUIREDDATE"), m_now.date().addDays(5)}}, opsEdit);
    m_pd.deleteDeal(deleted.dealId);
    noteWork(s("deleted_deal_live_job"), deleted);

    // An archived customer that still has an open deal.
    Customer archived = addLinkedCustomer(makeCustomer(), base);
    Work open;
    open.title = s("Maintenance contract – renewal");
    open.type = s("Maintenance contract");
    open.stage = s("Negotiation");
    open.status = s("open");
    open.value = 5400;
    open.due = m_now.date().addDays(30);
    open = addLinkedWork(archived, open, base.addSecs(600));
    editOstendo(m_customerTable, archived.ostendoId, {{s("CUSTOMERSTATUS"), s("Inactive")}}, opsEdit);
    note(s("archived_with_open_deal"), archived);

    // A job with no deal, and a deal with no job: each creates its counterpart.
    Customer host = customers.value(5, address);
    qint64 jobOnly = 0;
    atOstendoTime(m_os, opsEdit, [&] {
        jobOnly = m_os.insertRow(m_options.ostendoConfiguration, m_jobTable,
                                 {{s("ORDERNUMBER"), s("J-20417")},
                                  {s("ORDERSTATUS"), s("Quoted")},
                                  {s("ORDERDATE"), opsEdit.date()},
                                  {s("REQUIREDDATE"), m_now.date().addDays(21)},
                                  {s("DESCRIPTION"), s("Retaining wall repair")},
                                  {s("JOBTYPE"), s("Hardscaping")},
                                  {s("CUSTOMER"), host.name},
                                  {s("ORDERVALUE"), 4800.0},
                                  {s("ADDITIONALFIELD_2"), s("Quote Sent")}},
                                 s("OPS"));
    });
    m_cases.ostendo.insert(s("job_without_deal"), jobOnly);
    m_cases.workItems.insert(s("job_without_deal"));
    const qint64 dealOnly = m_pd.createDeal({{s("title"), s("Planting – new courtyard beds")},
                                             {s("org_id"), host.pipedriveId},
                                             {s("value"), 2650.0},
                                             {s("currency"), s("NZD")},
                                             {s("stage_id"), m_pd.stageId(s("Site Visit"))},
                                             {s("status"), s("open")},
                                             {s("expected_close_date"), m_now.date().addDays(45).toString(Qt::ISODate)},
                                             {s("Project Type"), s("Planting")},
                                             {s("add_time"), time(salesEdit)},
                                             {s("update_time"), time(salesEdit)}});
    m_cases.pipedrive.insert(s("deal_without_job"), dealOnly);
    m_cases.workItems.insert(s("deal_without_job"));

    // A bulk import in Ostendo: new customers that must reach Pipedrive in batches, with progress.
    for (int i = 0; i < m_options.bulkImportCustomers; ++i) {
        Customer c = makeCustomer();
        c.name = QStringLiteral("Import %1 – %2").arg(i + 1, 3, 10, QLatin1Char('0')).arg(c.name);
        c.email = QStringLiteral("import%1@%2").arg(i + 1).arg(c.email.section(QLatin1Char('@'), 1));
        c = addOstendoOnly(c, opsEdit.addSecs(i));
        if (i == 0) {
            m_cases.ostendo.insert(s("bulk_import_first"), c.ostendoId);
        }
    }
    for (int i = 0; i < m_options.extraJobsWithoutDeal && !customers.isEmpty(); ++i) {
        const Customer &c = customers.at(i % customers.size());
        const QString jobType = QString::fromUtf8(pick(m_rng, kTypes));
        atOstendoTime(m_os, opsEdit.addSecs(i), [&] {
            m_os.insertRow(m_options.ostendoConfiguration, m_jobTable,
                           {{s("ORDERNUMBER"), QStringLiteral("J-%1").arg(30000 + i)},
                            {s("ORDERSTATUS"), s("Quoted")},
                            {s("ORDERDATE"), opsEdit.date()},
                            {s("REQUIREDDATE"), m_now.date().addDays(m_rng.bounded(5, 120))},
                            {s("DESCRIPTION"), QString(jobType + QStringLiteral(" – ") + c.name)},
                            {s("JOBTYPE"), jobType},
                            {s("CUSTOMER"), c.name},
                            {s("ORDERVALUE"), m_rng.bounded(8, 600) * 50.0},
                            {s("ADDITIONALFIELD_2"), s("Quote Sent")}},
                           s("OPS"));
        });
    }
    return m_cases;
}
} // namespace

DemoScenario::Cases DemoScenario::seed(PipedriveSimulator &pipedrive, OstendoSimulator &ostendo, const Options &options)
{
    Seeder seeder(pipedrive, ostendo, options);
    return seeder.run();
}

QHash<QString, QString> DemoScenario::caseDescriptions()
{
    return {
        {s("address_both_changed"), s("Address changed in both systems: the most recently modified side wins, "
                                      "listed for review.")},
        {s("phone_both_changed"), s("Phone changed in both systems: Ostendo's number wins when both are filled in.")},
        {s("email_case_only"), s("Email differs only in upper and lower case: resolved automatically.")},
        {s("email_both_changed"), s("Email changed in both systems: Pipedrive's address wins.")},
        {s("notes_both_changed"), s("Notes written in both systems: both texts are kept.")},
        {s("name_both_changed"), s("Name changed in both systems: Pipedrive's name wins; the jobs follow it.")},
        {s("name_both_changed_work"), s("A job of the renamed customer.")},
        {s("deal_won"), s("Deal won in Pipedrive: the job becomes Approved.")},
        {s("job_in_progress"), s("Won deal whose job moved to In Progress: still in step.")},
        {s("value_both_changed"), s("Value changed in both systems: Pipedrive's value wins, listed for review.")},
        {s("project_type_changed_in_pipedrive"), s("Project type changed in Pipedrive, which does not own it: "
                                                   "a person decides.")},
        {s("possible_duplicate"), s("The same customer created in both systems: Link or Keep separate.")},
        {s("deleted_deal_live_job"), s("Deal deleted while its job is in progress: a person decides.")},
        {s("archived_with_open_deal"), s("Customer archived in Ostendo with an open deal: a person decides.")},
        {s("job_without_deal"), s("A job with no deal: TurfDrive creates the deal.")},
        {s("deal_without_job"), s("A deal with no job: TurfDrive creates the job.")},
        {s("bulk_import_first"), s("120 customers imported into Ostendo: created in Pipedrive in batches.")},
    };
}
