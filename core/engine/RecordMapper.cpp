#include "RecordMapper.h"

#include "Normaliser.h"

const QString RecordMapper::JobNumberKey = QStringLiteral("job_number");

namespace {
const QString kName = QStringLiteral("name");
const QString kPhone = QStringLiteral("phone");
const QString kEmail = QStringLiteral("email");
const QString kAddress = QStringLiteral("address");
const QString kNotes = QStringLiteral("notes");
const QString kStatus = QStringLiteral("status");
const QString kStage = QStringLiteral("stage");
const QString kValue = QStringLiteral("value");
const QString kTitle = QStringLiteral("title");
const QString kCustomer = QStringLiteral("customer");
const QString kProjectType = QStringLiteral("project_type");
const QString kDates = QStringLiteral("dates");
// work.customer when the customer has no link: the side's own reference, which no write can use.
const QString kUnlinkedOrganization = QStringLiteral("pipedrive:");
const QString kUnlinkedOstendoName = QStringLiteral("ostendo:");

QString firstColumn(const EntityPolicy &entity, const QString &field, const QString &fallback)
{
    const FieldRule *rule = entity.field(field);
    return rule && !rule->ostendoColumns.isEmpty() ? rule->ostendoColumns.first() : fallback;
}

QString foldName(const QString &name)
{
    return name.simplified().toCaseFolded();
}

// Ostendo's four delivery columns as the one line Pipedrive shows (DESIGN "Decisions on details").
QString addressLine(const OstendoCustomer &customer)
{
    QStringList parts;
    for (const QString &part : {customer.address1, customer.address2}) {
        if (!part.trimmed().isEmpty()) {
            parts << part.trimmed();
        }
    }
    const QString cityLine =
        QString(customer.city.trimmed() + QLatin1Char(' ') + customer.postcode.trimmed()).trimmed();
    if (!cityLine.isEmpty()) {
        parts << cityLine;
    }
    return parts.join(QStringLiteral(", "));
}

QString customValue(const QHash<QString, QJsonValue> &fields, const QString &name)
{
    const QJsonValue value = fields.value(name);
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'f', 0);
    }
    return value.toString();
}

QJsonValue customWrite(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}
} // namespace

RecordMapper::RecordMapper(const Policy &policy)
    : m_policy(policy)
{}

QList<PipedriveFieldSpec> RecordMapper::pipedriveFieldSpecs(const Policy &policy)
{
    QList<PipedriveFieldSpec> specs;
    const auto add = [&specs](PipedriveFieldSpec::Entity entity, const QString &name, const QString &type) {
        for (const PipedriveFieldSpec &spec : std::as_const(specs)) {
            if (spec.entity == entity && spec.name == name) {
                return;
            }
        }
        specs.append(PipedriveFieldSpec{entity, name, type});
    };
    for (EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        const EntityPolicy &entity = policy.entity(kind);
        const auto target =
            kind == EntityKind::Customer ? PipedriveFieldSpec::Entity::Organization : PipedriveFieldSpec::Entity::Deal;
        for (const FieldRule &rule : entity.fields) {
            if (!rule.pipedriveCustom) {
                continue;
            }
            QString type = QStringLiteral("varchar");
            if (rule.kind == FieldRule::Kind::Phone) {
                type = QStringLiteral("phone");
            } else if (rule.kind == FieldRule::Kind::Notes) {
                type = QStringLiteral("text");
            }
            add(target, rule.pipedriveName, type);
        }
        for (const char *key : {"carried_id_custom_field", "archive_custom_field"}) {
            const QString name = entity.pipedrive.value(QLatin1String(key));
            if (!name.isEmpty()) {
                add(target, name, QStringLiteral("varchar"));
            }
        }
    }
    return specs;
}

OstendoMapping RecordMapper::ostendoMapping(const Policy &policy)
{
    OstendoMapping m;
    const EntityPolicy &c = policy.entity(EntityKind::Customer);
    m.customerTable = c.ostendo.value(QStringLiteral("table"), m.customerTable);
    m.customerKey = c.ostendo.value(QStringLiteral("key"), m.customerKey);
    m.customerModified = c.ostendo.value(QStringLiteral("modified"), m.customerModified);
    m.customerPipedriveId = c.ostendo.value(QStringLiteral("carried_id"), m.customerPipedriveId);
    m.customerStatus = c.ostendo.value(QStringLiteral("archive_column"), m.customerStatus);
    m.inactiveStatus = c.inactiveValue;
    m.customerName = firstColumn(c, kName, m.customerName);
    m.customerPhone = firstColumn(c, kPhone, m.customerPhone);
    m.customerEmail = firstColumn(c, kEmail, m.customerEmail);
    m.customerNotes = firstColumn(c, kNotes, m.customerNotes);
    if (const FieldRule *address = c.field(kAddress); address && address->ostendoColumns.size() == 4) {
        m.customerAddress1 = address->ostendoColumns.at(0);
        m.customerAddress2 = address->ostendoColumns.at(1);
        m.customerCity = address->ostendoColumns.at(2);
        m.customerPostcode = address->ostendoColumns.at(3);
    }
    const EntityPolicy &w = policy.entity(EntityKind::WorkItem);
    m.jobTable = w.ostendo.value(QStringLiteral("table"), m.jobTable);
    m.jobKey = w.ostendo.value(QStringLiteral("key"), m.jobKey);
    m.jobModified = w.ostendo.value(QStringLiteral("modified"), m.jobModified);
    m.jobPipedriveId = w.ostendo.value(QStringLiteral("carried_id"), m.jobPipedriveId);
    m.jobOrderNumber = w.ostendo.value(QStringLiteral("job_number"), m.jobOrderNumber);
    m.jobStatus = firstColumn(w, kStatus, m.jobStatus);
    m.jobStage = firstColumn(w, kStage, m.jobStage);
    m.jobValue = firstColumn(w, kValue, m.jobValue);
    m.jobDescription = firstColumn(w, kTitle, m.jobDescription);
    m.jobCustomer = firstColumn(w, kCustomer, m.jobCustomer);
    m.jobType = firstColumn(w, kProjectType, m.jobType);
    m.jobRequiredDate = firstColumn(w, kDates, m.jobRequiredDate);
    return m;
}

void RecordMapper::setStages(const QList<PipedriveStage> &stages)
{
    m_stageNames.clear();
    m_stageIds.clear();
    for (const PipedriveStage &stage : stages) {
        m_stageNames.insert(stage.id, stage.name);
        // Several pipelines may share a stage name: the first one wins, consistently.
        if (!m_stageIds.contains(foldName(stage.name))) {
            m_stageIds.insert(foldName(stage.name), stage.id);
        }
    }
}

void RecordMapper::setCustomerLink(qint64 linkId, qint64 organizationId, const QString &ostendoKey,
                                   const QString &ostendoName)
{
    if (!ostendoName.isEmpty()) {
        m_nameByLink.insert(linkId, ostendoName);
    }
    if (organizationId != 0) {
        m_linkByOrg.insert(organizationId, linkId);
        m_orgByLink.insert(linkId, organizationId);
    }
    if (!ostendoKey.isEmpty()) {
        m_linkByOstendoKey.insert(ostendoKey, linkId);
        m_ostendoKeyByLink.insert(linkId, ostendoKey);
        if (!ostendoName.isEmpty() && !m_nameByOstendoKey.contains(ostendoKey)) {
            setOstendoCustomerName(ostendoKey, ostendoName);
        }
    }
}

void RecordMapper::setOstendoCustomerName(const QString &ostendoKey, const QString &name)
{
    // A previous name stays known: jobs still carrying it belong to the same customer until they are renamed.
    m_nameByOstendoKey.insert(ostendoKey, name);
    m_keyByOstendoName.insert(foldName(name), ostendoKey);
    const QString key = Normaliser::nameKey(name);
    if (!key.isEmpty()) {
        const auto it = m_keyByNameKey.constFind(key);
        m_keyByNameKey.insert(key, it == m_keyByNameKey.constEnd() || *it == ostendoKey ? ostendoKey : QString());
    }
}

void RecordMapper::addFormerOstendoName(const QString &ostendoKey, const QString &name)
{
    const QString folded = foldName(name);
    if (!folded.isEmpty() && !m_keyByOstendoName.contains(folded)) {
        m_keyByOstendoName.insert(folded, ostendoKey);
    }
}

void RecordMapper::setOrganizationName(qint64 organizationId, const QString &name)
{
    m_organizationNames.insert(organizationId, name);
}

QString RecordMapper::unpairedCustomerName(const QString &customerValue) const
{
    if (customerValue.isEmpty()) {
        return {};
    }
    if (customerValue.startsWith(kUnlinkedOstendoName)) {
        return customerValue.mid(kUnlinkedOstendoName.size());
    }
    if (customerValue.startsWith(kUnlinkedOrganization)) {
        const qint64 id = customerValue.mid(kUnlinkedOrganization.size()).toLongLong();
        const QString name = m_organizationNames.value(id);
        return name.isEmpty() ? QStringLiteral("Pipedrive organization %1").arg(id) : name;
    }
    bool ok = false;
    const qint64 link = customerValue.toLongLong(&ok);
    const QString key = ok ? m_ostendoKeyByLink.value(link) : QString();
    if (ok && m_orgByLink.value(link) != 0 && !m_nameByOstendoKey.value(key).isEmpty()) {
        return {};
    }
    const QString name = ok ? m_nameByLink.value(link) : QString();
    return name.isEmpty() ? customerValue : name;
}

QString RecordMapper::ostendoKeyForName(const QString &name) const
{
    return m_keyByOstendoName.value(foldName(name));
}

qint64 RecordMapper::customerLinkForOstendoName(const QString &name) const
{
    QString key = m_keyByOstendoName.value(foldName(name));
    if (key.isEmpty()) {
        key = m_keyByNameKey.value(Normaliser::nameKey(name));
    }
    return key.isEmpty() ? 0 : m_linkByOstendoKey.value(key);
}

QString RecordMapper::carriedIdField(EntityKind entity) const
{
    return m_policy.entity(entity).pipedrive.value(QStringLiteral("carried_id_custom_field"));
}

QString RecordMapper::archiveField() const
{
    return m_policy.entity(EntityKind::Customer).pipedrive.value(QStringLiteral("archive_custom_field"));
}

QString RecordMapper::moneyText(double value)
{
    QString text = QString::number(value, 'f', 2);
    if (text.endsWith(QLatin1String(".00"))) {
        text.chop(3);
    }
    return text;
}

SideRecord RecordMapper::fromOrganization(const PipedriveOrganization &organization) const
{
    const EntityPolicy &policy = m_policy.entity(EntityKind::Customer);
    SideRecord record;
    record.id = QString::number(organization.id);
    record.modifiedAt = organization.updateTime.toUTC();
    record.carriedId = customValue(organization.customFields, carriedIdField(EntityKind::Customer)).trimmed();
    const QString archive = archiveField();
    if (organization.isDeleted) {
        record.state = SideRecord::State::Deleted;
    } else if (!archive.isEmpty() && customValue(organization.customFields, archive)
                                             .trimmed()
                                             .compare(policy.inactiveValue, Qt::CaseInsensitive) == 0) {
        record.state = SideRecord::State::Archived;
    } else {
        record.state = SideRecord::State::Present;
    }
    for (const FieldRule &rule : policy.fields) {
        QString value;
        if (rule.pipedriveCustom) {
            value = customValue(organization.customFields, rule.pipedriveName);
        } else if (rule.name == kName) {
            value = organization.name;
        } else if (rule.name == kAddress) {
            value = organization.hasAddress ? organization.address.value : QString();
        }
        record.values.insert(rule.name, value);
    }
    return record;
}

SideRecord RecordMapper::fromCustomer(const OstendoCustomer &customer) const
{
    const EntityPolicy &policy = m_policy.entity(EntityKind::Customer);
    SideRecord record;
    record.id = customer.key;
    record.modifiedAt = customer.modifiedUtc.toUTC();
    record.carriedId = customer.pipedriveId.trimmed();
    record.state = customer.status.trimmed().compare(policy.inactiveValue, Qt::CaseInsensitive) == 0
                       ? SideRecord::State::Archived
                       : SideRecord::State::Present;
    for (const FieldRule &rule : policy.fields) {
        QString value;
        if (rule.name == kName) {
            value = customer.name;
        } else if (rule.name == kPhone) {
            value = customer.phone;
        } else if (rule.name == kEmail) {
            value = customer.email;
        } else if (rule.name == kNotes) {
            value = customer.notes;
        } else if (rule.name == kAddress) {
            value = addressLine(customer);
        }
        record.values.insert(rule.name, value);
    }
    return record;
}

SideRecord RecordMapper::fromDeal(const PipedriveDeal &deal) const
{
    const EntityPolicy &policy = m_policy.entity(EntityKind::WorkItem);
    SideRecord record;
    record.id = QString::number(deal.id);
    record.modifiedAt = deal.updateTime.toUTC();
    record.carriedId = customValue(deal.customFields, carriedIdField(EntityKind::WorkItem)).trimmed();
    record.state = deal.isDeleted || deal.status == QLatin1String("deleted") ? SideRecord::State::Deleted
                                                                             : SideRecord::State::Present;
    record.values.insert(JobNumberKey, record.carriedId);
    for (const FieldRule &rule : policy.fields) {
        QString value;
        if (rule.pipedriveCustom) {
            value = customValue(deal.customFields, rule.pipedriveName);
        } else if (rule.name == kStatus) {
            value = deal.status == QLatin1String("deleted") ? QString() : deal.status;
        } else if (rule.name == kStage) {
            value = deal.stageId ? m_stageNames.value(deal.stageId, QString::number(deal.stageId)) : QString();
        } else if (rule.name == kValue) {
            value = moneyText(deal.value);
        } else if (rule.name == kTitle) {
            value = deal.title;
        } else if (rule.name == kCustomer) {
            const qint64 link = m_linkByOrg.value(deal.orgId);
            value = deal.orgId == 0 ? QString()
                    : link != 0     ? QString::number(link)
                                    : kUnlinkedOrganization + QString::number(deal.orgId);
        } else if (rule.name == kDates) {
            value = dateText(deal.expectedCloseDate);
        }
        record.values.insert(rule.name, value);
    }
    return record;
}

SideRecord RecordMapper::fromJob(const OstendoJob &job) const
{
    const EntityPolicy &policy = m_policy.entity(EntityKind::WorkItem);
    SideRecord record;
    record.id = job.key;
    record.modifiedAt = job.modifiedUtc.toUTC();
    record.carriedId = job.pipedriveId.trimmed();
    record.state = SideRecord::State::Present;
    record.values.insert(JobNumberKey, job.orderNumber.trimmed());
    for (const FieldRule &rule : policy.fields) {
        QString value;
        if (rule.name == kStatus) {
            value = job.status;
        } else if (rule.name == kStage) {
            value = job.stageName;
        } else if (rule.name == kValue) {
            value = job.value.isEmpty() ? QString() : moneyText(job.value.toDouble());
        } else if (rule.name == kTitle) {
            value = job.description;
        } else if (rule.name == kCustomer) {
            const qint64 link = customerLinkForOstendoName(job.customerName);
            value = job.customerName.trimmed().isEmpty() ? QString()
                    : link != 0                          ? QString::number(link)
                                                         : kUnlinkedOstendoName + job.customerName.trimmed();
        } else if (rule.name == kProjectType) {
            value = job.jobType;
        } else if (rule.name == kDates) {
            value = dateText(job.requiredDate);
        }
        record.values.insert(rule.name, value);
    }
    return record;
}

PipedriveOrganizationChanges RecordMapper::organizationChanges(const SidePlan &plan, QString *problem) const
{
    Q_UNUSED(problem)
    const EntityPolicy &policy = m_policy.entity(EntityKind::Customer);
    PipedriveOrganizationChanges changes;
    for (auto it = plan.fields.cbegin(); it != plan.fields.cend(); ++it) {
        const FieldRule *rule = policy.field(it.key());
        if (!rule) {
            continue;
        }
        if (rule->pipedriveCustom) {
            changes.customFields.insert(rule->pipedriveName, customWrite(it.value()));
        } else if (rule->name == kName) {
            changes.name = it.value();
        } else if (rule->name == kAddress) {
            PipedriveAddress address;
            address.value = it.value();
            changes.address = address;
        }
    }
    const QString archive = archiveField();
    if (!archive.isEmpty()) {
        if (plan.lifecycle == SidePlan::Lifecycle::Archive) {
            changes.customFields.insert(archive, policy.inactiveValue);
        } else if (plan.lifecycle == SidePlan::Lifecycle::Unarchive || plan.lifecycle == SidePlan::Lifecycle::Create) {
            changes.customFields.insert(archive, policy.activeValue);
        }
    }
    return changes;
}

RecordMapper::OstendoCustomerWrite RecordMapper::customerWrite(const SidePlan &plan,
                                                               const PipedriveOrganization *structured) const
{
    OstendoCustomerWrite write;
    OstendoCustomer &c = write.values;
    for (auto it = plan.fields.cbegin(); it != plan.fields.cend(); ++it) {
        const QString &field = it.key();
        const QString &value = it.value();
        if (field == kName) {
            c.name = value;
            write.fields |= OstendoCustomer::Name;
        } else if (field == kPhone) {
            c.phone = value;
            write.fields |= OstendoCustomer::Phone;
        } else if (field == kEmail) {
            c.email = value;
            write.fields |= OstendoCustomer::Email;
        } else if (field == kNotes) {
            c.notes = value;
            write.fields |= OstendoCustomer::Notes;
        } else if (field == kAddress) {
            write.fields |= OstendoCustomer::Address;
            const PipedriveAddress *parts = structured && structured->hasAddress ? &structured->address : nullptr;
            const bool sameLine = parts && Normaliser::addressClean(parts->value) == Normaliser::addressClean(value);
            const bool hasParts = parts && (!parts->route.isEmpty() || !parts->locality.isEmpty() ||
                                            !parts->postalCode.isEmpty() || !parts->sublocality.isEmpty());
            if (sameLine && hasParts) {
                c.address1 =
                    QString(parts->streetNumber.trimmed() + QLatin1Char(' ') + parts->route.trimmed()).trimmed();
                c.address2 = parts->sublocality.trimmed();
                c.city = parts->locality.trimmed();
                c.postcode = parts->postalCode.trimmed();
            } else {
                c.address1 = value;
            }
        }
    }
    switch (plan.lifecycle) {
    case SidePlan::Lifecycle::Archive:
        c.status = inactiveValue();
        write.fields |= OstendoCustomer::Status;
        break;
    case SidePlan::Lifecycle::Unarchive:
    case SidePlan::Lifecycle::Create:
        c.status = activeValue();
        write.fields |= OstendoCustomer::Status;
        break;
    case SidePlan::Lifecycle::Keep:
        break;
    }
    return write;
}

PipedriveDealChanges RecordMapper::dealChanges(const SidePlan &plan, QString *problem) const
{
    const EntityPolicy &policy = m_policy.entity(EntityKind::WorkItem);
    PipedriveDealChanges changes;
    for (auto it = plan.fields.cbegin(); it != plan.fields.cend(); ++it) {
        const QString &field = it.key();
        const QString &value = it.value();
        if (field == JobNumberKey) {
            const QString carried = carriedIdField(EntityKind::WorkItem);
            if (!carried.isEmpty()) {
                changes.customFields.insert(carried, customWrite(value));
            }
            continue;
        }
        const FieldRule *rule = policy.field(field);
        if (!rule) {
            continue;
        }
        if (rule->pipedriveCustom) {
            changes.customFields.insert(rule->pipedriveName, customWrite(value));
        } else if (field == kStatus) {
            changes.status = value.isEmpty() ? QStringLiteral("open") : value;
        } else if (field == kStage) {
            const qint64 id = m_stageIds.value(foldName(value));
            if (id != 0) {
                changes.stageId = id;
            } else if (plan.lifecycle != SidePlan::Lifecycle::Create && !value.isEmpty() && problem) {
                *problem = QStringLiteral("Pipedrive has no deal stage called \"%1\".").arg(value);
            }
        } else if (field == kValue) {
            if (value.isEmpty()) {
                changes.value = 0.0;
            } else {
                bool ok = false;
                const double number = Normaliser::moneyKey(value).toDouble(&ok);
                if (ok) {
                    changes.value = number;
                } else if (problem) {
                    *problem = QStringLiteral("The value \"%1\" is not an amount.").arg(value);
                }
            }
        } else if (field == kTitle) {
            changes.title = value;
        } else if (field == kCustomer) {
            bool ok = false;
            const qint64 link = value.toLongLong(&ok);
            const qint64 org = ok ? m_orgByLink.value(link) : 0;
            if (value.isEmpty()) {
                changes.orgId = 0;
            } else if (org != 0) {
                changes.orgId = org;
            } else if (problem) {
                *problem = QStringLiteral("The deal's customer is not in step with Pipedrive yet.");
            }
        } else if (field == kDates) {
            changes.expectedCloseDate = QDate::fromString(value, Qt::ISODate);
        }
    }
    return changes;
}

RecordMapper::OstendoJobWrite RecordMapper::jobWrite(const SidePlan &plan, QString *problem) const
{
    OstendoJobWrite write;
    OstendoJob &j = write.values;
    for (auto it = plan.fields.cbegin(); it != plan.fields.cend(); ++it) {
        const QString &field = it.key();
        const QString &value = it.value();
        if (field == JobNumberKey) {
            j.orderNumber = value;
            write.fields |= OstendoJob::OrderNumber;
        } else if (field == kStatus) {
            j.status = value;
            write.fields |= OstendoJob::Status;
        } else if (field == kStage) {
            j.stageName = value;
            write.fields |= OstendoJob::StageName;
        } else if (field == kValue) {
            j.value = value.isEmpty() ? QString() : Normaliser::moneyKey(value);
            write.fields |= OstendoJob::Value;
        } else if (field == kTitle) {
            j.description = value;
            write.fields |= OstendoJob::Description;
        } else if (field == kProjectType) {
            j.jobType = value;
            write.fields |= OstendoJob::JobType;
        } else if (field == kDates) {
            j.requiredDate = QDate::fromString(value, Qt::ISODate);
            write.fields |= OstendoJob::RequiredDate;
        } else if (field == kCustomer) {
            bool ok = false;
            const qint64 link = value.toLongLong(&ok);
            const QString key = ok ? m_ostendoKeyByLink.value(link) : QString();
            const QString name = m_nameByOstendoKey.value(key);
            if (value.isEmpty()) {
                j.customerName.clear();
                write.fields |= OstendoJob::CustomerName;
            } else if (!name.isEmpty()) {
                j.customerName = name;
                write.fields |= OstendoJob::CustomerName;
            } else if (problem) {
                *problem = QStringLiteral("The job's customer is not in step with Ostendo yet.");
            }
        }
    }
    return write;
}
