#include "OstendoSchema.h"

namespace {
using Type = OstendoColumn::Type;

OstendoColumn text(const char *name, int length)
{
    return {QString::fromLatin1(name), Type::Varchar, length};
}

OstendoColumn typed(const char *name, Type type)
{
    return {QString::fromLatin1(name), type, 0};
}

QList<OstendoColumn> systemColumns()
{
    return {typed("SYSDATECREATED", Type::Timestamp), typed("SYSDATEMODIFIED", Type::Timestamp),
            text("SYSUSERCREATED", 30), text("SYSUSERMODIFIED", 30)};
}

QList<OstendoTable> buildTables()
{
    // Column names follow the reference's facts sheet (seen in use) and DESIGN's mapping; lengths are plausible
    // Firebird sizes, ADDITIONALFIELD_n is documented at 100 characters.
    OstendoTable customers{QStringLiteral("CUSTOMERMASTER"),
                           {typed("SYSUNIQUEID", Type::Double), text("CUSTOMER", 50), text("CUSTOMERSTATUS", 20),
                            text("CUSTOMERTYPE", 30), text("CUSTOMERPHONE", 30), text("CUSTOMERFAX", 30),
                            text("CUSTOMEREMAIL", 100), typed("CUSTOMERNOTES", Type::Blob), text("PRIMARYCONTACT", 50),
                            text("CREDITTERM", 30), text("DELIVERYADDRESS1", 100), text("DELIVERYADDRESS2", 100),
                            text("DELIVERYCITY", 50), text("DELIVERYSTATE", 50), text("DELIVERYPOSTALCODE", 20),
                            text("ADDITIONALFIELD_1", 100), text("ADDITIONALFIELD_2", 100),
                            text("ADDITIONALFIELD_3", 100)}};
    customers.columns += systemColumns();

    OstendoTable jobs{QStringLiteral("JOBHEADER"),
                      {typed("SYSUNIQUEID", Type::Double), text("ORDERNUMBER", 30), text("ORDERSTATUS", 30),
                       typed("ORDERDATE", Type::Date), typed("REQUIREDDATE", Type::Date), text("DESCRIPTION", 200),
                       text("JOBTYPE", 50), text("CUSTOMER", 50), typed("ORDERVALUE", Type::Double),
                       text("ADDITIONALFIELD_1", 100), text("ADDITIONALFIELD_2", 100), text("ADDITIONALFIELD_3", 100),
                       text("SALESPERSON", 50)}};
    jobs.columns += systemColumns();
    return {customers, jobs};
}

QString sqliteType(Type type)
{
    switch (type) {
    case Type::Double:
        return QStringLiteral("DOUBLE PRECISION");
    case Type::Date:
        return QStringLiteral("DATE");
    case Type::Timestamp:
        return QStringLiteral("TIMESTAMP");
    case Type::Blob:
    case Type::Varchar:
        break;
    }
    return QStringLiteral("TEXT");
}
} // namespace

const OstendoColumn *OstendoTable::column(const QString &anyCase) const
{
    for (const OstendoColumn &c : columns) {
        if (c.name.compare(anyCase, Qt::CaseInsensitive) == 0) {
            return &c;
        }
    }
    return nullptr;
}

QStringList OstendoTable::columnNames() const
{
    QStringList names;
    for (const OstendoColumn &c : columns) {
        names << c.name;
    }
    return names;
}

const QList<OstendoTable> &OstendoSchema::tables()
{
    static const QList<OstendoTable> all = buildTables();
    return all;
}

const OstendoTable *OstendoSchema::table(const QString &anyCase)
{
    for (const OstendoTable &t : tables()) {
        if (t.name.compare(anyCase, Qt::CaseInsensitive) == 0) {
            return &t;
        }
    }
    return nullptr;
}

const OstendoColumn *OstendoSchema::anyColumn(const QString &anyCase)
{
    for (const OstendoTable &t : tables()) {
        if (const OstendoColumn *c = t.column(anyCase)) {
            return c;
        }
    }
    return nullptr;
}

bool OstendoSchema::isSystemColumn(const QString &upperName)
{
    return upperName.startsWith(QLatin1String("SYS"));
}

QStringList OstendoSchema::createStatements()
{
    QStringList statements;
    for (const OstendoTable &t : tables()) {
        QStringList defs;
        for (const OstendoColumn &c : t.columns) {
            QString def = c.name + QLatin1Char(' ') + sqliteType(c.type);
            if (c.type == Type::Varchar) {
                def += QStringLiteral(" CHECK (length(%1) <= %2)").arg(c.name).arg(c.length);
            }
            defs << def;
        }
        statements << QStringLiteral("CREATE TABLE %1 (%2)").arg(t.name, defs.join(QStringLiteral(", ")));
        statements << QStringLiteral("CREATE UNIQUE INDEX %1_SYSUNIQUEID ON %1 (SYSUNIQUEID)").arg(t.name);
    }
    return statements;
}
