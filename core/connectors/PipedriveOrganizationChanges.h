// The fields TurfDrive writes to a Pipedrive organization: only what is set is sent (a create or a patch).
#pragma once

#include "PipedriveAddress.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <optional>

struct PipedriveOrganizationChanges
{
    std::optional<QString> name;
    // An address with an empty value clears the address (sent as null).
    std::optional<PipedriveAddress> address;
    // Custom field values by field NAME; QJsonValue::Null clears the field. Enum fields take the option label.
    QHash<QString, QJsonValue> customFields;

    bool isEmpty() const { return !name && !address && customFields.isEmpty(); }
};
