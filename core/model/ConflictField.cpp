#include "ConflictField.h"

namespace {
QJsonValue orNull(const QString &text)
{
    return text.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString stringOrNull(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}
} // namespace

QJsonObject ConflictField::toJson() const
{
    return QJsonObject{{QStringLiteral("field"), field},
                       {QStringLiteral("base"), orNull(base)},
                       {QStringLiteral("pipedrive"), orNull(pipedrive)},
                       {QStringLiteral("ostendo"), orNull(ostendo)},
                       {QStringLiteral("result"), orNull(result)}};
}

ConflictField ConflictField::fromJson(const QJsonObject &object)
{
    ConflictField f;
    f.field = object.value(QLatin1String("field")).toString();
    f.base = stringOrNull(object.value(QLatin1String("base")));
    f.pipedrive = stringOrNull(object.value(QLatin1String("pipedrive")));
    f.ostendo = stringOrNull(object.value(QLatin1String("ostendo")));
    f.result = stringOrNull(object.value(QLatin1String("result")));
    return f;
}
