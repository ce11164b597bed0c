#include "OstendoImportXml.h"

#include <QXmlStreamWriter>

QByteArray OstendoImportXml::build(const QString &table, const QList<QPair<QString, QString>> &columns)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    // No writeStartDocument(): the service is known to choke on a declaration.
    writer.writeStartElement(QStringLiteral("ostendoimport"));
    writer.writeStartElement(table.toLower());
    for (const auto &column : columns) {
        writer.writeTextElement(column.first.toLower(), column.second);
    }
    writer.writeEndElement();
    writer.writeEndElement();
    return out;
}
