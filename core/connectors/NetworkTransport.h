// The real transport: QNetworkAccessManager, TLS verification on, optional certificate pinning by SHA-256.
#pragma once

#include "HttpTransport.h"

#include <QDateTime>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

class NetworkTransport : public HttpTransport
{
    Q_OBJECT
public:
    // Create it on the thread that will use it (the engine's worker thread): it owns its network manager.
    explicit NetworkTransport(QObject *parent = nullptr);

    // What a server presents, for the user to confirm before pinning it (setup shows it; nothing is trusted here).
    struct PeerCertificate
    {
        QString sha256;  // "AB:CD:…", the form setPinnedCertificateSha256 accepts and error messages show
        QString subject; // common name, or the whole subject
        QString issuer;
        QDateTime expiresUtc;
        bool trustedByCa = false; // verified against the system's CAs: no pin is needed
        QString error;            // set when no certificate could be read (refused, timeout, not TLS)
    };
    using PeerCertificateCallback = std::function<void(const PeerCertificate &)>;

    // Opens a TLS connection to the URL's host and port, reads the leaf certificate and closes again without
    // sending a request. done is called once, later, from the event loop.
    static void fetchPeerCertificate(const QUrl &url, int timeoutMs, PeerCertificateCallback done);

    // Trusts a server whose leaf certificate has exactly this SHA-256 fingerprint (hex, colons and case ignored),
    // even when self-signed. Every other TLS error still fails the request. Empty turns pinning off. With a pin,
    // a certificate that verifies against a CA but is not the pinned one is refused too.
    void setPinnedCertificateSha256(const QString &fingerprint);
    QString pinnedCertificateSha256() const { return QString::fromLatin1(m_pin.toHex()); }

    void send(const HttpRequest &request, Callback done) override;

    static QByteArray normaliseFingerprint(const QString &fingerprint);

private:
    QNetworkAccessManager *m_manager;
    QByteArray m_pin; // raw 32 bytes, or empty
};
