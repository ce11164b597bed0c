// Deterministic demo content for the sandbox: a New Zealand landscaping company's customers and jobs in progress.
#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

class PipedriveSimulator;

class PipedriveDemoData
{
public:
    explicit PipedriveDemoData(quint32 seed);

    // Creates the custom fields TurfDrive maps, a "Landscaping" pipeline, and the records, through the
    // simulator's user-side API so they look as if people had typed them in.
    void populate(PipedriveSimulator *sim, int organizations, int deals);

    static QStringList projectTypes();

private:
    QString pick(const QStringList &list);
    int between(int low, int high); // inclusive

    QRandomGenerator m_random;
};
