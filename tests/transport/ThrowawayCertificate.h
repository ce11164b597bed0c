// A self-signed certificate for 127.0.0.1 made by the openssl command in a temporary folder, for TLS tests.
#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <optional>

struct ThrowawayCertificate
{
    QSslCertificate certificate;
    QSslKey key;
    QString sha256; // colon-separated upper-case hex, as shown to the user for pinning

    // nullopt when openssl is missing or fails: callers QSKIP with a one-line reason.
    static std::optional<ThrowawayCertificate> make(const QString &directory, const QString &name);
};
