// The Pipedrive simulator driven in process through handle(): the API behaviour a client relies on.
#include "pipedrive/PipedriveContractDump.h"
#include "pipedrive/PipedriveDemoData.h"
#include "pipedrive/PipedriveSimulator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {
const QByteArray Token = "sim-token-0123456789";

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QJsonObject bodyOf(const SimResponse &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QByteArray headerOf(const SimResponse &r, const QByteArray &name)
{
    for (const auto &h : r.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}
} // namespace

class TestPipedriveSimulator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PipedriveSimulator> m_sim;

    SimResponse call(const QByteArray &method, const QString &path, const QString &query = {},
                     const QJsonObject &body = {}, const QByteArray &token = Token)
    {
        SimRequest r;
        r.method = method;
        r.path = path;
        r.query = QUrlQuery(query);
        if (!token.isEmpty()) {
            r.headers.append({QByteArrayLiteral("x-api-token"), token});
        }
        if (!body.isEmpty()) {
            r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
            r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        }
        return m_sim->handle(r);
    }

    // Follows next_cursor to the end and returns every item, checking each page's envelope on the way.
    QJsonArray fetchAll(const QString &path, const QString &query, int *pages)
    {
        QJsonArray all;
        QString cursor;
        *pages = 0;
        for (;;) {
            QString q = query;
            if (!cursor.isEmpty()) {
                q += s("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
            }
            const SimResponse r = call("GET", path, q);
            if (r.status != 200) {
                qWarning() << r.body;
                return {};
            }
            ++*pages;
            const QJsonObject o = bodyOf(r);
            for (const QJsonValue &v : o.value(s("data")).toArray()) {
                all.append(v);
            }
            const QJsonValue next = o.value(s("additional_data")).toObject().value(s("next_cursor"));
            if (next.isNull()) {
                return all;
            }
            cursor = next.toString();
            if (*pages > 1000) {
                return {};
            }
        }
    }

    qint64 createOrg(const QString &name)
    {
        const SimResponse r = call("POST", s("/api/v2/organizations"), {}, QJsonObject{{s("name"), name}});
        return bodyOf(r).value(s("data")).toObject().value(s("id")).toInteger();
    }

private slots:
    void init()
    {
        m_sim = std::make_unique<PipedriveSimulator>(7);
        m_sim->addApiToken(Token, s("ultimate"));
    }

    void refusesWithoutValidToken_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("query");
        QTest::newRow("no token") << QByteArray() << QString();
        QTest::newRow("unknown token") << QByteArray("not-a-token") << QString();
        QTest::newRow("token in the v2 query string") << QByteArray() << s("api_token=") + QString::fromLatin1(Token);
    }

    void refusesWithoutValidToken()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, query);
        const SimResponse r = call("GET", s("/api/v2/deals"), query, {}, token);
        QCOMPARE(r.status, 401);
        const QJsonObject o = bodyOf(r);
        QCOMPARE(o.value(s("success")).toBool(true), false);
        QVERIFY(!o.value(s("error")).toString().isEmpty());
        QCOMPARE(m_sim->tokensUsedToday(), 0);
    }

    void acceptsBearerToken()
    {
        SimRequest r;
        r.method = "GET";
        r.path = s("/api/v1/users/me");
        r.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + Token});
        const SimResponse answer = m_sim->handle(r);
        QCOMPARE(answer.status, 200);
        QCOMPARE(bodyOf(answer).value(s("data")).toObject().value(s("company_domain")).toString(),
                 m_sim->companyDomain());
    }

    void unknownRoutes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("v2 without /api") << QByteArray("GET") << s("/v2/deals") << 404;
        QTest::newRow("unknown resource") << QByteArray("GET") << s("/api/v2/widgets") << 404;
        QTest::newRow("method not allowed") << QByteArray("PUT") << s("/api/v2/deals/1") << 405;
        QTest::newRow("patch on a list") << QByteArray("PATCH") << s("/api/v2/organizations") << 405;
    }

    void unknownRoutes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        const SimResponse r = call(method, path);
        QCOMPARE(r.status, status);
        QCOMPARE(bodyOf(r).value(s("success")).toBool(true), false);
    }

    void listEnvelope()
    {
        createOrg(s("Kauri Park School"));
        const SimResponse r = call("GET", s("/api/v2/organizations"));
        QCOMPARE(r.status, 200);
        QCOMPARE(headerOf(r, "Content-Type"), QByteArray("application/json"));
        const QJsonObject o = bodyOf(r);
        QCOMPARE(o.value(s("success")).toBool(), true);
        QCOMPARE(o.value(s("data")).toArray().size(), 1);
        QVERIFY(o.value(s("additional_data")).toObject().contains(s("next_cursor")));
        QVERIFY(o.value(s("additional_data")).toObject().value(s("next_cursor")).isNull());
        const QJsonObject org = o.value(s("data")).toArray().first().toObject();
        QCOMPARE(org.value(s("name")).toString(), s("Kauri Park School"));
        QVERIFY(QRegularExpression(s("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                    .match(org.value(s("update_time")).toString())
                    .hasMatch());
        QCOMPARE(org.value(s("is_deleted")).toBool(true), false);
        QVERIFY(org.value(s("custom_fields")).isObject());
    }

    void pagingAcrossPages_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("sortBy");
        QTest::addColumn<QString>("direction");
        QTest::newRow("by id, 3 pages") << 7 << 3 << s("id") << s("asc");
        QTest::newRow("by update_time, ties across pages") << 7 << 2 << s("update_time") << s("asc");
        QTest::newRow("exact fit") << 5 << 5 << s("id") << s("asc");
        QTest::newRow("descending update_time") << 12 << 5 << s("update_time") << s("desc");
        QTest::newRow("by add_time") << 4 << 1 << s("add_time") << s("asc");
    }

    void pagingAcrossPages()
    {
        QFETCH(int, count);
        QFETCH(int, limit);
        QFETCH(QString, sortBy);
        QFETCH(QString, direction);
        for (int i = 0; i < count; ++i) {
            createOrg(QStringLiteral("Org %1").arg(i));
            if (i % 3 == 2) {
                m_sim->advanceSeconds(1); // groups of three share an update_time
            }
        }
        int pages = 0;
        const QJsonArray all =
            fetchAll(s("/api/v2/organizations"),
                     QStringLiteral("limit=%1&sort_by=%2&sort_direction=%3").arg(limit).arg(sortBy, direction), &pages);
        QCOMPARE(all.size(), count);
        QCOMPARE(pages, (count + limit - 1) / limit);
        QSet<qint64> ids;
        QString previousKey;
        qint64 previousId = direction == QLatin1String("asc") ? 0 : 1LL << 40;
        for (const QJsonValue &v : all) {
            const QJsonObject o = v.toObject();
            const qint64 id = o.value(s("id")).toInteger();
            ids.insert(id);
            const QString key = sortBy == QLatin1String("id") ? QStringLiteral("%1").arg(id, 10, 10, QLatin1Char('0'))
                                                              : o.value(sortBy).toString();
            if (!previousKey.isEmpty()) {
                const bool asc = direction == QLatin1String("asc");
                QVERIFY(asc ? key >= previousKey : key <= previousKey);
                if (key == previousKey) {
                    QVERIFY(asc ? id > previousId : id < previousId); // id breaks ties
                }
            }
            previousKey = key;
            previousId = id;
        }
        QCOMPARE(ids.size(), count);
    }

    // The property the sync engine relies on: reading with updated_since = the newest update_time already seen
    // (inclusive), sorted by update_time and paged by cursor, never loses an edit. An edit made while a read is
    // under way may land behind the cursor (same second, lower id); it must then come with the next read.
    void incrementalReadsNeverLoseAnEdit_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 1") << 1u;
        QTest::newRow("seed 2") << 2u;
        QTest::newRow("seed 3") << 3u;
    }

    void incrementalReadsNeverLoseAnEdit()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        m_sim->seedDemo(seed, 40, 0);
        QString watermark = s("2000-01-01T00:00:00Z");
        QHash<qint64, int> unseen; // id -> round of its oldest edit the reader has not seen yet
        auto edit = [&](int round, const QString &text) {
            const qint64 id = 1 + random.bounded(40u);
            QVERIFY(m_sim->editOrganization(id, QJsonObject{{s("Notes"), text}}));
            if (!unseen.contains(id)) {
                unseen.insert(id, round);
            }
        };
        const int rounds = 40;
        for (int round = 0; round <= rounds; ++round) {
            const bool lastRound = round == rounds; // a quiet read that must catch up with everything
            const int edits = lastRound ? 0 : static_cast<int>(random.bounded(6u));
            for (int i = 0; i < edits; ++i) {
                edit(round, QStringLiteral("round %1").arg(round));
                m_sim->advanceSeconds(random.bounded(2u)); // often several edits share a second
            }
            QString cursor;
            QString newest = watermark;
            do {
                QString q = s("limit=7&sort_by=update_time&updated_since=") +
                            QString::fromLatin1(QUrl::toPercentEncoding(watermark));
                if (!cursor.isEmpty()) {
                    q += s("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
                }
                const QJsonObject page = bodyOf(call("GET", s("/api/v2/organizations"), q));
                QVERIFY(page.value(s("success")).toBool());
                for (const QJsonValue &v : page.value(s("data")).toArray()) {
                    const QJsonObject o = v.toObject();
                    const QString at = o.value(s("update_time")).toString();
                    QVERIFY(at >= watermark);
                    unseen.remove(o.value(s("id")).toInteger());
                    newest = qMax(newest, at);
                }
                const QJsonValue next = page.value(s("additional_data")).toObject().value(s("next_cursor"));
                cursor = next.isNull() ? QString() : next.toString();
                if (!cursor.isEmpty() && !lastRound && random.bounded(2u) == 0) {
                    edit(round, s("edited between two pages"));
                }
            } while (!cursor.isEmpty());
            for (auto it = unseen.cbegin(); it != unseen.cend(); ++it) {
                QVERIFY2(it.value() == round && !lastRound,
                         qPrintable(QStringLiteral("organization %1 edited in round %2 was not read by round %3")
                                        .arg(it.key())
                                        .arg(it.value())
                                        .arg(round)));
            }
            watermark = newest;
            m_sim->advanceSeconds(random.bounded(3u));
        }
        QVERIFY(unseen.isEmpty());
    }

    void rejectsBadListParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("limit 0") << s("limit=0");
        QTest::newRow("limit over 500") << s("limit=501");
        QTest::newRow("limit not a number") << s("limit=ten");
        QTest::newRow("garbage cursor") << s("cursor=notacursor");
        QTest::newRow("updated_since not RFC 3339") << s("updated_since=2026-03-01 10:00:00");
        QTest::newRow("updated_since with milliseconds") << s("updated_since=2026-03-01T10:00:00.000Z");
        QTest::newRow("unknown sort field") << s("sort_by=name");
        QTest::newRow("bad direction") << s("sort_direction=up");
        QTest::newRow("status outside the enum") << s("status=open,closed");
        QTest::newRow("owner_id as text") << s("owner_id=me");
    }

    void rejectsBadListParameters()
    {
        QFETCH(QString, query);
        const SimResponse r = call("GET", s("/api/v2/deals"), query);
        QCOMPARE(r.status, 400);
        QCOMPARE(bodyOf(r).value(s("success")).toBool(true), false);
    }

    void acceptsLimit500() { QCOMPARE(call("GET", s("/api/v2/deals"), s("limit=500")).status, 200); }

    void updatedSinceIsInclusiveAndUntilExclusive()
    {
        const QDateTime t0(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);
        m_sim->setNow(t0);
        const qint64 a = createOrg(s("A"));
        m_sim->advanceSeconds(1);
        const qint64 b = createOrg(s("B"));
        m_sim->advanceSeconds(1);
        const qint64 c = createOrg(s("C"));
        auto idsFor = [this](const QString &query) {
            QList<qint64> ids;
            for (const QJsonValue &v :
                 bodyOf(call("GET", s("/api/v2/organizations"), query)).value(s("data")).toArray()) {
                ids.append(v.toObject().value(s("id")).toInteger());
            }
            return ids;
        };
        QCOMPARE(idsFor(s("updated_since=2026-03-02T10:00:01Z")), (QList<qint64>{b, c}));
        QCOMPARE(idsFor(s("updated_since=2026-03-02T10:00:01Z&updated_until=2026-03-02T10:00:02Z")),
                 (QList<qint64>{b}));
        QCOMPARE(idsFor(s("updated_until=2026-03-02T10:00:01Z")), (QList<qint64>{a}));
        // The same instant written with an offset is the same boundary.
        QCOMPARE(idsFor(s("updated_since=2026-03-02T23:00:02%2B13:00")), (QList<qint64>{c}));
    }

    void strictWrites_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        const QString deals = s("/api/v2/deals");
        const QString orgs = s("/api/v2/organizations");
        const QJsonObject valid{{s("title"), s("Deck")}, {s("value"), 1200}};
        QTest::newRow("valid deal") << QByteArray("POST") << deals << valid << 200;
        QTest::newRow("value as a string")
            << QByteArray("POST") << deals << QJsonObject{{s("title"), s("Deck")}, {s("value"), s("1200")}} << 400;
        QTest::newRow("org_id as a string")
            << QByteArray("POST") << deals << QJsonObject{{s("title"), s("Deck")}, {s("org_id"), s("1")}} << 400;
        QTest::newRow("is_archived as 1")
            << QByteArray("POST") << deals << QJsonObject{{s("title"), s("Deck")}, {s("is_archived"), 1}} << 400;
        QTest::newRow("missing title") << QByteArray("POST") << deals << QJsonObject{{s("value"), 5}} << 400;
        QTest::newRow("lost_reason on an open deal")
            << QByteArray("POST") << deals << QJsonObject{{s("title"), s("Deck")}, {s("lost_reason"), s("Price")}}
            << 400;
        QTest::newRow("lost_reason on a lost deal")
            << QByteArray("POST") << deals
            << QJsonObject{{s("title"), s("Deck")}, {s("status"), s("lost")}, {s("lost_reason"), s("Price")}} << 200;
        QTest::newRow("unknown status") << QByteArray("POST") << deals
                                        << QJsonObject{{s("title"), s("Deck")}, {s("status"), s("closed")}} << 400;
        QTest::newRow("unknown stage") << QByteArray("POST") << deals
                                       << QJsonObject{{s("title"), s("Deck")}, {s("stage_id"), 999}} << 400;
        QTest::newRow("missing organization")
            << QByteArray("POST") << deals << QJsonObject{{s("title"), s("Deck")}, {s("org_id"), 999}} << 400;
        QTest::newRow("server-managed update_time")
            << QByteArray("POST") << deals
            << QJsonObject{{s("title"), s("Deck")}, {s("update_time"), s("2026-01-01T00:00:00Z")}} << 400;
        QTest::newRow("unknown field") << QByteArray("POST") << deals
                                       << QJsonObject{{s("title"), s("Deck")}, {s("colour"), s("red")}} << 400;
        QTest::newRow("created deleted") << QByteArray("POST") << deals
                                         << QJsonObject{{s("title"), s("Deck")}, {s("is_deleted"), true}} << 400;
        QTest::newRow("unknown custom field key")
            << QByteArray("POST") << deals
            << QJsonObject{{s("title"), s("Deck")},
                           {s("custom_fields"), QJsonObject{{s("dcf558aac1ae4e8c4f849ba5e668430d8df9be12"), s("x")}}}}
            << 400;
        QTest::newRow("valid organization")
            << QByteArray("POST") << orgs << QJsonObject{{s("name"), s("O'Brien Homes Ltd")}} << 200;
        QTest::newRow("organization without name")
            << QByteArray("POST") << orgs << QJsonObject{{s("owner_id"), 1}} << 400;
        QTest::newRow("address without value")
            << QByteArray("POST") << orgs
            << QJsonObject{{s("name"), s("X")}, {s("address"), QJsonObject{{s("locality"), s("Auckland")}}}} << 400;
        QTest::newRow("address as text") << QByteArray("POST") << orgs
                                         << QJsonObject{{s("name"), s("X")}, {s("address"), s("1 Rata St")}} << 400;
    }

    void strictWrites()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        const SimResponse r = call(method, path, {}, body);
        QVERIFY2(r.status == status, r.body.constData());
        QCOMPARE(bodyOf(r).value(s("success")).toBool(), status == 200);
        if (status == 200) {
            QVERIFY(bodyOf(r).value(s("data")).toObject().value(s("id")).toInteger() > 0);
        } else {
            QCOMPARE(m_sim->allDeals().size() + m_sim->allOrganizations().size(), 0);
        }
    }

    void customFieldStrictness_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("varchar string") << s("varchar") << QJsonValue(s("C-100")) << true;
        QTest::newRow("varchar number") << s("varchar") << QJsonValue(100) << false;
        QTest::newRow("varchar []") << s("varchar") << QJsonValue(QJsonArray()) << false;
        QTest::newRow("varchar null clears") << s("varchar") << QJsonValue() << true;
        QTest::newRow("double number") << s("double") << QJsonValue(2.5) << true;
        QTest::newRow("double string") << s("double") << QJsonValue(s("2.5")) << false;
        QTest::newRow("monetary object") << s("monetary")
                                         << QJsonValue(QJsonObject{{s("value"), 10}, {s("currency"), s("NZD")}})
                                         << true;
        QTest::newRow("monetary bare number") << s("monetary") << QJsonValue(10) << false;
        QTest::newRow("date") << s("date") << QJsonValue(s("2026-04-01")) << true;
        QTest::newRow("date with time") << s("date") << QJsonValue(s("2026-04-01T00:00:00Z")) << false;
        QTest::newRow("set []") << s("set") << QJsonValue(QJsonArray()) << false;
    }

    void customFieldStrictness()
    {
        QFETCH(QString, type);
        QFETCH(QJsonValue, value);
        QFETCH(bool, accepted);
        const QStringList options = type == QLatin1String("set") ? QStringList{s("A")} : QStringList{};
        const QString key = m_sim->ensureCustomField(PipedriveEntity::Organization, s("Field"), type, options);
        QVERIFY(QRegularExpression(s("^[0-9a-f]{40}$")).match(key).hasMatch());
        const SimResponse r = call("POST", s("/api/v2/organizations"), {},
                                   QJsonObject{{s("name"), s("X")}, {s("custom_fields"), QJsonObject{{key, value}}}});
        QCOMPARE(r.status, accepted ? 200 : 400);
        if (accepted) {
            QCOMPARE(bodyOf(r).value(s("data")).toObject().value(s("custom_fields")).toObject().value(key), value);
        }
    }

    void optionFieldsWithAndWithoutLabels()
    {
        const QString key =
            m_sim->ensureCustomField(PipedriveEntity::Deal, s("Project Type"), s("enum"), {s("Decking"), s("Fencing")});
        const QJsonArray options = m_sim->fieldRegistry().findCustomByKey(PipedriveEntity::Deal, key)->options;
        const qint64 fencing = options.at(1).toObject().value(s("id")).toInteger();
        SimResponse r = call("POST", s("/api/v2/deals"), {},
                             QJsonObject{{s("title"), s("T")}, {s("custom_fields"), QJsonObject{{key, fencing}}}});
        QCOMPARE(r.status, 200);
        QCOMPARE(call("POST", s("/api/v2/deals"), {},
                      QJsonObject{{s("title"), s("T")}, {s("custom_fields"), QJsonObject{{key, 424242}}}})
                     .status,
                 400); // not one of its options
        QCOMPARE(bodyOf(call("GET", s("/api/v2/deals/1")))
                     .value(s("data"))
                     .toObject()
                     .value(s("custom_fields"))
                     .toObject()
                     .value(key)
                     .toInteger(),
                 fencing);
        const QJsonObject labelled = bodyOf(call("GET", s("/api/v2/deals"), s("include_option_labels=true")))
                                         .value(s("data"))
                                         .toArray()
                                         .first()
                                         .toObject()
                                         .value(s("custom_fields"))
                                         .toObject()
                                         .value(key)
                                         .toObject();
        QCOMPARE(labelled.value(s("id")).toInteger(), fencing);
        QCOMPARE(labelled.value(s("label")).toString(), s("Fencing"));
        QCOMPARE(call("GET", s("/api/v2/deals"), s("include_option_labels=yes")).status, 400);
    }

    void patchChangesAndClears()
    {
        const QString key = m_sim->ensureCustomField(PipedriveEntity::Organization, s("Email"), s("varchar"));
        const qint64 id = createOrg(s("Tui Ridge Homes Ltd"));
        const QString created = m_sim->organization(id).value(s("update_time")).toString();
        m_sim->advanceSeconds(90);
        SimResponse r = call("PATCH", QStringLiteral("/api/v2/organizations/%1").arg(id), {},
                             QJsonObject{{s("custom_fields"), QJsonObject{{key, s("office@tui.co.nz")}}},
                                         {s("address"), QJsonObject{{s("value"), s("5 Rata Street, Auckland")},
                                                                    {s("locality"), s("Auckland")}}}});
        QCOMPARE(r.status, 200);
        QJsonObject data = bodyOf(r).value(s("data")).toObject();
        QCOMPARE(data.value(s("custom_fields")).toObject().value(key).toString(), s("office@tui.co.nz"));
        QVERIFY(data.value(s("update_time")).toString() > created);
        QCOMPARE(data.value(s("address")).toObject().value(s("locality")).toString(), s("Auckland"));
        QVERIFY(data.value(s("address")).toObject().value(s("route")).isNull());
        QCOMPARE(data.value(s("name")).toString(), s("Tui Ridge Homes Ltd"));

        r = call("PATCH", QStringLiteral("/api/v2/organizations/%1").arg(id), {},
                 QJsonObject{{s("custom_fields"), QJsonObject{{key, QJsonValue()}}}});
        QCOMPARE(r.status, 200);
        QVERIFY(bodyOf(r).value(s("data")).toObject().value(s("custom_fields")).toObject().value(key).isNull());
        QCOMPARE(call("PATCH", QStringLiteral("/api/v2/organizations/%1").arg(id), {},
                      QJsonObject{{s("update_time"), s("2020-01-01T00:00:00Z")}})
                     .status,
                 400);
    }

    void dealStatusMovesItsTimes()
    {
        const SimResponse created = call("POST", s("/api/v2/deals"), {}, QJsonObject{{s("title"), s("Fence")}});
        const qint64 id = bodyOf(created).value(s("data")).toObject().value(s("id")).toInteger();
        m_sim->advanceSeconds(3600);
        const QJsonObject won =
            bodyOf(call("PATCH", QStringLiteral("/api/v2/deals/%1").arg(id), {}, QJsonObject{{s("status"), s("won")}}))
                .value(s("data"))
                .toObject();
        QCOMPARE(won.value(s("status")).toString(), s("won"));
        QCOMPARE(won.value(s("won_time")).toString(), won.value(s("update_time")).toString());
        QCOMPARE(won.value(s("close_time")).toString(), won.value(s("update_time")).toString());
        QVERIFY(won.value(s("lost_time")).isNull());
        const qint64 stage2 = m_sim->store().stages().at(1).id;
        const QJsonObject moved =
            bodyOf(call("PATCH", QStringLiteral("/api/v2/deals/%1").arg(id), {}, QJsonObject{{s("stage_id"), stage2}}))
                .value(s("data"))
                .toObject();
        QCOMPARE(moved.value(s("stage_id")).toInteger(), stage2);
        QCOMPARE(moved.value(s("stage_change_time")).toString(), moved.value(s("update_time")).toString());
    }

    void explicitWonTimeIsKept_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("shown");
        QTest::newRow("RFC 3339") << s("2026-02-27T04:05:06Z") << s("2026-02-27T04:05:06Z");
        QTest::newRow("offset") << s("2026-02-27T17:05:06+13:00") << s("2026-02-27T04:05:06Z");
        QTest::newRow("documented plain UTC form") << s("2026-02-27 04:05:06") << s("2026-02-27T04:05:06Z");
    }

    void explicitWonTimeIsKept()
    {
        QFETCH(QString, given);
        QFETCH(QString, shown);
        const SimResponse r =
            call("POST", s("/api/v2/deals"), {},
                 QJsonObject{{s("title"), s("Planting")}, {s("status"), s("won")}, {s("won_time"), given}});
        QVERIFY2(r.status == 200, r.body.constData());
        const QJsonObject d = bodyOf(r).value(s("data")).toObject();
        QCOMPARE(d.value(s("won_time")).toString(), shown);
        QCOMPARE(d.value(s("close_time")).toString(), d.value(s("update_time")).toString()); // not given: implied
    }

    void softDeleteAndPurge()
    {
        const qint64 org = createOrg(s("Bayview Apartments"));
        const qint64 deal = bodyOf(call("POST", s("/api/v2/deals"), {}, QJsonObject{{s("title"), s("Lawn")}}))
                                .value(s("data"))
                                .toObject()
                                .value(s("id"))
                                .toInteger();
        m_sim->advanceSeconds(600);
        const QString deletedAt = PipedriveClock::formatTime(m_sim->clock().nowSecs());
        SimResponse r = call("DELETE", QStringLiteral("/api/v2/deals/%1").arg(deal));
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r).value(s("data")).toObject(), (QJsonObject{{s("id"), deal}}));
        QCOMPARE(call("DELETE", QStringLiteral("/api/v2/organizations/%1").arg(org)).status, 200);

        QCOMPARE(call("GET", QStringLiteral("/api/v2/deals/%1").arg(deal)).status, 404);
        QCOMPARE(call("PATCH", QStringLiteral("/api/v2/deals/%1").arg(deal), {}, QJsonObject{{s("value"), 1}}).status,
                 404);
        QCOMPARE(bodyOf(call("GET", s("/api/v2/deals"))).value(s("data")).toArray().size(), 0);
        QCOMPARE(bodyOf(call("GET", s("/api/v2/organizations"))).value(s("data")).toArray().size(), 0);

        const QJsonArray deleted =
            bodyOf(call("GET", s("/api/v2/deals"), s("status=open,deleted&updated_since=") + deletedAt))
                .value(s("data"))
                .toArray();
        QCOMPARE(deleted.size(), 1);
        QCOMPARE(deleted.first().toObject().value(s("is_deleted")).toBool(), true);
        QCOMPARE(deleted.first().toObject().value(s("update_time")).toString(), deletedAt);

        m_sim->setDeletedGet(PipedriveSimulator::DeletedGet::Flagged);
        r = call("GET", QStringLiteral("/api/v2/organizations/%1").arg(org));
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r).value(s("data")).toObject().value(s("is_deleted")).toBool(), true);

        m_sim->advanceSeconds(30LL * 86400 - 1);
        QCOMPARE(bodyOf(call("GET", s("/api/v2/deals"), s("status=deleted"))).value(s("data")).toArray().size(), 1);
        m_sim->advanceSeconds(1);
        QCOMPARE(bodyOf(call("GET", s("/api/v2/deals"), s("status=deleted"))).value(s("data")).toArray().size(), 0);
        QCOMPARE(call("GET", QStringLiteral("/api/v2/organizations/%1").arg(org)).status, 404);
        QVERIFY(m_sim->organization(org).isEmpty());
    }

    void dealStatusFilter_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("expected");
        QTest::newRow("default hides deleted") << QString() << 3;
        QTest::newRow("open") << s("open") << 1;
        QTest::newRow("won,lost") << s("won,lost") << 2;
        QTest::newRow("everything") << s("open,won,lost,deleted") << 4;
        QTest::newRow("deleted") << s("deleted") << 1;
    }

    void dealStatusFilter()
    {
        QFETCH(QString, status);
        QFETCH(int, expected);
        m_sim->createDeal(QJsonObject{{s("title"), s("a")}});
        m_sim->createDeal(QJsonObject{{s("title"), s("b")}, {s("status"), s("won")}});
        m_sim->createDeal(QJsonObject{{s("title"), s("c")}, {s("status"), s("lost")}});
        m_sim->deleteDeal(m_sim->createDeal(QJsonObject{{s("title"), s("d")}}));
        const QString query = status.isNull() ? QString() : s("status=") + status;
        const QJsonArray data = bodyOf(call("GET", s("/api/v2/deals"), query)).value(s("data")).toArray();
        QCOMPARE(data.size(), expected);
        for (const QJsonValue &v : data) {
            QVERIFY(status.isNull() ||
                    status.split(QLatin1Char(',')).contains(v.toObject().value(s("status")).toString()));
        }
    }

    void archivedDealsLiveApart()
    {
        const qint64 a = m_sim->createDeal(QJsonObject{{s("title"), s("Kept")}});
        const qint64 b = m_sim->createDeal(QJsonObject{{s("title"), s("Old job")}, {s("status"), s("won")}});
        QVERIFY(m_sim->archiveDeal(b));
        QJsonArray live = bodyOf(call("GET", s("/api/v2/deals"), s("status=open,won,lost"))).value(s("data")).toArray();
        QCOMPARE(live.size(), 1);
        QCOMPARE(live.first().toObject().value(s("id")).toInteger(), a);
        const SimResponse archived = call("GET", s("/api/v2/deals/archived"));
        QCOMPARE(archived.status, 200);
        const QJsonArray arch = bodyOf(archived).value(s("data")).toArray();
        QCOMPARE(arch.size(), 1);
        QCOMPARE(arch.first().toObject().value(s("is_archived")).toBool(), true);
        QVERIFY(!arch.first().toObject().value(s("archive_time")).isNull());
        QCOMPARE(call("PATCH", QStringLiteral("/api/v2/deals/%1").arg(b), {}, QJsonObject{{s("value"), 5}}).status,
                 400);
        QCOMPARE(
            call("PATCH", QStringLiteral("/api/v2/deals/%1").arg(b), {}, QJsonObject{{s("is_archived"), false}}).status,
            200);
        QCOMPARE(bodyOf(call("GET", s("/api/v2/deals"))).value(s("data")).toArray().size(), 2);
    }

    void fieldsEndpoints()
    {
        // A fresh company has none of TurfDrive's fields, so setup's create path has something to do.
        SimResponse r = call("GET", s("/api/v2/organizationFields"));
        QCOMPARE(r.status, 200);
        for (const QJsonValue &f : bodyOf(r).value(s("data")).toArray()) {
            QCOMPARE(f.toObject().value(s("is_custom_field")).toBool(), false);
        }
        r = call("POST", s("/api/v2/organizationFields"), {},
                 QJsonObject{{s("field_name"), s("Ostendo Customer ID")}, {s("field_type"), s("varchar")}});
        QCOMPARE(r.status, 200);
        const QJsonObject created = bodyOf(r).value(s("data")).toObject();
        const QString key = created.value(s("field_code")).toString();
        QVERIFY(QRegularExpression(s("^[0-9a-f]{40}$")).match(key).hasMatch());
        QCOMPARE(created.value(s("is_custom_field")).toBool(), true);

        bool listed = false;
        for (const QJsonValue &f : bodyOf(call("GET", s("/api/v2/organizationFields"))).value(s("data")).toArray()) {
            listed = listed || f.toObject().value(s("field_code")).toString() == key;
        }
        QVERIFY(listed);
        QCOMPARE(bodyOf(call("GET", s("/api/v2/organizationFields/") + key))
                     .value(s("data"))
                     .toObject()
                     .value(s("field_name"))
                     .toString(),
                 s("Ostendo Customer ID"));
        QCOMPARE(call("GET", s("/api/v2/dealFields/") + key).status, 404);
        const QJsonArray v1 = bodyOf(call("GET", s("/api/v1/organizationFields"))).value(s("data")).toArray();
        QCOMPARE(v1.last().toObject().value(s("key")).toString(), key);

        QCOMPARE(call("POST", s("/api/v2/dealFields"), {},
                      QJsonObject{{s("field_name"), s("Kind")}, {s("field_type"), s("enum")}})
                     .status,
                 400);
        QCOMPARE(call("POST", s("/api/v2/dealFields"), {},
                      QJsonObject{{s("field_name"), s("X")}, {s("field_type"), s("hyperlink")}})
                     .status,
                 400);
    }

    void fieldPagingFollowsCursor()
    {
        for (int i = 0; i < 6; ++i) {
            m_sim->ensureCustomField(PipedriveEntity::Deal, QStringLiteral("F%1").arg(i), s("varchar"));
        }
        int pages = 0;
        const QJsonArray all = fetchAll(s("/api/v2/dealFields"), s("limit=4"), &pages);
        QCOMPARE(all.size(), m_sim->fieldRegistry().fields(PipedriveEntity::Deal).size());
        QVERIFY(pages > 1);
    }

    void stagesAndPipelines()
    {
        m_sim->seedDemo(3, 1, 1);
        const QJsonArray pipelines = bodyOf(call("GET", s("/api/v2/pipelines"))).value(s("data")).toArray();
        QCOMPARE(pipelines.size(), 1);
        QCOMPARE(pipelines.first().toObject().value(s("name")).toString(), s("Landscaping"));
        const qint64 pid = pipelines.first().toObject().value(s("id")).toInteger();
        const QJsonArray stages = bodyOf(call("GET", s("/api/v2/stages"), QStringLiteral("pipeline_id=%1").arg(pid)))
                                      .value(s("data"))
                                      .toArray();
        QCOMPARE(stages.size(), 5);
        QCOMPARE(stages.first().toObject().value(s("name")).toString(), s("Enquiry"));
        const qint64 sid = stages.at(2).toObject().value(s("id")).toInteger();
        QCOMPARE(bodyOf(call("GET", QStringLiteral("/api/v2/stages/%1").arg(sid)))
                     .value(s("data"))
                     .toObject()
                     .value(s("pipeline_id"))
                     .toInteger(),
                 pid);
    }

    void searchSeesWritesAfterIndexDelay()
    {
        const QString key =
            m_sim->ensureCustomField(PipedriveEntity::Organization, s("Ostendo Customer ID"), s("varchar"));
        m_sim->setSearchIndexDelaySeconds(60);
        const qint64 id = m_sim->createOrganization(
            QJsonObject{{s("name"), s("Rimu Grove School")}, {s("Ostendo Customer ID"), s("CUST-0042")}});
        QVERIFY(id > 0);
        const QString query = s("entity_type=organization&match=exact&term=CUST-0042&field=") + key;
        QCOMPARE(bodyOf(call("GET", s("/api/v2/itemSearch/field"), query)).value(s("data")).toArray().size(), 0);
        m_sim->advanceSeconds(59);
        QCOMPARE(bodyOf(call("GET", s("/api/v2/itemSearch/field"), query)).value(s("data")).toArray().size(), 0);
        m_sim->advanceSeconds(1);
        const QJsonArray found = bodyOf(call("GET", s("/api/v2/itemSearch/field"), query)).value(s("data")).toArray();
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().toObject().value(s("id")).toInteger(), id);
        QCOMPARE(found.first().toObject().value(s("name")).toString(), s("Rimu Grove School"));
    }

    void searchMatching_data()
    {
        QTest::addColumn<QString>("match");
        QTest::addColumn<QString>("term");
        QTest::addColumn<int>("hits");
        QTest::newRow("exact") << s("exact") << s("CUST-0042") << 1;
        QTest::newRow("exact is case-sensitive") << s("exact") << s("cust-0042") << 0;
        QTest::newRow("exact needs the whole value") << s("exact") << s("CUST-004") << 0;
        QTest::newRow("beginning") << s("beginning") << s("CUST-00") << 2;
        QTest::newRow("middle") << s("middle") << s("0042") << 1;
    }

    void searchMatching()
    {
        QFETCH(QString, match);
        QFETCH(QString, term);
        QFETCH(int, hits);
        const QString key =
            m_sim->ensureCustomField(PipedriveEntity::Organization, s("Ostendo Customer ID"), s("varchar"));
        m_sim->createOrganization(QJsonObject{{s("name"), s("A")}, {s("Ostendo Customer ID"), s("CUST-0042")}});
        m_sim->createOrganization(QJsonObject{{s("name"), s("B")}, {s("Ostendo Customer ID"), s("CUST-0077")}});
        const SimResponse r =
            call("GET", s("/api/v2/itemSearch/field"),
                 QStringLiteral("entity_type=organization&match=%1&term=%2&field=%3").arg(match, term, key));
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r).value(s("data")).toArray().size(), hits);
    }

    void searchRejectsBadTerms_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("one character, beginning") << s("entity_type=organization&match=beginning&term=C&field=name");
        QTest::newRow("no term") << s("entity_type=organization&field=name");
        QTest::newRow("unknown field") << s("entity_type=organization&term=abc&field=nope");
        QTest::newRow("bad entity type") << s("entity_type=widget&term=abc&field=name");
    }

    void searchRejectsBadTerms()
    {
        QFETCH(QString, query);
        QCOMPARE(call("GET", s("/api/v2/itemSearch/field"), query).status, 400);
    }

    void burstLimitAnswers429WithHeaders()
    {
        m_sim->rateLimiter().setBurstLimit(5);
        for (int i = 0; i < 5; ++i) {
            const SimResponse r = call("GET", s("/api/v2/stages"));
            QCOMPARE(r.status, 200);
            QCOMPARE(headerOf(r, "x-ratelimit-limit"), QByteArray("5"));
            QCOMPARE(headerOf(r, "x-ratelimit-remaining").toInt(), 4 - i);
        }
        m_sim->clock().advanceMSecs(500);
        const SimResponse limited = call("GET", s("/api/v2/stages"));
        QCOMPARE(limited.status, 429);
        QCOMPARE(bodyOf(limited).value(s("success")).toBool(true), false);
        QVERIFY(!bodyOf(limited).value(s("error")).toString().isEmpty());
        QCOMPARE(headerOf(limited, "x-ratelimit-remaining"), QByteArray("0"));
        QCOMPARE(headerOf(limited, "x-ratelimit-reset").toInt(), 2); // 1.5 s left, rounded up
        const qint64 spent = m_sim->tokensUsedToday();
        m_sim->clock().advanceMSecs(1500);
        QCOMPARE(call("GET", s("/api/v2/stages")).status, 200);
        QVERIFY(m_sim->tokensUsedToday() > spent);
    }

    void searchHasItsOwnBurst()
    {
        const QString query = s("entity_type=organization&term=x&field=name");
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(call("GET", s("/api/v2/itemSearch/field"), query).status, 200);
        }
        const SimResponse limited = call("GET", s("/api/v2/itemSearch/field"), query);
        QCOMPARE(limited.status, 429);
        QCOMPARE(headerOf(limited, "x-ratelimit-limit"), QByteArray("10"));
        QCOMPARE(call("GET", s("/api/v2/organizations")).status, 200);
    }

    void searchesCountInTheGeneralWindowToo()
    {
        m_sim->rateLimiter().setBurstLimit(4);
        const QString query = s("entity_type=organization&term=x&field=name");
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(call("GET", s("/api/v2/itemSearch/field"), query).status, 200);
        }
        QCOMPARE(call("GET", s("/api/v2/organizations")).status, 429);
    }

    void ignoring429sEarnsTheHtmlBlock()
    {
        m_sim->rateLimiter().setBurstLimit(1);
        m_sim->rateLimiter().setAbuseThreshold(3);
        m_sim->rateLimiter().setBlockSeconds(60);
        QCOMPARE(call("GET", s("/api/v2/deals")).status, 200);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(call("GET", s("/api/v2/deals")).status, 429);
        }
        SimResponse r = call("GET", s("/api/v2/deals"));
        QCOMPARE(r.status, 403);
        QVERIFY(headerOf(r, "Content-Type").startsWith("text/html"));
        QVERIFY(r.body.contains("<html"));
        QVERIFY(QJsonDocument::fromJson(r.body).isNull());
        m_sim->advanceSeconds(30);
        QCOMPARE(call("GET", s("/api/v2/deals")).status, 403); // still blocked, window long gone
        m_sim->advanceSeconds(31);
        QCOMPARE(call("GET", s("/api/v2/deals")).status, 200);
    }

    void tokenCostPerEndpoint_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("cost");
        // x-token-cost of pipedrive-openapi-v2.yml, and the v1 costs the reference lists.
        QTest::newRow("list deals") << QByteArray("GET") << s("/api/v2/deals") << QJsonObject() << 10;
        QTest::newRow("list organizations") << QByteArray("GET") << s("/api/v2/organizations") << QJsonObject() << 10;
        QTest::newRow("get deal") << QByteArray("GET") << s("/api/v2/deals/1") << QJsonObject() << 1;
        QTest::newRow("add organization")
            << QByteArray("POST") << s("/api/v2/organizations") << QJsonObject{{s("name"), s("N")}} << 5;
        QTest::newRow("update deal") << QByteArray("PATCH") << s("/api/v2/deals/1") << QJsonObject{{s("value"), 2}}
                                     << 5;
        QTest::newRow("delete deal") << QByteArray("DELETE") << s("/api/v2/deals/1") << QJsonObject() << 3;
        QTest::newRow("archived deals") << QByteArray("GET") << s("/api/v2/deals/archived") << QJsonObject() << 20;
        QTest::newRow("stages") << QByteArray("GET") << s("/api/v2/stages") << QJsonObject() << 5;
        QTest::newRow("pipelines") << QByteArray("GET") << s("/api/v2/pipelines") << QJsonObject() << 5;
        QTest::newRow("organization fields")
            << QByteArray("GET") << s("/api/v2/organizationFields") << QJsonObject() << 10;
        QTest::newRow("add deal field") << QByteArray("POST") << s("/api/v2/dealFields")
                                        << QJsonObject{{s("field_name"), s("F")}, {s("field_type"), s("text")}} << 5;
        QTest::newRow("v1 organization fields")
            << QByteArray("GET") << s("/api/v1/organizationFields") << QJsonObject() << 20;
        QTest::newRow("users/me") << QByteArray("GET") << s("/api/v1/users/me") << QJsonObject() << 2;
    }

    void tokenCostPerEndpoint()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(int, cost);
        m_sim->createDeal(QJsonObject{{s("title"), s("First")}});
        const qint64 before = m_sim->tokensUsedToday();
        const SimResponse r = call(method, path, {}, body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(m_sim->tokensUsedToday() - before, cost);
        QCOMPARE(m_sim->requestLog().last().tokenCost, cost);
    }

    void itemSearchCostsTwenty()
    {
        QCOMPARE(call("GET", s("/api/v2/itemSearch/field"), s("entity_type=deal&term=x&field=title")).status, 200);
        QCOMPARE(m_sim->tokensUsedToday(), 20);
    }

    void dailyBudgetRunsOutAndResetsAtMidnight()
    {
        m_sim->setNow(QDateTime(QDate(2026, 3, 2), QTime(23, 59, 50), Qt::UTC));
        m_sim->rateLimiter().setDailyBudget(25);
        QCOMPARE(call("GET", s("/api/v2/deals")).status, 200);
        QCOMPARE(call("GET", s("/api/v2/deals")).status, 200);
        QCOMPARE(m_sim->tokensUsedToday(), 20);
        const SimResponse r = call("GET", s("/api/v2/deals"));
        QCOMPARE(r.status, 429);
        QCOMPARE(headerOf(r, "x-daily-ratelimit-token-remaining"), QByteArray("5"));
        QCOMPARE(call("GET", s("/api/v2/deals/1")).status, 404); // 1 token still fits
        m_sim->advanceSeconds(10);
        QCOMPARE(m_sim->tokensUsedToday(), 0);
        QCOMPARE(call("GET", s("/api/v2/deals")).status, 200);
        QCOMPARE(m_sim->tokensUsedToday(), 10);
    }

    void dailyHeadersCanBeSwitchedOff()
    {
        QVERIFY(!headerOf(call("GET", s("/api/v2/deals")), "x-daily-ratelimit-token-limit").isEmpty());
        m_sim->rateLimiter().setDailyHeadersEnabled(false);
        const SimResponse r = call("GET", s("/api/v2/deals"));
        QVERIFY(headerOf(r, "x-daily-ratelimit-token-limit").isEmpty());
        QVERIFY(!headerOf(r, "x-ratelimit-limit").isEmpty());
    }

    void faults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("brokenAs"); // SimResponse::Fault
        QTest::addColumn<bool>("applied");
        const int none = static_cast<int>(SimResponse::Fault::None);
        QTest::newRow("server error") << s("server_error") << QByteArray("POST") << 503 << none << false;
        QTest::newRow("hang") << s("hang") << QByteArray("POST") << 0 << static_cast<int>(SimResponse::Fault::Hang)
                              << false;
        QTest::newRow("reset") << s("reset") << QByteArray("POST") << 0 << static_cast<int>(SimResponse::Fault::Reset)
                               << false;
        QTest::newRow("truncate") << s("truncate") << QByteArray("POST") << 200
                                  << static_cast<int>(SimResponse::Fault::Truncate) << true;
        QTest::newRow("non-JSON body") << s("non_json") << QByteArray("POST") << 200 << none << false;
        QTest::newRow("applied, answer lost (hang)")
            << s("apply_then_hang") << QByteArray("POST") << 0 << static_cast<int>(SimResponse::Fault::Hang) << true;
        QTest::newRow("applied, answer lost (reset)")
            << s("apply_then_reset") << QByteArray("POST") << 0 << static_cast<int>(SimResponse::Fault::Reset) << true;
        QTest::newRow("402") << s("payment_required") << QByteArray("POST") << 402 << none << false;
        QTest::newRow("403 capping") << s("feature_capping") << QByteArray("POST") << 403 << none << false;
    }

    void faults()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        QFETCH(int, brokenAs);
        QFETCH(bool, applied);
        PipedriveFaultInjector::Rule rule;
        QVERIFY(PipedriveFaultInjector::kindFromName(kind, &rule.kind));
        rule.method = method;
        rule.pathPattern = s("/api/v2/deals*");
        rule.status = 503;
        rule.remaining = 1;
        m_sim->addFault(rule);

        // Another endpoint is untouched by a rule for deals.
        QCOMPARE(call("POST", s("/api/v2/organizations"), {}, QJsonObject{{s("name"), s("Unaffected")}}).status, 200);
        const SimResponse r = call(method, s("/api/v2/deals"), {}, QJsonObject{{s("title"), s("Faulty")}});
        QCOMPARE(static_cast<int>(r.fault), brokenAs);
        if (r.fault == SimResponse::Fault::None || r.fault == SimResponse::Fault::Truncate) {
            QCOMPARE(r.status, status);
        }
        if (kind == QLatin1String("non_json")) {
            QVERIFY(QJsonDocument::fromJson(r.body).isNull());
        }
        if (kind == QLatin1String("feature_capping")) {
            QCOMPARE(bodyOf(r).value(s("code")).toString(), s("feature_capping_deals_limit"));
        }
        QCOMPARE(m_sim->allDeals().size(), applied ? 1 : 0);
        QCOMPARE(m_sim->requestLog().last().fault, kind);

        // The rule was for one request only.
        const SimResponse again = call(method, s("/api/v2/deals"), {}, QJsonObject{{s("title"), s("Again")}});
        QCOMPARE(again.fault, SimResponse::Fault::None);
        QCOMPARE(again.status, 200);
    }

    void faultProbabilityIsSeeded()
    {
        auto pattern = [](quint32 seed) {
            PipedriveSimulator sim(seed);
            sim.addApiToken(Token);
            PipedriveFaultInjector::Rule rule;
            rule.kind = PipedriveFaultInjector::Kind::ServerError;
            rule.probability = 0.5;
            sim.addFault(rule);
            QString out;
            for (int i = 0; i < 32; ++i) {
                SimRequest r;
                r.method = "GET";
                r.path = s("/api/v2/stages");
                r.headers.append({QByteArrayLiteral("x-api-token"), Token});
                out += sim.handle(r).status == 200 ? QLatin1Char('.') : QLatin1Char('x');
                sim.advanceSeconds(1);
            }
            return out;
        };
        const QString a = pattern(11);
        QCOMPARE(pattern(11), a);
        QVERIFY(a.contains(QLatin1Char('x')) && a.contains(QLatin1Char('.')));
    }

    void userEditsAsInTheWebApp()
    {
        const QString notes = m_sim->ensureCustomField(PipedriveEntity::Organization, s("Notes"), s("text"));
        QString error;
        const qint64 id =
            m_sim->createOrganization(QJsonObject{{s("name"), s("Aroha Community Trust")},
                                                  {s("Notes"), s("Gate code 1234")},
                                                  {s("address"), s("12 Kowhai Lane, Karori, Wellington 6012")},
                                                  {s("add_time"), s("2025-11-01T09:00:00Z")},
                                                  {s("update_time"), s("2025-11-03T10:30:00Z")}},
                                      &error);
        QVERIFY2(id > 0, qPrintable(error));
        QJsonObject o = m_sim->organization(id);
        QCOMPARE(o.value(s("update_time")).toString(), s("2025-11-03T10:30:00Z"));
        QCOMPARE(o.value(s("add_time")).toString(), s("2025-11-01T09:00:00Z"));
        QCOMPARE(o.value(s("custom_fields")).toObject().value(notes).toString(), s("Gate code 1234"));
        QCOMPARE(o.value(s("address")).toObject().value(s("value")).toString(),
                 s("12 Kowhai Lane, Karori, Wellington 6012"));

        m_sim->advanceSeconds(5);
        QVERIFY(m_sim->editOrganization(id, QJsonObject{{s("custom_fields"), QJsonObject{{s("Notes"), s("New")}}}}));
        o = m_sim->organization(id);
        QCOMPARE(o.value(s("update_time")).toString(), PipedriveClock::formatTime(m_sim->clock().nowSecs()));
        QCOMPARE(o.value(s("custom_fields")).toObject().value(notes).toString(), s("New"));
        QVERIFY(!m_sim->editOrganization(id, QJsonObject{{s("No Such Field"), s("x")}}, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(m_sim->tokensUsedToday(), 0); // users in the web app do not spend API tokens
    }

    void explicitHistoryStaysConsistent()
    {
        const qint64 id = m_sim->createDeal(QJsonObject{{s("title"), s("Irrigation")},
                                                        {s("status"), s("won")},
                                                        {s("add_time"), s("2025-10-01T08:00:00Z")},
                                                        {s("update_time"), s("2025-10-20T16:45:00Z")}});
        QVERIFY(id > 0);
        const QJsonObject d = m_sim->deal(id);
        QCOMPARE(d.value(s("update_time")).toString(), s("2025-10-20T16:45:00Z"));
        QCOMPARE(d.value(s("won_time")).toString(), s("2025-10-20T16:45:00Z"));
        QCOMPARE(d.value(s("local_won_date")).toString(), s("2025-10-20"));
        QVERIFY(d.value(s("stage_change_time")).toString() <= d.value(s("update_time")).toString());
        QVERIFY(d.value(s("lost_time")).isNull());
    }

    void seededAccountHasTheMappedFields()
    {
        m_sim->seedDemo(42, 5, 5);
        const QStringList orgFields{s("Phone"), s("Email"), s("Notes"), s("Ostendo Customer ID"), s("Ostendo Status")};
        for (const QString &name : orgFields) {
            QVERIFY2(!m_sim->customFieldKey(PipedriveEntity::Organization, name).isEmpty(), qPrintable(name));
        }
        QVERIFY(!m_sim->customFieldKey(PipedriveEntity::Deal, s("Ostendo Job Number")).isEmpty());
        QVERIFY(!m_sim->customFieldKey(PipedriveEntity::Deal, s("Project Type")).isEmpty());
        const QJsonArray listed = bodyOf(call("GET", s("/api/v2/organizationFields"))).value(s("data")).toArray();
        QSet<QString> names;
        for (const QJsonValue &f : listed) {
            names.insert(f.toObject().value(s("field_name")).toString());
        }
        for (const QString &name : orgFields) {
            QVERIFY(names.contains(name));
        }
        PipedriveSimulator fresh;
        QVERIFY(fresh.customFieldKey(PipedriveEntity::Organization, s("Phone")).isEmpty());
    }

    void demoDataIsDeterministicAndPlausible()
    {
        PipedriveSimulator a(1);
        PipedriveSimulator b(1);
        PipedriveSimulator c(1);
        a.seedDemo(2026, 30, 45);
        b.seedDemo(2026, 30, 45);
        c.seedDemo(2027, 30, 45);
        QCOMPARE(a.allOrganizations(), b.allOrganizations());
        QCOMPARE(a.allDeals(), b.allDeals());
        QVERIFY(a.allOrganizations() != c.allOrganizations());
        QCOMPARE(a.allOrganizations().size(), 30);
        QCOMPARE(a.allDeals().size(), 45);

        const QString phone = a.customFieldKey(PipedriveEntity::Organization, s("Phone"));
        const QString email = a.customFieldKey(PipedriveEntity::Organization, s("Email"));
        const QString type = a.customFieldKey(PipedriveEntity::Deal, s("Project Type"));
        QSet<QString> names;
        for (const QJsonValue &v : a.allOrganizations()) {
            const QJsonObject o = v.toObject();
            names.insert(o.value(s("name")).toString());
            QVERIFY(o.value(s("custom_fields")).toObject().value(phone).toString().startsWith(s("+64 ")));
            QVERIFY(o.value(s("custom_fields")).toObject().value(email).toString().contains(QLatin1Char('@')));
            const QJsonObject address = o.value(s("address")).toObject();
            QVERIFY((QStringList{s("Auckland"), s("Wellington"), s("Lower Hutt")}.contains(
                address.value(s("locality")).toString())));
            QCOMPARE(address.value(s("country")).toString(), s("New Zealand"));
            QVERIFY(address.value(s("value")).toString().contains(address.value(s("route")).toString()));
            QVERIFY(o.value(s("update_time")).toString() >= o.value(s("add_time")).toString());
        }
        QCOMPARE(names.size(), 30);
        QSet<QString> statuses;
        const qint64 landscaping = a.store().pipelines().first().id;
        for (const QJsonValue &v : a.allDeals()) {
            const QJsonObject d = v.toObject();
            statuses.insert(d.value(s("status")).toString());
            QCOMPARE(d.value(s("currency")).toString(), s("NZD"));
            QCOMPARE(d.value(s("pipeline_id")).toInteger(), landscaping);
            QVERIFY(d.value(s("value")).toDouble() > 0);
            QVERIFY(PipedriveDemoData::projectTypes().contains(
                d.value(s("custom_fields")).toObject().value(type).toString()));
            QVERIFY(!a.organization(d.value(s("org_id")).toInteger()).isEmpty());
        }
        QVERIFY(statuses.contains(s("open")) && statuses.contains(s("won")));
    }

    void requestLogKeepsHeaders()
    {
        call("GET", s("/api/v2/deals"), s("limit=5"));
        const PipedriveRequestLogEntry e = m_sim->requestLog().last();
        QCOMPARE(e.operation, s("getDeals"));
        QCOMPARE(e.query, s("limit=5"));
        bool tokenHeader = false;
        for (const auto &h : e.headers) {
            tokenHeader = tokenHeader || (h.first == "x-api-token" && h.second == Token);
        }
        QVERIFY(tokenHeader);
        QVERIFY(!e.query.contains(QString::fromLatin1(Token)));
    }

    void includeFieldsOnlyOnRequest_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("status");
        QTest::newRow("deal notes_count") << s("/api/v2/deals") << s("notes_count") << 200;
        QTest::newRow("deal first_won_time") << s("/api/v2/deals") << s("first_won_time") << 200;
        QTest::newRow("organization people_count") << s("/api/v2/organizations") << s("people_count") << 200;
        QTest::newRow("people_count is not a deal field") << s("/api/v2/deals") << s("people_count") << 400;
        QTest::newRow("one deal, smart_bcc_email") << s("/api/v2/deals/1") << s("smart_bcc_email") << 200;
    }

    void includeFieldsOnlyOnRequest()
    {
        QFETCH(QString, path);
        QFETCH(QString, field);
        QFETCH(int, status);
        m_sim->createDeal(QJsonObject{{s("title"), s("T")}});
        m_sim->createOrganization(QJsonObject{{s("name"), s("O")}});
        auto first = [](const SimResponse &r) {
            const QJsonValue data = bodyOf(r).value(s("data"));
            return data.isArray() ? data.toArray().first().toObject() : data.toObject();
        };
        QVERIFY(!first(call("GET", path)).contains(field));
        const SimResponse r = call("GET", path, s("include_fields=") + field);
        QCOMPARE(r.status, status);
        if (status == 200) {
            QVERIFY(first(r).contains(field));
        }
    }

    void createStatusIsConfigurable()
    {
        QCOMPARE(call("POST", s("/api/v2/organizations"), {}, QJsonObject{{s("name"), s("A")}}).status, 200);
        m_sim->setCreateStatus(201);
        const SimResponse r = call("POST", s("/api/v2/organizations"), {}, QJsonObject{{s("name"), s("B")}});
        QCOMPARE(r.status, 201);
        QCOMPARE(bodyOf(r).value(s("success")).toBool(), true);
    }

    void acceptAnyTokenStillNeedsOne()
    {
        m_sim->setAcceptAnyToken(true);
        QCOMPARE(call("GET", s("/api/v2/deals"), {}, {}, "whatever-the-settings-hold").status, 200);
        QCOMPARE(call("GET", s("/api/v2/deals"), {}, {}, QByteArray()).status, 401);
    }

    void requestLogIsBounded()
    {
        m_sim->setRequestLogLimit(3);
        for (int i = 0; i < 5; ++i) {
            call("GET", s("/api/v2/deals"), QStringLiteral("limit=%1").arg(i + 1));
        }
        QCOMPARE(m_sim->requestLog().size(), 3);
        QCOMPARE(m_sim->requestLog().first().query, s("limit=3"));
    }

    void requestLogBecomesAContractDump()
    {
        call("POST", s("/api/v2/deals"), {}, QJsonObject{{s("title"), s("Deck")}});
        SimRequest broken;
        broken.method = "PATCH";
        broken.path = s("/api/v2/deals/1");
        broken.headers.append({QByteArrayLiteral("x-api-token"), Token});
        broken.body = "{not json";
        QCOMPARE(m_sim->handle(broken).status, 400);
        const QJsonObject dump = PipedriveContractDump::fromRequestLog(m_sim->requestLog(), s("test"));
        QCOMPARE(dump.value(s("format")).toString(), s("turfdrive-contract-dump/1"));
        const QJsonArray ex = dump.value(s("exchanges")).toArray();
        QCOMPARE(ex.size(), 2);
        const QJsonObject created = ex.at(0).toObject();
        QCOMPARE(created.value(s("request_body")).toObject().value(s("title")).toString(), s("Deck"));
        QCOMPARE(created.value(s("token_cost")).toInt(), 5);
        QCOMPARE(created.value(s("status")).toInt(), 200);
        const QJsonObject patched = ex.at(1).toObject();
        QCOMPARE(patched.value(s("request_body")).toString(), s("{not json")); // kept, so the validator reports it
        QVERIFY(!patched.contains(s("token_cost")));
    }

    void controlRoutes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("add a field") << QByteArray("POST") << s("/_sim/fields")
                                     << QByteArray(R"({"entity":"deal","name":"Crew","type":"varchar"})") << 200;
        QTest::newRow("field for an unknown entity")
            << QByteArray("POST") << s("/_sim/fields") << QByteArray(R"({"entity":"lead","name":"X"})") << 400;
        QTest::newRow("list fields") << QByteArray("GET") << s("/_sim/fields") << QByteArray() << 200;
        QTest::newRow("edit a deal as a user") << QByteArray("PATCH") << s("/_sim/deals/1")
                                               << QByteArray(R"({"value": 999, "Project Type": "Fencing"})") << 200;
        QTest::newRow("user edit with a string value")
            << QByteArray("PATCH") << s("/_sim/deals/1") << QByteArray(R"({"value": "999"})") << 400;
        QTest::newRow("archive a deal") << QByteArray("POST") << s("/_sim/deals/1/archive") << QByteArray("{}") << 200;
        QTest::newRow("delete an organization")
            << QByteArray("DELETE") << s("/_sim/organizations/1") << QByteArray() << 200;
        QTest::newRow("delete a missing one")
            << QByteArray("DELETE") << s("/_sim/organizations/99") << QByteArray() << 404;
        QTest::newRow("settings") << QByteArray("POST") << s("/_sim/settings")
                                  << QByteArray(R"({"burst_limit": 3, "search_index_delay_seconds": 30})") << 200;
        QTest::newRow("fault with an unknown kind")
            << QByteArray("POST") << s("/_sim/faults") << QByteArray(R"({"kind":"meteor"})") << 400;
        QTest::newRow("clear faults") << QByteArray("DELETE") << s("/_sim/faults") << QByteArray() << 200;
        QTest::newRow("bad time") << QByteArray("POST") << s("/_sim/time") << QByteArray(R"({"now":"yesterday"})")
                                  << 400;
        QTest::newRow("not JSON") << QByteArray("POST") << s("/_sim/seed") << QByteArray("seed=1") << 400;
        QTest::newRow("unknown route") << QByteArray("GET") << s("/_sim/wat") << QByteArray() << 404;
    }

    void controlRoutes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        m_sim->seedDemo(1, 2, 2);
        SimRequest r;
        r.method = method;
        r.path = path;
        r.body = body;
        const SimResponse answer = m_sim->handle(r);
        QVERIFY2(answer.status == status, answer.body.constData());
        const QJsonObject o = bodyOf(answer);
        QCOMPARE(o.value(s("ok")).toBool(), status == 200);
        if (path == QLatin1String("/_sim/deals/1") && status == 200) {
            const QJsonObject d = m_sim->deal(1);
            QCOMPARE(d.value(s("value")).toDouble(), 999.0);
            const QString key = m_sim->customFieldKey(PipedriveEntity::Deal, s("Project Type"));
            QCOMPARE(d.value(s("custom_fields")).toObject().value(key).toString(), s("Fencing"));
        }
        if (path == QLatin1String("/_sim/fields") && method == "GET") {
            QCOMPARE(o.value(s("data")).toObject().value(s("organization")).toArray().size(), 5);
        }
        if (path.endsWith(QLatin1String("/archive"))) {
            QCOMPARE(m_sim->deal(1).value(s("is_archived")).toBool(), true);
        }
        if (path == QLatin1String("/_sim/settings")) {
            QCOMPARE(m_sim->searchIndexDelaySeconds(), 30);
            QCOMPARE(m_sim->rateLimiter().burstLimit(false), 3);
        }
    }

    void controlApiInProcess()
    {
        SimRequest r;
        r.method = "POST";
        r.path = s("/_sim/seed");
        r.body = R"({"seed": 5, "organizations": 3, "deals": 4})";
        QCOMPARE(m_sim->handle(r).status, 200);
        r.path = s("/_sim/time");
        r.body = R"({"advance_seconds": 3600})";
        const qint64 before = m_sim->clock().nowSecs();
        QCOMPARE(m_sim->handle(r).status, 200);
        QCOMPARE(m_sim->clock().nowSecs() - before, 3600);
        r.method = "GET";
        r.path = s("/_sim/state");
        r.body.clear();
        const QJsonObject state = bodyOf(m_sim->handle(r)).value(s("data")).toObject();
        QCOMPARE(state.value(s("organizations")).toInt(), 3);
        QCOMPARE(state.value(s("deals")).toInt(), 4);
        QCOMPARE(m_sim->tokensUsedToday(), 0);
        QVERIFY(m_sim->requestLog().isEmpty()); // control calls are not API traffic
    }
};

QTEST_GUILESS_MAIN(TestPipedriveSimulator)
#include "tst_pipedrivesimulator.moc"
