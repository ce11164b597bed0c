// One Pipedrive deal as TurfDrive reads it: the mapped standard fields and custom fields by their name.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QJsonValue>
#include <QString>

struct PipedriveDeal
{
    qint64 id = 0;
    QString title;
    double value = 0.0;
    QString currency;
    QString status;                          // open, won, lost or deleted
    qint64 stageId = 0;                      // 0 when none
    qint64 orgId = 0;                        // 0 when none
    QDate expectedCloseDate;                 // invalid when none
    QHash<QString, QJsonValue> customFields; // by field NAME, v2 shape; enum values as their option label
    QDateTime updateTime;                    // UTC
    bool isDeleted = false;
    bool isArchived = false;

    QString customText(const QString &fieldName) const;
};
