// One field of a conflict as the review window shows it: the agreed value, each side's value and what was chosen.
#pragma once

#include <QJsonObject>
#include <QString>

struct ConflictField
{
    QString field;
    QString base;      // null when there was no base (first sync)
    QString pipedrive; // null when the side has no record
    QString ostendo;
    QString result; // null while a person has to decide

    QJsonObject toJson() const;
    static ConflictField fromJson(const QJsonObject &object);

    bool operator==(const ConflictField &other) const
    {
        return field == other.field && base == other.base && pipedrive == other.pipedrive && ostendo == other.ostendo &&
               result == other.result;
    }
};
