// One Pipedrive organization as TurfDrive reads it: the mapped standard fields and custom fields by their name.
#pragma once

#include "PipedriveAddress.h"

#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QString>

struct PipedriveOrganization
{
    qint64 id = 0;
    QString name;
    PipedriveAddress address;
    bool hasAddress = false; // false when Pipedrive sent null or no address
    // Custom field values keyed by the field NAME (e.g. "Phone"), in v2 shape; enum values as their option label.
    QHash<QString, QJsonValue> customFields;
    QDateTime updateTime; // UTC
    bool isDeleted = false;

    QString customText(const QString &fieldName) const; // text of a text-like custom field, empty when unset
};
