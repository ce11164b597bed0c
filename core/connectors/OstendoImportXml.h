// Writes the <ostendoimport> body of POST /tabledata: no XML declaration, no namespaces, one row.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace OstendoImportXml {
// <ostendoimport><table><column>value</column>…</table></ostendoimport> with lower-case element names, as
// Ostendo's own XML rows are written; values are escaped as XML text, so any content travels as plain data.
QByteArray build(const QString &table, const QList<QPair<QString, QString>> &columns);
} // namespace OstendoImportXml
