// A Pipedrive address value: the formatted line plus the structured parts Google-style geocoding fills in.
#pragma once

#include <QString>

struct PipedriveAddress
{
    QString value; // the formatted line; the only part Pipedrive requires
    QString streetNumber;
    QString route;
    QString subpremise;
    QString sublocality;
    QString locality;
    QString adminAreaLevel1;
    QString adminAreaLevel2;
    QString country;
    QString postalCode;

    bool isEmpty() const { return value.isEmpty(); }
    bool operator==(const PipedriveAddress &other) const;
    bool operator!=(const PipedriveAddress &other) const { return !(*this == other); }
};
