#include "FieldRule.h"

#include <array>
#include <utility>

namespace {
const std::array<std::pair<FieldRule::Flow, const char *>, 3> kFlows{{
    {FieldRule::Flow::BothWays, "both"},
    {FieldRule::Flow::PipedriveToOstendo, "pipedrive_to_ostendo"},
    {FieldRule::Flow::OstendoToPipedrive, "ostendo_to_pipedrive"},
}};
const std::array<std::pair<FieldRule::Merge, const char *>, 5> kMerges{{
    {FieldRule::Merge::Owner, "owner"},
    {FieldRule::Merge::PreferNonEmpty, "prefer_non_empty"},
    {FieldRule::Merge::MostRecent, "most_recent"},
    {FieldRule::Merge::Concatenate, "concatenate"},
    {FieldRule::Merge::Block, "block"},
}};
const std::array<std::pair<FieldRule::Kind, const char *>, 9> kKinds{{
    {FieldRule::Kind::Text, "text"},
    {FieldRule::Kind::Email, "email"},
    {FieldRule::Kind::Phone, "phone"},
    {FieldRule::Kind::Address, "address"},
    {FieldRule::Kind::Notes, "notes"},
    {FieldRule::Kind::Money, "money"},
    {FieldRule::Kind::Date, "date"},
    {FieldRule::Kind::Status, "status"},
    {FieldRule::Kind::Identifier, "identifier"},
}};

template <typename E, std::size_t N> QString keyOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &entry : table) {
        if (entry.first == value) {
            return QString::fromLatin1(entry.second);
        }
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &key)
{
    for (const auto &entry : table) {
        if (key == QLatin1String(entry.second)) {
            return entry.first;
        }
    }
    return std::nullopt;
}
} // namespace

QString FieldRule::flowKey(Flow flow)
{
    return keyOf(kFlows, flow);
}

std::optional<FieldRule::Flow> FieldRule::flowFromKey(const QString &key)
{
    return valueOf(kFlows, key);
}

QString FieldRule::mergeKey(Merge merge)
{
    return keyOf(kMerges, merge);
}

std::optional<FieldRule::Merge> FieldRule::mergeFromKey(const QString &key)
{
    return valueOf(kMerges, key);
}

QString FieldRule::kindKey(Kind kind)
{
    return keyOf(kKinds, kind);
}

std::optional<FieldRule::Kind> FieldRule::kindFromKey(const QString &key)
{
    return valueOf(kKinds, key);
}
