// The rows a query produced, column names already in the upper case Ostendo answers with.
#pragma once

#include <QList>
#include <QStringList>
#include <QVariant>

struct OstendoResult
{
    QStringList columns;
    QList<QVariantList> rows;
    QString error;    // a Firebird-style message; empty on success
    int affected = 0; // rows written by INSERT/UPDATE/DELETE

    bool ok() const { return error.isEmpty(); }
};
