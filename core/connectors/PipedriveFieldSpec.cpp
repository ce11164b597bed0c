#include "PipedriveFieldSpec.h"

QList<PipedriveFieldSpec> PipedriveFieldSpec::defaults()
{
    using E = Entity;
    return {
        {E::Organization, QStringLiteral("Phone"), QStringLiteral("phone")},
        {E::Organization, QStringLiteral("Email"), QStringLiteral("varchar")},
        {E::Organization, QStringLiteral("Notes"), QStringLiteral("text")},
        {E::Organization, QStringLiteral("Ostendo Customer ID"), QStringLiteral("varchar")},
        {E::Organization, QStringLiteral("Ostendo Status"), QStringLiteral("varchar")},
        {E::Deal, QStringLiteral("Ostendo Job Number"), QStringLiteral("varchar")},
        {E::Deal, QStringLiteral("Project Type"), QStringLiteral("varchar")},
    };
}

QString PipedriveFieldSpec::entityName(Entity entity)
{
    return entity == Entity::Deal ? QStringLiteral("deal") : QStringLiteral("organization");
}
