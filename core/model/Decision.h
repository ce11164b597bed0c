// A person's answer to a conflict: keep one side, merge chosen values, or (for a possible duplicate) link or keep
// apart.
#pragma once

#include "FieldValues.h"

#include <QString>

struct Decision
{
    enum class Kind
    {
        KeepPipedrive,
        KeepOstendo,
        Merge,
        Link,
        KeepSeparate
    };

    Kind kind = Kind::KeepPipedrive;
    FieldValues mergeValues; // Merge: field -> chosen value (Pipedrive vocabulary for the status)
    QString decidedBy;
};
