// One landscaping company's data in both simulators, linked as an earlier TurfDrive run would have left it, with
// every case of DESIGN §2 waiting in it, so the first sync of a newcomer shows every rule at work.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>

class PipedriveSimulator;
class OstendoSimulator;

class DemoScenario
{
public:
    struct Options
    {
        quint32 seed = 1;
        int linkedCustomers = 24; // pairs already in step, besides the cases below
        int linkedWorkItems = 30;
        int bulkImportCustomers = 120; // new in Ostendo, unlinked: more than one batch
        int extraJobsWithoutDeal = 0;  // more jobs that exist only in Ostendo, for larger runs
        int ostendoConfiguration = 0;
    };

    // Names of the special records, for tests and for people exploring the sandbox: case -> id on each side.
    struct Cases
    {
        QHash<QString, qint64> pipedrive; // organization or deal id
        QHash<QString, qint64> ostendo;   // SYSUNIQUEID
        QSet<QString> workItems;          // the cases that are deals and jobs; the others are customers
    };

    // Seeds an empty company in both simulators. The Pipedrive clock decides "now"; history lies in the three
    // days before it, Pipedrive's edits before Ostendo's.
    static Cases seed(PipedriveSimulator &pipedrive, OstendoSimulator &ostendo, const Options &options);

    // The case names (keys of Cases), each with the rule it demonstrates in one sentence.
    static QHash<QString, QString> caseDescriptions();
};
