#include "PipedriveWriteValidator.h"

#include "PipedriveFieldRegistry.h"
#include "PipedriveStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace {
enum class Kind
{
    String,
    Integer,
    Number,
    Boolean,
    IntArray,
    Date,
    DateTime,
    Address,
    Object
};

struct Spec
{
    const char *name;
    Kind kind;
    bool nullable;
};

// The writable fields of the v2 bodies (spec addOrganization/updateOrganization and addDeal/updateDeal, plus the
// organization fields the reference lists as writable since client 17.5.0).
const Spec OrgSpecs[] = {
    {"name", Kind::String, false},           {"owner_id", Kind::Integer, false},
    {"add_time", Kind::DateTime, false},     {"visible_to", Kind::Integer, false},
    {"label_ids", Kind::IntArray, false},    {"address", Kind::Address, true},
    {"website", Kind::String, true},         {"linkedin", Kind::String, true},
    {"industry", Kind::Integer, true},       {"annual_revenue", Kind::Integer, true},
    {"employee_count", Kind::Integer, true}, {"custom_fields", Kind::Object, false},
};

const Spec DealSpecs[] = {
    {"title", Kind::String, false},         {"owner_id", Kind::Integer, false},
    {"person_id", Kind::Integer, true},     {"org_id", Kind::Integer, true},
    {"pipeline_id", Kind::Integer, false},  {"stage_id", Kind::Integer, false},
    {"value", Kind::Number, false},         {"currency", Kind::String, false},
    {"status", Kind::String, false},        {"probability", Kind::Number, true},
    {"lost_reason", Kind::String, true},    {"visible_to", Kind::Integer, false},
    {"close_time", Kind::DateTime, true},   {"won_time", Kind::DateTime, true},
    {"lost_time", Kind::DateTime, true},    {"expected_close_date", Kind::Date, true},
    {"label_ids", Kind::IntArray, false},   {"is_archived", Kind::Boolean, false},
    {"archive_time", Kind::DateTime, true}, {"is_deleted", Kind::Boolean, false},
    {"custom_fields", Kind::Object, false},
};

// Set by Pipedrive; a body that carries them is refused rather than silently ignored so client bugs show.
const char *const ServerManaged[] = {"id",
                                     "update_time",
                                     "stage_change_time",
                                     "creator_user_id",
                                     "origin",
                                     "origin_id",
                                     "local_won_date",
                                     "local_lost_date",
                                     "local_close_date",
                                     "acv",
                                     "arr",
                                     "mrr"};

const Spec *findSpec(PipedriveEntity e, const QString &key)
{
    if (e == PipedriveEntity::Deal) {
        for (const Spec &sp : DealSpecs) {
            if (key == QLatin1String(sp.name)) {
                return &sp;
            }
        }
    } else {
        for (const Spec &sp : OrgSpecs) {
            if (key == QLatin1String(sp.name)) {
                return &sp;
            }
        }
    }
    return nullptr;
}

bool isIntegral(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == static_cast<double>(static_cast<qint64>(v.toDouble()));
}

QString kindName(Kind k)
{
    switch (k) {
    case Kind::String:
        return QStringLiteral("a string");
    case Kind::Integer:
        return QStringLiteral("an integer");
    case Kind::Number:
        return QStringLiteral("a number");
    case Kind::Boolean:
        return QStringLiteral("a boolean");
    case Kind::IntArray:
        return QStringLiteral("an array of integers");
    case Kind::Date:
        return QStringLiteral("a date YYYY-MM-DD");
    case Kind::DateTime:
        return QStringLiteral("a date and time");
    case Kind::Address:
        return QStringLiteral("an address object");
    case Kind::Object:
        return QStringLiteral("an object");
    }
    return {};
}

bool isDateTime(const QString &text)
{
    // Bodies take RFC 3339, and archive_time is documented as "YYYY-MM-DD HH:MM:SS" UTC even in v2.
    static const QRegularExpression plain(QStringLiteral("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"));
    if (plain.match(text).hasMatch()) {
        return true;
    }
    return PipedriveWriteValidator::parseRfc3339(text) >= 0;
}
QString normaliseDateTime(const QString &text)
{
    qint64 secs = PipedriveWriteValidator::parseRfc3339(text);
    if (secs < 0) {
        QDateTime dt = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        dt.setTimeSpec(Qt::UTC);
        secs = dt.toSecsSinceEpoch();
    }
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(Qt::ISODate);
}
} // namespace

PipedriveWriteValidator::PipedriveWriteValidator(const PipedriveFieldRegistry *fields, const PipedriveStore *store)
    : m_fields(fields)
    , m_store(store)
{}

qint64 PipedriveWriteValidator::parseRfc3339(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(Z|[+-]\\d{2}:\\d{2})$"));
    if (!re.match(text).hasMatch()) {
        return -1;
    }
    const QDateTime dt = QDateTime::fromString(text, Qt::ISODate);
    return dt.isValid() ? dt.toSecsSinceEpoch() : -1;
}

QString PipedriveWriteValidator::checkAddress(const QJsonValue &value, QJsonValue *normalised) const
{
    if (value.isNull()) {
        *normalised = QJsonValue();
        return {};
    }
    if (!value.isObject()) {
        return QStringLiteral("address must be an object with a value");
    }
    static const char *const parts[] = {
        "value",       "country", "admin_area_level_1", "admin_area_level_2", "locality",
        "sublocality", "route",   "street_number",      "subpremise",         "postal_code"};
    const QJsonObject in = value.toObject();
    if (!in.value(QLatin1String("value")).isString() || in.value(QLatin1String("value")).toString().isEmpty()) {
        return QStringLiteral("address.value is required and must be a string");
    }
    QJsonObject out;
    for (const char *p : parts) {
        const QJsonValue v = in.value(QLatin1String(p));
        if (!v.isUndefined() && !v.isNull() && !v.isString()) {
            return QStringLiteral("address.%1 must be a string").arg(QLatin1String(p));
        }
        // Subfields left out are cleared, not kept: the reference states this for POST and PATCH alike.
        out.insert(QLatin1String(p), v.isUndefined() ? QJsonValue() : v);
    }
    for (auto it = in.begin(); it != in.end(); ++it) {
        if (!out.contains(it.key())) {
            return QStringLiteral("address.%1 is not an address field").arg(it.key());
        }
    }
    *normalised = out;
    return {};
}

QString PipedriveWriteValidator::checkStandard(PipedriveEntity entity, const QString &key, const QJsonValue &value,
                                               bool create) const
{
    for (const char *managed : ServerManaged) {
        if (key == QLatin1String(managed)) {
            return QStringLiteral("%1 is set by Pipedrive and cannot be written").arg(key);
        }
    }
    const Spec *spec = findSpec(entity, key);
    if (!spec) {
        return QStringLiteral("Unknown field: %1").arg(key);
    }
    if (key == QLatin1String("add_time") && !create) {
        return QStringLiteral("add_time can only be set when the record is created");
    }
    if (value.isNull()) {
        return spec->nullable ? QString() : QStringLiteral("%1 cannot be null").arg(key);
    }
    bool ok = true;
    switch (spec->kind) {
    case Kind::String:
        ok = value.isString();
        break;
    case Kind::Integer:
        ok = isIntegral(value);
        break;
    case Kind::Number:
        ok = value.isDouble();
        break;
    case Kind::Boolean:
        ok = value.isBool();
        break;
    case Kind::IntArray:
        ok = value.isArray();
        for (const QJsonValue &v : value.toArray()) {
            ok = ok && isIntegral(v);
        }
        break;
    case Kind::Date:
        ok = value.isString() &&
             QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$")).match(value.toString()).hasMatch() &&
             QDate::fromString(value.toString(), Qt::ISODate).isValid();
        break;
    case Kind::DateTime:
        ok = value.isString() && isDateTime(value.toString());
        break;
    case Kind::Address:
    case Kind::Object:
        ok = value.isObject();
        break;
    }
    if (!ok) {
        return QStringLiteral("%1 must be %2").arg(key, kindName(spec->kind));
    }
    return {};
}

QString PipedriveWriteValidator::checkDealConsistency(const QJsonObject &merged, const QJsonObject &changes) const
{
    const QString status = merged.value(QLatin1String("status")).toString();
    if (!QStringList{QStringLiteral("open"), QStringLiteral("won"), QStringLiteral("lost")}.contains(status)) {
        return QStringLiteral("status must be one of open, won, lost");
    }
    const bool lost = status == QLatin1String("lost");
    const bool won = status == QLatin1String("won");
    auto given = [&changes](const char *key) {
        return changes.contains(QLatin1String(key)) && !changes.value(QLatin1String(key)).isNull();
    };
    if (given("lost_reason") && !lost) {
        return QStringLiteral("lost_reason can only be set if the deal status is lost");
    }
    if (given("lost_time") && !lost) {
        return QStringLiteral("lost_time can only be set if the deal status is lost");
    }
    if (given("won_time") && !won) {
        return QStringLiteral("won_time can only be set if the deal status is won");
    }
    if (given("close_time") && !won && !lost) {
        return QStringLiteral("close_time can only be set if the deal status is won or lost");
    }
    if (changes.contains(QLatin1String("stage_id"))) {
        const PipedrivePipelineStage *st = m_store->stage(changes.value(QLatin1String("stage_id")).toInteger());
        if (!st) {
            return QStringLiteral("Stage not found");
        }
        if (changes.contains(QLatin1String("pipeline_id")) &&
            st->pipelineId != changes.value(QLatin1String("pipeline_id")).toInteger()) {
            return QStringLiteral("The stage does not belong to the given pipeline");
        }
    } else if (changes.contains(QLatin1String("pipeline_id")) &&
               m_store->firstStageOf(changes.value(QLatin1String("pipeline_id")).toInteger()) == 0) {
        return QStringLiteral("Pipeline not found");
    }
    if (given("org_id")) {
        const PipedriveRecord *org =
            m_store->find(PipedriveEntity::Organization, changes.value(QLatin1String("org_id")).toInteger());
        if (!org || org->deleted) {
            return QStringLiteral("Organization not found");
        }
    }
    if (given("probability")) {
        const double p = changes.value(QLatin1String("probability")).toDouble();
        if (p < 0 || p > 100) {
            return QStringLiteral("probability must be between 0 and 100");
        }
    }
    return {};
}

PipedriveWriteValidator::Result PipedriveWriteValidator::validate(PipedriveEntity entity, const QJsonObject &body,
                                                                  const PipedriveRecord *existing) const
{
    Result r;
    const bool create = existing == nullptr;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        r.error = checkStandard(entity, key, value, create);
        if (!r.error.isEmpty()) {
            return r;
        }
        if (key == QLatin1String("custom_fields")) {
            const QJsonObject custom = value.toObject();
            for (auto c = custom.begin(); c != custom.end(); ++c) {
                const PipedriveField *f = m_fields->findCustomByKey(entity, c.key());
                if (!f) {
                    r.error = QStringLiteral("Unknown custom field key: %1").arg(c.key());
                    return r;
                }
                r.error = PipedriveFieldRegistry::checkValue(*f, c.value());
                if (!r.error.isEmpty()) {
                    return r;
                }
                r.custom.insert(c.key(), c.value());
            }
            continue;
        }
        if (key == QLatin1String("address")) {
            QJsonValue normalised;
            r.error = checkAddress(value, &normalised);
            if (!r.error.isEmpty()) {
                return r;
            }
            r.standard.insert(key, normalised);
            continue;
        }
        const Spec *spec = findSpec(entity, key);
        if (spec && spec->kind == Kind::DateTime && value.isString()) {
            // Stored and shown as RFC 3339 UTC whichever accepted form came in.
            r.standard.insert(key, normaliseDateTime(value.toString()));
            continue;
        }
        r.standard.insert(key, value);
    }

    const char *required = entity == PipedriveEntity::Deal ? "title" : "name";
    const QJsonValue name = body.value(QLatin1String(required));
    if ((create && name.isUndefined()) || (!name.isUndefined() && name.toString().trimmed().isEmpty())) {
        r.error = QStringLiteral("%1 is required").arg(QLatin1String(required));
        return r;
    }
    if (body.value(QLatin1String("is_deleted")).toBool()) {
        r.error = create ? QStringLiteral("A deleted deal cannot be created")
                         : QStringLiteral("A deal cannot be deleted with PATCH; use DELETE");
        return r;
    }
    r.standard.remove(QStringLiteral("is_deleted"));

    if (entity == PipedriveEntity::Deal) {
        QJsonObject merged =
            existing ? existing->fields : QJsonObject{{QStringLiteral("status"), QStringLiteral("open")}};
        for (auto it = r.standard.begin(); it != r.standard.end(); ++it) {
            merged.insert(it.key(), it.value());
        }
        r.error = checkDealConsistency(merged, r.standard);
    }
    return r;
}
