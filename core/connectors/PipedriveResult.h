// What a Pipedrive call hands to its callback: the value, or the classified error, never both.
#pragma once

#include "ConnectorError.h"

#include <QList>

template <typename T> struct PipedriveResult
{
    T value{};
    ConnectorError error;
    // Records of a list that could not be read (wrong types, missing fields): each a Malformed error naming the
    // record. The rest of the list is still in value.
    QList<ConnectorError> recordErrors;

    bool ok() const { return !error.isError(); }
};
