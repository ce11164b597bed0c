// The simulator's control surface over HTTP under /_sim/ (JSON in, JSON out): what tests and scenario scripts
// use to seed data, edit records as a Pipedrive user, move time, inject faults and inspect state. It needs no
// token and is never rate limited or counted, so it cannot be mistaken for the API.
#pragma once

#include "common/SimTypes.h"

class PipedriveSimulator;

// Routes (bodies and answers are JSON; answers are {"ok": true, "data": ...} or {"ok": false, "error": "..."}):
//   GET  /_sim/state                      counts, now, tokens used today, budget
//   POST /_sim/reset                      empty company (default pipeline, no custom fields)
//   POST /_sim/seed      {seed, organizations, deals}
//   POST /_sim/tokens    {token, plan}    plan: lite|growth|premium|ultimate
//   GET|POST /_sim/time  {now: RFC 3339} and/or {advance_seconds: N}
//   POST /_sim/settings  {search_index_delay_seconds, burst_limit, daily_budget, abuse_threshold,
//                         daily_headers, retry_after, deleted_get: "not_found"|"flagged"}
//   POST /_sim/faults    {kind, method, path (wildcard *), status, count, probability};  DELETE clears them
//   GET|DELETE /_sim/requests             the request log (headers included)
//   POST /_sim/fields    {entity, name, type, options}  -> {key};  GET lists custom fields by entity
//   GET|POST /_sim/organizations, GET|PATCH|DELETE /_sim/organizations/{id}   (same for deals, plus
//   POST /_sim/deals/{id}/archive {archived}); fields as PipedriveSimulator::createOrganization() takes them
class PipedriveControlApi
{
public:
    explicit PipedriveControlApi(PipedriveSimulator *simulator);

    SimResponse handle(const SimRequest &request);

private:
    PipedriveSimulator *m_sim;
};
