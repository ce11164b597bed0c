#include "OstendoAnswerParser.h"

#include "util/RemoteText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QXmlStreamReader>
#include <cmath>

namespace {
struct XmlNode
{
    QString name;
    QString text;
    QString statusAttribute;
    QList<XmlNode> children;
};

bool isLeaf(const XmlNode &node)
{
    return node.children.isEmpty();
}

bool isRow(const XmlNode &node)
{
    if (node.children.isEmpty()) {
        return false;
    }
    for (const XmlNode &child : node.children) {
        if (!isLeaf(child)) {
            return false;
        }
    }
    return true;
}

void collectRows(const XmlNode &node, QList<OstendoAnswer::Row> &rows)
{
    for (const XmlNode &child : node.children) {
        if (isRow(child)) {
            OstendoAnswer::Row row;
            for (const XmlNode &column : child.children) {
                row.insert(RemoteText::storable(column.name.toUpper()), RemoteText::storable(column.text));
            }
            rows.append(row);
        } else if (!isLeaf(child)) {
            collectRows(child, rows);
        }
    }
}

const XmlNode *findByName(const XmlNode &node, QLatin1String name)
{
    for (const XmlNode &child : node.children) {
        if (child.name.compare(name, Qt::CaseInsensitive) == 0) {
            return &child;
        }
    }
    for (const XmlNode &child : node.children) {
        if (const XmlNode *found = findByName(child, name)) {
            return found;
        }
    }
    return nullptr;
}

// status=error as an element or an attribute, at the top only (bare, or in the one root element): deeper
// "status" leaves are ordinary columns of rows.
bool findErrorDocument(const XmlNode &node, int depth, QString &message)
{
    bool statusError = node.statusAttribute.trimmed().compare(QLatin1String("error"), Qt::CaseInsensitive) == 0;
    for (const XmlNode &child : node.children) {
        if (isLeaf(child) && child.name.compare(QLatin1String("status"), Qt::CaseInsensitive) == 0 &&
            child.text.trimmed().compare(QLatin1String("error"), Qt::CaseInsensitive) == 0) {
            statusError = true;
        }
    }
    if (statusError) {
        const XmlNode *value = findByName(node, QLatin1String("value"));
        message = value ? value->text.trimmed() : node.text.trimmed();
        return true;
    }
    if (depth >= 1) {
        return false;
    }
    for (const XmlNode &child : node.children) {
        if (findErrorDocument(child, depth + 1, message)) {
            return true;
        }
    }
    return false;
}

OstendoAnswer parseXml(const QByteArray &body)
{
    OstendoAnswer answer;
    // Rows may come without a single root element, so everything after the declaration is wrapped in one.
    QByteArray wrapped;
    qsizetype start = 0;
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith("<?xml")) {
        const qsizetype end = trimmed.indexOf("?>");
        if (end < 0) {
            answer.message = QStringLiteral("The XML declaration is not closed.");
            return answer;
        }
        start = end + 2;
        wrapped = trimmed.left(start);
    }
    wrapped += "<turfdrive-answer>" + trimmed.mid(start) + "</turfdrive-answer>";

    QXmlStreamReader reader(wrapped);
    QList<XmlNode> stack;
    XmlNode root;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            XmlNode node;
            node.name = reader.name().toString();
            node.statusAttribute = reader.attributes().value(QLatin1String("status")).toString();
            stack.append(std::move(node));
            break;
        }
        case QXmlStreamReader::Characters:
            if (!stack.isEmpty()) {
                stack.last().text += reader.text();
            }
            break;
        case QXmlStreamReader::EndElement: {
            XmlNode done = stack.takeLast();
            if (stack.isEmpty()) {
                root = std::move(done);
            } else {
                stack.last().children.append(std::move(done));
            }
            break;
        }
        default:
            break;
        }
    }
    if (reader.hasError()) {
        answer.message = QStringLiteral("The XML answer could not be read (line %1: %2).")
                             .arg(QString::number(reader.lineNumber()), reader.errorString());
        return answer;
    }
    QString message;
    if (findErrorDocument(root, 0, message)) {
        answer.kind = OstendoAnswer::Kind::ErrorDocument;
        answer.message = message;
        return answer;
    }
    answer.kind = OstendoAnswer::Kind::Rows;
    collectRows(root, answer.rows);
    return answer;
}

OstendoAnswer parseJson(const QByteArray &body)
{
    OstendoAnswer answer;
    QJsonParseError error;
    const QJsonDocument doc = RemoteText::parseJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        answer.message = QStringLiteral("The JSON answer could not be read (%1 at offset %2).")
                             .arg(error.errorString(), QString::number(error.offset));
        return answer;
    }
    if (doc.isObject()) {
        const QJsonObject object = doc.object();
        if (object.value(QLatin1String("status")).toString().compare(QLatin1String("error"), Qt::CaseInsensitive) ==
            0) {
            answer.kind = OstendoAnswer::Kind::ErrorDocument;
            answer.message = object.value(QLatin1String("value")).toVariant().toString().trimmed();
            return answer;
        }
        answer.message = QStringLiteral("The JSON answer is an object, not the expected array of rows.");
        return answer;
    }
    const QJsonArray array = doc.array();
    for (const QJsonValue &item : array) {
        if (!item.isObject()) {
            answer.rows.clear(); // a malformed answer has no rows, not the ones before the bad item
            answer.message = QStringLiteral("The JSON answer holds something other than row objects.");
            return answer;
        }
        OstendoAnswer::Row row;
        const QJsonObject object = item.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonValue v = it.value();
            switch (v.type()) {
            case QJsonValue::String:
                row.insert(it.key().toUpper(), v.toString());
                break;
            case QJsonValue::Double:
                row.insert(it.key().toUpper(), OstendoAnswerParser::numberText(v.toDouble()));
                break;
            case QJsonValue::Bool:
                row.insert(it.key().toUpper(), v.toBool() ? QStringLiteral("1") : QStringLiteral("0"));
                break;
            case QJsonValue::Null:
            case QJsonValue::Undefined:
                break;
            default:
                answer.rows.clear();
                answer.message = QStringLiteral("The JSON row has a nested value in column %1.").arg(it.key());
                return answer;
            }
        }
        answer.rows.append(row);
    }
    answer.kind = OstendoAnswer::Kind::Rows;
    return answer;
}
} // namespace

QString OstendoAnswerParser::numberText(double value)
{
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
        return QString::number(static_cast<qint64>(value));
    }
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

OstendoAnswer OstendoAnswerParser::parse(const QByteArray &body)
{
    QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith("\xEF\xBB\xBF")) { // a UTF-8 byte order mark, as Windows services like to send
        trimmed = trimmed.mid(3).trimmed();
    }
    if (trimmed.isEmpty()) {
        OstendoAnswer answer;
        answer.kind = OstendoAnswer::Kind::Rows;
        return answer;
    }
    if (trimmed.startsWith('<')) {
        return parseXml(trimmed);
    }
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        return parseJson(trimmed);
    }
    OstendoAnswer answer;
    answer.message = QStringLiteral("The answer is neither JSON nor XML.");
    return answer;
}
