#include "NormalisationSettings.h"

#include <array>
#include <utility>

QString NormalisationSettings::callingCodeFor(const QString &country)
{
    // The countries Ostendo is sold in, and the ones their customers most often trade with.
    static const std::array<std::pair<const char *, const char *>, 8> table{{
        {"NZ", "64"},
        {"AU", "61"},
        {"GB", "44"},
        {"US", "1"},
        {"CA", "1"},
        {"IE", "353"},
        {"ZA", "27"},
        {"SG", "65"},
    }};
    for (const auto &entry : table) {
        if (country.compare(QLatin1String(entry.first), Qt::CaseInsensitive) == 0) {
            return QString::fromLatin1(entry.second);
        }
    }
    return {};
}
