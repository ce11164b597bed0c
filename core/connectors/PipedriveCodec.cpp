#include "PipedriveCodec.h"

#include "util/RemoteText.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

namespace {
// Integers in JSON arrive as doubles; beyond 2^53 they are no longer exact, so such ids are refused.
constexpr double MaxExactInteger = 9007199254740992.0;

bool readId(const QJsonValue &v, qint64 *out)
{
    if (!v.isDouble()) {
        return false;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < 1 || d > MaxExactInteger || std::floor(d) != d) {
        return false;
    }
    *out = qint64(d);
    return true;
}

// Nullable id: absent or null gives 0.
bool readOptionalId(const QJsonObject &o, const QString &key, qint64 *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        *out = 0;
        return true;
    }
    return readId(v, out);
}

// Nullable string: absent or null gives an empty string.
bool readOptionalString(const QJsonObject &o, const QString &key, QString *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        out->clear();
        return true;
    }
    if (!v.isString()) {
        return false;
    }
    *out = v.toString();
    return true;
}

bool readOptionalBool(const QJsonObject &o, const QString &key, bool *out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        *out = false;
        return true;
    }
    if (!v.isBool()) {
        return false;
    }
    *out = v.toBool();
    return true;
}

bool readAddress(const QJsonValue &v, PipedriveAddress *out, bool *present)
{
    *present = false;
    if (v.isUndefined() || v.isNull()) {
        return true;
    }
    if (!v.isObject()) {
        return false;
    }
    const QJsonObject o = v.toObject();
    PipedriveAddress a;
    const bool ok = readOptionalString(o, QStringLiteral("value"), &a.value) &&
                    readOptionalString(o, QStringLiteral("street_number"), &a.streetNumber) &&
                    readOptionalString(o, QStringLiteral("route"), &a.route) &&
                    readOptionalString(o, QStringLiteral("subpremise"), &a.subpremise) &&
                    readOptionalString(o, QStringLiteral("sublocality"), &a.sublocality) &&
                    readOptionalString(o, QStringLiteral("locality"), &a.locality) &&
                    readOptionalString(o, QStringLiteral("admin_area_level_1"), &a.adminAreaLevel1) &&
                    readOptionalString(o, QStringLiteral("admin_area_level_2"), &a.adminAreaLevel2) &&
                    readOptionalString(o, QStringLiteral("country"), &a.country) &&
                    readOptionalString(o, QStringLiteral("postal_code"), &a.postalCode);
    if (!ok) {
        return false;
    }
    *out = a;
    *present = !a.value.isEmpty();
    return true;
}

// Enum values come as an option id (or {id,label} with include_option_labels); TurfDrive compares labels.
QJsonValue readableCustomValue(const PipedriveFieldDefinition &field, const QJsonValue &raw, bool *ok)
{
    *ok = true;
    if (raw.isNull() || raw.isUndefined()) {
        return QJsonValue(QJsonValue::Null);
    }
    auto labelOf = [&field](const QJsonValue &v, bool *good) -> QJsonValue {
        qint64 id = 0;
        if (v.isObject() && v.toObject().value(QStringLiteral("label")).isString()) {
            return v.toObject().value(QStringLiteral("label"));
        }
        if (readId(v, &id)) {
            const QString label = field.optionLabel(id);
            if (!label.isNull()) {
                return label;
            }
        }
        *good = false;
        return {};
    };
    if (field.type == QLatin1String("enum")) {
        return labelOf(raw, ok);
    }
    if (field.type == QLatin1String("set")) {
        if (!raw.isArray()) {
            *ok = false;
            return {};
        }
        QJsonArray labels;
        for (const QJsonValue &v : raw.toArray()) {
            labels.append(labelOf(v, ok));
        }
        return labels;
    }
    if (field.isTextLike() && !raw.isString()) {
        *ok = false;
        return {};
    }
    return raw;
}

bool readCustomFields(const QJsonObject &record, const PipedriveCodec::FieldsByName &fields,
                      QHash<QString, QJsonValue> *out, QString *problem)
{
    const QJsonValue cf = record.value(QStringLiteral("custom_fields"));
    if (cf.isUndefined() || cf.isNull()) {
        return true;
    }
    if (!cf.isObject()) {
        *problem = QStringLiteral("custom_fields is not an object");
        return false;
    }
    const QJsonObject values = cf.toObject();
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (!values.contains(it->key)) {
            continue;
        }
        bool ok = true;
        const QJsonValue v = readableCustomValue(*it, values.value(it->key), &ok);
        if (!ok) {
            *problem = QStringLiteral("custom field \"%1\" has a value of the wrong type").arg(it.key());
            return false;
        }
        out->insert(it.key(), v);
    }
    return true;
}

QString fail(QString *problem, const QString &text)
{
    if (problem) {
        *problem = text;
    }
    return text;
}

// Carried ids go to text fields as plain decimal integers ("48213", never "48213.0").
QJsonValue writableCustomValue(const PipedriveFieldDefinition &field, const QJsonValue &value, QString *problem)
{
    if (value.isNull() || value.isUndefined()) {
        return QJsonValue(QJsonValue::Null);
    }
    auto idOf = [&](const QJsonValue &v) -> QJsonValue {
        if (v.isString()) {
            const qint64 id = field.optionId(v.toString());
            if (id >= 0) {
                return double(id);
            }
        }
        qint64 given = 0;
        if (readId(v, &given) && !field.optionLabel(given).isNull()) {
            return double(given); // already an option id of this field
        }
        fail(problem, QStringLiteral("custom field \"%1\" has no option with that label").arg(field.name));
        return {};
    };
    if (field.type == QLatin1String("enum")) {
        return value.isString() && value.toString().trimmed().isEmpty() ? QJsonValue(QJsonValue::Null) : idOf(value);
    }
    if (field.type == QLatin1String("set")) {
        const QJsonArray labels = value.isArray() ? value.toArray() : QJsonArray{value};
        QJsonArray ids;
        for (const QJsonValue &v : labels) {
            ids.append(idOf(v));
        }
        // An empty array is a validation error in v2; null is how a set is cleared.
        return ids.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(ids);
    }
    if (field.isTextLike()) {
        if (value.isString()) {
            return value;
        }
        if (value.isDouble()) {
            const double d = value.toDouble();
            if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= MaxExactInteger) {
                return QString::number(qint64(d));
            }
            return QString::number(d, 'g', 15);
        }
        fail(problem, QStringLiteral("custom field \"%1\" takes text").arg(field.name));
        return {};
    }
    if ((field.type == QLatin1String("double")) && !value.isDouble()) {
        fail(problem, QStringLiteral("custom field \"%1\" takes a number").arg(field.name));
        return {};
    }
    return value;
}

bool writeCustomFields(const QHash<QString, QJsonValue> &values, const PipedriveCodec::FieldsByName &fields,
                       QJsonObject *body, QString *problem)
{
    if (values.isEmpty()) {
        return true;
    }
    QJsonObject custom;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const auto field = fields.constFind(it.key());
        if (field == fields.cend()) {
            fail(problem, QStringLiteral("no Pipedrive custom field is mapped for \"%1\"").arg(it.key()));
            return false;
        }
        const QJsonValue v = writableCustomValue(*field, it.value(), problem);
        if (problem && !problem->isEmpty()) {
            return false;
        }
        custom.insert(field->key, v);
    }
    body->insert(QStringLiteral("custom_fields"), custom);
    return true;
}

// Where in a value sits text that would not come back as sent (the key inside an object), or an empty string. UTF-8
// cannot carry a lone surrogate (Qt's JSON writer would send U+FFFD instead, a silent change), and TurfDrive keeps
// neither U+FFFE/U+FFFF nor a leading U+FEFF (see RemoteText).
QString malformedTextIn(const QJsonValue &value)
{
    if (value.isString()) {
        return RemoteText::isStorable(value.toString()) ? QString() : QStringLiteral("text");
    }
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            if (!malformedTextIn(v).isEmpty()) {
                return QStringLiteral("list");
            }
        }
    }
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!malformedTextIn(it.value()).isEmpty()) {
                return it.key();
            }
        }
    }
    return {};
}

// Refuses a body with such text, naming the field (custom fields by key, never by value).
QJsonObject refuseMalformedText(const QJsonObject &body, QString *problem)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString inner = malformedTextIn(it.value());
        if (!inner.isEmpty()) {
            const QString field = it.value().isObject() && it.key() == QLatin1String("custom_fields")
                                      ? QStringLiteral("custom field ") + inner
                                      : it.key();
            fail(problem,
                 QStringLiteral("%1 holds a character that would not come back as sent (a lone surrogate, U+FFFE, "
                                "U+FFFF or a leading U+FEFF); nothing was sent")
                     .arg(field));
            return {};
        }
    }
    return body;
}

QJsonObject addressJson(const PipedriveAddress &a)
{
    QJsonObject o{{QStringLiteral("value"), a.value}};
    auto put = [&o](const char *key, const QString &v) {
        if (!v.isEmpty()) {
            o.insert(QLatin1String(key), v);
        }
    };
    put("street_number", a.streetNumber);
    put("route", a.route);
    put("subpremise", a.subpremise);
    put("sublocality", a.sublocality);
    put("locality", a.locality);
    put("admin_area_level_1", a.adminAreaLevel1);
    put("admin_area_level_2", a.adminAreaLevel2);
    put("country", a.country);
    put("postal_code", a.postalCode);
    return o;
}
} // namespace

bool PipedriveCodec::isCustomFieldKey(const QString &key)
{
    static const QRegularExpression hex40(QStringLiteral("^[0-9a-f]{40}$"));
    return hex40.match(key).hasMatch();
}

QString PipedriveCodec::formatTimestamp(const QDateTime &time)
{
    if (!time.isValid()) {
        return {};
    }
    const QDateTime utc = time.toUTC();
    const QTime t = utc.time();
    return QDateTime(utc.date(), QTime(t.hour(), t.minute(), t.second()), Qt::UTC).toString(Qt::ISODate);
}

QDateTime PipedriveCodec::parseTimestamp(const QString &text)
{
    static const QRegularExpression rfc3339(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$"));
    if (!rfc3339.match(text).hasMatch()) {
        return {};
    }
    QString t = text;
    // Qt reads at most milliseconds; drop finer digits rather than refuse a valid timestamp.
    static const QRegularExpression fraction(QStringLiteral("\\.(\\d{3})\\d+"));
    t.replace(fraction, QStringLiteral(".\\1"));
    const QDateTime parsed = QDateTime::fromString(t, Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

std::optional<PipedriveOrganization> PipedriveCodec::parseOrganization(const QJsonValue &json,
                                                                       const FieldsByName &fields, QString *problem)
{
    if (!json.isObject()) {
        fail(problem, QStringLiteral("an organization is not a JSON object"));
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    PipedriveOrganization org;
    if (!readId(o.value(QStringLiteral("id")), &org.id)) {
        fail(problem, QStringLiteral("an organization has no valid id"));
        return std::nullopt;
    }
    const QString which = QStringLiteral("organization %1: ").arg(org.id);
    if (!o.value(QStringLiteral("name")).isString()) {
        fail(problem, which + QStringLiteral("name is missing or not text"));
        return std::nullopt;
    }
    org.name = o.value(QStringLiteral("name")).toString();
    if (!readAddress(o.value(QStringLiteral("address")), &org.address, &org.hasAddress)) {
        fail(problem, which + QStringLiteral("address is not an address object"));
        return std::nullopt;
    }
    org.updateTime = parseTimestamp(o.value(QStringLiteral("update_time")).toString());
    if (!org.updateTime.isValid()) {
        fail(problem, which + QStringLiteral("update_time is missing or not RFC 3339"));
        return std::nullopt;
    }
    if (!readOptionalBool(o, QStringLiteral("is_deleted"), &org.isDeleted)) {
        fail(problem, which + QStringLiteral("is_deleted is not a boolean"));
        return std::nullopt;
    }
    QString cfProblem;
    if (!readCustomFields(o, fields, &org.customFields, &cfProblem)) {
        fail(problem, which + cfProblem);
        return std::nullopt;
    }
    return org;
}

std::optional<PipedriveDeal> PipedriveCodec::parseDeal(const QJsonValue &json, const FieldsByName &fields,
                                                       QString *problem)
{
    if (!json.isObject()) {
        fail(problem, QStringLiteral("a deal is not a JSON object"));
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    PipedriveDeal deal;
    if (!readId(o.value(QStringLiteral("id")), &deal.id)) {
        fail(problem, QStringLiteral("a deal has no valid id"));
        return std::nullopt;
    }
    const QString which = QStringLiteral("deal %1: ").arg(deal.id);
    if (!o.value(QStringLiteral("title")).isString()) {
        fail(problem, which + QStringLiteral("title is missing or not text"));
        return std::nullopt;
    }
    deal.title = o.value(QStringLiteral("title")).toString();
    const QJsonValue value = o.value(QStringLiteral("value"));
    if (value.isDouble() && std::isfinite(value.toDouble())) {
        deal.value = value.toDouble();
    } else if (!value.isNull() && !value.isUndefined()) {
        fail(problem, which + QStringLiteral("value is not a number"));
        return std::nullopt;
    }
    if (!readOptionalString(o, QStringLiteral("currency"), &deal.currency)) {
        fail(problem, which + QStringLiteral("currency is not text"));
        return std::nullopt;
    }
    static const QStringList statuses{QStringLiteral("open"), QStringLiteral("won"), QStringLiteral("lost"),
                                      QStringLiteral("deleted")};
    deal.status = o.value(QStringLiteral("status")).toString();
    if (!statuses.contains(deal.status)) {
        fail(problem, which + QStringLiteral("status is not open, won, lost or deleted"));
        return std::nullopt;
    }
    if (!readOptionalId(o, QStringLiteral("stage_id"), &deal.stageId) ||
        !readOptionalId(o, QStringLiteral("org_id"), &deal.orgId)) {
        fail(problem, which + QStringLiteral("stage_id or org_id is not an id"));
        return std::nullopt;
    }
    QString date;
    if (!readOptionalString(o, QStringLiteral("expected_close_date"), &date)) {
        fail(problem, which + QStringLiteral("expected_close_date is not text"));
        return std::nullopt;
    }
    if (!date.isEmpty()) {
        deal.expectedCloseDate = QDate::fromString(date, Qt::ISODate);
        if (!deal.expectedCloseDate.isValid() || date.size() != 10) {
            fail(problem, which + QStringLiteral("expected_close_date is not YYYY-MM-DD"));
            return std::nullopt;
        }
    }
    deal.updateTime = parseTimestamp(o.value(QStringLiteral("update_time")).toString());
    if (!deal.updateTime.isValid()) {
        fail(problem, which + QStringLiteral("update_time is missing or not RFC 3339"));
        return std::nullopt;
    }
    if (!readOptionalBool(o, QStringLiteral("is_deleted"), &deal.isDeleted) ||
        !readOptionalBool(o, QStringLiteral("is_archived"), &deal.isArchived)) {
        fail(problem, which + QStringLiteral("is_deleted or is_archived is not a boolean"));
        return std::nullopt;
    }
    if (deal.status == QLatin1String("deleted")) {
        deal.isDeleted = true;
    }
    QString cfProblem;
    if (!readCustomFields(o, fields, &deal.customFields, &cfProblem)) {
        fail(problem, which + cfProblem);
        return std::nullopt;
    }
    return deal;
}

std::optional<PipedriveStage> PipedriveCodec::parseStage(const QJsonValue &json, QString *problem)
{
    const QJsonObject o = json.toObject();
    PipedriveStage stage;
    if (!json.isObject() || !readId(o.value(QStringLiteral("id")), &stage.id) ||
        !o.value(QStringLiteral("name")).isString() ||
        !readOptionalId(o, QStringLiteral("pipeline_id"), &stage.pipelineId)) {
        fail(problem, QStringLiteral("a stage has no valid id, name or pipeline_id"));
        return std::nullopt;
    }
    stage.name = o.value(QStringLiteral("name")).toString();
    const QJsonValue order = o.value(QStringLiteral("order_nr"));
    if (order.isDouble()) {
        stage.orderNr = order.toInt();
    }
    return stage;
}

std::optional<PipedriveFieldDefinition> PipedriveCodec::parseField(const QJsonValue &json, QString *problem)
{
    const QJsonObject o = json.toObject();
    if (!json.isObject() || !o.value(QStringLiteral("field_code")).isString() ||
        !o.value(QStringLiteral("field_name")).isString() || !o.value(QStringLiteral("field_type")).isString()) {
        fail(problem, QStringLiteral("a field definition has no field_code, field_name or field_type"));
        return std::nullopt;
    }
    PipedriveFieldDefinition field;
    field.key = o.value(QStringLiteral("field_code")).toString();
    field.name = o.value(QStringLiteral("field_name")).toString();
    field.type = o.value(QStringLiteral("field_type")).toString();
    field.isCustom = o.value(QStringLiteral("is_custom_field")).toBool(isCustomFieldKey(field.key));
    const QJsonValue options = o.value(QStringLiteral("options"));
    if (options.isArray()) {
        for (const QJsonValue &opt : options.toArray()) {
            qint64 id = 0;
            const QJsonObject oo = opt.toObject();
            if (!readId(oo.value(QStringLiteral("id")), &id) || !oo.value(QStringLiteral("label")).isString()) {
                fail(problem, QStringLiteral("field \"%1\" has an option without id or label").arg(field.name));
                return std::nullopt;
            }
            field.options.append({id, oo.value(QStringLiteral("label")).toString()});
        }
    } else if (!options.isNull() && !options.isUndefined()) {
        fail(problem, QStringLiteral("field \"%1\" has options that are not a list").arg(field.name));
        return std::nullopt;
    }
    return field;
}

std::optional<qint64> PipedriveCodec::parseSearchHitId(const QJsonValue &json, QString *problem)
{
    QJsonObject o = json.toObject();
    if (o.value(QStringLiteral("item")).isObject()) {
        o = o.value(QStringLiteral("item")).toObject();
    }
    qint64 id = 0;
    if (!readId(o.value(QStringLiteral("id")), &id)) {
        fail(problem, QStringLiteral("a search hit has no valid id"));
        return std::nullopt;
    }
    return id;
}

QJsonObject PipedriveCodec::organizationBody(const PipedriveOrganizationChanges &changes, const FieldsByName &fields,
                                             bool forCreate, QString *problem)
{
    QJsonObject body;
    if (changes.name) {
        if (changes.name->trimmed().isEmpty()) {
            fail(problem, QStringLiteral("an organization needs a name"));
            return {};
        }
        body.insert(QStringLiteral("name"), *changes.name);
    } else if (forCreate) {
        fail(problem, QStringLiteral("an organization needs a name"));
        return {};
    }
    if (changes.address) {
        body.insert(QStringLiteral("address"), changes.address->isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                          : QJsonValue(addressJson(*changes.address)));
    }
    if (!writeCustomFields(changes.customFields, fields, &body, problem)) {
        return {};
    }
    return refuseMalformedText(body, problem);
}

QJsonObject PipedriveCodec::dealBody(const PipedriveDealChanges &changes, const FieldsByName &fields, bool forCreate,
                                     QString *problem)
{
    QJsonObject body;
    if (changes.title) {
        if (changes.title->trimmed().isEmpty()) {
            fail(problem, QStringLiteral("a deal needs a title"));
            return {};
        }
        body.insert(QStringLiteral("title"), *changes.title);
    } else if (forCreate) {
        fail(problem, QStringLiteral("a deal needs a title"));
        return {};
    }
    if (changes.value) {
        if (!std::isfinite(*changes.value)) {
            fail(problem, QStringLiteral("a deal value must be a finite number"));
            return {};
        }
        body.insert(QStringLiteral("value"), *changes.value);
    }
    if (changes.currency && !changes.currency->isEmpty()) {
        body.insert(QStringLiteral("currency"), *changes.currency);
    }
    if (changes.status) {
        static const QStringList writable{QStringLiteral("open"), QStringLiteral("won"), QStringLiteral("lost")};
        if (!writable.contains(*changes.status)) {
            fail(problem, QStringLiteral("a deal status must be open, won or lost"));
            return {};
        }
        body.insert(QStringLiteral("status"), *changes.status);
    }
    if (changes.stageId && *changes.stageId > 0) {
        body.insert(QStringLiteral("stage_id"), double(*changes.stageId));
    }
    if (changes.orgId) {
        body.insert(QStringLiteral("org_id"),
                    *changes.orgId > 0 ? QJsonValue(double(*changes.orgId)) : QJsonValue(QJsonValue::Null));
    }
    if (changes.expectedCloseDate) {
        body.insert(QStringLiteral("expected_close_date"),
                    changes.expectedCloseDate->isValid() ? QJsonValue(changes.expectedCloseDate->toString(Qt::ISODate))
                                                         : QJsonValue(QJsonValue::Null));
    }
    if (!writeCustomFields(changes.customFields, fields, &body, problem)) {
        return {};
    }
    return refuseMalformedText(body, problem);
}
