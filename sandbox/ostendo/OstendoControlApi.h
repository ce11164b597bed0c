// The simulator's control surface over HTTP under /_sim/: keys, time, settings, seeding, user edits, inspection,
// faults. Kept apart from the simulated resources so no client can mistake one for the other.
#pragma once

#include "common/SimTypes.h"

class OstendoSimulator;

class OstendoControlApi
{
public:
    explicit OstendoControlApi(OstendoSimulator &simulator);

    // GET  /_sim/state                      clock, configurations, row counts, settings, pending faults
    // POST /_sim/time      {"now": ISO} or {"advanceSeconds": n}
    // POST /_sim/settings  {"outOfMemoryRows", "maxInListItems", "sqlErrorStatus", "keyErrorStatus",
    //                       "touchModifiedOnSql", "apiUser", "maxUrlLength", "integralDoublesWithFraction",
    //                       "jsonDates": "iso"|"locale", "timeZone"}
    // POST /_sim/keys      {"key", "label", "expires": "yyyy-MM-dd", "sqlAllowed", "configurations": [..]}
    // POST /_sim/configurations {"configuration": n}
    // POST /_sim/seed      {"seed", "customers", "jobs", "configuration"}
    // GET  /_sim/rows?table=T[&configuration=N][&id=ID]
    // POST /_sim/rows      {"table", "values": {...}, "user", "configuration"}  -> {"id": n}
    // PATCH /_sim/rows     {"table", "id", "values": {...}, "user", "configuration"}
    // DELETE /_sim/rows?table=T&id=ID[&configuration=N]
    // GET|DELETE /_sim/log
    // POST /_sim/faults    {"endpoint": "any|tabledata_get|tabledata_post|sqlquery|executesql",
    //                       "kind": "server_error|hang|reset|truncate|applied_then_lost|lock_conflict|slow",
    //                       "status", "delayMs", "times", "lostAs": "reset|hang|truncate"};  DELETE clears them
    SimResponse handle(const SimRequest &request);

private:
    OstendoSimulator &m_sim;
};
