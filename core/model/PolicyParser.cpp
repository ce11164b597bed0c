#include "PolicyParser.h"

#include "JsonLocator.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace {
QStringList knownFields(EntityKind kind)
{
    if (kind == EntityKind::Customer) {
        return {QStringLiteral("name"), QStringLiteral("phone"), QStringLiteral("email"), QStringLiteral("address"),
                QStringLiteral("notes")};
    }
    return {QStringLiteral("title"),        QStringLiteral("status"),   QStringLiteral("stage"),
            QStringLiteral("value"),        QStringLiteral("currency"), QStringLiteral("customer"),
            QStringLiteral("project_type"), QStringLiteral("dates")};
}

QString keysOf(const QStringList &keys)
{
    return keys.join(QStringLiteral(", "));
}
} // namespace

bool PolicyParser::fail(const QString &path, const QString &message)
{
    if (m_error.isEmpty()) {
        m_error = m_locator->where(path) + QStringLiteral(": ") + message;
    }
    return false;
}

bool PolicyParser::checkKeys(const QString &path, const QJsonObject &object, const QStringList &allowed)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!allowed.contains(it.key())) {
            return fail(path + QLatin1Char('/') + it.key(),
                        QStringLiteral("unknown setting \"%1\" (expected one of: %2)").arg(it.key(), keysOf(allowed)));
        }
    }
    return true;
}

bool PolicyParser::parseStringList(const QString &path, const QJsonValue &value, QStringList &out)
{
    if (!value.isArray()) {
        return fail(path, QStringLiteral("expected a list of texts"));
    }
    out.clear();
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString() || array.at(i).toString().trimmed().isEmpty()) {
            return fail(path + QLatin1Char('/') + QString::number(i), QStringLiteral("expected a non-empty text"));
        }
        out << array.at(i).toString();
    }
    return true;
}

bool PolicyParser::parseSides(const QString &path, const QJsonValue &value, QList<Side> &out)
{
    QStringList names;
    if (!parseStringList(path, value, names)) {
        return false;
    }
    out.clear();
    for (int i = 0; i < names.size(); ++i) {
        const auto side = Sides::fromKey(names.at(i));
        if (!side || out.contains(*side)) {
            return fail(
                path + QLatin1Char('/') + QString::number(i),
                QStringLiteral("\"%1\" is not a side here: the order names \"pipedrive\" and \"ostendo\" once each")
                    .arg(names.at(i)));
        }
        out << *side;
    }
    if (out.size() != 2) {
        return fail(path, QStringLiteral("the order must name both \"pipedrive\" and \"ostendo\""));
    }
    return true;
}

bool PolicyParser::parseMapping(const QString &path, const QJsonObject &object, const QStringList &allowed,
                                QHash<QString, QString> &mapping)
{
    if (!checkKeys(path, object, allowed)) {
        return false;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!it.value().isString() || it.value().toString().trimmed().isEmpty()) {
            return fail(path + QLatin1Char('/') + it.key(),
                        QStringLiteral("\"%1\" must be a non-empty text").arg(it.key()));
        }
        mapping.insert(it.key(), it.value().toString());
    }
    return true;
}

bool PolicyParser::parseField(const QString &path, const QJsonObject &object, EntityKind kind, FieldRule &rule)
{
    static const QStringList allowed{
        QStringLiteral("name"),      QStringLiteral("pipedrive"),  QStringLiteral("pipedrive_custom"),
        QStringLiteral("ostendo"),   QStringLiteral("flows"),      QStringLiteral("merge"),
        QStringLiteral("owner"),     QStringLiteral("order"),      QStringLiteral("risk"),
        QStringLiteral("normalise"), QStringLiteral("write_clean")};
    if (!checkKeys(path, object, allowed)) {
        return false;
    }
    rule.name = object.value(QLatin1String("name")).toString();
    const QStringList known = knownFields(kind);
    if (rule.name.isEmpty()) {
        return fail(path, QStringLiteral("a field needs a \"name\""));
    }
    if (!known.contains(rule.name)) {
        return fail(path + QStringLiteral("/name"), QStringLiteral("unknown field \"%1\" for %2 (known: %3)")
                                                        .arg(rule.name, Entities::key(kind), keysOf(known)));
    }
    const QString label = Entities::key(kind) + QLatin1Char('.') + rule.name;

    rule.pipedriveName = object.value(QLatin1String("pipedrive")).toString();
    if (rule.pipedriveName.trimmed().isEmpty()) {
        return fail(path, QStringLiteral("%1: missing its Pipedrive name (\"pipedrive\")").arg(label));
    }
    rule.pipedriveCustom = object.value(QLatin1String("pipedrive_custom")).toBool(false);
    const QJsonValue ostendo = object.value(QLatin1String("ostendo"));
    if (ostendo.isString() && !ostendo.toString().trimmed().isEmpty()) {
        rule.ostendoColumns = QStringList{ostendo.toString()};
    } else if (ostendo.isArray()) {
        if (!parseStringList(path + QStringLiteral("/ostendo"), ostendo, rule.ostendoColumns)) {
            return false;
        }
    }
    if (rule.ostendoColumns.isEmpty()) {
        return fail(path, QStringLiteral("%1: missing its Ostendo column (\"ostendo\")").arg(label));
    }

    for (const char *required : {"flows", "merge", "risk"}) {
        if (!object.contains(QLatin1String(required))) {
            return fail(path, QStringLiteral("%1: missing \"%2\"").arg(label, QLatin1String(required)));
        }
    }
    const QString flows = object.value(QLatin1String("flows")).toString();
    const auto flow = FieldRule::flowFromKey(flows);
    if (!flow) {
        return fail(
            path + QStringLiteral("/flows"),
            QStringLiteral("%1: unknown direction \"%2\" (use both, pipedrive_to_ostendo or ostendo_to_pipedrive)")
                .arg(label, flows));
    }
    rule.flow = *flow;

    const QString merge = object.value(QLatin1String("merge")).toString();
    const auto mergeRule = FieldRule::mergeFromKey(merge);
    if (!mergeRule) {
        return fail(path + QStringLiteral("/merge"),
                    QStringLiteral("%1: unknown rule \"%2\" (use owner, prefer_non_empty, most_recent, concatenate "
                                   "or block)")
                        .arg(label, merge));
    }
    rule.merge = *mergeRule;

    if (object.contains(QLatin1String("owner"))) {
        const QString ownerName = object.value(QLatin1String("owner")).toString();
        rule.owner = Sides::fromKey(ownerName);
        if (!rule.owner) {
            return fail(path + QStringLiteral("/owner"),
                        QStringLiteral("%1: unknown owner \"%2\" (use pipedrive or ostendo)").arg(label, ownerName));
        }
    }
    if (rule.isOneWay()) {
        const Side source = rule.flow == FieldRule::Flow::PipedriveToOstendo ? Side::Pipedrive : Side::Ostendo;
        if (!rule.owner) {
            return fail(path, QStringLiteral("%1: missing owner: a one-way field needs \"owner\": \"%2\"")
                                  .arg(label, Sides::key(source)));
        }
        if (*rule.owner != source) {
            return fail(
                path + QStringLiteral("/owner"),
                QStringLiteral("%1: the owner must be the side it flows from (%2)").arg(label, Sides::key(source)));
        }
    }
    if ((rule.merge == FieldRule::Merge::Owner || rule.merge == FieldRule::Merge::Block) && !rule.owner) {
        return fail(path, QStringLiteral("%1: missing owner: the \"%2\" rule needs \"owner\"").arg(label, merge));
    }

    if (object.contains(QLatin1String("order"))) {
        if (!parseSides(path + QStringLiteral("/order"), object.value(QLatin1String("order")), rule.order)) {
            return false;
        }
    } else if (rule.merge == FieldRule::Merge::PreferNonEmpty) {
        return fail(path, QStringLiteral("%1: prefer_non_empty needs an \"order\" saying whose value wins when both "
                                         "are filled in")
                              .arg(label));
    } else if (rule.merge == FieldRule::Merge::Concatenate) {
        rule.order = {Side::Ostendo, Side::Pipedrive}; // DESIGN: Ostendo's text first
    } else if (rule.owner) {
        rule.order = {*rule.owner, Sides::other(*rule.owner)};
    }

    const QString riskName = object.value(QLatin1String("risk")).toString();
    const auto risk = Risks::fromKey(riskName);
    if (!risk) {
        return fail(path + QStringLiteral("/risk"),
                    QStringLiteral("%1: unknown risk \"%2\" (use low, medium or high)").arg(label, riskName));
    }
    rule.risk = rule.merge == FieldRule::Merge::Block ? Risk::High : *risk;

    const QString kindName = object.value(QLatin1String("normalise")).toString(QStringLiteral("text"));
    const auto fieldKind = FieldRule::kindFromKey(kindName);
    if (!fieldKind) {
        return fail(path + QStringLiteral("/normalise"),
                    QStringLiteral("%1: unknown normalisation \"%2\"").arg(label, kindName));
    }
    rule.kind = *fieldKind;
    rule.writeClean = object.value(QLatin1String("write_clean")).toBool(false);
    return true;
}

bool PolicyParser::parseEntity(const QString &path, const QJsonObject &object, EntityKind kind, EntityPolicy &entity)
{
    if (!checkKeys(path, object,
                   {QStringLiteral("pipedrive"), QStringLiteral("ostendo"), QStringLiteral("archive_values"),
                    QStringLiteral("fields")})) {
        return false;
    }
    entity.entity = kind;
    if (!parseMapping(path + QStringLiteral("/pipedrive"), object.value(QLatin1String("pipedrive")).toObject(),
                      {QStringLiteral("object"), QStringLiteral("key"), QStringLiteral("modified"),
                       QStringLiteral("carried_id_custom_field"), QStringLiteral("archive_custom_field")},
                      entity.pipedrive) ||
        !parseMapping(path + QStringLiteral("/ostendo"), object.value(QLatin1String("ostendo")).toObject(),
                      {QStringLiteral("table"), QStringLiteral("key"), QStringLiteral("modified"),
                       QStringLiteral("carried_id"), QStringLiteral("archive_column"), QStringLiteral("job_number"),
                       QStringLiteral("customer_column")},
                      entity.ostendo)) {
        return false;
    }
    if (object.contains(QLatin1String("archive_values"))) {
        const QJsonObject archive = object.value(QLatin1String("archive_values")).toObject();
        QHash<QString, QString> values;
        if (!parseMapping(path + QStringLiteral("/archive_values"), archive,
                          {QStringLiteral("active"), QStringLiteral("inactive")}, values)) {
            return false;
        }
        entity.activeValue = values.value(QStringLiteral("active"), entity.activeValue);
        entity.inactiveValue = values.value(QStringLiteral("inactive"), entity.inactiveValue);
    }
    const QJsonValue fields = object.value(QLatin1String("fields"));
    if (!fields.isArray() || fields.toArray().isEmpty()) {
        return fail(path, QStringLiteral("%1 needs a non-empty \"fields\" list").arg(Entities::key(kind)));
    }
    const QJsonArray array = fields.toArray();
    QSet<QString> seen;
    for (int i = 0; i < array.size(); ++i) {
        const QString fieldPath = path + QStringLiteral("/fields/") + QString::number(i);
        if (!array.at(i).isObject()) {
            return fail(fieldPath, QStringLiteral("a field must be an object"));
        }
        FieldRule rule;
        if (!parseField(fieldPath, array.at(i).toObject(), kind, rule)) {
            return false;
        }
        if (seen.contains(rule.name)) {
            return fail(fieldPath, QStringLiteral("field \"%1\" is listed twice").arg(rule.name));
        }
        seen.insert(rule.name);
        entity.fields << rule;
    }
    return true;
}

bool PolicyParser::parseNormalisation(const QJsonObject &object, Policy &policy)
{
    const QString path = QStringLiteral("normalisation");
    if (!checkKeys(path, object, {QStringLiteral("default_country"), QStringLiteral("day_first_dates")})) {
        return false;
    }
    const QString country = object.value(QLatin1String("default_country")).toString(QStringLiteral("NZ"));
    const QString code = NormalisationSettings::callingCodeFor(country);
    if (code.isEmpty()) {
        return fail(path + QStringLiteral("/default_country"),
                    QStringLiteral("unknown country \"%1\" (use a two-letter code such as NZ or AU)").arg(country));
    }
    policy.m_normalisation.defaultCountry = country.toUpper();
    policy.m_normalisation.countryCallingCode = code;
    policy.m_normalisation.dayFirstDates = object.value(QLatin1String("day_first_dates")).toBool(true);
    return true;
}

bool PolicyParser::parseStatusMap(const QJsonObject &object, Policy &policy)
{
    const QString path = QStringLiteral("status_map");
    if (!checkKeys(path, object, {QStringLiteral("field"), QStringLiteral("groups"), QStringLiteral("open_work")})) {
        return false;
    }
    policy.m_statusField = object.value(QLatin1String("field")).toString(QStringLiteral("status"));
    const QJsonArray groups = object.value(QLatin1String("groups")).toArray();
    if (groups.isEmpty()) {
        return fail(path, QStringLiteral("the status map needs \"groups\""));
    }
    QSet<QString> seenPipedrive;
    QSet<QString> seenOstendo;
    for (int i = 0; i < groups.size(); ++i) {
        const QString groupPath = path + QStringLiteral("/groups/") + QString::number(i);
        const QJsonObject groupObject = groups.at(i).toObject();
        if (!checkKeys(groupPath, groupObject,
                       {QStringLiteral("canonical"), QStringLiteral("pipedrive"), QStringLiteral("ostendo")})) {
            return false;
        }
        StatusMap::Group group;
        group.canonical = groupObject.value(QLatin1String("canonical")).toString();
        if (group.canonical.isEmpty()) {
            return fail(groupPath, QStringLiteral("a status group needs a \"canonical\" name"));
        }
        if (!parseStringList(groupPath + QStringLiteral("/pipedrive"), groupObject.value(QLatin1String("pipedrive")),
                             group.pipedrive) ||
            !parseStringList(groupPath + QStringLiteral("/ostendo"), groupObject.value(QLatin1String("ostendo")),
                             group.ostendo)) {
            return false;
        }
        if (group.pipedrive.isEmpty() || group.ostendo.isEmpty()) {
            return fail(groupPath,
                        QStringLiteral("status \"%1\" needs at least one value on each side").arg(group.canonical));
        }
        for (const QString &value : group.pipedrive) {
            if (seenPipedrive.contains(value.toLower())) {
                return fail(groupPath, QStringLiteral("Pipedrive status \"%1\" is in two groups").arg(value));
            }
            seenPipedrive.insert(value.toLower());
        }
        for (const QString &value : group.ostendo) {
            if (seenOstendo.contains(value.toLower())) {
                return fail(groupPath, QStringLiteral("Ostendo status \"%1\" is in two groups").arg(value));
            }
            seenOstendo.insert(value.toLower());
        }
        policy.m_statusMap.groups << group;
    }
    const QJsonObject open = object.value(QLatin1String("open_work")).toObject();
    if (!checkKeys(path + QStringLiteral("/open_work"), open,
                   {QStringLiteral("pipedrive"), QStringLiteral("ostendo")}) ||
        !parseStringList(path + QStringLiteral("/open_work/pipedrive"), open.value(QLatin1String("pipedrive")),
                         policy.m_statusMap.openWorkPipedrive) ||
        !parseStringList(path + QStringLiteral("/open_work/ostendo"), open.value(QLatin1String("ostendo")),
                         policy.m_statusMap.openWorkOstendo)) {
        return false;
    }
    return true;
}

std::optional<Policy> PolicyParser::parse(QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(m_json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error) {
            *error =
                JsonLocator::whereOffset(m_json, parseError.offset) + QStringLiteral(": ") +
                (parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                              : QStringLiteral("the policy must be a JSON object"));
        }
        return std::nullopt;
    }
    const JsonLocator locator(m_json);
    m_locator = &locator;
    Policy policy;
    const QJsonObject root = document.object();
    bool ok = checkKeys(QString(), root,
                        {QStringLiteral("version"), QStringLiteral("normalisation"), QStringLiteral("status_map"),
                         QStringLiteral("ostendo"), QStringLiteral("entities")});
    if (ok && root.value(QLatin1String("version")).toInt(0) != 1) {
        ok = fail(QStringLiteral("version"),
                  QStringLiteral("unsupported policy version (this TurfDrive reads version 1)"));
    }
    ok = ok && parseNormalisation(root.value(QLatin1String("normalisation")).toObject(), policy);
    ok = ok && parseStatusMap(root.value(QLatin1String("status_map")).toObject(), policy);
    if (ok) {
        const QJsonObject ostendo = root.value(QLatin1String("ostendo")).toObject();
        ok = checkKeys(QStringLiteral("ostendo"), ostendo, {QStringLiteral("job_number_format")});
        policy.m_jobNumberFormat =
            ostendo.value(QLatin1String("job_number_format")).toString(QStringLiteral("PD{deal_id}"));
        if (ok && !policy.m_jobNumberFormat.contains(QLatin1String("{deal_id}"))) {
            ok =
                fail(QStringLiteral("ostendo/job_number_format"),
                     QStringLiteral("job_number_format must contain {deal_id}, or two deals would share a job number"));
        }
    }
    const QJsonObject entities = root.value(QLatin1String("entities")).toObject();
    if (ok) {
        ok = checkKeys(QStringLiteral("entities"), entities, {QStringLiteral("customer"), QStringLiteral("work_item")});
    }
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        const QString key = Entities::key(kind);
        if (ok && !entities.value(key).isObject()) {
            ok = fail(QStringLiteral("entities"), QStringLiteral("missing the \"%1\" entity").arg(key));
        }
        EntityPolicy &entity = kind == EntityKind::Customer ? policy.m_customer : policy.m_workItem;
        ok = ok && parseEntity(QStringLiteral("entities/") + key, entities.value(key).toObject(), kind, entity);
    }
    if (ok) {
        const FieldRule *status = policy.m_workItem.field(policy.m_statusField);
        if (status && status->kind != FieldRule::Kind::Status) {
            ok = fail(QStringLiteral("status_map/field"),
                      QStringLiteral("the status map's field \"%1\" must use \"normalise\": \"status\"")
                          .arg(policy.m_statusField));
        }
    }
    m_locator = nullptr;
    if (!ok) {
        if (error) {
            *error = m_error;
        }
        return std::nullopt;
    }
    return policy;
}
