#include "OstendoDatabase.h"

#include "OstendoSchema.h"

#include <QAtomicInt>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace {
const QString kTimestampFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");
const QString kDateFormat = QStringLiteral("yyyy-MM-dd");

QString conversionError(const QString &text)
{
    return QStringLiteral("conversion error from string \"%1\"").arg(text);
}

// Reads the date forms a client may send: ISO, or the NZ locale form the server itself prints.
QDateTime parseDateTime(const QString &text)
{
    const QString t = text.trimmed();
    QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
    if (dt.isValid()) {
        return QDateTime(dt.date(), dt.time());
    }
    for (const char *format : {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss.zzz"}) {
        dt = QDateTime::fromString(t, QLatin1String(format));
        if (dt.isValid()) {
            return dt;
        }
    }
    static const QRegularExpression nz(
        QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([ap])\\.?m\\.?)?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = nz.match(t);
    if (m.hasMatch()) {
        const QDate date(m.captured(3).toInt(), m.captured(2).toInt(), m.captured(1).toInt());
        QTime time(0, 0);
        if (m.capturedLength(4) > 0) {
            int hour = m.captured(4).toInt() % 12;
            if (m.captured(7).compare(QLatin1String("p"), Qt::CaseInsensitive) == 0) {
                hour += 12;
            }
            time = QTime(hour, m.captured(5).toInt(), m.captured(6).toInt());
        }
        return QDateTime(date, time);
    }
    const QDate date = QDate::fromString(t, Qt::ISODate);
    return date.isValid() ? QDateTime(date, QTime(0, 0)) : QDateTime();
}

// A value for a column of the given type, as SQLite will store it; error set when it does not convert.
QVariant toColumnValue(const OstendoColumn &column, const QVariant &value, QString *error)
{
    if (value.isNull()) {
        return QVariant();
    }
    switch (column.type) {
    case OstendoColumn::Type::Varchar:
    case OstendoColumn::Type::Blob:
        return value.toString();
    case OstendoColumn::Type::Double: {
        if (value.typeId() == QMetaType::QString && value.toString().trimmed().isEmpty()) {
            return QVariant();
        }
        bool ok = false;
        const double d =
            value.typeId() == QMetaType::QString ? value.toString().trimmed().toDouble(&ok) : value.toDouble(&ok);
        if (!ok) {
            *error = conversionError(value.toString());
            return QVariant();
        }
        return d;
    }
    case OstendoColumn::Type::Date:
    case OstendoColumn::Type::Timestamp: {
        QDateTime dt;
        if (value.typeId() == QMetaType::QDate) {
            dt = QDateTime(value.toDate(), QTime(0, 0));
        } else if (value.typeId() == QMetaType::QDateTime) {
            dt = QDateTime(value.toDateTime().date(), value.toDateTime().time());
        } else {
            if (value.toString().trimmed().isEmpty()) {
                return QVariant();
            }
            dt = parseDateTime(value.toString());
        }
        if (!dt.isValid()) {
            *error = conversionError(value.toString());
            return QVariant();
        }
        return column.type == OstendoColumn::Type::Date ? dt.date().toString(kDateFormat)
                                                        : dt.toString(kTimestampFormat);
    }
    }
    return QVariant();
}

QVariantMap recordToMap(const QSqlQuery &query)
{
    QVariantMap map;
    const QSqlRecord record = query.record();
    for (int i = 0; i < record.count(); ++i) {
        map.insert(record.fieldName(i).toUpper(), query.value(i));
    }
    return map;
}
} // namespace

OstendoDatabase::OstendoDatabase(int configuration)
    : m_configuration(configuration)
{
    static QAtomicInt counter;
    m_connectionName = QStringLiteral("ostendo-sim-%1-%2").arg(configuration).arg(counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(QStringLiteral(":memory:"));
    m_db.open();
    QSqlQuery query(m_db);
    // Firebird's LIKE is case-sensitive; SQLite's is not unless told, which would let a client's wrong-case
    // pattern match here and miss on site.
    query.exec(QStringLiteral("PRAGMA case_sensitive_like = ON"));
    for (const QString &statement : OstendoSchema::createStatements()) {
        query.exec(statement);
    }
}

OstendoDatabase::~OstendoDatabase()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

qint64 OstendoDatabase::nextId()
{
    return ++m_generator;
}

OstendoResult OstendoDatabase::run(const FirebirdTranslation &statement, const QDateTime &nowLocal, const QString &user,
                                   bool stampSystemColumns)
{
    OstendoResult result;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!m_db.transaction() || !query.exec(statement.sql)) {
        result.error = FirebirdSqlTranslator::firebirdMessageFor(query.lastError().databaseText());
        m_db.rollback();
        return result;
    }
    if (statement.kind == FirebirdTranslation::Kind::Select) {
        const QSqlRecord record = query.record();
        for (int i = 0; i < record.count(); ++i) {
            QString name = record.fieldName(i).toUpper();
            // Firebird names an unaliased aggregate after its function: COUNT(*) comes back as COUNT.
            const int paren = name.indexOf(QLatin1Char('('));
            if (paren > 0) {
                name = name.left(paren).trimmed();
            }
            result.columns << name;
        }
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < record.count(); ++i) {
                row << query.value(i);
            }
            result.rows << row;
        }
        m_db.commit();
        return result;
    }

    result.affected = query.numRowsAffected();
    if (statement.kind == FirebirdTranslation::Kind::Insert && OstendoSchema::table(statement.table)) {
        // Firebird fills SYSUNIQUEID from a generator in a trigger; here the new rows are the ones without one.
        QSqlQuery fresh(m_db);
        fresh.exec(
            QStringLiteral("SELECT rowid FROM %1 WHERE SYSUNIQUEID IS NULL ORDER BY rowid").arg(statement.table));
        QList<qint64> rowids;
        while (fresh.next()) {
            rowids << fresh.value(0).toLongLong();
        }
        QSqlQuery stamp(m_db);
        for (const qint64 rowid : rowids) {
            if (stampSystemColumns) {
                stamp.prepare(QStringLiteral("UPDATE %1 SET SYSUNIQUEID = ?, SYSDATECREATED = COALESCE(SYSDATECREATED, "
                                             "?), SYSDATEMODIFIED = COALESCE(SYSDATEMODIFIED, ?), SYSUSERCREATED = "
                                             "COALESCE(SYSUSERCREATED, ?), SYSUSERMODIFIED = COALESCE(SYSUSERMODIFIED, "
                                             "?) WHERE rowid = ?")
                                  .arg(statement.table));
                const QString now = nowLocal.toString(kTimestampFormat);
                stamp.addBindValue(double(nextId()));
                stamp.addBindValue(now);
                stamp.addBindValue(now);
                stamp.addBindValue(user);
                stamp.addBindValue(user);
            } else {
                stamp.prepare(QStringLiteral("UPDATE %1 SET SYSUNIQUEID = ? WHERE rowid = ?").arg(statement.table));
                stamp.addBindValue(double(nextId()));
            }
            stamp.addBindValue(rowid);
            stamp.exec();
        }
        // A statement may also have set SYSUNIQUEID itself: the generator must stay ahead of every id.
        QSqlQuery highest(m_db);
        if (highest.exec(QStringLiteral("SELECT MAX(SYSUNIQUEID) FROM %1").arg(statement.table)) && highest.next()) {
            m_generator = qMax(m_generator, qint64(highest.value(0).toDouble()));
        }
    }
    m_db.commit();
    return result;
}

bool OstendoDatabase::bindValues(const QString &table, const QVariantMap &values, QStringList &columns,
                                 QVariantList &bound, QString *error) const
{
    const OstendoTable *t = OstendoSchema::table(table);
    QString message;
    if (!t) {
        message = FirebirdSqlTranslator::dsqlError(-204, {QStringLiteral("Table unknown"), table.toUpper()});
    }
    for (auto it = values.cbegin(); message.isEmpty() && it != values.cend(); ++it) {
        const OstendoColumn *column = t->column(it.key());
        if (!column) {
            message = FirebirdSqlTranslator::dsqlError(-206, {QStringLiteral("Column unknown"), it.key().toUpper()});
            break;
        }
        if (OstendoSchema::isSystemColumn(column->name)) {
            continue; // the server keeps these itself
        }
        const QVariant value = toColumnValue(*column, it.value(), &message);
        if (!message.isEmpty()) {
            break;
        }
        if (column->type == OstendoColumn::Type::Varchar && value.toString().size() > column->length) {
            message = QStringLiteral("arithmetic exception, numeric overflow, or string truncation\n"
                                     "string right truncation");
            break;
        }
        columns << column->name;
        bound << value;
    }
    if (!message.isEmpty() && error) {
        *error = message;
    }
    return message.isEmpty();
}

qint64 OstendoDatabase::insertRow(const QString &table, const QVariantMap &values, const QDateTime &nowLocal,
                                  const QString &user, QString *error)
{
    QStringList columns;
    QVariantList bound;
    if (!bindValues(table, values, columns, bound, error)) {
        return 0;
    }
    const qint64 id = nextId();
    const QString now = nowLocal.toString(kTimestampFormat);
    columns << QStringLiteral("SYSUNIQUEID") << QStringLiteral("SYSDATECREATED") << QStringLiteral("SYSDATEMODIFIED")
            << QStringLiteral("SYSUSERCREATED") << QStringLiteral("SYSUSERMODIFIED");
    bound << double(id) << now << now << user << user;
    QStringList marks;
    for (int i = 0; i < columns.size(); ++i) {
        marks << QStringLiteral("?");
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(OstendoSchema::table(table)->name, columns.join(QStringLiteral(", ")),
                           marks.join(QStringLiteral(", "))));
    for (const QVariant &v : bound) {
        query.addBindValue(v);
    }
    if (!query.exec()) {
        if (error) {
            *error = FirebirdSqlTranslator::firebirdMessageFor(query.lastError().databaseText());
        }
        return 0;
    }
    return id;
}

bool OstendoDatabase::updateRow(const QString &table, qint64 id, const QVariantMap &values, const QDateTime &nowLocal,
                                const QString &user, QString *error)
{
    QStringList columns;
    QVariantList bound;
    if (!bindValues(table, values, columns, bound, error)) {
        return false;
    }
    columns << QStringLiteral("SYSDATEMODIFIED") << QStringLiteral("SYSUSERMODIFIED");
    bound << nowLocal.toString(kTimestampFormat) << user;
    QStringList sets;
    for (const QString &c : columns) {
        sets << c + QStringLiteral(" = ?");
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE SYSUNIQUEID = ?")
                      .arg(OstendoSchema::table(table)->name, sets.join(QStringLiteral(", "))));
    for (const QVariant &v : bound) {
        query.addBindValue(v);
    }
    query.addBindValue(double(id));
    if (!query.exec()) {
        if (error) {
            *error = FirebirdSqlTranslator::firebirdMessageFor(query.lastError().databaseText());
        }
        return false;
    }
    if (query.numRowsAffected() != 1) {
        if (error) {
            *error = QStringLiteral("Record not found");
        }
        return false;
    }
    return true;
}

bool OstendoDatabase::deleteRow(const QString &table, qint64 id)
{
    const OstendoTable *t = OstendoSchema::table(table);
    if (!t) {
        return false;
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("DELETE FROM %1 WHERE SYSUNIQUEID = ?").arg(t->name));
    query.addBindValue(double(id));
    return query.exec() && query.numRowsAffected() == 1;
}

QList<qint64> OstendoDatabase::findIds(const QString &table, const QString &column, const QString &value) const
{
    QList<qint64> ids;
    const OstendoTable *t = OstendoSchema::table(table);
    const OstendoColumn *c = t ? t->column(column) : nullptr;
    if (!c) {
        return ids;
    }
    QSqlQuery query(m_db);
    if (c->type == OstendoColumn::Type::Double) {
        query.prepare(
            QStringLiteral("SELECT SYSUNIQUEID FROM %1 WHERE %2 = ? ORDER BY SYSUNIQUEID").arg(t->name, c->name));
        query.addBindValue(value.trimmed().toDouble());
    } else {
        query.prepare(
            QStringLiteral("SELECT SYSUNIQUEID FROM %1 WHERE %2 = ? ORDER BY SYSUNIQUEID").arg(t->name, c->name));
        query.addBindValue(value);
    }
    query.exec();
    while (query.next()) {
        ids << qint64(query.value(0).toDouble());
    }
    return ids;
}

QVariantMap OstendoDatabase::row(const QString &table, qint64 id) const
{
    const OstendoTable *t = OstendoSchema::table(table);
    if (!t) {
        return {};
    }
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT * FROM %1 WHERE SYSUNIQUEID = ?").arg(t->name));
    query.addBindValue(double(id));
    if (query.exec() && query.next()) {
        return recordToMap(query);
    }
    return {};
}

QList<QVariantMap> OstendoDatabase::rows(const QString &table) const
{
    QList<QVariantMap> all;
    const OstendoTable *t = OstendoSchema::table(table);
    if (!t) {
        return all;
    }
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("SELECT * FROM %1 ORDER BY SYSUNIQUEID").arg(t->name));
    while (query.next()) {
        all << recordToMap(query);
    }
    return all;
}

int OstendoDatabase::rowCount(const QString &table) const
{
    const OstendoTable *t = OstendoSchema::table(table);
    if (!t) {
        return -1;
    }
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t->name));
    return query.next() ? query.value(0).toInt() : -1;
}
