#include "Policy.h"

#include "PolicyParser.h"
#include "util/Logging.h"

#include <QFile>

// Resources compiled into a static library are registered only when asked; the macro must be outside a namespace.
static void initCoreResources()
{
    Q_INIT_RESOURCE(core);
}

std::optional<Policy> Policy::fromJson(const QByteArray &json, QString *error)
{
    PolicyParser parser(json);
    return parser.parse(error);
}

QByteArray Policy::defaultPolicyJson()
{
    initCoreResources();
    QFile file(QStringLiteral(":/turfdrive/policy/default-policy.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

Policy Policy::defaultPolicy()
{
    QString error;
    const auto policy = fromJson(defaultPolicyJson(), &error);
    if (!policy) {
        // The shipped file is covered by tests; reaching this means a broken build, not a user mistake.
        qCCritical(lcModel) << "the built-in policy is invalid:" << error;
        return Policy();
    }
    return *policy;
}

QString Policy::jobNumberFor(const QString &dealId) const
{
    QString number = m_jobNumberFormat;
    return number.replace(QLatin1String("{deal_id}"), dealId);
}

namespace {
Side swapped(Side side)
{
    return Sides::other(side);
}

void mirrorEntity(EntityPolicy &entity)
{
    for (FieldRule &rule : entity.fields) {
        if (rule.flow == FieldRule::Flow::PipedriveToOstendo) {
            rule.flow = FieldRule::Flow::OstendoToPipedrive;
        } else if (rule.flow == FieldRule::Flow::OstendoToPipedrive) {
            rule.flow = FieldRule::Flow::PipedriveToOstendo;
        }
        if (rule.owner) {
            rule.owner = swapped(*rule.owner);
        }
        for (Side &side : rule.order) {
            side = swapped(side);
        }
        const QString pipedriveName = rule.pipedriveName;
        rule.pipedriveName = rule.ostendoColumns.join(QLatin1Char(','));
        rule.ostendoColumns = QStringList{pipedriveName};
    }
    std::swap(entity.pipedrive, entity.ostendo);
}
} // namespace

Policy Policy::mirrored() const
{
    Policy policy = *this;
    mirrorEntity(policy.m_customer);
    mirrorEntity(policy.m_workItem);
    for (StatusMap::Group &group : policy.m_statusMap.groups) {
        std::swap(group.pipedrive, group.ostendo);
    }
    std::swap(policy.m_statusMap.openWorkPipedrive, policy.m_statusMap.openWorkOstendo);
    return policy;
}
