// One Ostendo job (JOBHEADER row) as the sync engine sees it: mapped columns as plain values, times in UTC.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QFlags>
#include <QString>

struct OstendoJob
{
    // The columns a write may touch; an update sends only the fields named.
    enum Field : unsigned
    {
        OrderNumber = 1u << 0,
        Status = 1u << 1,
        OrderDate = 1u << 2,
        RequiredDate = 1u << 3,
        Description = 1u << 4,
        JobType = 1u << 5,
        CustomerName = 1u << 6,
        Value = 1u << 7,
        PipedriveId = 1u << 8,
        StageName = 1u << 9,
    };
    Q_DECLARE_FLAGS(Fields, Field)

    QString key; // SYSUNIQUEID as a plain decimal integer; empty before insert
    QString orderNumber;
    QString status;
    QDate orderDate;    // invalid when null
    QDate requiredDate; // invalid when null
    QString description;
    QString jobType;
    QString customerName;
    QString value;       // decimal text as the server gave it ("12216073.7299999"); empty when null
    QString pipedriveId; // the carried deal id, plain decimal; empty when not linked
    QString stageName;
    QDateTime modifiedUtc; // invalid when the column is null
};

Q_DECLARE_OPERATORS_FOR_FLAGS(OstendoJob::Fields)
