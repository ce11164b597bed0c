// Deterministic demo data for the Ostendo simulator: NZ landscaping customers and their jobs.
#pragma once

#include <QDateTime>

class OstendoDatabase;

class OstendoDemoData
{
public:
    // Appends customers and jobs to db. The same seed, counts and nowLocal give the same rows, created and
    // modified at times in the weeks before nowLocal by a handful of Ostendo users.
    static void seed(OstendoDatabase &db, const QDateTime &nowLocal, quint32 seed, int customers, int jobs);
};
