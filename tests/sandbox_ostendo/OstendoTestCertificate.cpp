#include "OstendoTestCertificate.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

OstendoTestCertificate OstendoTestCertificate::make(const QString &dir)
{
    OstendoTestCertificate result;
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        result.problem = QStringLiteral("the openssl command is not installed");
        return result;
    }
    const QString keyPath = QDir(dir).filePath(QStringLiteral("key.pem"));
    const QString certPath = QDir(dir).filePath(QStringLiteral("cert.pem"));
    QProcess process;
    process.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                            QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                            QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                            QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        result.problem = QStringLiteral("openssl failed: ") + QString::fromLocal8Bit(process.readAllStandardError());
        return result;
    }
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        result.problem = QStringLiteral("the generated files could not be read");
        return result;
    }
    result.certificate = QSslCertificate(&certFile, QSsl::Pem);
    result.key = QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem);
    if (result.certificate.isNull() || result.key.isNull()) {
        result.problem = QStringLiteral("the generated certificate or key did not load");
    }
    return result;
}
