#include "FieldValues.h"

QJsonObject FieldValuesJson::toJson(const FieldValues &values)
{
    QJsonObject object;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        object.insert(it.key(), it.value().isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(it.value()));
    }
    return object;
}

FieldValues FieldValuesJson::fromJson(const QJsonObject &object)
{
    FieldValues values;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.value().isString()) {
            values.insert(it.key(), it.value().toString());
        } else if (it.value().isDouble()) {
            // Older rows or hand-written bases may hold numbers; keep integers free of a trailing ".0".
            values.insert(it.key(), QString::number(it.value().toDouble(), 'g', 15));
        } else if (it.value().isBool()) {
            values.insert(it.key(), it.value().toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        } else {
            values.insert(it.key(), QString());
        }
    }
    return values;
}
