#include "SideRecord.h"

QString SideRecord::stateKey(State state)
{
    switch (state) {
    case State::Absent:
        return QStringLiteral("absent");
    case State::Present:
        return QStringLiteral("present");
    case State::Archived:
        return QStringLiteral("archived");
    case State::Deleted:
        break;
    }
    return QStringLiteral("deleted");
}

std::optional<SideRecord::State> SideRecord::stateFromKey(const QString &key)
{
    for (State state : {State::Absent, State::Present, State::Archived, State::Deleted}) {
        if (stateKey(state) == key) {
            return state;
        }
    }
    return std::nullopt;
}
