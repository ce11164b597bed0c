#include "JsonBytes.h"

QJsonDocument JsonBytes::parse(const QByteArray &json, QJsonParseError *error)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    qsizetype start = 0;
    while (json.mid(start, bom.size()) == bom) {
        start += bom.size();
    }
    qsizetype at = json.indexOf(bom, start);
    if (at < 0) {
        return QJsonDocument::fromJson(start == 0 ? json : json.mid(start), error);
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
    return QJsonDocument::fromJson(body, error);
}
