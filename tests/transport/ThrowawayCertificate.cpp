#include "ThrowawayCertificate.h"

#include <QCryptographicHash>
#include <QDebug>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

std::optional<ThrowawayCertificate> ThrowawayCertificate::make(const QString &directory, const QString &name)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        return std::nullopt;
    }
    const QString certPath = QDir(directory).filePath(name + QStringLiteral(".crt"));
    const QString keyPath = QDir(directory).filePath(name + QStringLiteral(".key"));
    QProcess p;
    p.start(openssl,
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
             QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
             QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
             QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << "openssl failed:" << p.readAllStandardError();
        return std::nullopt;
    }
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    ThrowawayCertificate c;
    c.certificate = QSslCertificate(certFile.readAll(), QSsl::Pem);
    c.key = QSslKey(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    if (c.certificate.isNull() || c.key.isNull()) {
        return std::nullopt;
    }
    c.sha256 = QString::fromLatin1(c.certificate.digest(QCryptographicHash::Sha256).toHex(':')).toUpper();
    return c;
}
