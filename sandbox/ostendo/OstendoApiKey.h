// One record of Ostendo's API Security screen: the key, its expiry, "SQL Allowed", the configurations it opens.
#pragma once

#include <QDate>
#include <QList>
#include <QString>

struct OstendoApiKey
{
    QString key;   // raw, as stored by Ostendo; clients URL-encode it once
    QString label; // developer/product, what the request log shows instead of the key
    QDate expires; // last valid day in server local time; invalid means no expiry
    bool sqlAllowed = false;
    QList<int> configurations; // empty: every configuration
};
