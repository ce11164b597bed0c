// The simulated Ostendo tables and their columns: names, Firebird types and lengths, looked up case-insensitively.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

struct OstendoColumn
{
    enum class Type
    {
        Varchar,
        Blob,
        Double,
        Date,
        Timestamp
    };
    QString name; // upper case, as Firebird stores unquoted identifiers
    Type type = Type::Varchar;
    int length = 0; // VARCHAR length; 0 for the other types
};

struct OstendoTable
{
    QString name; // upper case
    QList<OstendoColumn> columns;

    const OstendoColumn *column(const QString &anyCase) const;
    QStringList columnNames() const;
};

class OstendoSchema
{
public:
    static const QList<OstendoTable> &tables();
    static const OstendoTable *table(const QString &anyCase);
    // The type of a column name in any table (the same name has the same type everywhere in this schema).
    static const OstendoColumn *anyColumn(const QString &anyCase);
    static bool isSystemColumn(const QString &upperName);
    // CREATE TABLE statements for SQLite, with CHECKs that mimic Firebird's VARCHAR length limit.
    static QStringList createStatements();
};
