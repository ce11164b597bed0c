// One Ostendo customer as the sync engine sees it: mapped columns as plain values, times in UTC.
#pragma once

#include <QDateTime>
#include <QFlags>
#include <QString>

struct OstendoCustomer
{
    // The columns a write may touch; an update sends only the fields named.
    enum Field : unsigned
    {
        Name = 1u << 0,
        Phone = 1u << 1,
        Email = 1u << 2,
        Notes = 1u << 3,
        Address = 1u << 4, // all four address columns together: they form one line
        Status = 1u << 5,
        PipedriveId = 1u << 6,
    };
    Q_DECLARE_FLAGS(Fields, Field)

    QString key; // SYSUNIQUEID as a plain decimal integer ("48213", never "48213.0"); empty before insert
    QString name;
    QString phone;
    QString email;
    QString notes;
    QString address1;
    QString address2;
    QString city;
    QString postcode;
    QString status;        // "Active" / "Inactive"
    QString pipedriveId;   // the carried organization id, plain decimal; empty when not linked
    QDateTime modifiedUtc; // invalid when the column is null
    QDateTime createdUtc;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(OstendoCustomer::Fields)
