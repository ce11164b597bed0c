#include "PipedriveFieldRegistry.h"

#include "PipedriveClock.h"

#include <QCryptographicHash>
#include <QDate>
#include <QRegularExpression>
#include <QTime>

namespace {
PipedriveField builtIn(int id, const char *code, const char *name, const char *type)
{
    PipedriveField f;
    f.id = id;
    f.code = QString::fromLatin1(code);
    f.name = QString::fromLatin1(name);
    f.type = QString::fromLatin1(type);
    return f;
}

bool isIntegral(const QJsonValue &v)
{
    if (!v.isDouble()) {
        return false;
    }
    const double d = v.toDouble();
    return d == static_cast<double>(static_cast<qint64>(d));
}

bool isIsoDate(const QJsonValue &v)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return v.isString() && re.match(v.toString()).hasMatch() && QDate::fromString(v.toString(), Qt::ISODate).isValid();
}

bool isTimeOfDay(const QJsonValue &v)
{
    static const QRegularExpression re(QStringLiteral("^\\d{2}:\\d{2}:\\d{2}$"));
    return v.isString() && re.match(v.toString()).hasMatch();
}

bool hasOption(const PipedriveField &field, const QJsonValue &v)
{
    if (!isIntegral(v)) {
        return false;
    }
    for (const QJsonValue &o : field.options) {
        if (o.toObject().value(QLatin1String("id")).toInteger() == v.toInteger()) {
            return true;
        }
    }
    return false;
}

QJsonArray addressSubfields()
{
    const char *parts[][2] = {{"value", "Address value"},
                              {"street_number", "House number"},
                              {"route", "Street/road name"},
                              {"subpremise", "Apartment/suite"},
                              {"sublocality", "District/sublocality"},
                              {"locality", "City/town/village/locality"},
                              {"admin_area_level_1", "State/county"},
                              {"admin_area_level_2", "Region"},
                              {"country", "Country"},
                              {"postal_code", "ZIP/Postal code"},
                              {"formatted_address", "Full/combined address"}};
    QJsonArray out;
    for (const auto &p : parts) {
        out.append(QJsonObject{{QStringLiteral("field_code"), QString::fromLatin1(p[0])},
                               {QStringLiteral("field_name"), QString::fromLatin1(p[1])},
                               {QStringLiteral("field_type"), QStringLiteral("varchar")}});
    }
    return out;
}
} // namespace

PipedriveFieldRegistry::PipedriveFieldRegistry()
{
    m_builtInOrg = {
        builtIn(1, "name", "Name", "varchar"),           builtIn(2, "owner_id", "Owner", "user"),
        builtIn(3, "address", "Address", "address"),     builtIn(4, "visible_to", "Visible to", "visible_to"),
        builtIn(5, "label_ids", "Labels", "set"),        builtIn(6, "add_time", "Organization created", "date"),
        builtIn(7, "update_time", "Update time", "date")};
    m_builtInDeal = {builtIn(12, "title", "Title", "varchar"),
                     builtIn(13, "value", "Value", "monetary"),
                     builtIn(14, "currency", "Currency", "varchar_options"),
                     builtIn(15, "org_id", "Organization", "org"),
                     builtIn(16, "person_id", "Contact person", "people"),
                     builtIn(17, "pipeline_id", "Pipeline", "int"),
                     builtIn(18, "stage_id", "Stage", "stage"),
                     builtIn(19, "status", "Status", "status"),
                     builtIn(20, "owner_id", "Owner", "user"),
                     builtIn(21, "expected_close_date", "Expected close date", "date"),
                     builtIn(22, "probability", "Probability", "double"),
                     builtIn(23, "lost_reason", "Lost reason", "varchar"),
                     builtIn(24, "visible_to", "Visible to", "visible_to"),
                     builtIn(25, "label_ids", "Label", "set"),
                     builtIn(26, "add_time", "Deal created", "date"),
                     builtIn(27, "update_time", "Update time", "date"),
                     builtIn(28, "won_time", "Won time", "date"),
                     builtIn(29, "lost_time", "Lost time", "date"),
                     builtIn(30, "close_time", "Deal closed on", "date")};
}

void PipedriveFieldRegistry::clearCustomFields()
{
    m_customOrg.clear();
    m_customDeal.clear();
    m_counter = 0;
}

QList<PipedriveField> &PipedriveFieldRegistry::customList(PipedriveEntity entity)
{
    return entity == PipedriveEntity::Deal ? m_customDeal : m_customOrg;
}

const QList<PipedriveField> &PipedriveFieldRegistry::customList(PipedriveEntity entity) const
{
    return entity == PipedriveEntity::Deal ? m_customDeal : m_customOrg;
}

PipedriveField PipedriveFieldRegistry::addCustomField(PipedriveEntity entity, const QString &name, const QString &type,
                                                      const QStringList &optionLabels, qint64 now)
{
    PipedriveField f;
    f.id = m_nextFieldId++;
    // SHA-1 gives exactly the 40 hex digits Pipedrive keys have, and the same seed gives the same keys.
    const QByteArray material = QByteArray::number(m_seed) + '|' + PipedriveEntityNames::singular(entity).toUtf8() +
                                '|' + QByteArray::number(++m_counter) + '|' + name.toUtf8();
    f.code = QString::fromLatin1(QCryptographicHash::hash(material, QCryptographicHash::Sha1).toHex());
    f.name = name;
    f.type = type;
    f.custom = true;
    f.addTime = now;
    f.updateTime = now;
    for (const QString &label : optionLabels) {
        f.options.append(QJsonObject{{QStringLiteral("id"), m_nextOptionId++}, {QStringLiteral("label"), label}});
    }
    customList(entity).append(f);
    return f;
}

void PipedriveFieldRegistry::setDescription(PipedriveEntity entity, const QString &key, const QString &description)
{
    for (PipedriveField &f : customList(entity)) {
        if (f.code == key) {
            f.description = description;
        }
    }
}

QString PipedriveFieldRegistry::ensureCustomField(PipedriveEntity entity, const QString &name, const QString &type,
                                                  qint64 now)
{
    if (const PipedriveField *f = findCustomByName(entity, name)) {
        return f->code;
    }
    return addCustomField(entity, name, type, {}, now).code;
}

QList<PipedriveField> PipedriveFieldRegistry::fields(PipedriveEntity entity) const
{
    QList<PipedriveField> out = entity == PipedriveEntity::Deal ? m_builtInDeal : m_builtInOrg;
    out += customList(entity);
    return out;
}

QList<PipedriveField> PipedriveFieldRegistry::customFields(PipedriveEntity entity) const
{
    return customList(entity);
}

const PipedriveField *PipedriveFieldRegistry::findByCode(PipedriveEntity entity, const QString &code) const
{
    const QList<PipedriveField> &builtIns = entity == PipedriveEntity::Deal ? m_builtInDeal : m_builtInOrg;
    for (const PipedriveField &f : builtIns) {
        if (f.code == code) {
            return &f;
        }
    }
    return findCustomByKey(entity, code);
}

const PipedriveField *PipedriveFieldRegistry::findCustomByName(PipedriveEntity entity, const QString &name) const
{
    for (const PipedriveField &f : customList(entity)) {
        if (f.name == name) {
            return &f;
        }
    }
    return nullptr;
}

const PipedriveField *PipedriveFieldRegistry::findCustomByKey(PipedriveEntity entity, const QString &key) const
{
    for (const PipedriveField &f : customList(entity)) {
        if (f.code == key) {
            return &f;
        }
    }
    return nullptr;
}

bool PipedriveFieldRegistry::isCreatableType(const QString &type)
{
    static const QStringList types = {
        QStringLiteral("varchar"),  QStringLiteral("text"),         QStringLiteral("double"),
        QStringLiteral("phone"),    QStringLiteral("date"),         QStringLiteral("daterange"),
        QStringLiteral("time"),     QStringLiteral("timerange"),    QStringLiteral("set"),
        QStringLiteral("enum"),     QStringLiteral("varchar_auto"), QStringLiteral("address"),
        QStringLiteral("monetary"), QStringLiteral("org"),          QStringLiteral("people"),
        QStringLiteral("user")};
    return types.contains(type);
}

bool PipedriveFieldRegistry::isSearchableType(const QString &type)
{
    static const QStringList types = {
        QStringLiteral("address"), QStringLiteral("varchar"),  QStringLiteral("text"), QStringLiteral("varchar_auto"),
        QStringLiteral("double"),  QStringLiteral("monetary"), QStringLiteral("phone")};
    return types.contains(type);
}

QString PipedriveFieldRegistry::checkValue(const PipedriveField &field, const QJsonValue &value)
{
    if (value.isNull()) {
        return {}; // null clears any field
    }
    const QString &t = field.type;
    const QString where = QStringLiteral("Custom field '%1' (%2)").arg(field.code, t);
    if (value.isArray() && value.toArray().isEmpty()) {
        return where + QStringLiteral(": an empty array is not a valid value; send null to clear the field");
    }
    if (t == QLatin1String("varchar") || t == QLatin1String("varchar_auto") || t == QLatin1String("phone") ||
        t == QLatin1String("text")) {
        const int max = t == QLatin1String("text") ? 65536 : 255;
        if (!value.isString()) {
            return where + QStringLiteral(": expected a string");
        }
        if (value.toString().size() > max) {
            return where + QStringLiteral(": longer than %1 characters").arg(max);
        }
        return {};
    }
    if (t == QLatin1String("double")) {
        return value.isDouble() ? QString() : where + QStringLiteral(": expected a number");
    }
    if (t == QLatin1String("monetary")) {
        const QJsonObject o = value.toObject();
        if (!value.isObject() || !o.value(QLatin1String("value")).isDouble() ||
            (o.contains(QLatin1String("currency")) && !o.value(QLatin1String("currency")).isString())) {
            return where + QStringLiteral(": expected {\"value\": number, \"currency\": string}");
        }
        return {};
    }
    if (t == QLatin1String("date")) {
        return isIsoDate(value) ? QString() : where + QStringLiteral(": expected a date YYYY-MM-DD");
    }
    if (t == QLatin1String("enum")) {
        return hasOption(field, value) ? QString() : where + QStringLiteral(": expected the id of one of its options");
    }
    if (t == QLatin1String("set")) {
        if (!value.isArray()) {
            return where + QStringLiteral(": expected an array of option ids");
        }
        for (const QJsonValue &v : value.toArray()) {
            if (!hasOption(field, v)) {
                return where + QStringLiteral(": expected an array of option ids");
            }
        }
        return {};
    }
    if (t == QLatin1String("user") || t == QLatin1String("org") || t == QLatin1String("people")) {
        return isIntegral(value) ? QString() : where + QStringLiteral(": expected an integer id");
    }
    if (t == QLatin1String("time") || t == QLatin1String("timerange")) {
        const QJsonObject o = value.toObject();
        const bool ok = value.isObject() && isTimeOfDay(o.value(QLatin1String("value"))) &&
                        (t == QLatin1String("time") || isTimeOfDay(o.value(QLatin1String("until"))));
        return ok ? QString() : where + QStringLiteral(": expected {\"value\": \"HH:MM:SS\", ...}");
    }
    if (t == QLatin1String("daterange")) {
        const QJsonObject o = value.toObject();
        const bool ok = value.isObject() && isIsoDate(o.value(QLatin1String("value"))) &&
                        isIsoDate(o.value(QLatin1String("until")));
        return ok ? QString() : where + QStringLiteral(": expected {\"value\": date, \"until\": date}");
    }
    if (t == QLatin1String("address")) {
        const QJsonObject o = value.toObject();
        return value.isObject() && o.value(QLatin1String("value")).isString()
                   ? QString()
                   : where + QStringLiteral(": expected an address object with a string value");
    }
    return where + QStringLiteral(": this field type cannot be written");
}

QJsonValue PipedriveFieldRegistry::withOptionLabels(const PipedriveField &field, const QJsonValue &value)
{
    auto labelled = [&field](const QJsonValue &id) -> QJsonValue {
        for (const QJsonValue &o : field.options) {
            if (o.toObject().value(QLatin1String("id")).toInteger() == id.toInteger()) {
                return o.toObject();
            }
        }
        return id;
    };
    if (field.type == QLatin1String("enum") && !value.isNull()) {
        return labelled(value);
    }
    if (field.type == QLatin1String("set") && value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray()) {
            out.append(labelled(v));
        }
        return out;
    }
    return value;
}

QJsonObject PipedriveFieldRegistry::toV2(const PipedriveField &field, PipedriveEntity entity)
{
    QJsonObject o;
    if (entity == PipedriveEntity::Deal) {
        o.insert(QStringLiteral("description"), field.description);
    }
    o.insert(QStringLiteral("field_name"), field.name);
    o.insert(QStringLiteral("field_code"), field.code);
    o.insert(QStringLiteral("field_type"), field.type);
    o.insert(QStringLiteral("options"), field.options.isEmpty() ? QJsonValue() : QJsonValue(field.options));
    o.insert(QStringLiteral("subfields"),
             field.type == QLatin1String("address") ? QJsonValue(addressSubfields()) : QJsonValue());
    o.insert(QStringLiteral("is_custom_field"), field.custom);
    o.insert(QStringLiteral("is_optional_response_field"), false);
    return o;
}

QJsonObject PipedriveFieldRegistry::toV1(const PipedriveField &field)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), field.id);
    o.insert(QStringLiteral("key"), field.code);
    o.insert(QStringLiteral("name"), field.name);
    o.insert(QStringLiteral("field_type"), field.type);
    o.insert(QStringLiteral("options"), field.options.isEmpty() ? QJsonValue() : QJsonValue(field.options));
    o.insert(QStringLiteral("edit_flag"), field.custom);
    o.insert(QStringLiteral("active_flag"), true);
    o.insert(QStringLiteral("mandatory_flag"), false);
    o.insert(QStringLiteral("add_time"),
             field.addTime > 0
                 ? QJsonValue(
                       PipedriveClock::formatTime(field.addTime).replace(QLatin1Char('T'), QLatin1Char(' ')).chopped(1))
                 : QJsonValue());
    return o;
}
