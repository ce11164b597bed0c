// One field definition of an entity, built-in or custom, as the fields endpoints describe it.
#pragma once

#include <QJsonArray>
#include <QString>

struct PipedriveField
{
    int id = 0;          // the numeric id v1 shows
    QString code;        // v2 field_code / v1 key: a readable code for built-ins, 40 hex digits for custom fields
    QString name;        // field_name
    QString type;        // field_type: varchar, text, phone, double, monetary, enum, set, date, address, ...
    QString description; // deal fields carry one (the spec requires the key); empty when none was given
    QJsonArray options;  // [{id, label}] for enum and set
    bool custom = false;
    qint64 addTime = 0;
    qint64 updateTime = 0;
};
