// Finds the records on the other side that an unlinked record may be: by carried id first, then by email, phone or
// name.
#pragma once

#include "Normaliser.h"
#include "model/EntityKind.h"
#include "model/Side.h"
#include "model/SideRecord.h"

#include <QList>
#include <QSet>

class Policy;

class Matcher
{
public:
    enum class How
    {
        CarriedId,
        Email,
        Phone,
        Name
    };
    struct Match
    {
        int index = -1;         // into the candidates list
        How how = How::Name;    // the strongest reason found
        bool confident = false; // a carried id that nothing contradicts: safe to link without asking
    };

    explicit Matcher(const Policy &policy);

    // Candidates are the other side's records (linked or new in this cycle); ids in keptSeparate were judged
    // different by a person and are never offered again. The confident match, if any, comes first.
    QList<Match> find(EntityKind entity, const SideRecord &record, const QList<SideRecord> &candidates,
                      const QSet<QString> &keptSeparate = {}) const;

    static QString howKey(How how);

private:
    Normaliser m_normaliser;
};
