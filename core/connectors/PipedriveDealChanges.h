// The fields TurfDrive writes to a Pipedrive deal: only what is set is sent (a create or a patch).
#pragma once

#include <QDate>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <optional>

struct PipedriveDealChanges
{
    std::optional<QString> title;
    std::optional<double> value;
    std::optional<QString> currency;
    std::optional<QString> status;           // open, won or lost
    std::optional<qint64> stageId;           // 0 is not sent (Pipedrive needs a stage)
    std::optional<qint64> orgId;             // 0 clears the organization (sent as null)
    std::optional<QDate> expectedCloseDate;  // an invalid date clears it (sent as null)
    QHash<QString, QJsonValue> customFields; // by field NAME; Null clears; enum fields take the option label

    bool isEmpty() const
    {
        return !title && !value && !currency && !status && !stageId && !orgId && !expectedCloseDate &&
               customFields.isEmpty();
    }
};
