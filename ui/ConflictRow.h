// One conflict as the review window lists it: the stored conflict plus the record's name for people.
#pragma once

#include "store/StoreTypes.h"

struct ConflictRow
{
    ConflictRecord conflict;
    QString displayName; // the linked record's name, or the best name the conflict's fields give
};
