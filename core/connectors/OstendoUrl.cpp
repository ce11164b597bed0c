#include "OstendoUrl.h"

#include <QRegularExpression>

QString OstendoUrl::rawApiKey(const QString &key)
{
    static const QRegularExpression escaped(QStringLiteral("%[0-9A-Fa-f]{2}"));
    const QString trimmed = key.trimmed();
    if (trimmed.contains(escaped)) {
        return QUrl::fromPercentEncoding(trimmed.toUtf8());
    }
    return trimmed;
}

QUrl OstendoUrl::build(const OstendoConfig &config, const QString &resource, const Items &items,
                       OstendoConfig::Format format)
{
    Items all{{QStringLiteral("apikey"), rawApiKey(config.apiKey)},
              {QStringLiteral("configuration"), QString::number(config.configuration)},
              {QStringLiteral("format"),
               format == OstendoConfig::Format::Xml ? QStringLiteral("xml") : QStringLiteral("json")}};
    all += items;

    QByteArray query;
    for (const auto &item : std::as_const(all)) {
        if (!query.isEmpty()) {
            query += '&';
        }
        query += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
    }

    QUrl url = config.baseUrl;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/'))) {
        path += QLatin1Char('/');
    }
    url.setPath(path + resource);
    // StrictMode keeps the escapes exactly as written, so %2B, %2F and %3D in the key stay escaped.
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    return url;
}
