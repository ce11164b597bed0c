// The two kinds of things TurfDrive keeps in step: customers (organization/customer) and work items (deal/job).
#pragma once

#include <QString>

#include <optional>

enum class EntityKind
{
    Customer,
    WorkItem
};

namespace Entities {
// The key used in the policy file and in the store's rows: "customer" or "work_item".
inline QString key(EntityKind entity)
{
    return entity == EntityKind::Customer ? QStringLiteral("customer") : QStringLiteral("work_item");
}

inline std::optional<EntityKind> fromKey(const QString &key)
{
    if (key == QLatin1String("customer")) {
        return EntityKind::Customer;
    }
    if (key == QLatin1String("work_item")) {
        return EntityKind::WorkItem;
    }
    return std::nullopt;
}
} // namespace Entities
