// The real transport: QNetworkAccessManager, TLS verification on, optional certificate pinning by SHA-256.
#pragma once

#include "HttpTransport.h"

class QNetworkAccessManager;
class QNetworkReply;

class NetworkTransport : public HttpTransport
{
    Q_OBJECT
public:
    // Create it on the thread that will use it (the engine's worker thread): it owns its network manager.
    explicit NetworkTransport(QObject *parent = nullptr);

    // Trusts a server whose leaf certificate has exactly this SHA-256 fingerprint (hex, colons and case ignored),
    // even when self-signed. Every other TLS error still fails the request. Empty turns pinning off.
    void setPinnedCertificateSha256(const QString &fingerprint);
    QString pinnedCertificateSha256() const { return QString::fromLatin1(m_pin.toHex()); }

    void send(const HttpRequest &request, Callback done) override;

    static QByteArray normaliseFingerprint(const QString &fingerprint);

private:
    QNetworkAccessManager *m_manager;
    QByteArray m_pin; // raw 32 bytes, or empty
};
