#include "OstendoImportXml.h"

#include "util/RemoteText.h"

#include <QStringList>
#include <QXmlStreamWriter>

QByteArray OstendoImportXml::build(const QString &table, const QList<QPair<QString, QString>> &columns)
{
    QByteArray out;
    QXmlStreamWriter writer(&out);
    // No writeStartDocument(): the service is known to choke on a declaration.
    writer.writeStartElement(QStringLiteral("ostendoimport"));
    writer.writeStartElement(table.toLower());
    for (const auto &column : columns) {
        // Every XML reader turns a literal CR (and CR LF) into LF, so notes written with Windows line ends would
        // come back changed; as a character reference a CR survives. The writer escapes everything else.
        writer.writeStartElement(column.first.toLower());
        const QStringList parts = column.second.split(QLatin1Char('\r'));
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (i > 0) {
                writer.writeEntityReference(QStringLiteral("#13"));
            }
            writer.writeCharacters(parts.at(i));
        }
        writer.writeEndElement();
    }
    writer.writeEndElement();
    writer.writeEndElement();
    return out;
}

QString OstendoImportXml::uncarriableColumn(const QList<QPair<QString, QString>> &columns)
{
    for (const auto &column : columns) {
        const QString &text = column.second;
        if (!RemoteText::isStorable(text)) {
            return column.first;
        }
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text.at(i).unicode();
            if ((c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) || c == 0xFFFE || c == 0xFFFF) {
                return column.first;
            }
            if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                ++i;
            } else if (QChar::isSurrogate(c)) {
                return column.first;
            }
        }
    }
    return {};
}
