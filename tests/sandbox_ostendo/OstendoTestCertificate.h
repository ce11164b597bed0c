// A throwaway self-signed certificate for 127.0.0.1, made with the openssl command, for serving a simulator over TLS.
#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

struct OstendoTestCertificate
{
    QSslCertificate certificate;
    QSslKey key;
    QString problem; // why none could be made (no openssl command, or it failed); empty on success

    // Writes the key and certificate into dir (a QTemporaryDir's path).
    static OstendoTestCertificate make(const QString &dir);
};
