// Canonical field values of one record (field name -> text), and their JSON form as the store keeps a link's base.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

// A missing key and a null QString both mean "no value"; an empty string is a value someone emptied.
using FieldValues = QHash<QString, QString>;

namespace FieldValuesJson {
// Null strings become JSON null so the store can tell "never had a value" from "emptied".
QJsonObject toJson(const FieldValues &values);
FieldValues fromJson(const QJsonObject &object);
} // namespace FieldValuesJson
