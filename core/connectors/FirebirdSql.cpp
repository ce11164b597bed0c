#include "FirebirdSql.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace {
QString quoted(QString text)
{
    text.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}
} // namespace

QString FirebirdSql::literal(const QVariant &value)
{
    if (!value.isValid() || value.isNull()) {
        return QStringLiteral("NULL");
    }
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
        return QString::number(value.toLongLong());
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
    case QMetaType::UShort:
        return QString::number(value.toULongLong());
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = value.toDouble();
        if (!std::isfinite(d)) {
            return QStringLiteral("NULL");
        }
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QMetaType::QDate: {
        const QDate date = value.toDate();
        return date.isValid() ? quoted(date.toString(QStringLiteral("yyyy-MM-dd"))) : QStringLiteral("NULL");
    }
    case QMetaType::QDateTime: {
        const QDateTime time = value.toDateTime();
        return time.isValid() ? quoted(time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))) : QStringLiteral("NULL");
    }
    default:
        // Text, and anything else that converts to text, is data: quoted, never interpreted.
        return quoted(value.toString());
    }
}

std::optional<QString> FirebirdSql::identifier(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z][A-Za-z0-9_$]{0,62}$"));
    if (!plain.match(name).hasMatch()) {
        return std::nullopt;
    }
    return name.toUpper();
}
