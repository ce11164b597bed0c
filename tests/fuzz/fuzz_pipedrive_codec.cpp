// Fuzzes PipedriveCodec's readers with v2 JSON: whatever record it accepts, TurfDrive must be able to write back as
// a v2 body that, answered by Pipedrive as the record, reads as the same record.
#include "FuzzSupport.h"
#include "connectors/PipedriveCodec.h"
#include "util/RemoteText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
const QString PhoneKey = QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678");
const QString NotesKey = QStringLiteral("1111111111222222222233333333334444444444");
const QString CarriedKey = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
const QString TypeKey = QStringLiteral("fedcba9876543210fedcba9876543210fedcba98");

PipedriveCodec::FieldsByName mappedFields()
{
    PipedriveCodec::FieldsByName f;
    auto add = [&f](const QString &key, const char *name, const char *type, QList<QPair<qint64, QString>> options) {
        f.insert(QLatin1String(name),
                 PipedriveFieldDefinition{key, QLatin1String(name), QLatin1String(type), true, std::move(options)});
    };
    add(PhoneKey, "Phone", "phone", {});
    add(NotesKey, "Notes", "text", {});
    add(CarriedKey, "Ostendo Customer ID", "varchar", {});
    add(TypeKey, "Project Type", "enum", {{11, QStringLiteral("Landscaping")}, {12, QStringLiteral("Irrigation")}});
    return f;
}

// The body TurfDrive sends, as Pipedrive would echo it: the body's fields plus the server-owned ones.
QJsonValue echoed(QJsonObject body, qint64 id, const QDateTime &updateTime)
{
    body.insert(QStringLiteral("id"), double(id));
    body.insert(QStringLiteral("update_time"), PipedriveCodec::formatTimestamp(updateTime));
    // Through bytes, as it travels: the JSON writer and reader are part of the round trip.
    return RemoteText::parseJson(QJsonDocument(body).toJson(QJsonDocument::Compact)).object();
}

// Truncated on the clock face, as formatTimestamp does (toSecsSinceEpoch would round up before 1970).
QDateTime wholeSeconds(const QDateTime &t)
{
    const QDateTime utc = t.toUTC();
    const QTime time = utc.time();
    return QDateTime(utc.date(), QTime(time.hour(), time.minute(), time.second()), Qt::UTC);
}

bool sameCustomText(const QHash<QString, QJsonValue> &a, const QHash<QString, QJsonValue> &b)
{
    for (const char *name : {"Phone", "Notes", "Ostendo Customer ID"}) {
        const QString key = QLatin1String(name);
        if (a.value(key).toString() != b.value(key).toString()) {
            return false;
        }
    }
    return true;
}

void checkOrganization(const QJsonValue &json, const PipedriveCodec::FieldsByName &fields)
{
    QString problem;
    const auto org = PipedriveCodec::parseOrganization(json, fields, &problem);
    if (!org) {
        FUZZ_CHECK(!problem.isEmpty(), QStringLiteral("organization refused without a reason"));
        return;
    }
    FUZZ_CHECK(org->id >= 1 && org->updateTime.isValid() && org->updateTime.timeSpec() == Qt::UTC,
               QStringLiteral("accepted organization without id or UTC update_time"));
    if (org->name.trimmed().isEmpty()) {
        return; // Pipedrive would refuse such a name on write; the codec refuses it too (checked in the unit test)
    }
    PipedriveOrganizationChanges changes;
    changes.name = org->name;
    if (org->hasAddress) {
        changes.address = org->address;
    }
    changes.customFields = org->customFields;
    QString writeProblem;
    const QJsonObject body = PipedriveCodec::organizationBody(changes, fields, true, &writeProblem);
    if (!writeProblem.isEmpty()) {
        return; // e.g. an enum label that names no option: refused clearly, nothing sent
    }
    const auto back = PipedriveCodec::parseOrganization(echoed(body, org->id, org->updateTime), fields, &problem);
    FUZZ_CHECK(back.has_value(), QStringLiteral("our own organization body does not read back: %1").arg(problem));
    FUZZ_CHECK(back->name == org->name, QStringLiteral("name changed: %1 -> %2").arg(org->name, back->name));
    FUZZ_CHECK(back->hasAddress == org->hasAddress && (!org->hasAddress || back->address == org->address),
               QStringLiteral("address changed"));
    FUZZ_CHECK(sameCustomText(back->customFields, org->customFields), QStringLiteral("a custom text field changed"));
    FUZZ_CHECK(back->updateTime == wholeSeconds(org->updateTime), QStringLiteral("update_time changed"));
}

void checkDeal(const QJsonValue &json, const PipedriveCodec::FieldsByName &fields)
{
    QString problem;
    const auto deal = PipedriveCodec::parseDeal(json, fields, &problem);
    if (!deal) {
        FUZZ_CHECK(!problem.isEmpty(), QStringLiteral("deal refused without a reason"));
        return;
    }
    FUZZ_CHECK(deal->id >= 1 && deal->updateTime.isValid(), QStringLiteral("accepted deal without id or time"));
    if (deal->title.trimmed().isEmpty() || deal->status == QLatin1String("deleted")) {
        return;
    }
    PipedriveDealChanges changes;
    changes.title = deal->title;
    changes.value = deal->value;
    changes.currency = deal->currency;
    changes.status = deal->status;
    changes.stageId = deal->stageId;
    changes.orgId = deal->orgId;
    changes.expectedCloseDate = deal->expectedCloseDate;
    changes.customFields = deal->customFields;
    QString writeProblem;
    const QJsonObject body = PipedriveCodec::dealBody(changes, fields, true, &writeProblem);
    if (!writeProblem.isEmpty()) {
        return;
    }
    const auto back = PipedriveCodec::parseDeal(echoed(body, deal->id, deal->updateTime), fields, &problem);
    FUZZ_CHECK(back.has_value(), QStringLiteral("our own deal body does not read back: %1").arg(problem));
    FUZZ_CHECK(back->title == deal->title, QStringLiteral("title changed"));
    FUZZ_CHECK(back->value == deal->value,
               QStringLiteral("value changed: %1 -> %2")
                   .arg(QString::number(deal->value, 'g', 17), QString::number(back->value, 'g', 17)));
    FUZZ_CHECK(back->currency == deal->currency, QStringLiteral("currency changed"));
    FUZZ_CHECK(back->status == deal->status, QStringLiteral("status changed"));
    FUZZ_CHECK(back->stageId == deal->stageId && back->orgId == deal->orgId, QStringLiteral("stage or org changed"));
    FUZZ_CHECK(back->expectedCloseDate == deal->expectedCloseDate, QStringLiteral("expected close date changed"));
    FUZZ_CHECK(sameCustomText(back->customFields, deal->customFields), QStringLiteral("a custom text field changed"));
    // An enum travels as its option id and comes back as that option's label, compared the way the codec matches.
    const QString type = deal->customFields.value(QStringLiteral("Project Type")).toString();
    const QString typeBack = back->customFields.value(QStringLiteral("Project Type")).toString();
    FUZZ_CHECK(type.trimmed().compare(typeBack, Qt::CaseInsensitive) == 0,
               QStringLiteral("project type changed: %1 -> %2").arg(type, typeBack));
}

void checkEverything(const QJsonValue &json, const PipedriveCodec::FieldsByName &fields)
{
    checkOrganization(json, fields);
    checkDeal(json, fields);
    QString problem;
    PipedriveCodec::parseStage(json, &problem);
    PipedriveCodec::parseSearchHitId(json, &problem);
    if (const auto field = PipedriveCodec::parseField(json, &problem)) {
        field->optionId(field->name);
        field->optionLabel(1);
    }
    // Every string in the record is also tried as a timestamp: accepted ones must format and read back.
    if (json.isString()) {
        const QDateTime t = PipedriveCodec::parseTimestamp(json.toString());
        if (t.isValid()) {
            const QString text = PipedriveCodec::formatTimestamp(t);
            FUZZ_CHECK(PipedriveCodec::parseTimestamp(text) == wholeSeconds(t),
                       QStringLiteral("timestamp %1 -> %2").arg(json.toString(), text));
        }
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::install();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const PipedriveCodec::FieldsByName fields = mappedFields();
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // A list answer ({"success":true,"data":[...]}), a single record, or a bare array: each element is tried.
    const QJsonDocument doc = RemoteText::parseJson(bytes); // as PipedriveClient reads answers
    QJsonArray items;
    if (doc.isArray()) {
        items = doc.array();
    } else if (doc.isObject()) {
        const QJsonObject o = doc.object();
        items.append(o);
        const QJsonValue d = o.value(QStringLiteral("data"));
        if (d.isArray()) {
            for (const QJsonValue &v : d.toArray()) {
                items.append(v);
            }
        } else {
            items.append(d);
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isString()) {
                items.append(it.value());
            }
        }
    }
    for (const QJsonValue &item : items) {
        checkEverything(item, fields);
    }
    return 0;
}
