#include "NetworkTransport.h"

#include "util/Logging.h"
#include "util/SecretRedactor.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QTimer>

#include <cstring>

namespace {
HttpResponse::TransportError classify(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::NoError:
        return HttpResponse::TransportError::None;
    case QNetworkReply::TimeoutError:
        return HttpResponse::TransportError::Timeout;
    case QNetworkReply::OperationCanceledError:
        // setTransferTimeout aborts the reply with OperationCanceledError; an explicit cancel is reported by us.
        return HttpResponse::TransportError::Timeout;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolInvalidOperationError:
        return HttpResponse::TransportError::ConnectionReset;
    case QNetworkReply::ConnectionRefusedError:
        return HttpResponse::TransportError::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return HttpResponse::TransportError::HostNotFound;
    case QNetworkReply::SslHandshakeFailedError:
        return HttpResponse::TransportError::Tls;
    default:
        return HttpResponse::TransportError::Other;
    }
}

// The body of a POST or PATCH. Qt's HTTP layer silently sends a request again when the connection closes after it
// was sent and before the answer started; for a POST that can create a record twice (seen against the simulator:
// an insert applied, its answer lost, then applied again). Qt rewinds the body before such a resend, so a body
// that refuses to rewind once it was read to the end turns the resend into ContentReSendError, which is reported
// as a reset: the caller decides (reads retry, inserts become "unknown outcome" and are looked up first).
// Not a QBuffer on purpose: Qt reads a QBuffer's bytes directly and would rewind them itself.
class SendOnceBody : public QIODevice
{
public:
    explicit SendOnceBody(const QByteArray &data)
        : m_data(data)
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_data.size(); }
    bool seek(qint64 pos) override
    {
        if (m_consumed && pos < m_data.size()) {
            return false;
        }
        return QIODevice::seek(pos);
    }
    bool reset() override { return seek(0); }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 at = pos();
        const qint64 n = std::min(max, qint64(m_data.size()) - at);
        if (n <= 0) {
            m_consumed = true;
            return at >= m_data.size() ? -1 : 0;
        }
        std::memcpy(out, m_data.constData() + at, size_t(n));
        if (at + n >= m_data.size()) {
            m_consumed = true;
        }
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    bool m_consumed = false;
};

QString changedMessage(const QByteArray &actual)
{
    return NetworkTransport::tr("The server's certificate changed: its SHA-256 fingerprint is %1, not the pinned one. "
                                "The connection was refused.")
        .arg(QString::fromLatin1(actual.toHex(':')).toUpper());
}
} // namespace

NetworkTransport::NetworkTransport(QObject *parent)
    : HttpTransport(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QByteArray NetworkTransport::normaliseFingerprint(const QString &fingerprint)
{
    QString hex = fingerprint;
    hex.remove(QLatin1Char(':')).remove(QLatin1Char(' '));
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    return raw.size() == 32 ? raw : QByteArray();
}

void NetworkTransport::fetchPeerCertificate(const QUrl &url, int timeoutMs, PeerCertificateCallback done)
{
    auto *socket = new QSslSocket;
    auto *timer = new QTimer(socket);
    auto finished = std::make_shared<bool>(false);
    // Called once: reads what the handshake showed, then tears the socket down from the event loop.
    const auto finish = [socket, done, finished](bool trusted, const QString &error) {
        if (*finished) {
            return;
        }
        *finished = true;
        PeerCertificate result;
        const QSslCertificate leaf = socket->peerCertificate();
        if (leaf.isNull()) {
            result.error = error.isEmpty() ? tr("The server presented no certificate.") : error;
        } else {
            result.sha256 = QString::fromLatin1(leaf.digest(QCryptographicHash::Sha256).toHex(':')).toUpper();
            const QStringList cn = leaf.subjectInfo(QSslCertificate::CommonName);
            result.subject = cn.isEmpty() ? leaf.subjectDisplayName() : cn.join(QStringLiteral(", "));
            const QStringList issuer = leaf.issuerInfo(QSslCertificate::CommonName);
            result.issuer = issuer.isEmpty() ? leaf.issuerDisplayName() : issuer.join(QStringLiteral(", "));
            result.expiresUtc = leaf.expiryDate().toUTC();
            result.trustedByCa = trusted;
        }
        socket->abort();
        socket->deleteLater();
        QTimer::singleShot(0, [done, result]() { done(result); });
    };
    QObject::connect(socket, &QSslSocket::encrypted, socket, [finish]() { finish(true, QString()); });
    // The certificate is readable when verification fails; the errors are not ignored, the handshake just stops.
    QObject::connect(socket, &QSslSocket::sslErrors, socket, [finish](const QList<QSslError> &errors) {
        finish(false, errors.isEmpty() ? QString() : errors.first().errorString());
    });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket,
                     [finish, socket](QAbstractSocket::SocketError) { finish(false, socket->errorString()); });
    QObject::connect(timer, &QTimer::timeout, socket,
                     [finish]() { finish(false, tr("The server did not complete a TLS handshake in time.")); });
    timer->setSingleShot(true);
    timer->start(timeoutMs);
    socket->connectToHostEncrypted(url.host(), quint16(url.port(443)));
}

void NetworkTransport::setPinnedCertificateSha256(const QString &fingerprint)
{
    m_pin = normaliseFingerprint(fingerprint);
    // A kept-alive connection was accepted under the old pin; the next request must shake hands again.
    m_manager->clearConnectionCache();
}

void NetworkTransport::send(const HttpRequest &request, Callback done)
{
    countRequest();
    QNetworkRequest nr(request.url);
    for (const auto &h : request.headers) {
        nr.setRawHeader(h.first, h.second);
    }
    nr.setTransferTimeout(request.timeoutMs);
    nr.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // HTTP/1.1 only: pinning, the no-resend body and truncation detection are what the tests exercise, and Qt's
    // HTTP/2 path handles lost connections and resends differently. Both services speak HTTP/1.1.
    nr.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    QNetworkReply *reply = nullptr;
    if ((request.method == "POST" || request.method == "PATCH") && !request.body.isEmpty()) {
        auto *body = new SendOnceBody(request.body);
        reply = m_manager->sendCustomRequest(nr, request.method, body);
        body->setParent(reply);
    } else {
        reply = m_manager->sendCustomRequest(nr, request.method, request.body);
    }
    auto tooLarge = std::make_shared<bool>(false);
    auto pinFailed = std::make_shared<QString>();
    const qint64 cap = request.maxReplyBytes;

    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, tooLarge, cap](qint64 received, qint64 total) {
        if ((received > cap || total > cap) && !*tooLarge) {
            *tooLarge = true;
            reply->abort();
        }
    });

    // Pinning: only the one certificate the user confirmed is accepted in place of a CA signature. Any error on
    // any other certificate, or a different leaf, fails the request with a message that says so.
    connect(reply, &QNetworkReply::sslErrors, reply, [this, reply, pinFailed](const QList<QSslError> &errors) {
        if (m_pin.isEmpty()) {
            *pinFailed = tr("The server's certificate is not trusted (%1). If this server uses a self-signed "
                            "certificate, pin its SHA-256 fingerprint in the settings.")
                             .arg(errors.isEmpty() ? QString() : errors.first().errorString());
            return;
        }
        const QSslCertificate leaf = reply->sslConfiguration().peerCertificate();
        const QByteArray actual = leaf.digest(QCryptographicHash::Sha256);
        if (actual != m_pin) {
            *pinFailed = changedMessage(actual);
            return;
        }
        QList<QSslError> expected;
        for (const QSslError &e : errors) {
            if (e.certificate() == leaf) {
                expected << e;
            }
        }
        if (expected.size() == errors.size()) {
            reply->ignoreSslErrors(expected);
        } else {
            *pinFailed = tr("The server's certificate chain has problems beyond the pinned certificate.");
        }
    });

    // A certificate that passes CA verification is still not the pinned one: with a pin, nothing else is accepted.
    connect(reply, &QNetworkReply::encrypted, reply, [this, reply, pinFailed]() {
        if (m_pin.isEmpty() || !pinFailed->isEmpty()) {
            return;
        }
        const QByteArray actual = reply->sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256);
        if (actual != m_pin) {
            *pinFailed = changedMessage(actual);
            reply->abort();
        }
    });

    connect(reply, &QNetworkReply::finished, this, [reply, done, tooLarge, pinFailed]() {
        HttpResponse r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto &pair : reply->rawHeaderPairs()) {
            r.headers.append(pair);
        }
        r.body = reply->isOpen() ? reply->readAll() : QByteArray(); // an aborted reply is closed
        const QNetworkReply::NetworkError e = reply->error();
        if (*tooLarge) {
            r.error = HttpResponse::TransportError::TooLarge;
            r.errorString = QObject::tr("The answer was larger than allowed and was cut off.");
        } else if (!pinFailed->isEmpty()) {
            r.error = HttpResponse::TransportError::Tls;
            r.errorString = *pinFailed;
        } else if (e == QNetworkReply::ContentReSendError) {
            r = HttpResponse{};
            r.error = HttpResponse::TransportError::ConnectionReset;
            r.errorString = QObject::tr("The connection closed after the request was sent and before any answer; "
                                        "it was not sent again.");
        } else if (r.status == 0 && e != QNetworkReply::NoError) {
            r.error = classify(e);
            r.errorString = SecretRedactor::instance().redact(reply->errorString());
        } else if (r.status != 0 && e != QNetworkReply::NoError && classify(e) != HttpResponse::TransportError::Other &&
                   r.body.size() < reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()) {
            // A head arrived but the body was cut short: by the timeout, or by the connection closing.
            if (classify(e) == HttpResponse::TransportError::Timeout) {
                r.error = HttpResponse::TransportError::Timeout;
                r.errorString = QObject::tr("The server did not finish its answer in time.");
            } else {
                r.error = HttpResponse::TransportError::ConnectionReset;
                r.errorString = QObject::tr("The connection closed before the whole answer arrived.");
            }
        }
        reply->deleteLater();
        done(r);
    });
}
