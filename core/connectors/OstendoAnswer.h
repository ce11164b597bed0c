// What an Ostendo answer body contained: rows (column -> text, null columns absent), the service's error
// document, or something unreadable.
#pragma once

#include <QHash>
#include <QList>
#include <QString>

struct OstendoAnswer
{
    enum class Kind
    {
        Rows,          // a JSON array of objects or XML rows (possibly none)
        ErrorDocument, // status=error with the message in <value>, whatever format was asked for
        Malformed,     // neither
    };

    using Row = QHash<QString, QString>; // upper-case column name -> text; a null column is absent

    Kind kind = Kind::Malformed;
    QList<Row> rows;
    QString message; // the error document's message (untrusted remote text), or why it was malformed
};
