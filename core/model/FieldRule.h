// The policy for one canonical field: where it lives on each side, which way it flows, and how a clash is decided.
#pragma once

#include "Risk.h"
#include "Side.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct FieldRule
{
    enum class Flow
    {
        BothWays,
        PipedriveToOstendo,
        OstendoToPipedrive
    };
    // Owner: the owner's value. PreferNonEmpty: the filled-in one, else the first of `order`.
    // MostRecent: the side whose record changed last (ties go to the first of `order`).
    // Concatenate: both texts joined in `order`, no paragraph repeated. Block: a person decides.
    enum class Merge
    {
        Owner,
        PreferNonEmpty,
        MostRecent,
        Concatenate,
        Block
    };
    // How values are compared: formatting differences of these kinds are not changes.
    enum class Kind
    {
        Text,
        Email,
        Phone,
        Address,
        Notes,
        Money,
        Date,
        Status,
        Identifier
    };

    QString name;
    QString pipedriveName; // API field key, or the custom field's name when pipedriveCustom
    bool pipedriveCustom = false;
    QStringList ostendoColumns; // one column, or several that form one line (the address)
    Flow flow = Flow::BothWays;
    Merge merge = Merge::Owner;
    std::optional<Side> owner;
    QList<Side> order{Side::Pipedrive, Side::Ostendo};
    Risk risk = Risk::Medium; // when both sides changed it to different values
    Kind kind = Kind::Text;
    bool writeClean = false; // write the normalised form instead of the source's text

    bool flowsTo(Side target) const
    {
        if (flow == Flow::BothWays) {
            return true;
        }
        return target == (flow == Flow::PipedriveToOstendo ? Side::Ostendo : Side::Pipedrive);
    }
    bool isOneWay() const { return flow != Flow::BothWays; }
    Side firstInOrder() const { return order.isEmpty() ? Side::Pipedrive : order.first(); }

    static QString flowKey(Flow flow);
    static std::optional<Flow> flowFromKey(const QString &key);
    static QString mergeKey(Merge merge);
    static std::optional<Merge> mergeFromKey(const QString &key);
    static QString kindKey(Kind kind);
    static std::optional<Kind> kindFromKey(const QString &key);
};
