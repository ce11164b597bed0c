#include "RemoteText.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {
bool isStorableValue(const QJsonValue &value);

bool isStorableObject(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!RemoteText::isStorable(it.key()) || !isStorableValue(it.value())) {
            return false;
        }
    }
    return true;
}

bool isStorableArray(const QJsonArray &array)
{
    for (const QJsonValue &v : array) {
        if (!isStorableValue(v)) {
            return false;
        }
    }
    return true;
}

bool isStorableValue(const QJsonValue &value)
{
    if (value.isString()) {
        return RemoteText::isStorable(value.toString());
    }
    if (value.isObject()) {
        return isStorableObject(value.toObject());
    }
    if (value.isArray()) {
        return isStorableArray(value.toArray());
    }
    return true;
}

QJsonValue storableValue(const QJsonValue &value)
{
    if (value.isString()) {
        return RemoteText::storable(value.toString());
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            out.insert(RemoteText::storable(it.key()), storableValue(it.value()));
        }
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray()) {
            out.append(storableValue(v));
        }
        return out;
    }
    return value;
}

bool isBadUnit(QChar c)
{
    return c.isSurrogate() || c.unicode() == 0xFFFE || c.unicode() == 0xFFFF;
}
} // namespace

bool RemoteText::isStorable(const QString &text)
{
    if (text.startsWith(QChar(0xFEFF))) {
        return false;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (isBadUnit(c)) {
            return false;
        }
    }
    return true;
}

QString RemoteText::storable(const QString &text)
{
    if (isStorable(text)) {
        return text;
    }
    qsizetype start = 0;
    while (start < text.size() && text.at(start).unicode() == 0xFEFF) {
        ++start;
    }
    QString out = text.mid(start);
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (c.isHighSurrogate() && i + 1 < out.size() && out.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (isBadUnit(c)) {
            out[i] = QChar(QChar::ReplacementCharacter);
        }
    }
    return out;
}

QJsonDocument RemoteText::parseJson(const QByteArray &json, QJsonParseError *error)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    qsizetype start = 0;
    while (json.mid(start, bom.size()) == bom) {
        start += bom.size();
    }
    const QJsonDocument doc = QJsonDocument::fromJson(start == 0 ? json : json.mid(start), error);
    if (doc.isObject() && !isStorableObject(doc.object())) {
        return QJsonDocument(storableValue(doc.object()).toObject());
    }
    if (doc.isArray() && !isStorableArray(doc.array())) {
        return QJsonDocument(storableValue(doc.array()).toArray());
    }
    return doc;
}
