// Names the two systems TurfDrive keeps in step, so that rules can speak of "this side" and "the other side".
#pragma once

#include <QString>

#include <optional>

enum class Side
{
    Pipedrive,
    Ostendo
};

namespace Sides {
inline Side other(Side side)
{
    return side == Side::Pipedrive ? Side::Ostendo : Side::Pipedrive;
}

// The key used in JSON (policy file, conflict rows): "pipedrive" or "ostendo".
inline QString key(Side side)
{
    return side == Side::Pipedrive ? QStringLiteral("pipedrive") : QStringLiteral("ostendo");
}

// The name a person reads in a rule or a dialog.
inline QString displayName(Side side)
{
    return side == Side::Pipedrive ? QStringLiteral("Pipedrive") : QStringLiteral("Ostendo");
}

inline std::optional<Side> fromKey(const QString &key)
{
    if (key == QLatin1String("pipedrive")) {
        return Side::Pipedrive;
    }
    if (key == QLatin1String("ostendo")) {
        return Side::Ostendo;
    }
    return std::nullopt;
}
} // namespace Sides
