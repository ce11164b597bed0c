// The policy for one entity: its fields with their rules, and where it lives in each system (object, table, key names).
#pragma once

#include "EntityKind.h"
#include "FieldRule.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

struct EntityPolicy
{
    EntityKind entity = EntityKind::Customer;
    QList<FieldRule> fields;

    // Where the record lives on each side. Keys, as in the policy file:
    // pipedrive: object, key, modified, carried_id_custom_field, archive_custom_field
    // ostendo: table, key, modified, carried_id, archive_column, job_number
    QHash<QString, QString> pipedrive;
    QHash<QString, QString> ostendo;
    QString activeValue = QStringLiteral("Active");
    QString inactiveValue = QStringLiteral("Inactive");

    const FieldRule *field(const QString &name) const
    {
        for (const FieldRule &rule : fields) {
            if (rule.name == name) {
                return &rule;
            }
        }
        return nullptr;
    }

    // Names of the Pipedrive custom fields this entity needs (setup checks and creates them).
    QStringList pipedriveCustomFields() const
    {
        QStringList names;
        for (const FieldRule &rule : fields) {
            if (rule.pipedriveCustom) {
                names << rule.pipedriveName;
            }
        }
        for (const char *key : {"carried_id_custom_field", "archive_custom_field"}) {
            const QString name = pipedrive.value(QLatin1String(key));
            if (!name.isEmpty()) {
                names << name;
            }
        }
        return names;
    }
};
