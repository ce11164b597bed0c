#include "PipedriveContractDump.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

QJsonObject PipedriveContractDump::fromRequestLog(const QList<PipedriveRequestLogEntry> &log, const QString &producer)
{
    QJsonArray exchanges;
    for (const PipedriveRequestLogEntry &e : log) {
        QJsonObject ex{{QStringLiteral("name"), e.operation},
                       {QStringLiteral("method"), QString::fromLatin1(e.method)},
                       {QStringLiteral("path"), e.path},
                       {QStringLiteral("query"), e.query},
                       {QStringLiteral("status"), e.status}};
        if (!e.body.isEmpty()) {
            // A body that is not a JSON object goes in as text, so the validator reports it rather than losing it.
            const QJsonDocument doc = QJsonDocument::fromJson(e.body);
            ex.insert(QStringLiteral("request_body"),
                      doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(QString::fromUtf8(e.body)));
        }
        if (e.status >= 200 && e.status < 300 && e.tokenCost > 0) {
            ex.insert(QStringLiteral("token_cost"), e.tokenCost);
        }
        exchanges.append(ex);
    }
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("turfdrive-contract-dump/1")},
                       {QStringLiteral("producer"), producer},
                       {QStringLiteral("exchanges"), exchanges}};
}

bool PipedriveContractDump::write(const QString &path, const QJsonObject &dump, QString *error)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(QJsonDocument(dump).toJson(QJsonDocument::Indented)) < 0) {
        if (error) {
            *error = out.errorString();
        }
        return false;
    }
    return true;
}
