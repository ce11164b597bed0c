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
// The first column whose value XML 1.0 cannot carry (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone
// surrogates) or TurfDrive's store cannot keep (a leading U+FEFF, see RemoteText), or an empty string. Qt's writer
// silently drops the former, SQLite the latter: a value holding one is refused before sending, not stored changed.
QString uncarriableColumn(const QList<QPair<QString, QString>> &columns);
} // namespace OstendoImportXml
