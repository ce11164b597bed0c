// Drives every Pipedrive endpoint TurfDrive uses on the simulator and writes the request/answer pairs as a
// contract dump (see validate_openapi.py for the format), for validation against the official OpenAPI spec.
#include "pipedrive/PipedriveContractDump.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <cstdio>

namespace {
const QByteArray Token = "contract-dump-token";

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

class Recorder
{
public:
    explicit Recorder(PipedriveSimulator *sim)
        : m_sim(sim)
    {}

    QJsonObject call(const QString &name, const QByteArray &method, const QString &path, const QString &query = {},
                     const QJsonValue &body = QJsonValue::Undefined, const QByteArray &token = Token,
                     const QString &expect = {})
    {
        SimRequest r;
        r.method = method;
        r.path = path;
        r.query = QUrlQuery(query);
        if (!token.isEmpty()) {
            r.headers.append({QByteArrayLiteral("x-api-token"), token});
        }
        if (!body.isUndefined()) {
            r.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
        }
        const int logged = static_cast<int>(m_sim->requestLog().size());
        const SimResponse answer = m_sim->handle(r);
        QJsonObject ex{{s("name"), name},
                       {s("method"), QString::fromLatin1(method)},
                       {s("path"), path},
                       {s("query"), r.query.toString(QUrl::FullyEncoded)},
                       {s("status"), answer.status}};
        if (!body.isUndefined()) {
            ex.insert(s("request_body"), body);
        }
        if (!expect.isEmpty()) {
            ex.insert(s("expect"), expect);
        }
        const QJsonDocument doc = QJsonDocument::fromJson(answer.body);
        ex.insert(s("response_body"), doc.isObject() ? QJsonValue(doc.object()) : QJsonValue());
        if (m_sim->requestLog().size() > logged && answer.status < 300) {
            ex.insert(s("token_cost"), m_sim->requestLog().last().tokenCost);
        }
        m_exchanges.append(ex);
        return doc.object();
    }

    QJsonArray exchanges() const { return m_exchanges; }

private:
    PipedriveSimulator *m_sim;
    QJsonArray m_exchanges;
};

qint64 idOf(const QJsonObject &answer)
{
    return answer.value(s("data")).toObject().value(s("id")).toInteger();
}
} // namespace

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: %s ANSWERS.json [REQUESTS.json]\n", argv[0]);
        return 2;
    }
    PipedriveSimulator sim(17);
    sim.addApiToken(Token, s("growth"));
    sim.seedDemo(17, 12, 16);
    sim.archiveDeal(1);
    Recorder rec(&sim);

    rec.call(s("current user"), "GET", s("/api/v1/users/me"));
    rec.call(s("organization fields"), "GET", s("/api/v2/organizationFields"), s("limit=50"));
    rec.call(s("deal fields"), "GET", s("/api/v2/dealFields"));
    const QJsonObject orgField =
        rec.call(s("create organization field"), "POST", s("/api/v2/organizationFields"), {},
                 QJsonObject{{s("field_name"), s("Account Code")}, {s("field_type"), s("varchar")}});
    rec.call(s("create deal field"), "POST", s("/api/v2/dealFields"), {},
             QJsonObject{{s("field_name"), s("Crew")},
                         {s("field_type"), s("enum")},
                         {s("options"),
                          QJsonArray{QJsonObject{{s("label"), s("North")}}, QJsonObject{{s("label"), s("South")}}}}});
    rec.call(s("one organization field"), "GET",
             s("/api/v2/organizationFields/") + orgField.value(s("data")).toObject().value(s("field_code")).toString());
    rec.call(s("v1 organization fields"), "GET", s("/api/v1/organizationFields"));
    rec.call(s("pipelines"), "GET", s("/api/v2/pipelines"));
    rec.call(s("one pipeline"), "GET", s("/api/v2/pipelines/1"));
    rec.call(s("stages"), "GET", s("/api/v2/stages"), s("pipeline_id=1&limit=3"));
    rec.call(s("one stage"), "GET", s("/api/v2/stages/2"));

    const QString since = PipedriveClock::formatTime(sim.clock().nowSecs() - 200 * 86400LL);
    const QJsonObject page1 = rec.call(s("organizations, incremental, page 1"), "GET", s("/api/v2/organizations"),
                                       s("limit=4&sort_by=update_time&sort_direction=asc&updated_since=") +
                                           QString::fromLatin1(QUrl::toPercentEncoding(since)));
    const QString cursor = page1.value(s("additional_data")).toObject().value(s("next_cursor")).toString();
    rec.call(s("organizations, incremental, page 2"), "GET", s("/api/v2/organizations"),
             s("limit=4&sort_by=update_time&sort_direction=asc&updated_since=") +
                 QString::fromLatin1(QUrl::toPercentEncoding(since)) + s("&cursor=") +
                 QString::fromLatin1(QUrl::toPercentEncoding(cursor)));

    const QString phone = sim.customFieldKey(PipedriveEntity::Organization, s("Phone"));
    const QString email = sim.customFieldKey(PipedriveEntity::Organization, s("Email"));
    const QString ostendoId = sim.customFieldKey(PipedriveEntity::Organization, s("Ostendo Customer ID"));
    const qint64 org = idOf(rec.call(
        s("create organization"), "POST", s("/api/v2/organizations"), {},
        QJsonObject{
            {s("name"), s("Matai Street Early Learning Centre")},
            {s("address"), QJsonObject{{s("value"), s("7 Matai Street, Island Bay, Wellington 6023")},
                                       {s("street_number"), s("7")},
                                       {s("route"), s("Matai Street")},
                                       {s("locality"), s("Wellington")},
                                       {s("postal_code"), s("6023")},
                                       {s("country"), s("New Zealand")}}},
            {s("custom_fields"),
             QJsonObject{{phone, s("+64 4 383 1234")}, {email, s("office@matai.co.nz")}, {ostendoId, s("C-0031")}}}}));
    rec.call(s("get organization"), "GET", QStringLiteral("/api/v2/organizations/%1").arg(org));
    rec.call(s("update organization"), "PATCH", QStringLiteral("/api/v2/organizations/%1").arg(org), {},
             QJsonObject{{s("name"), s("Matai Street ELC")}, {s("custom_fields"), QJsonObject{{email, QJsonValue()}}}});
    rec.call(s("find organization by carried id"), "GET", s("/api/v2/itemSearch/field"),
             s("term=C-0031&entity_type=organization&match=exact&field=") + ostendoId);

    const QString jobNumber = sim.customFieldKey(PipedriveEntity::Deal, s("Ostendo Job Number"));
    const QString projectType = sim.customFieldKey(PipedriveEntity::Deal, s("Project Type"));
    rec.call(s("deals, every status"), "GET", s("/api/v2/deals"),
             s("status=open,won,lost,deleted&sort_by=update_time&limit=5&include_fields=notes_count,first_won_time"));
    const qint64 deal = idOf(rec.call(
        s("create deal"), "POST", s("/api/v2/deals"), {},
        QJsonObject{{s("title"), s("Retaining Wall – Matai Street ELC")},
                    {s("org_id"), org},
                    {s("value"), 12500.5},
                    {s("currency"), s("NZD")},
                    {s("stage_id"), sim.stageId(s("Quote Sent"))},
                    {s("expected_close_date"), s("2026-05-01")},
                    {s("custom_fields"), QJsonObject{{jobNumber, s("PD1")}, {projectType, s("Retaining Wall")}}}}));
    rec.call(s("get deal"), "GET", QStringLiteral("/api/v2/deals/%1").arg(deal));
    rec.call(s("win deal"), "PATCH", QStringLiteral("/api/v2/deals/%1").arg(deal), {},
             QJsonObject{{s("status"), s("won")}, {s("value"), 13000}});
    rec.call(s("archived deals"), "GET", s("/api/v2/deals/archived"), s("limit=10"));
    rec.call(s("find deal by job number"), "GET", s("/api/v2/itemSearch/field"),
             s("term=PD1&entity_type=deal&field=") + jobNumber);
    rec.call(s("delete deal"), "DELETE", QStringLiteral("/api/v2/deals/%1").arg(deal));
    rec.call(s("deleted deals"), "GET", s("/api/v2/deals"), s("status=deleted"));
    rec.call(s("delete organization"), "DELETE", QStringLiteral("/api/v2/organizations/%1").arg(org));

    // The requests as the simulator logged them: the form a client test dumps its own traffic in.
    if (argc == 3) {
        const QJsonObject requests =
            PipedriveContractDump::fromRequestLog(sim.requestLog(), s("contract_pipedrive_dump (request log)"));
        QString error;
        if (!PipedriveContractDump::write(QString::fromLocal8Bit(argv[2]), requests, &error)) {
            std::fprintf(stderr, "cannot write %s: %s\n", argv[2], qPrintable(error));
            return 1;
        }
    }

    // Error answers: the spec documents none for these operations, so the validator reports them as unchecked.
    rec.call(s("number as a string"), "POST", s("/api/v2/deals"), {},
             QJsonObject{{s("title"), s("x")}, {s("value"), s("5")}}, Token, s("request_invalid"));
    rec.call(s("missing record"), "GET", s("/api/v2/deals/99999"));
    rec.call(s("no token"), "GET", s("/api/v2/deals"), {}, QJsonValue::Undefined, QByteArray());

    const QJsonObject dump{{s("format"), s("turfdrive-contract-dump/1")},
                           {s("producer"), s("contract_pipedrive_dump (PipedriveSimulator)")},
                           {s("exchanges"), rec.exchanges()}};
    QFile out(QString::fromLocal8Bit(argv[1]));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    out.write(QJsonDocument(dump).toJson(QJsonDocument::Indented));
    std::printf("wrote %d exchanges to %s\n", static_cast<int>(rec.exchanges().size()), argv[1]);
    return 0;
}
