// How much harm a wrong automatic choice could do, which decides whether TurfDrive resolves a case or asks a person.
#pragma once

#include <QString>

#include <optional>

enum class Risk
{
    Low,
    Medium,
    High
};

namespace Risks {
inline QString key(Risk risk)
{
    switch (risk) {
    case Risk::Low:
        return QStringLiteral("low");
    case Risk::Medium:
        return QStringLiteral("medium");
    case Risk::High:
        break;
    }
    return QStringLiteral("high");
}

inline std::optional<Risk> fromKey(const QString &key)
{
    if (key == QLatin1String("low")) {
        return Risk::Low;
    }
    if (key == QLatin1String("medium")) {
        return Risk::Medium;
    }
    if (key == QLatin1String("high")) {
        return Risk::High;
    }
    return std::nullopt;
}
} // namespace Risks
