// The Ostendo client against the Ostendo simulator, each case three ways: in process (SandboxBridge), over real
// loopback HTTP, and over loopback HTTPS with the simulator's throwaway certificate pinned.
#include "ThrowawayCertificate.h"
#include "bridge/SandboxBridge.h"
#include "common/SimHttpServer.h"
#include "connectors/InProcessTransport.h"
#include "connectors/NetworkTransport.h"
#include "connectors/OstendoClient.h"
#include "ostendo/OstendoSimulator.h"
#include "util/Clock.h"
#include "util/SecretRedactor.h"

#include "TestSupport.h"
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSslSocket>
#include <QTest>
#include <QThread>
#include <atomic>

namespace {
// Base64-like with the characters that need encoding, as real Ostendo keys have.
const QString ApiKey = QStringLiteral("q8Zr+Tn/Kx0eYw9LmB3v+PaQ==");
const int Configuration = 1;
const QByteArray Zone("Pacific/Auckland");

enum class Mode
{
    InProcess,
    Http,
    HttpsPinned
};

QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;
void captureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines << message;
    if (g_previousHandler) {
        g_previousHandler(type, context, message);
    }
}

// One simulator, one way to reach it, one client.
struct Rig
{
    OstendoSimulator sim;
    std::unique_ptr<SimHttpServer> server;
    std::unique_ptr<HttpTransport> transport;
    std::unique_ptr<OstendoClient> client;
    OstendoConfig config;
};
} // namespace

Q_DECLARE_METATYPE(Mode)
Q_DECLARE_METATYPE(ConnectorError::Kind)

class TestOstendoIntegration : public QObject
{
    Q_OBJECT

    TestSupport::ScratchDir m_dir;
    std::optional<ThrowawayCertificate> m_cert;
    std::optional<ThrowawayCertificate> m_otherCert;
    bool m_tlsUsable = false;

    // Builds the rig; the client is made by start() so a test can adjust config and simulator first.
    std::unique_ptr<Rig> makeRig(Mode mode)
    {
        auto rig = std::make_unique<Rig>();
        rig->sim.enableConfiguration(Configuration);
        OstendoApiKey key;
        key.key = ApiKey;
        key.label = QStringLiteral("turfdrive-test");
        key.sqlAllowed = true;
        rig->sim.addKey(key);
        rig->sim.clock().setTimeZone(Zone);
        rig->sim.clock().setNow(QDateTime(QDate(2024, 5, 3), QTime(2, 41, 7), Qt::UTC));

        rig->config.apiKey = ApiKey;
        rig->config.configuration = Configuration;
        rig->config.serverTimeZone = QTimeZone(Zone);
        rig->config.pageSize = 3;
        rig->config.readTimeoutMs = 5000;
        rig->config.writeTimeoutMs = 5000;
        switch (mode) {
        case Mode::InProcess:
            rig->config.baseUrl = QUrl(QStringLiteral("http://ostendo.sandbox:235"));
            rig->transport = std::make_unique<InProcessTransport>(SandboxBridge::handlerFor(&rig->sim));
            break;
        case Mode::Http:
        case Mode::HttpsPinned: {
            rig->server = std::make_unique<SimHttpServer>(&rig->sim);
            auto network = std::make_unique<NetworkTransport>();
            if (mode == Mode::HttpsPinned) {
                rig->server->sslSetup(m_cert->certificate, m_cert->key);
                network->setPinnedCertificateSha256(m_cert->sha256);
            }
            const quint16 port = rig->server->listenOnLoopback();
            if (port == 0) {
                qFatal("could not listen on loopback");
            }
            rig->config.baseUrl =
                QUrl(QStringLiteral("%1://127.0.0.1:%2")
                         .arg(mode == Mode::HttpsPinned ? QStringLiteral("https") : QStringLiteral("http"))
                         .arg(port));
            rig->transport = std::move(network);
            break;
        }
        }
        return rig;
    }

    static void start(Rig &rig, const OstendoMapping &mapping = {})
    {
        rig.client = std::make_unique<OstendoClient>(rig.transport.get(), rig.config, mapping);
        RetryPolicy fast;
        fast.baseDelayMs = 0;
        fast.maxAttempts = 3;
        rig.client->setRetryPolicy(fast);
    }

    static void addModes() { QTest::addColumn<Mode>("mode"); }

    void newRows(const char *name, const std::function<void(QTestData &)> &fill)
    {
        const std::pair<Mode, const char *> modes[] = {
            {Mode::InProcess, "in-process"}, {Mode::Http, "http"}, {Mode::HttpsPinned, "https-pinned"}};
        for (const auto &[mode, label] : modes) {
            QTestData &row = QTest::addRow("%s, %s", label, name) << mode;
            fill(row);
        }
    }

    bool skipUnusable(Mode mode) { return mode == Mode::HttpsPinned && !m_tlsUsable; }

    template <typename Result, typename Start> static Result await(Start start)
    {
        std::optional<Result> result;
        start([&result](const Result &r) { result = r; });
        if (!QTest::qWaitFor([&result]() { return result.has_value(); }, 20000)) {
            qFatal("the client never called back");
        }
        return *result;
    }

    static std::pair<QString, ConnectorError> insert(OstendoClient &client, const OstendoCustomer &customer)
    {
        std::optional<std::pair<QString, ConnectorError>> out;
        client.insertCustomer(customer, [&out](const QString &key, const ConnectorError &e) {
            out = std::pair{key, e};
        });
        if (!QTest::qWaitFor([&out]() { return out.has_value(); }, 20000)) {
            qFatal("the client never called back");
        }
        return *out;
    }

    static ConnectorError write(const std::function<void(OstendoClient::WriteDone)> &start)
    {
        std::optional<ConnectorError> out;
        start([&out](const ConnectorError &e) { out = e; });
        if (!QTest::qWaitFor([&out]() { return out.has_value(); }, 20000)) {
            qFatal("the client never called back");
        }
        return *out;
    }

    static qint64 addCustomer(Rig &rig, const QString &name, const QVariantMap &extra = {})
    {
        QVariantMap values{{QStringLiteral("CUSTOMER"), name},
                           {QStringLiteral("CUSTOMERSTATUS"), QStringLiteral("Active")}};
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            values.insert(it.key(), it.value());
        }
        QString error;
        const qint64 id =
            rig.sim.insertRow(Configuration, QStringLiteral("CUSTOMERMASTER"), values, QStringLiteral("ADMIN"), &error);
        if (id == 0) {
            qWarning() << "simulator refused a customer:" << error;
        }
        return id;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(QStringLiteral("turfdrive.*=true"));
        g_previousHandler = qInstallMessageHandler(captureHandler);
        if (QSslSocket::supportsSsl()) {
            m_cert = ThrowawayCertificate::make(m_dir.path(), QStringLiteral("served"));
            m_otherCert = ThrowawayCertificate::make(m_dir.path(), QStringLiteral("other"));
            m_tlsUsable = m_cert && m_otherCert;
        }
        if (!m_tlsUsable) {
            qWarning("HTTPS cases skipped: no TLS backend or openssl could not make a certificate");
        }
    }

    void readsEveryPageUntilAShortPage_data()
    {
        addModes();
        QTest::addColumn<int>("customers");
        QTest::addColumn<int>("expectedPages");
        newRows("none", [](QTestData &r) { r << 0 << 1; });
        newRows("short", [](QTestData &r) { r << 2 << 1; });
        newRows("exact multiple", [](QTestData &r) { r << 6 << 3; });
        newRows("several", [](QTestData &r) { r << 8 << 3; });
    }

    void readsEveryPageUntilAShortPage()
    {
        QFETCH(Mode, mode);
        QFETCH(int, customers);
        QFETCH(int, expectedPages);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        QSet<QString> expected;
        for (int i = 0; i < customers; ++i) {
            const qint64 id = addCustomer(*rig, QStringLiteral("Customer %1").arg(i));
            QVERIFY(id > 0);
            expected.insert(QString::number(id));
            rig->sim.clock().advance(1);
        }
        start(*rig);
        const auto all =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QVERIFY2(!all.error.isError(), qPrintable(all.error.message));
        QCOMPARE(all.pages, expectedPages);
        QSet<QString> got;
        for (const OstendoCustomer &c : all.records) {
            got.insert(c.key);
        }
        QCOMPARE(got, expected);
        QCOMPARE(all.records.size(), customers); // no duplicates

        const auto keys = await<OstendoReadResult<QString>>([&rig](auto done) { rig->client->readCustomerKeys(done); });
        QVERIFY(!keys.error.isError());
        QCOMPARE(QSet<QString>(keys.records.begin(), keys.records.end()), expected);

        const auto incremental = await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) {
            rig->client->readCustomersModifiedSince(QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC), done);
        });
        QVERIFY(!incremental.error.isError());
        QCOMPARE(incremental.records.size(), customers);
        for (int i = 1; i < incremental.records.size(); ++i) {
            QVERIFY(incremental.records.at(i - 1).modifiedUtc <= incremental.records.at(i).modifiedUtc);
        }
    }

    // The watermark is the newest modification time read last run. An edit stamped in the same second, or a
    // little earlier (a transaction that committed late), must still be read; the overlap is what catches the
    // latter, and without it that edit is missed — which is why the overlap exists.
    void overlapWindowCatchesLateAndSameSecondEdits_data()
    {
        addModes();
        QTest::addColumn<int>("editSecondsBeforeWatermark");
        QTest::addColumn<int>("overlapSeconds");
        QTest::addColumn<bool>("found");
        newRows("same second, no overlap", [](QTestData &r) { r << 0 << 0 << true; });
        newRows("same second, overlap", [](QTestData &r) { r << 0 << 120 << true; });
        newRows("60 s late, overlap 120", [](QTestData &r) { r << 60 << 120 << true; });
        newRows("60 s late, no overlap", [](QTestData &r) { r << 60 << 0 << false; });
        newRows("200 s late, overlap 120", [](QTestData &r) { r << 200 << 120 << false; });
    }

    void overlapWindowCatchesLateAndSameSecondEdits()
    {
        QFETCH(Mode, mode);
        QFETCH(int, editSecondsBeforeWatermark);
        QFETCH(int, overlapSeconds);
        QFETCH(bool, found);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        rig->config.overlapSeconds = overlapSeconds;
        const qint64 other = addCustomer(*rig, QStringLiteral("Other"));
        rig->sim.clock().advance(600);
        const qint64 first = addCustomer(*rig, QStringLiteral("First"));
        QVERIFY(other > 0 && first > 0);
        start(*rig);

        const auto run1 = await<OstendoReadResult<OstendoCustomer>>(
            [&rig](auto done) { rig->client->readCustomersModifiedSince(QDateTime(), done); });
        QVERIFY(!run1.error.isError());
        QDateTime watermark;
        for (const OstendoCustomer &c : run1.records) {
            watermark = std::max(watermark, c.modifiedUtc);
        }
        QVERIFY(watermark.isValid());

        // The late edit to "Other", stamped at watermark - N seconds by the server's clock.
        rig->sim.clock().advance(-editSecondsBeforeWatermark);
        QVERIFY(rig->sim.editRow(Configuration, QStringLiteral("CUSTOMERMASTER"), other,
                                 {{QStringLiteral("CUSTOMERPHONE"), QStringLiteral("09 555 0199")}}));

        // TurfDrive's clock agrees with the server's (no clock change since the watermark to widen the window).
        ManualClock clock(rig->sim.clock().nowUtc());
        Clock::setCurrent(&clock);
        auto restore = qScopeGuard([]() { Clock::setCurrent(nullptr); });
        const auto run2 = await<OstendoReadResult<OstendoCustomer>>(
            [&rig, watermark](auto done) { rig->client->readCustomersModifiedSince(watermark, done); });
        QVERIFY(!run2.error.isError());
        bool sawEdit = false;
        for (const OstendoCustomer &c : run2.records) {
            if (c.key == QString::number(other)) {
                sawEdit = true;
                QCOMPARE(c.phone, QStringLiteral("09 555 0199"));
            }
        }
        QCOMPARE(sawEdit, found);
        // The record the watermark came from is read again (>=), and duplicates within one read are folded.
        QSet<QString> keys;
        for (const OstendoCustomer &c : run2.records) {
            QVERIFY(!keys.contains(c.key));
            keys.insert(c.key);
        }
        QVERIFY(keys.contains(QString::number(first)));
    }

    void bothFormatsAndEveryDateForm_data()
    {
        addModes();
        QTest::addColumn<OstendoConfig::Format>("format");
        QTest::addColumn<bool>("localeDatesInJson");
        newRows("json, ISO dates", [](QTestData &r) { r << OstendoConfig::Format::Json << false; });
        newRows("json, locale dates", [](QTestData &r) { r << OstendoConfig::Format::Json << true; });
        newRows("xml, locale dates", [](QTestData &r) { r << OstendoConfig::Format::Xml << false; });
    }

    void bothFormatsAndEveryDateForm()
    {
        QFETCH(Mode, mode);
        QFETCH(OstendoConfig::Format, format);
        QFETCH(bool, localeDatesInJson);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        rig->config.format = format;
        rig->sim.formatter().setJsonDates(localeDatesInJson ? OstendoFormatter::JsonDates::Locale
                                                            : OstendoFormatter::JsonDates::Iso);
        // 3:43:27 p.m. NZ daylight time on 19 January 2018 is 02:43:27 UTC.
        rig->sim.clock().setNow(QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC));
        const qint64 id =
            addCustomer(*rig, QStringLiteral("O'Brien Turf & Garden"),
                        {{QStringLiteral("CUSTOMERNOTES"), QStringLiteral("'; DROP TABLE CUSTOMERMASTER; --")},
                         {QStringLiteral("CUSTOMERPHONE"), QStringLiteral("09 555 0100")},
                         {QStringLiteral("DELIVERYCITY"), QStringLiteral("Tauranga")},
                         {QStringLiteral("ADDITIONALFIELD_1"), QStringLiteral("48213")}});
        QVERIFY(id > 0);
        QString error;
        const qint64 jobId = rig->sim.insertRow(Configuration, QStringLiteral("JOBHEADER"),
                                                {{QStringLiteral("ORDERNUMBER"), QStringLiteral("PD77")},
                                                 {QStringLiteral("ORDERSTATUS"), QStringLiteral("Quoted")},
                                                 {QStringLiteral("CUSTOMER"), QStringLiteral("O'Brien Turf & Garden")},
                                                 {QStringLiteral("REQUIREDDATE"), QDate(2018, 2, 28)},
                                                 {QStringLiteral("ORDERVALUE"), 12216073.73},
                                                 {QStringLiteral("ADDITIONALFIELD_1"), QStringLiteral("77")}},
                                                QStringLiteral("ADMIN"), &error);
        QVERIFY2(jobId > 0, qPrintable(error));
        start(*rig);

        const auto customers =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QVERIFY2(!customers.error.isError(), qPrintable(customers.error.message));
        QVERIFY(customers.recordErrors.isEmpty());
        QCOMPARE(customers.records.size(), 1);
        const OstendoCustomer &c = customers.records.first();
        QCOMPARE(c.key, QString::number(id));
        QCOMPARE(c.name, QStringLiteral("O'Brien Turf & Garden"));
        QCOMPARE(c.notes, QStringLiteral("'; DROP TABLE CUSTOMERMASTER; --"));
        QCOMPARE(c.phone, QStringLiteral("09 555 0100"));
        QCOMPARE(c.city, QStringLiteral("Tauranga"));
        QVERIFY(c.email.isEmpty());
        QCOMPARE(c.pipedriveId, QStringLiteral("48213"));
        QCOMPARE(c.modifiedUtc, QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC));
        QCOMPARE(c.createdUtc, QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC));

        const auto jobs = await<OstendoReadResult<OstendoJob>>([&rig](auto done) { rig->client->readAllJobs(done); });
        QVERIFY2(!jobs.error.isError(), qPrintable(jobs.error.message));
        QVERIFY(jobs.recordErrors.isEmpty());
        QCOMPARE(jobs.records.size(), 1);
        const OstendoJob &j = jobs.records.first();
        QCOMPARE(j.key, QString::number(jobId));
        QCOMPARE(j.orderNumber, QStringLiteral("PD77"));
        QCOMPARE(j.requiredDate, QDate(2018, 2, 28));
        QCOMPARE(j.value.toDouble(), 12216073.73);
        QCOMPARE(j.pipedriveId, QStringLiteral("77"));
        QCOMPARE(j.modifiedUtc, QDateTime(QDate(2018, 1, 19), QTime(2, 43, 27), Qt::UTC));
    }

    void quotedValuesRoundTripAsPlainData_data()
    {
        addModes();
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("notes");
        newRows("O'Brien", [](QTestData &r) {
            r << QStringLiteral("O'Brien Turf & Garden") << QStringLiteral("Gate code 1234; ring first");
        });
        newRows("drop table note", [](QTestData &r) {
            r << QStringLiteral("Bobby Tables Lawns") << QStringLiteral("'; DROP TABLE CUSTOMERMASTER; --");
        });
        newRows("quotes and markup", [](QTestData &r) {
            r << QStringLiteral("Kiri's \"Best\" <Mowing>") << QStringLiteral("50% off & 'free' edging\nline two");
        });
    }

    void quotedValuesRoundTripAsPlainData()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, name);
        QFETCH(QString, notes);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        const qint64 bystander = addCustomer(*rig, QStringLiteral("Bystander Ltd"));
        QVERIFY(bystander > 0);
        start(*rig);
        OstendoCustomer c;
        c.name = name;
        c.notes = notes;
        c.email = QStringLiteral("office@example.nz");
        c.pipedriveId = QStringLiteral("9001");
        const auto [key, error] = insert(*rig->client, c);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QVERIFY(!key.isEmpty());

        // Stored exactly, nothing else touched.
        const QVariantMap stored = rig->sim.row(Configuration, QStringLiteral("CUSTOMERMASTER"), key.toLongLong());
        QCOMPARE(stored.value(QStringLiteral("CUSTOMER")).toString(), name);
        QCOMPARE(stored.value(QStringLiteral("CUSTOMERNOTES")).toString(), notes);
        QCOMPARE(stored.value(QStringLiteral("ADDITIONALFIELD_1")).toString(), QStringLiteral("9001"));
        QCOMPARE(rig->sim.rowCount(Configuration, QStringLiteral("CUSTOMERMASTER")), 2);

        // Found again by the quoted name through a condition, and read back through SQL.
        const auto byName = await<OstendoReadResult<OstendoCustomer>>(
            [&rig, name](auto done) { rig->client->findCustomersByName(name, done); });
        QVERIFY2(!byName.error.isError(), qPrintable(byName.error.message));
        QCOMPARE(byName.records.size(), 1);
        QCOMPARE(byName.records.first().key, key);
        QCOMPARE(byName.records.first().notes, notes);
        const auto all =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QVERIFY(!all.error.isError());
        QCOMPARE(all.records.size(), 2);
    }

    void writesUpdateByKey_data()
    {
        addModes();
        newRows("customer and job", [](QTestData &) {});
    }

    void writesUpdateByKey()
    {
        QFETCH(Mode, mode);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        const qint64 id = addCustomer(*rig, QStringLiteral("Acme Plumbing Ltd"),
                                      {{QStringLiteral("CUSTOMERPHONE"), QStringLiteral("09 555 0100")}});
        QVERIFY(id > 0);
        start(*rig);
        const QString key = QString::number(id);

        OstendoCustomer values;
        values.email = QStringLiteral("accounts@acme.nz");
        values.address1 = QStringLiteral("12 Harbour St");
        values.city = QStringLiteral("Nelson");
        ConnectorError e = write([&](auto done) {
            rig->client->updateCustomer(key, values, OstendoCustomer::Email | OstendoCustomer::Address, done);
        });
        QVERIFY2(!e.isError(), qPrintable(e.message));
        e = write([&](auto done) { rig->client->setCustomerPipedriveId(key, 48213, done); });
        QVERIFY2(!e.isError(), qPrintable(e.message));
        e = write([&](auto done) { rig->client->markCustomerInactive(key, done); });
        QVERIFY2(!e.isError(), qPrintable(e.message));

        const QVariantMap row = rig->sim.row(Configuration, QStringLiteral("CUSTOMERMASTER"), id);
        QCOMPARE(row.value(QStringLiteral("CUSTOMERPHONE")).toString(), QStringLiteral("09 555 0100")); // untouched
        QCOMPARE(row.value(QStringLiteral("CUSTOMEREMAIL")).toString(), QStringLiteral("accounts@acme.nz"));
        QCOMPARE(row.value(QStringLiteral("DELIVERYADDRESS1")).toString(), QStringLiteral("12 Harbour St"));
        QCOMPARE(row.value(QStringLiteral("DELIVERYCITY")).toString(), QStringLiteral("Nelson"));
        QCOMPARE(row.value(QStringLiteral("ADDITIONALFIELD_1")).toString(), QStringLiteral("48213"));
        QCOMPARE(row.value(QStringLiteral("CUSTOMERSTATUS")).toString(), QStringLiteral("Inactive"));
        QCOMPARE(rig->sim.rowCount(Configuration, QStringLiteral("CUSTOMERMASTER")), 1);

        OstendoJob job;
        job.orderNumber = QStringLiteral("PD501");
        job.status = QStringLiteral("Quoted");
        job.customerName = QStringLiteral("Acme Plumbing Ltd");
        job.description = QStringLiteral("Irrigation for 'Acme' depot");
        job.requiredDate = QDate(2024, 7, 1);
        job.value = QStringLiteral("1250.5");
        job.pipedriveId = QStringLiteral("501");
        job.stageName = QStringLiteral("Proposal Made");
        std::optional<std::pair<QString, ConnectorError>> inserted;
        rig->client->insertJob(job, [&inserted](const QString &k, const ConnectorError &err) {
            inserted = std::pair{k, err};
        });
        QTRY_VERIFY_WITH_TIMEOUT(inserted.has_value(), 20000);
        QVERIFY2(!inserted->second.isError(), qPrintable(inserted->second.message));
        const qint64 jobId = inserted->first.toLongLong();
        QVERIFY(jobId > 0);
        OstendoJob change;
        change.status = QStringLiteral("Approved");
        e = write([&](auto done) { rig->client->updateJob(inserted->first, change, OstendoJob::Status, done); });
        QVERIFY2(!e.isError(), qPrintable(e.message));
        const QVariantMap jobRow = rig->sim.row(Configuration, QStringLiteral("JOBHEADER"), jobId);
        QCOMPARE(jobRow.value(QStringLiteral("ORDERSTATUS")).toString(), QStringLiteral("Approved"));
        QCOMPARE(jobRow.value(QStringLiteral("ORDERNUMBER")).toString(), QStringLiteral("PD501"));
        QCOMPARE(jobRow.value(QStringLiteral("DESCRIPTION")).toString(), QStringLiteral("Irrigation for 'Acme' depot"));
        QCOMPARE(jobRow.value(QStringLiteral("ADDITIONALFIELD_2")).toString(), QStringLiteral("Proposal Made"));
        QCOMPARE(jobRow.value(QStringLiteral("ADDITIONALFIELD_1")).toString(), QStringLiteral("501"));
        QCOMPARE(jobRow.value(QStringLiteral("REQUIREDDATE")).toString(), QStringLiteral("2024-07-01"));
    }

    void demoDataReadsCleanly_data()
    {
        addModes();
        QTest::addColumn<OstendoConfig::Format>("format");
        QTest::addColumn<bool>("localeDatesInJson");
        QTest::addColumn<bool>("integralWithFraction");
        newRows("json, ISO dates", [](QTestData &r) { r << OstendoConfig::Format::Json << false << false; });
        newRows("json, locale dates", [](QTestData &r) { r << OstendoConfig::Format::Json << true << false; });
        newRows("json, ids as 48213.0", [](QTestData &r) { r << OstendoConfig::Format::Json << false << true; });
        newRows("xml", [](QTestData &r) { r << OstendoConfig::Format::Xml << false << false; });
    }

    // The simulator's realistic demo data (names with apostrophes, empty columns, every status) reads without a
    // single record error, and every value matches what the simulator stored.
    void demoDataReadsCleanly()
    {
        QFETCH(Mode, mode);
        QFETCH(OstendoConfig::Format, format);
        QFETCH(bool, localeDatesInJson);
        QFETCH(bool, integralWithFraction);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        rig->sim.seedDemo(7, 30, 45, Configuration);
        rig->sim.formatter().setIntegralDoublesWithFraction(integralWithFraction);
        rig->config.format = format;
        rig->config.pageSize = 10;
        rig->sim.formatter().setJsonDates(localeDatesInJson ? OstendoFormatter::JsonDates::Locale
                                                            : OstendoFormatter::JsonDates::Iso);
        start(*rig);
        const QTimeZone zone(Zone);

        const auto customers =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QVERIFY2(!customers.error.isError(), qPrintable(customers.error.message));
        QVERIFY(customers.recordErrors.isEmpty());
        QCOMPARE(customers.records.size(), rig->sim.rowCount(Configuration, QStringLiteral("CUSTOMERMASTER")));
        QVERIFY(customers.records.size() >= 30);
        for (const OstendoCustomer &c : customers.records) {
            QVERIFY2(!c.key.contains(QLatin1Char('.')), qPrintable(c.key)); // "48213", never "48213.0"
            const QVariantMap row = rig->sim.row(Configuration, QStringLiteral("CUSTOMERMASTER"), c.key.toLongLong());
            QCOMPARE(c.name, row.value(QStringLiteral("CUSTOMER")).toString());
            QCOMPARE(c.email, row.value(QStringLiteral("CUSTOMEREMAIL")).toString());
            QCOMPARE(c.status, row.value(QStringLiteral("CUSTOMERSTATUS")).toString());
            QCOMPARE(c.notes, row.value(QStringLiteral("CUSTOMERNOTES")).toString());
            const QDateTime stored =
                QDateTime(QDateTime::fromString(row.value(QStringLiteral("SYSDATEMODIFIED")).toString(),
                                                QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                              .date(),
                          QDateTime::fromString(row.value(QStringLiteral("SYSDATEMODIFIED")).toString(),
                                                QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                              .time(),
                          zone);
            QCOMPARE(c.modifiedUtc, stored.toUTC());
        }

        const auto jobs = await<OstendoReadResult<OstendoJob>>([&rig](auto done) { rig->client->readAllJobs(done); });
        QVERIFY2(!jobs.error.isError(), qPrintable(jobs.error.message));
        QVERIFY(jobs.recordErrors.isEmpty());
        QCOMPARE(jobs.records.size(), rig->sim.rowCount(Configuration, QStringLiteral("JOBHEADER")));
        for (const OstendoJob &j : jobs.records) {
            const QVariantMap row = rig->sim.row(Configuration, QStringLiteral("JOBHEADER"), j.key.toLongLong());
            QCOMPARE(j.orderNumber, row.value(QStringLiteral("ORDERNUMBER")).toString());
            QCOMPARE(j.status, row.value(QStringLiteral("ORDERSTATUS")).toString());
            QCOMPARE(j.customerName, row.value(QStringLiteral("CUSTOMER")).toString());
            const QString required = row.value(QStringLiteral("REQUIREDDATE")).toString();
            QCOMPARE(j.requiredDate, QDate::fromString(required.left(10), Qt::ISODate));
            if (!row.value(QStringLiteral("ORDERVALUE")).isNull()) {
                QCOMPARE(j.value.toDouble(), row.value(QStringLiteral("ORDERVALUE")).toDouble());
            }
        }
    }

    // A rename writes CUSTOMER, then the CUSTOMER column of that customer's jobs, found by the old (quoted) name.
    void renameReachesTheCustomersJobs_data()
    {
        addModes();
        newRows("O'Brien", [](QTestData &) {});
    }

    void renameReachesTheCustomersJobs()
    {
        QFETCH(Mode, mode);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        const QString oldName = QStringLiteral("O'Brien Turf & Garden");
        const QString newName = QStringLiteral("O'Brien & Daughters Turf");
        const qint64 id = addCustomer(*rig, oldName);
        QVERIFY(id > 0);
        QList<qint64> ours;
        for (const QString &order : {QStringLiteral("J1"), QStringLiteral("J2")}) {
            ours << rig->sim.insertRow(Configuration, QStringLiteral("JOBHEADER"),
                                       {{QStringLiteral("ORDERNUMBER"), order}, {QStringLiteral("CUSTOMER"), oldName}});
        }
        const qint64 theirs = rig->sim.insertRow(Configuration, QStringLiteral("JOBHEADER"),
                                                 {{QStringLiteral("ORDERNUMBER"), QStringLiteral("J3")},
                                                  {QStringLiteral("CUSTOMER"), QStringLiteral("O'Brien")}});
        QVERIFY(ours.at(0) > 0 && ours.at(1) > 0 && theirs > 0);
        start(*rig);

        OstendoCustomer renamed;
        renamed.name = newName;
        ConnectorError e = write(
            [&](auto done) { rig->client->updateCustomer(QString::number(id), renamed, OstendoCustomer::Name, done); });
        QVERIFY2(!e.isError(), qPrintable(e.message));
        const auto jobs = await<OstendoReadResult<OstendoJob>>(
            [&rig, oldName](auto done) { rig->client->findJobsByCustomerName(oldName, done); });
        QVERIFY2(!jobs.error.isError(), qPrintable(jobs.error.message));
        QCOMPARE(jobs.records.size(), 2);
        for (const OstendoJob &j : jobs.records) {
            OstendoJob change;
            change.customerName = newName;
            e = write([&](auto done) { rig->client->updateJob(j.key, change, OstendoJob::CustomerName, done); });
            QVERIFY2(!e.isError(), qPrintable(e.message));
        }
        for (const qint64 job : ours) {
            QCOMPARE(rig->sim.row(Configuration, QStringLiteral("JOBHEADER"), job)
                         .value(QStringLiteral("CUSTOMER"))
                         .toString(),
                     newName);
        }
        QCOMPARE(rig->sim.row(Configuration, QStringLiteral("JOBHEADER"), theirs)
                     .value(QStringLiteral("CUSTOMER"))
                     .toString(),
                 QStringLiteral("O'Brien"));
        QCOMPARE(rig->sim.row(Configuration, QStringLiteral("CUSTOMERMASTER"), id)
                     .value(QStringLiteral("CUSTOMER"))
                     .toString(),
                 newName);
    }

    void setupCheckNamesWhatIsWrong_data()
    {
        addModes();
        QTest::addColumn<QString>("problem");
        QTest::addColumn<ConnectorError::Kind>("kind");
        using K = ConnectorError::Kind;
        newRows("all good", [](QTestData &r) { r << QString() << K::None; });
        newRows("unknown job column", [](QTestData &r) { r << QStringLiteral("column") << K::Configuration; });
        newRows("unknown customer table", [](QTestData &r) { r << QStringLiteral("table") << K::Configuration; });
        newRows("key without SQL Allowed", [](QTestData &r) { r << QStringLiteral("nosql") << K::Permission; });
    }

    void setupCheckNamesWhatIsWrong()
    {
        QFETCH(Mode, mode);
        QFETCH(QString, problem);
        QFETCH(ConnectorError::Kind, kind);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        OstendoMapping mapping;
        if (problem == QLatin1String("column")) {
            mapping.jobStage = QStringLiteral("ADDITIONALFIELD_99");
        } else if (problem == QLatin1String("table")) {
            mapping.customerTable = QStringLiteral("CUSTOMERS");
        } else if (problem == QLatin1String("nosql")) {
            rig->sim.keys().clear();
            OstendoApiKey key;
            key.key = ApiKey;
            key.label = QStringLiteral("no-sql");
            rig->sim.addKey(key);
        }
        start(*rig, mapping);
        const ConnectorError e = write([&](auto done) { rig->client->checkSetup(done); });
        QCOMPARE(ConnectorError::kindName(e.kind), ConnectorError::kindName(kind));
        if (problem == QLatin1String("column")) {
            QVERIFY2(e.message.contains(QLatin1String("ADDITIONALFIELD_99")), qPrintable(e.message));
        }
    }

    void keyProblemsAreClearErrors_data()
    {
        addModes();
        QTest::addColumn<int>("keyErrorStatus");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<ConnectorError::Kind>("kind");
        QTest::addColumn<QString>("messagePart");
        using K = ConnectorError::Kind;
        for (const int status : {200, 401}) {
            const QByteArray s = QByteArray::number(status);
            newRows(QByteArray("unknown key, HTTP " + s).constData(), [status](QTestData &r) {
                r << status << QStringLiteral("unknown") << K::Authentication << QStringLiteral("refused the API key");
            });
            newRows(QByteArray("expired key, HTTP " + s).constData(), [status](QTestData &r) {
                r << status << QStringLiteral("expired") << K::Authentication << QStringLiteral("expired");
            });
            newRows(QByteArray("SQL not allowed, HTTP " + s).constData(), [status](QTestData &r) {
                r << status << QStringLiteral("nosql") << K::Permission << QStringLiteral("SQL Allowed");
            });
        }
        newRows("key pasted already encoded works",
                [](QTestData &r) { r << 401 << QStringLiteral("encoded") << K::None << QString(); });
    }

    void keyProblemsAreClearErrors()
    {
        QFETCH(Mode, mode);
        QFETCH(int, keyErrorStatus);
        QFETCH(QString, problem);
        QFETCH(ConnectorError::Kind, kind);
        QFETCH(QString, messagePart);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        rig->sim.settings().keyErrorStatus = keyErrorStatus;
        QVERIFY(addCustomer(*rig, QStringLiteral("Someone")) > 0);
        OstendoApiKey key;
        key.key = ApiKey;
        key.label = QStringLiteral("turfdrive-test");
        key.sqlAllowed = problem != QLatin1String("nosql");
        if (problem == QLatin1String("expired")) {
            key.expires = QDate(2024, 1, 31);
        }
        rig->sim.keys().clear();
        if (problem == QLatin1String("unknown")) {
            key.key = QStringLiteral("some-other-key-entirely");
        }
        rig->sim.addKey(key);
        if (problem == QLatin1String("encoded")) {
            rig->config.apiKey = QString::fromLatin1(QUrl::toPercentEncoding(ApiKey)); // as Ostendo shows it
        }
        start(*rig);
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QCOMPARE(ConnectorError::kindName(result.error.kind), ConnectorError::kindName(kind));
        if (kind == ConnectorError::Kind::None) {
            QCOMPARE(result.records.size(), 1);
        } else {
            QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
            QVERIFY(result.error.isFatalForRun());
            QVERIFY(!result.error.message.contains(ApiKey));
        }
    }

    void errorDocumentWithHttp200_data()
    {
        addModes();
        QTest::addColumn<OstendoConfig::Format>("format");
        newRows("json asked", [](QTestData &r) { r << OstendoConfig::Format::Json; });
        newRows("xml asked", [](QTestData &r) { r << OstendoConfig::Format::Xml; });
    }

    void errorDocumentWithHttp200()
    {
        QFETCH(Mode, mode);
        QFETCH(OstendoConfig::Format, format);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        rig->sim.settings().sqlErrorStatus = 200;
        rig->config.format = format;
        OstendoMapping mapping;
        mapping.customerTable = QStringLiteral("SALESPERSON"); // "Table unknown", as seen on a real site
        start(*rig, mapping);
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QCOMPARE(ConnectorError::kindName(result.error.kind),
                 ConnectorError::kindName(ConnectorError::Kind::Configuration));
        QCOMPARE(result.error.httpStatus, 200);
        QVERIFY(result.records.isEmpty());
    }

    void insertWhoseAnswerIsLostIsUnknownAndNotResent_data()
    {
        addModes();
        newRows("applied then reset", [](QTestData &) {});
    }

    void insertWhoseAnswerIsLostIsUnknownAndNotResent()
    {
        QFETCH(Mode, mode);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        OstendoFault fault;
        fault.endpoint = OstendoFault::Endpoint::TableDataPost;
        fault.kind = OstendoFault::Kind::AppliedThenLost;
        fault.lostAs = SimResponse::Fault::Reset;
        rig->sim.addFault(fault);
        start(*rig);
        OstendoCustomer c;
        c.name = QStringLiteral("Lost Answer Landscapes");
        c.pipedriveId = QStringLiteral("3141");
        const auto [key, error] = insert(*rig->client, c);
        int posts = 0;
        for (const OstendoRequestLogEntry &entry : rig->sim.requestLog()) {
            posts += entry.method == "POST" &&
                     entry.endpoint == OstendoFaultPlan::endpointName(OstendoFault::Endpoint::TableDataPost);
        }
        QCOMPARE(posts, 1); // never resent, not even by the network stack
        QCOMPARE(ConnectorError::kindName(error.kind), ConnectorError::kindName(ConnectorError::Kind::UnknownOutcome));
        QVERIFY(key.isEmpty());
        // It was applied: the engine's recovery finds it by the carried id, exactly once.
        const auto found = await<OstendoReadResult<OstendoCustomer>>(
            [&rig](auto done) { rig->client->findCustomersByPipedriveId(3141, done); });
        QVERIFY(!found.error.isError());
        QCOMPARE(found.records.size(), 1);
        QCOMPARE(found.records.first().name, QStringLiteral("Lost Answer Landscapes"));
    }

    void readsRetryThroughTransientFaults_data()
    {
        addModes();
        QTest::addColumn<OstendoFault::Kind>("faultKind");
        newRows("hang", [](QTestData &r) { r << OstendoFault::Kind::Hang; });
        newRows("reset", [](QTestData &r) { r << OstendoFault::Kind::Reset; });
        newRows("server error", [](QTestData &r) { r << OstendoFault::Kind::ServerError; });
        newRows("lock conflict", [](QTestData &r) { r << OstendoFault::Kind::LockConflict; });
    }

    void readsRetryThroughTransientFaults()
    {
        QFETCH(Mode, mode);
        QFETCH(OstendoFault::Kind, faultKind);
        if (skipUnusable(mode)) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(mode);
        rig->config.readTimeoutMs = 500;
        QVERIFY(addCustomer(*rig, QStringLiteral("Patient Pavers")) > 0);
        OstendoFault fault;
        fault.endpoint = OstendoFault::Endpoint::SqlQuery;
        fault.kind = faultKind;
        rig->sim.addFault(fault);
        start(*rig);
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QVERIFY2(!result.error.isError(), qPrintable(result.error.message));
        QCOMPARE(result.records.size(), 1);
        QCOMPARE(rig->sim.faults().pending(), 0);
    }

    // The engine runs the client on its worker thread: transport and client are created there, the callback
    // comes there, and the simulator keeps serving on the main thread.
    void worksOnAWorkerThread()
    {
        auto rig = makeRig(Mode::Http);
        for (int i = 0; i < 7; ++i) {
            QVERIFY(addCustomer(*rig, QStringLiteral("Threaded %1").arg(i)) > 0);
        }
        QThread worker;
        worker.start();
        QObject context;
        context.moveToThread(&worker);
        std::atomic<int> records{-1};
        std::atomic<bool> onWorker{false};
        NetworkTransport *transport = nullptr;
        OstendoClient *client = nullptr;
        const OstendoConfig config = rig->config;
        QMetaObject::invokeMethod(&context, [&]() {
            transport = new NetworkTransport;
            client = new OstendoClient(transport, config);
            client->readAllCustomers([&](const OstendoReadResult<OstendoCustomer> &r) {
                onWorker = QThread::currentThread() == &worker;
                records = r.error.isError() ? -2 : int(r.records.size());
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(records != -1, 20000);
        QCOMPARE(records.load(), 7);
        QVERIFY(onWorker);
        QMetaObject::invokeMethod(
            &context,
            [&]() {
                delete client;
                delete transport;
            },
            Qt::BlockingQueuedConnection);
        worker.quit();
        QVERIFY(worker.wait(10000));
    }

    void otherCertificateIsRefused()
    {
        if (!m_tlsUsable) {
            QSKIP("no TLS backend or no throwaway certificate");
        }
        auto rig = makeRig(Mode::Http); // replaced below by an HTTPS server with the other certificate
        SimHttpServer server(&rig->sim);
        server.sslSetup(m_otherCert->certificate, m_otherCert->key);
        const quint16 port = server.listenOnLoopback();
        QVERIFY(port != 0);
        auto network = std::make_unique<NetworkTransport>();
        network->setPinnedCertificateSha256(m_cert->sha256);
        rig->transport = std::move(network);
        rig->config.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
        start(*rig);
        const auto result =
            await<OstendoReadResult<OstendoCustomer>>([&rig](auto done) { rig->client->readAllCustomers(done); });
        QCOMPARE(result.error.kind, ConnectorError::Kind::Tls);
        QVERIFY2(result.error.message.contains(QLatin1String("certificate changed")), qPrintable(result.error.message));
        QVERIFY(result.error.isFatalForRun());
        QVERIFY(rig->sim.requestLog().isEmpty()); // the request never reached the server
    }

    // Runs last: every line logged by every case above, captured before any redacting handler.
    void zzApiKeyInNoLogLine()
    {
        QVERIFY(g_logLines.size() > 20);
        const QStringList forms{ApiKey, QString::fromLatin1(QUrl::toPercentEncoding(ApiKey)), QStringLiteral("q8Zr+Tn"),
                                QStringLiteral("q8Zr%2BTn")};
        int urlLines = 0;
        for (const QString &line : std::as_const(g_logLines)) {
            for (const QString &form : forms) {
                QVERIFY2(!line.contains(form), qPrintable(line));
            }
            urlLines += line.contains(QLatin1String("apikey=********"));
        }
        QVERIFY(urlLines > 10); // URLs were logged, with the key masked
    }
};

QTEST_GUILESS_MAIN(TestOstendoIntegration)
#include "tst_ostendointegration.moc"
