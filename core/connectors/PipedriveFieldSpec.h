// A custom field TurfDrive needs in Pipedrive: which entity, its name (from the policy) and the type to create.
#pragma once

#include <QList>
#include <QString>

struct PipedriveFieldSpec
{
    enum class Entity
    {
        Organization,
        Deal
    };

    Entity entity = Entity::Organization;
    QString name;
    QString type = QStringLiteral("varchar"); // used only when setup creates the field

    // The default mapping of DESIGN.md section 2; the engine replaces names from the policy file.
    static QList<PipedriveFieldSpec> defaults();
    static QString entityName(Entity entity); // "organization" or "deal", as Pipedrive's entity_type
};
