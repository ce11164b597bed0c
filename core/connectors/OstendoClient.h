// Talks to the Ostendo API Service for the sync engine: incremental and full reads of customers and jobs,
// look-ups by the carried Pipedrive id, inserts and updates. Asynchronous, no nested event loop: every call
// ends with exactly one callback, always later from the event loop (never from inside the call), on the thread
// that owns the client and its transport (none once the client is destroyed).
#pragma once

#include "ConnectorError.h"
#include "OstendoAnswer.h"
#include "OstendoConfig.h"
#include "OstendoCustomer.h"
#include "OstendoJob.h"
#include "OstendoMapping.h"
#include "OstendoReadResult.h"
#include "RetryPolicy.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

class HttpTransport;
struct HttpRequest;
struct HttpResponse;
class QRandomGenerator;

class OstendoClient : public QObject
{
    Q_OBJECT
public:
    using CustomersDone = std::function<void(const OstendoReadResult<OstendoCustomer> &)>;
    using JobsDone = std::function<void(const OstendoReadResult<OstendoJob> &)>;
    using KeysDone = std::function<void(const OstendoReadResult<QString> &)>;
    using WriteDone = std::function<void(const ConnectorError &)>;
    // key: the new row's SYSUNIQUEID, found again by its carried Pipedrive id (the insert's answer is not used).
    using InsertDone = std::function<void(const QString &key, const ConnectorError &)>;

    // The transport is not owned. The API key is registered with SecretRedactor here.
    OstendoClient(HttpTransport *transport, const OstendoConfig &config, const OstendoMapping &mapping = {},
                  QObject *parent = nullptr);

    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    // Jitter of read retries; not owned. Defaults to QRandomGenerator::global(); simulations pass a seeded one.
    void setRandomGenerator(QRandomGenerator *random) { m_random = random; }

    const OstendoConfig &config() const { return m_config; }
    const OstendoMapping &mapping() const { return m_mapping; }

    // Reads: every row with SYSDATEMODIFIED >= watermark - overlap in the server's wall-clock time (an hour more
    // when the server's clocks went back since; "now" comes from Clock::current()); an invalid watermark reads
    // everything. The watermark is the newest modifiedUtc an earlier read returned: the server's own clock.
    // Rows come ordered by SYSDATEMODIFIED, SYSUNIQUEID, paged with ROWS a TO b until a short page. Records are
    // de-duplicated by key; a row that moved between pages (edited during the read) makes the read start over.
    void readCustomersModifiedSince(const QDateTime &watermarkUtc, CustomersDone done);
    void readAllCustomers(CustomersDone done);
    void readCustomerKeys(KeysDone done); // every SYSUNIQUEID: how deletions are found
    void findCustomersByPipedriveId(qint64 organizationId, CustomersDone done);
    void fetchCustomer(const QString &key, CustomersDone done);
    // Exact name match (Ostendo's natural key): for duplicate checks and recovering links after a lost store.
    void findCustomersByName(const QString &name, CustomersDone done);

    void readJobsModifiedSince(const QDateTime &watermarkUtc, JobsDone done);
    void readAllJobs(JobsDone done);
    void readJobKeys(KeysDone done);
    void findJobsByPipedriveId(qint64 dealId, JobsDone done);
    void fetchJob(const QString &key, JobsDone done);
    // The jobs that point at a customer by name (JOBHEADER.CUSTOMER): what a customer rename must rewrite next.
    void findJobsByCustomerName(const QString &customerName, JobsDone done);

    // Writes. An insert needs the carried Pipedrive id (it is how the new row is found again) and is never
    // resent: a lost or timed-out answer, or a 5xx, ends with UnknownOutcome. Updates send the key and only the
    // fields named.
    void insertCustomer(const OstendoCustomer &customer, InsertDone done);
    void updateCustomer(const QString &key, const OstendoCustomer &values, OstendoCustomer::Fields fields,
                        WriteDone done);
    void setCustomerPipedriveId(const QString &key, qint64 organizationId, WriteDone done);
    void markCustomerInactive(const QString &key, WriteDone done);

    void insertJob(const OstendoJob &job, InsertDone done);
    void updateJob(const QString &key, const OstendoJob &values, OstendoJob::Fields fields, WriteDone done);
    void setJobPipedriveId(const QString &key, qint64 dealId, WriteDone done);

    // For "setup --check": one row of each table with every mapped column, so a refused or expired key, a key
    // without "SQL Allowed", and an unknown table or column all show up before a sync. Ends with the first error.
    void checkSetup(WriteDone done);

    // The error for one answer: transport failures, HTTP status, and the error document even with HTTP 200.
    // Bad key, expired key and "SQL not allowed" become Authentication / Permission errors that say what to
    // change. Public so the classification can be tested by table.
    static ConnectorError classify(const HttpResponse &response, const OstendoAnswer &answer);
    // "48213", "48213.0", 48213 as JSON number -> "48213"; empty when not an integer.
    static QString normaliseKey(const QString &text);

private:
    using Columns = QList<QPair<QString, QString>>;
    using RowsDone = std::function<void(const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &)>;
    using AnswerDone = std::function<void(const OstendoAnswer &answer, const ConnectorError &)>;

    void readPaged(const QString &table, const QStringList &columns, const QString &where, const QStringList &orderBy,
                   const QString &keyColumn, RowsDone done);
    void lookUp(const QString &table, const QString &condition, RowsDone done);
    void sendRead(const HttpRequest &request, int attempt, AnswerDone done);
    void sendWrite(const QString &table, const QString &keyField, const Columns &columns, bool isInsert,
                   WriteDone done);

    void later(std::function<void()> call);
    std::optional<QStringList> identifiers(const QStringList &names) const;
    QStringList customerColumns() const;
    QStringList jobColumns() const;
    QString whereModifiedSince(const QString &column, const QDateTime &watermarkUtc) const;
    QString keyCondition(const QString &column, const QString &key) const;

    void deliverCustomers(const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &error,
                          const CustomersDone &done) const;
    // The rows' answer as customers or jobs, delivered only while this client still exists.
    RowsDone customersTo(CustomersDone done);
    RowsDone jobsTo(JobsDone done);
    void readKeys(const QString &table, const QString &keyColumn, KeysDone done);
    void deliverJobs(const QList<OstendoAnswer::Row> &rows, int pages, const ConnectorError &error,
                     const JobsDone &done) const;
    Columns customerColumnsFor(const OstendoCustomer &values, OstendoCustomer::Fields fields) const;
    Columns jobColumnsFor(const OstendoJob &values, OstendoJob::Fields fields) const;

    HttpTransport *m_transport;
    OstendoConfig m_config;
    OstendoMapping m_mapping;
    RetryPolicy m_retryPolicy;
    QRandomGenerator *m_random;
};
