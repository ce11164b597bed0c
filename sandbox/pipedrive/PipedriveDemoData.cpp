#include "PipedriveDemoData.h"

#include "PipedriveSimulator.h"

#include <QJsonObject>
#include <QSet>

namespace {
QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

struct Suburb
{
    const char *name;
    const char *city;
    const char *region;
    const char *postcode;
    const char *areaCode;
};

const Suburb Suburbs[] = {
    {"Ponsonby", "Auckland", "Auckland", "1011", "9"},    {"Grey Lynn", "Auckland", "Auckland", "1021", "9"},
    {"Remuera", "Auckland", "Auckland", "1050", "9"},     {"Mount Eden", "Auckland", "Auckland", "1024", "9"},
    {"Takapuna", "Auckland", "Auckland", "0622", "9"},    {"Devonport", "Auckland", "Auckland", "0624", "9"},
    {"Howick", "Auckland", "Auckland", "2014", "9"},      {"Titirangi", "Auckland", "Auckland", "0604", "9"},
    {"Albany", "Auckland", "Auckland", "0632", "9"},      {"Kelburn", "Wellington", "Wellington", "6012", "4"},
    {"Karori", "Wellington", "Wellington", "6012", "4"},  {"Khandallah", "Wellington", "Wellington", "6035", "4"},
    {"Miramar", "Wellington", "Wellington", "6022", "4"}, {"Island Bay", "Wellington", "Wellington", "6023", "4"},
    {"Petone", "Lower Hutt", "Wellington", "5012", "4"},  {"Thorndon", "Wellington", "Wellington", "6011", "4"},
};

const char *const Streets[] = {"Ponsonby Road",    "Jervois Road",    "Great North Road", "Remuera Road", "Lake Road",
                               "Victoria Road",    "Picton Street",   "Karori Road",      "Onslow Road",  "The Parade",
                               "Jackson Street",   "Tinakori Road",   "Kitchener Street", "Rata Street",  "Kowhai Lane",
                               "Pohutukawa Drive", "Manuka Crescent", "Beach Road"};

const char *const NamePrefixes[] = {"Harbourview",    "Kauri Park", "Tui Ridge", "Rimu Grove",     "Pohutukawa",
                                    "Southern Cross", "Te Atatu",   "Waitematā", "Bayview",        "Hillcrest",
                                    "Ngata",          "O'Brien",    "Patel",     "Wilson",         "Te Whare",
                                    "Matai Street",   "Korimako",   "Seaview",   "Totara Heights", "Aroha"};

const char *const NameSuffixes[] = {
    "Body Corporate", "Family Trust", "School",      "Builders Ltd",    "Retirement Village", "Property Management",
    "Medical Centre", "Apartments",   "Motor Lodge", "Community Trust", "Homes Ltd",          "Early Learning Centre"};

const char *const Notes[] = {
    "Gate code 4512. Dog on site, call before arriving.",
    "Prefers native planting; no exotic species near the stream.",
    "Invoices to the accounts email, PO number required.",
    "Site manager is on leave in January.",
    "Access via the back lane only; trucks over 3.5 t cannot use the driveway.",
    "Quarterly maintenance visits agreed.",
    "",
};

const char *const ProjectTypes[] = {"Garden Design", "Hardscaping",     "Retaining Wall",
                                    "Irrigation",    "Lawn Renovation", "Planting",
                                    "Fencing",       "Decking",         "Maintenance Contract"};

QString slug(const QString &name)
{
    QString out;
    for (const QChar c : name.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += c;
        }
    }
    return out;
}
} // namespace

PipedriveDemoData::PipedriveDemoData(quint32 seed)
    : m_random(seed)
{}

QStringList PipedriveDemoData::projectTypes()
{
    QStringList out;
    for (const char *t : ProjectTypes) {
        out.append(s(t));
    }
    return out;
}

QString PipedriveDemoData::pick(const QStringList &list)
{
    return list.at(static_cast<int>(m_random.bounded(static_cast<quint32>(list.size()))));
}

int PipedriveDemoData::between(int low, int high)
{
    return low + static_cast<int>(m_random.bounded(static_cast<quint32>(high - low + 1)));
}

void PipedriveDemoData::populate(PipedriveSimulator *sim, int organizations, int deals)
{
    // The field set DESIGN.md maps, created in a fixed order so their keys follow from the seed alone.
    sim->ensureCustomField(PipedriveEntity::Organization, s("Phone"), s("phone"));
    sim->ensureCustomField(PipedriveEntity::Organization, s("Email"), s("varchar"));
    sim->ensureCustomField(PipedriveEntity::Organization, s("Notes"), s("text"));
    sim->ensureCustomField(PipedriveEntity::Organization, s("Ostendo Customer ID"), s("varchar"));
    sim->ensureCustomField(PipedriveEntity::Organization, s("Ostendo Status"), s("varchar"));
    sim->ensureCustomField(PipedriveEntity::Deal, s("Ostendo Job Number"), s("varchar"));
    sim->ensureCustomField(PipedriveEntity::Deal, s("Project Type"), s("varchar"));

    sim->store().removePipelines();
    const QStringList stageNames{s("Enquiry"), s("Site Visit"), s("Quote Sent"), s("Negotiation"), s("Booked")};
    sim->addPipeline(s("Landscaping"), stageNames);

    QStringList prefixes;
    for (const char *p : NamePrefixes) {
        prefixes.append(QString::fromUtf8(p));
    }
    QStringList suffixes;
    for (const char *p : NameSuffixes) {
        suffixes.append(s(p));
    }
    QStringList streets;
    for (const char *p : Streets) {
        streets.append(s(p));
    }
    QStringList notes;
    for (const char *p : Notes) {
        notes.append(s(p));
    }
    const QStringList types = projectTypes();
    const qint64 now = sim->clock().nowSecs();
    const int suburbCount = static_cast<int>(sizeof(Suburbs) / sizeof(Suburbs[0]));

    QList<qint64> orgIds;
    QList<QString> orgNames;
    QSet<QString> used;
    for (int i = 0; i < organizations; ++i) {
        QString name = pick(prefixes) + QLatin1Char(' ') + pick(suffixes);
        for (int n = 2; used.contains(name); ++n) {
            name = name.section(QLatin1Char('#'), 0, 0).trimmed() + QStringLiteral(" #%1").arg(n);
        }
        used.insert(name);
        const Suburb &sub = Suburbs[between(0, suburbCount - 1)];
        const QString number = QString::number(between(1, 240));
        const QString street = pick(streets);
        const QString value =
            QStringLiteral("%1 %2, %3, %4 %5").arg(number, street, s(sub.name), s(sub.city), s(sub.postcode));
        const QJsonObject address{{s("value"), value},
                                  {s("street_number"), number},
                                  {s("route"), street},
                                  {s("sublocality"), s(sub.name)},
                                  {s("locality"), s(sub.city)},
                                  {s("admin_area_level_1"), s(sub.region)},
                                  {s("country"), s("New Zealand")},
                                  {s("postal_code"), s(sub.postcode)}};
        const bool mobile = between(0, 3) == 0;
        const QString phone =
            mobile
                ? QStringLiteral("+64 21 %1 %2").arg(between(100, 999)).arg(between(1000, 9999))
                : QStringLiteral("+64 %1 %2 %3").arg(s(sub.areaCode)).arg(between(200, 999)).arg(between(1000, 9999));
        const QString email = QStringLiteral("%1@%2.co.nz")
                                  .arg(pick({s("accounts"), s("office"), s("admin"), s("info")}),
                                       slug(name.section(QLatin1Char('#'), 0, 0)));
        const qint64 added = now - between(30, 400) * 86400LL - between(0, 86399);
        const qint64 updated = std::min(now - 60, added + between(0, 25) * 86400LL + between(0, 86399));
        QJsonObject fields{{s("name"), name},
                           {s("address"), address},
                           {s("Phone"), phone},
                           {s("Email"), email},
                           {s("Ostendo Status"), s("Active")},
                           {s("add_time"), PipedriveClock::formatTime(added)},
                           {s("update_time"), PipedriveClock::formatTime(updated)}};
        const QString note = pick(notes);
        if (!note.isEmpty()) {
            fields.insert(s("Notes"), note);
        }
        orgIds.append(sim->createOrganization(fields));
        orgNames.append(name);
    }

    for (int i = 0; i < deals && !orgIds.isEmpty(); ++i) {
        const int org = between(0, static_cast<int>(orgIds.size()) - 1);
        const QString type = pick(types);
        const int roll = between(1, 10);
        const QString status = roll <= 7 ? s("open") : roll <= 9 ? s("won") : s("lost");
        const qint64 added = now - between(1, 200) * 86400LL - between(0, 86399);
        const qint64 updated = std::min(now - 30, added + between(0, 20) * 86400LL + between(0, 86399));
        QJsonObject fields{{s("title"), QString(type + QStringLiteral(" – ") + orgNames.at(org))},
                           {s("org_id"), orgIds.at(org)},
                           {s("value"), between(8, 900) * 50.0},
                           {s("currency"), s("NZD")},
                           {s("stage_id"), sim->stageId(stageNames.at(between(0, 4)))},
                           {s("status"), status},
                           {s("expected_close_date"), PipedriveClock::formatDate(now + between(-30, 120) * 86400LL)},
                           {s("Project Type"), type},
                           {s("add_time"), PipedriveClock::formatTime(added)},
                           {s("update_time"), PipedriveClock::formatTime(updated)}};
        if (status == QLatin1String("lost")) {
            fields.insert(s("lost_reason"), pick({s("Went with another contractor"), s("Budget"),
                                                  s("Project "
                                                    "postponed")}));
        }
        sim->createDeal(fields);
    }
}
