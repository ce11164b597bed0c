// One Ostendo configuration's database: an in-memory SQLite copy of the simulated tables, with the SYS* upkeep.
#pragma once

#include "FirebirdSqlTranslator.h"
#include "OstendoResult.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QVariantMap>

class OstendoDatabase
{
public:
    explicit OstendoDatabase(int configuration);
    ~OstendoDatabase();
    OstendoDatabase(const OstendoDatabase &) = delete;
    OstendoDatabase &operator=(const OstendoDatabase &) = delete;

    int configuration() const { return m_configuration; }

    // Runs translated SQL. For INSERT the new rows get a SYSUNIQUEID from the generator and, when
    // stampSystemColumns, their SYSDATE*/SYSUSER* columns (left as the statement set them otherwise).
    OstendoResult run(const FirebirdTranslation &statement, const QDateTime &nowLocal, const QString &user,
                      bool stampSystemColumns);

    // Writes as Ostendo's own screens and the tabledata import do: SYS* columns always maintained, values
    // bound (never spliced into SQL). Column names are case-insensitive; unknown ones give an error message.
    // insertRow returns the new SYSUNIQUEID, or 0 with error set.
    qint64 insertRow(const QString &table, const QVariantMap &values, const QDateTime &nowLocal, const QString &user,
                     QString *error = nullptr);
    bool updateRow(const QString &table, qint64 id, const QVariantMap &values, const QDateTime &nowLocal,
                   const QString &user, QString *error = nullptr);
    bool deleteRow(const QString &table, qint64 id);

    // SYSUNIQUEIDs of the rows whose column equals value (compared as text, as a key field is).
    QList<qint64> findIds(const QString &table, const QString &column, const QString &value) const;
    QVariantMap row(const QString &table, qint64 id) const; // empty when absent; upper-case keys
    QList<QVariantMap> rows(const QString &table) const;    // ordered by SYSUNIQUEID
    int rowCount(const QString &table) const;               // -1 for an unknown table

private:
    qint64 nextId();
    bool bindValues(const QString &table, const QVariantMap &values, QStringList &columns, QVariantList &bound,
                    QString *error) const;

    int m_configuration;
    QString m_connectionName;
    QSqlDatabase m_db;
    qint64 m_generator = 10000; // like a Firebird generator: shared by the tables, never reused
};
