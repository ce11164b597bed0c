// A simulated Ostendo API Service: the tabledata, sqlquery and executesql resources over per-configuration
// databases, API keys, injected faults, and a control surface (in process and under /_sim/ over HTTP).
#pragma once

#include "OstendoClock.h"
#include "OstendoDatabase.h"
#include "OstendoFaultPlan.h"
#include "OstendoFormatter.h"
#include "OstendoKeyStore.h"
#include "OstendoRequestLogEntry.h"
#include "OstendoSettings.h"
#include "common/SimTypes.h"

#include <QVariantMap>
#include <map>
#include <memory>

class OstendoControlApi;

class OstendoSimulator : public SimService
{
public:
    OstendoSimulator(); // Config 0 exists, no keys, an empty database
    ~OstendoSimulator() override;

    SimResponse handle(const SimRequest &request) override;

    // A key for the sandbox: SQL allowed, every configuration, no expiry. Not added until addKey() is called.
    static OstendoApiKey demoKey();

    // Setup
    void enableConfiguration(int configuration); // 0..9; creates its empty database
    bool hasConfiguration(int configuration) const;
    QList<int> configurations() const;
    void addKey(const OstendoApiKey &key) { m_keys.add(key); }
    OstendoKeyStore &keys() { return m_keys; }
    OstendoClock &clock() { return m_clock; }
    OstendoSettings &settings() { return m_settings; }
    OstendoFormatter &formatter() { return m_formatter; }
    void addFault(const OstendoFault &fault) { m_faults.add(fault); }
    OstendoFaultPlan &faults() { return m_faults; }

    // Deterministic NZ landscaping demo data appended to one configuration (enabled when needed).
    void seedDemo(quint32 seed, int customers, int jobs, int configuration = 0);

    // What an Ostendo user does on screen: SYSDATE*/SYSUSER* always maintained. Returns the new SYSUNIQUEID,
    // or 0 (with error) when the configuration, table, a column or a value is wrong.
    qint64 insertRow(int configuration, const QString &table, const QVariantMap &values,
                     const QString &user = QStringLiteral("ADMIN"), QString *error = nullptr);
    bool editRow(int configuration, const QString &table, qint64 id, const QVariantMap &values,
                 const QString &user = QStringLiteral("ADMIN"), QString *error = nullptr);
    bool deleteRow(int configuration, const QString &table, qint64 id);

    // Inspection: stored values with upper-case keys (dates as ISO text, times as local "yyyy-MM-dd HH:mm:ss").
    QVariantMap row(int configuration, const QString &table, qint64 id) const;
    QList<QVariantMap> rows(int configuration, const QString &table) const;
    QList<qint64> findIds(int configuration, const QString &table, const QString &column, const QString &value) const;
    int rowCount(int configuration, const QString &table) const;

    QList<OstendoRequestLogEntry> requestLog() const { return m_log; }
    void clearRequestLog() { m_log.clear(); }

private:
    SimResponse serve(const SimRequest &request, OstendoRequestLogEntry &entry);
    SimResponse getTableData(const SimRequest &request, OstendoDatabase &db, bool json, OstendoRequestLogEntry &entry);
    SimResponse postTableData(const SimRequest &request, OstendoDatabase &db, bool json, OstendoRequestLogEntry &entry);
    SimResponse sqlQuery(const SimRequest &request, OstendoDatabase &db, bool json, OstendoRequestLogEntry &entry);
    SimResponse executeSql(const SimRequest &request, OstendoDatabase &db, bool json, OstendoRequestLogEntry &entry);
    SimResponse error(int status, const QString &message, OstendoRequestLogEntry &entry) const;
    FirebirdSqlContext sqlContext() const;
    OstendoDatabase *database(int configuration) const;

    OstendoClock m_clock;
    OstendoSettings m_settings;
    OstendoFormatter m_formatter;
    OstendoKeyStore m_keys;
    OstendoFaultPlan m_faults;
    std::map<int, std::unique_ptr<OstendoDatabase>> m_databases;
    QList<OstendoRequestLogEntry> m_log;
    std::unique_ptr<OstendoControlApi> m_control;
};
