// Joins two notes texts so that nothing is lost and no paragraph appears twice.
#pragma once

#include <QString>

class NotesMerger
{
public:
    // `first`'s text as it is, a blank line, then each paragraph of `second` not already present (whitespace
    // collapsed for the comparison). Never drops text.
    static QString merge(const QString &first, const QString &second);
};
