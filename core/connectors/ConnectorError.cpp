#include "ConnectorError.h"

QString ConnectorError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Authentication:
        return QStringLiteral("authentication");
    case Kind::Permission:
        return QStringLiteral("permission");
    case Kind::NotFound:
        return QStringLiteral("not_found");
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::RateLimited:
        return QStringLiteral("rate_limited");
    case Kind::Server:
        return QStringLiteral("server");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Malformed:
        return QStringLiteral("malformed");
    case Kind::Configuration:
        return QStringLiteral("configuration");
    case Kind::UnknownOutcome:
        return QStringLiteral("unknown_outcome");
    }
    return QStringLiteral("unknown");
}
