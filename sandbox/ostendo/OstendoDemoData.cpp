#include "OstendoDemoData.h"

#include "OstendoDatabase.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QVariantMap>

namespace {
struct Place
{
    const char *suburb;
    const char *city;
    const char *postcode;
    const char *areaCode;
};

const Place kPlaces[] = {
    {"Ponsonby", "Auckland", "1011", "09"},   {"Remuera", "Auckland", "1050", "09"},
    {"Mt Eden", "Auckland", "1024", "09"},    {"Devonport", "Auckland", "0624", "09"},
    {"Howick", "Auckland", "2014", "09"},     {"Titirangi", "Auckland", "0604", "09"},
    {"Takapuna", "Auckland", "0622", "09"},   {"Grey Lynn", "Auckland", "1021", "09"},
    {"Kelburn", "Wellington", "6012", "04"},  {"Karori", "Wellington", "6012", "04"},
    {"Thorndon", "Wellington", "6011", "04"}, {"Island Bay", "Wellington", "6023", "04"},
    {"Miramar", "Wellington", "6022", "04"},  {"Khandallah", "Wellington", "6035", "04"},
    {"Petone", "Lower Hutt", "5012", "04"},   {"Paraparaumu", "Paraparaumu", "5032", "04"},
};

const char *const kStreets[] = {"Queen Street",     "Ponsonby Road",  "Remuera Road",   "Dominion Road",
                                "Victoria Street",  "Lambton Quay",   "Cuba Street",    "Karori Road",
                                "The Parade",       "Jackson Street", "Hurstmere Road", "Titirangi Road",
                                "Great North Road", "Tinakori Road",  "Onslow Road",    "Beach Road"};

const char *const kNameStarts[] = {"Kauri",    "Pohutukawa",     "Tui",      "Totara",      "Harbour",
                                   "O'Brien",  "Manuka",         "Kowhai",   "Rimu",        "Fernleaf",
                                   "O'Connor", "Southern Cross", "Greenway", "Rangitoto",   "Te Aro",
                                   "Matai",    "Ridgeline",      "D'Arcy",   "Silver Fern", "Kiwi"};

const char *const kNameEnds[] = {"Turf & Garden",  "Landscapes Ltd",
                                 "Lawn Care",      "Property Services",
                                 "Gardens",        "Grounds Maintenance",
                                 "Body Corporate", "Retirement Village",
                                 "Homes",          "School",
                                 "Sports Club",    "Motor Lodge"};

const char *const kFirstNames[] = {"Aroha", "Liam",  "Mere", "Jack",      "Olivia", "Nikau", "Sophie",
                                   "Tama",  "Grace", "Hemi", "Charlotte", "Rawiri", "Emma",  "Sean"};
const char *const kLastNames[] = {"Ngata",  "Smith",    "Walker", "Te Whata", "O'Brien", "Wilson",
                                  "Parata", "Thompson", "Kumar",  "Lee",      "Brown",   "Henare"};

const char *const kCustomerTypes[] = {"Residential", "Commercial", "Council", "Body Corporate"};
const char *const kCreditTerms[] = {"20th Month Following", "7 Days", "14 Days", "Cash"};
const char *const kUsers[] = {"ADMIN", "SARAH", "MIKE", "TANIA"};
const char *const kSalespeople[] = {"Sarah Whitcombe", "Mike Tane", "Tania Rowe"};

const char *const kJobTypes[] = {"Lawn renovation", "Irrigation", "Hardscaping", "Planting",
                                 "Maintenance",     "Tree work",  "Drainage",    "Fencing"};
const char *const kJobWork[] = {"Scarify, top-dress and oversow front lawn",
                                "Install pop-up irrigation, 6 zones",
                                "Lay exposed aggregate patio",
                                "Native planting along boundary",
                                "Monthly grounds maintenance contract",
                                "Prune and remove storm-damaged pohutukawa",
                                "Fix ponding on back lawn with French drain",
                                "Build timber retaining wall",
                                "Replace turf on sports field",
                                "Repair irrigation controller and valves",
                                "Garden makeover with raised vegetable beds",
                                "Lay ready lawn, 120 m2"};
// Weighted towards the open and won part of the lifecycle, as a live site would be.
const char *const kStatuses[] = {"Quoted",      "Quoted",    "Approved", "Approved", "In Progress",
                                 "In Progress", "Completed", "Closed",   "Cancelled"};

template <typename T, size_t N> const T &pick(QRandomGenerator &rng, const T (&items)[N])
{
    return items[rng.bounded(int(N))];
}

QString phone(QRandomGenerator &rng, const char *areaCode)
{
    if (rng.bounded(3) == 0) {
        static const char *const mobiles[] = {"021", "022", "027"};
        return QStringLiteral("%1 %2 %3")
            .arg(QString::fromLatin1(pick(rng, mobiles)))
            .arg(rng.bounded(100, 1000))
            .arg(rng.bounded(1000, 10000));
    }
    return QStringLiteral("%1 %2 %3")
        .arg(QLatin1String(areaCode))
        .arg(rng.bounded(300, 1000))
        .arg(rng.bounded(1000, 10000));
}

QString emailDomain(const QString &name)
{
    QString domain;
    for (const QChar c : name.toLower()) {
        if (c.isLetterOrNumber()) {
            domain += c;
        }
    }
    return domain.left(24) + QStringLiteral(".co.nz");
}
} // namespace

void OstendoDemoData::seed(OstendoDatabase &db, const QDateTime &nowLocal, quint32 seed, int customers, int jobs)
{
    QRandomGenerator rng(seed);
    const QString customerTable = QStringLiteral("CUSTOMERMASTER");
    const QString jobTable = QStringLiteral("JOBHEADER");
    QStringList names;

    for (int i = 0; i < customers; ++i) {
        const Place &place = pick(rng, kPlaces);
        // Separate statements: the order the generator is drawn from must not depend on argument evaluation order.
        const QString start = QString::fromUtf8(pick(rng, kNameStarts));
        const QString end = QString::fromUtf8(pick(rng, kNameEnds));
        QString name = start + QLatin1Char(' ') + end;
        // CUSTOMER is Ostendo's natural key: a second business of the same name gets its suburb, then a number.
        if (!db.findIds(customerTable, QStringLiteral("CUSTOMER"), name).isEmpty()) {
            name += QStringLiteral(" ") + QString::fromLatin1(place.suburb);
        }
        for (int n = 2; !db.findIds(customerTable, QStringLiteral("CUSTOMER"), name).isEmpty(); ++n) {
            name = name.section(QStringLiteral(" #"), 0, 0) + QStringLiteral(" #%1").arg(n);
        }
        const QString firstName = QString::fromUtf8(pick(rng, kFirstNames));
        const QString contact = firstName + QLatin1Char(' ') + QString::fromUtf8(pick(rng, kLastNames));
        QVariantMap values{
            {QStringLiteral("CUSTOMER"), name},
            {QStringLiteral("CUSTOMERSTATUS"),
             rng.bounded(10) == 0 ? QStringLiteral("Inactive") : QStringLiteral("Active")},
            {QStringLiteral("CUSTOMERTYPE"), QString::fromLatin1(pick(rng, kCustomerTypes))},
            {QStringLiteral("CUSTOMERPHONE"), phone(rng, place.areaCode)},
            {QStringLiteral("CUSTOMEREMAIL"), QString(QStringLiteral("accounts@") + emailDomain(name))},
            {QStringLiteral("PRIMARYCONTACT"), contact},
            {QStringLiteral("CREDITTERM"), QString::fromLatin1(pick(rng, kCreditTerms))},
            {QStringLiteral("DELIVERYADDRESS1"),
             QStringLiteral("%1 %2").arg(rng.bounded(1, 400)).arg(QString::fromLatin1(pick(rng, kStreets)))},
            {QStringLiteral("DELIVERYADDRESS2"), QString::fromLatin1(place.suburb)},
            {QStringLiteral("DELIVERYCITY"), QString::fromLatin1(place.city)},
            {QStringLiteral("DELIVERYPOSTALCODE"), QString::fromLatin1(place.postcode)},
        };
        if (rng.bounded(3) == 0) {
            values.insert(
                QStringLiteral("CUSTOMERNOTES"),
                QStringLiteral("Gate code %1. Dog on site, ring %2 before arriving.\n\nPrefers morning visits.")
                    .arg(rng.bounded(1000, 10000))
                    .arg(contact.section(QLatin1Char(' '), 0, 0)));
        }
        const QDateTime created = nowLocal.addSecs(-qint64(rng.bounded(20 * 86400, 400 * 86400)));
        const qint64 id = db.insertRow(customerTable, values, created, QString::fromLatin1(pick(rng, kUsers)));
        if (rng.bounded(2) == 0) {
            const QDateTime modified = nowLocal.addSecs(-qint64(rng.bounded(3600, 19 * 86400)));
            db.updateRow(customerTable, id,
                         {{QStringLiteral("CUSTOMERPHONE"), values.value(QStringLiteral("CUSTOMERPHONE"))}}, modified,
                         QString::fromLatin1(pick(rng, kUsers)));
        }
        names << name;
    }

    int orderNumber = 24001 + qMax(0, db.rowCount(jobTable));
    for (int i = 0; i < jobs; ++i) {
        const QDate ordered = nowLocal.date().addDays(-rng.bounded(5, 180));
        const double value = rng.bounded(25000, 4500000) / 100.0; // cents, so values carry realistic fractions
        QVariantMap values{
            {QStringLiteral("ORDERNUMBER"), QStringLiteral("J%1").arg(orderNumber++)},
            {QStringLiteral("ORDERSTATUS"), QString::fromLatin1(pick(rng, kStatuses))},
            {QStringLiteral("ORDERDATE"), ordered},
            {QStringLiteral("REQUIREDDATE"), ordered.addDays(rng.bounded(7, 90))},
            {QStringLiteral("DESCRIPTION"), QString::fromUtf8(pick(rng, kJobWork))},
            {QStringLiteral("JOBTYPE"), QString::fromLatin1(pick(rng, kJobTypes))},
            {QStringLiteral("ORDERVALUE"), value},
            {QStringLiteral("SALESPERSON"), QString::fromLatin1(pick(rng, kSalespeople))},
        };
        if (!names.isEmpty()) {
            values.insert(QStringLiteral("CUSTOMER"), names.at(rng.bounded(int(names.size()))));
        }
        const QDateTime created = QDateTime(ordered, QTime(8, 0)).addSecs(rng.bounded(9 * 3600));
        const qint64 id =
            db.insertRow(jobTable, values, qMin(created, nowLocal), QString::fromLatin1(pick(rng, kUsers)));
        if (rng.bounded(2) == 0) {
            const QDateTime modified = nowLocal.addSecs(-qint64(rng.bounded(600, 4 * 86400)));
            db.updateRow(jobTable, id, {{QStringLiteral("SALESPERSON"), values.value(QStringLiteral("SALESPERSON"))}},
                         qMax(modified, created), QString::fromLatin1(pick(rng, kUsers)));
        }
    }
}
