// Settings' "Test connection": checks one system with the values as typed (not yet saved) on a thread of its own
// and answers in one sentence that says what works or what is wrong.
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QObject>
#include <QThread>
#include <QUrl>

class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    // What to test. An empty secret means the one saved in the keychain (or the environment).
    struct Request
    {
        QUrl baseUrl;
        QString secret; // Pipedrive API token or Ostendo API key; held in memory only
        int ostendoConfiguration = 0;
        QString ostendoTimeZone;  // IANA name; empty keeps the client's default
        QString ostendoPinSha256; // the certificate the user trusts, if any
        QByteArray policyJson;    // empty: the default policy
        int timeoutMs = 15000;
    };

    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;
    ConnectionTester(const ConnectionTester &) = delete;
    ConnectionTester &operator=(const ConnectionTester &) = delete;

    // Whether a test is still going on; a second request for a system being tested is ignored.
    bool isTesting(System system) const;

public slots:
    // Starts the test; connectionTested follows later, and certificateOffered first for an untrusted server.
    void test(System system, const ConnectionTester::Request &request);

signals:
    void connectionTested(System system, bool ok, const QString &sentence);
    void certificateOffered(const QString &sha256Hex);

private:
    void finish(System system, bool ok, const QString &sentence);

    QThread m_thread;
    QObject *m_worker; // lives on m_thread; the clients are created there, as the network manager must be
    bool m_testing[2] = {false, false};
};
