// The outcome of one Ostendo read: the records that converted cleanly, the ones that did not (with why), or the
// error that stopped the whole read.
#pragma once

#include "ConnectorError.h"

#include <QList>
#include <QString>

template <typename Record> struct OstendoReadResult
{
    // A row that arrived but could not be read (a date in no known form, a key that is not an integer): that
    // record is skipped this run and reported, never filled with a zero value.
    struct RecordError
    {
        QString key; // empty when the key itself was unreadable
        QString message;
    };

    QList<Record> records;
    QList<RecordError> recordErrors;
    ConnectorError error; // set when the read as a whole failed; records are then incomplete
    int pages = 0;        // /sqlquery pages fetched (0 for a /tabledata look-up)
};
