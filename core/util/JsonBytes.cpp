#include "JsonBytes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {
bool isStorableValue(const QJsonValue &value);

bool isStorableObject(const QJsonObject &object)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!JsonBytes::isStorableText(it.key()) || !isStorableValue(it.value())) {
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
        return JsonBytes::isStorableText(value.toString());
    }
    if (value.isObject()) {
        return isStorableObject(value.toObject());
    }
    if (value.isArray()) {
        return isStorableArray(value.toArray());
    }
    return true;
}

QJsonValue storable(const QJsonValue &value)
{
    if (value.isString()) {
        return JsonBytes::storableText(value.toString());
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            out.insert(JsonBytes::storableText(it.key()), storable(it.value()));
        }
        return out;
    }
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray()) {
            out.append(storable(v));
        }
        return out;
    }
    return value;
}

QJsonDocument storableDocument(const QJsonDocument &doc)
{
    if (doc.isObject()) {
        return isStorableObject(doc.object()) ? doc : QJsonDocument(storable(doc.object()).toObject());
    }
    if (doc.isArray()) {
        return isStorableArray(doc.array()) ? doc : QJsonDocument(storable(doc.array()).toArray());
    }
    return doc;
}
} // namespace

bool JsonBytes::isStorableText(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate() || c.unicode() == 0xFFFE || c.unicode() == 0xFFFF) {
            return false;
        }
    }
    return true;
}

QString JsonBytes::storableText(const QString &text)
{
    if (isStorableText(text)) {
        return text;
    }
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QChar c = out.at(i);
        if (c.isHighSurrogate() && i + 1 < out.size() && out.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate() || c.unicode() == 0xFFFE || c.unicode() == 0xFFFF) {
            out[i] = QChar(QChar::ReplacementCharacter);
        }
    }
    return out;
}

QJsonDocument JsonBytes::parse(const QByteArray &json, QJsonParseError *error)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    qsizetype start = 0;
    while (json.mid(start, bom.size()) == bom) {
        start += bom.size();
    }
    qsizetype at = json.indexOf(bom, start);
    if (at < 0) {
        return storableDocument(QJsonDocument::fromJson(start == 0 ? json : json.mid(start), error));
    }
    QByteArray body;
    body.reserve(json.size() + 8);
    qsizetype from = start;
    for (; at >= 0; at = json.indexOf(bom, from)) {
        body.append(json.constData() + from, at - from);
        // After an odd run of backslashes the mark would complete an (invalid) escape; left alone it stays invalid.
        qsizetype slashes = 0;
        while (at - slashes - 1 >= start && json.at(at - slashes - 1) == '\\') {
            ++slashes;
        }
        body.append(slashes % 2 == 0 ? QByteArrayView("\\ufeff") : QByteArrayView(bom));
        from = at + bom.size();
    }
    body.append(json.constData() + from, json.size() - from);
    return storableDocument(QJsonDocument::fromJson(body, error));
}
