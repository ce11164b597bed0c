// The sync policy: field mapping, ownership, direction, merge rules, risk classes, status map and normalisation.
#pragma once

#include "EntityPolicy.h"
#include "NormalisationSettings.h"
#include "StatusMap.h"

#include <QByteArray>
#include <QString>

#include <optional>

class Policy
{
public:
    // Parses a policy file. On refusal returns nothing and sets *error to a message that starts with
    // "line L, column C:" and says what is wrong (syntax, unknown field, unknown rule, missing owner, ...).
    static std::optional<Policy> fromJson(const QByteArray &json, QString *error);
    // The policy shipped in resources (:/turfdrive/policy/default-policy.json).
    static Policy defaultPolicy();
    static QByteArray defaultPolicyJson();

    const EntityPolicy &entity(EntityKind entity) const
    {
        return entity == EntityKind::Customer ? m_customer : m_workItem;
    }
    const StatusMap &statusMap() const { return m_statusMap; }
    QString statusField() const { return m_statusField; }
    const NormalisationSettings &normalisation() const { return m_normalisation; }
    QString jobNumberFormat() const { return m_jobNumberFormat; }
    // The ORDERNUMBER of a job created for a deal: job_number_format with {deal_id} filled in.
    QString jobNumberFor(const QString &dealId) const;

    // The same policy with the two systems' roles swapped: used to check the reconciler treats sides alike.
    Policy mirrored() const;

private:
    EntityPolicy m_customer;
    EntityPolicy m_workItem;
    StatusMap m_statusMap;
    QString m_statusField = QStringLiteral("status");
    NormalisationSettings m_normalisation;
    QString m_jobNumberFormat = QStringLiteral("PD{deal_id}");

    friend class PolicyParser;
};
