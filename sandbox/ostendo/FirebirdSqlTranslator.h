// Turns the Firebird SQL that Ostendo clients send into SQLite SQL, and Firebird-style messages for what it rejects.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

struct FirebirdSqlContext
{
    QDateTime nowLocal;        // the server's wall clock, for CURRENT_DATE, 'NOW' and the SYS* columns
    bool touchModified = true; // UPDATE statements also set SYSDATEMODIFIED/SYSUSERMODIFIED
    QString user;              // written to SYSUSERMODIFIED by touched updates
    int maxInListItems = 1500; // Firebird's limit on the members of IN (...)
};

struct FirebirdTranslation
{
    enum class Kind
    {
        Select,
        Insert,
        Update,
        Delete
    };
    bool ok = false;
    QString error; // a Firebird-style message when !ok
    Kind kind = Kind::Select;
    QString sql;   // SQLite text when ok
    QString table; // upper-case name of the statement's (first) table, when one was found
};

class FirebirdSqlTranslator
{
public:
    explicit FirebirdSqlTranslator(const FirebirdSqlContext &context);

    FirebirdTranslation translate(const QString &firebirdSql) const;

    // "Dynamic SQL Error / SQL error code = N / ..." as the Firebird client library words it.
    static QString dsqlError(int code, const QStringList &details);
    // Rewords an SQLite error about translated text so it reads like the Firebird message Ostendo would relay.
    static QString firebirdMessageFor(const QString &sqliteError);

private:
    FirebirdSqlContext m_context;
};
