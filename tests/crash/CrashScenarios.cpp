#include "CrashScenarios.h"

#include "CrashWorld.h"
#include "EngineRig.h"

namespace {
QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A run of the story before the one under test must leave everything in step (or waiting for a person), or the
// scenario is not what it says.
void settled(const std::function<int()> &sync, const char *scenario)
{
    const int exitCode = sync();
    if (exitCode != 0 && exitCode != 3) {
        qFatal("scenario %s: a run before the one under test ended with exit %d", scenario, exitCode);
    }
}

// Customers on both sides, alternating, with a phone and an email each; returns their record numbers.
QList<int> customers(CrashWorld &world, int n, const QString &prefix)
{
    QList<int> made;
    for (int i = 0; i < n; ++i) {
        made << world.addCustomer(i % 2 == 0, s("%1 Customer %2").arg(prefix).arg(i + 1),
                                  s("09 %1 %2").arg(300 + i).arg(1000 + i * 7),
                                  s("%1.%2@crash.example").arg(prefix.toLower()).arg(i + 1));
    }
    return made;
}

// Work under the given customers: on the side each customer was made on, so it exists there before any run.
QList<int> work(CrashWorld &world, const QList<int> &under, const QList<bool> &inPipedrive, const QString &prefix)
{
    QList<int> made;
    for (int i = 0; i < under.size(); ++i) {
        made << world.addWork(inPipedrive[i], under[i], s("%1 Work %2").arg(prefix).arg(i + 1), 1000 + 250 * i);
    }
    return made;
}

// Initial sync: customers and work made on both sides, none linked yet.
void initial(EngineRig &rig, CrashWorld &world, const std::function<int()> &)
{
    const QList<int> c = customers(world, 10, s("Initial"));
    // Work on the side its customer was made on (customers alternate Pipedrive, Ostendo).
    work(world, {c[0], c[0], c[2], c[4], c[6], c[1], c[1], c[3], c[5], c[7]},
         {true, true, true, true, true, false, false, false, false, false}, s("Initial"));
    rig.advance(60);
}

// Updates of every mapped field on either side of records linked by an earlier run.
void updates(EngineRig &rig, CrashWorld &world, const std::function<int()> &sync)
{
    const QList<int> c = customers(world, 8, s("Update"));
    const QList<int> w =
        work(world, {c[0], c[2], c[4], c[6], c[0], c[2], c[1], c[3], c[5], c[7], c[1], c[3]},
             {true, true, true, true, true, true, false, false, false, false, false, false}, s("Update"));
    rig.advance(60);
    settled(sync, "updates");
    rig.advance(600);
    // Customers: each field once in Pipedrive, once in Ostendo, on records made on either side.
    world.edit(c[0], s("name"), s("Update Customer 1 Renamed In Pipedrive"), true);
    world.edit(c[1], s("name"), s("Update Customer 2 Renamed In Ostendo"), false);
    world.edit(c[2], s("phone"), s("021 555 0102"), true);
    world.edit(c[3], s("phone"), s("021 555 0103"), false);
    world.edit(c[4], s("email"), s("sales.five@crash.example"), true);
    world.edit(c[5], s("email"), s("ops.six@crash.example"), false);
    world.edit(c[6], s("address"), s("7 Pipedrive Road"), true);
    world.edit(c[7], s("address"), s("8 Ostendo Street"), false);
    world.edit(c[2], s("notes"), s("Gate code 4411, from sales."), true);
    world.edit(c[5], s("notes"), s("Dog on site, from operations."), false);
    // Work: both-way fields on either side, one-way fields on their owner's side, and a job moved in Ostendo.
    world.edit(w[0], s("title"), s("Update Work 1 Retitled In Pipedrive"), true);
    world.edit(w[6], s("title"), s("Update Work 7 Retitled In Ostendo"), false);
    world.edit(w[1], s("value"), s("4321"), true);
    world.edit(w[7], s("value"), s("8765"), false);
    world.edit(w[2], s("status"), s("won"), true);
    world.edit(w[8], s("status"), s("lost"), true);
    world.edit(w[3], s("stage"), s("Negotiation"), true);
    world.edit(w[9], s("stage"), s("Site visit"), true);
    world.edit(w[4], s("dates"), s("2026-04-17"), false);
    world.edit(w[10], s("project_type"), s("Hardscaping"), false);
    world.edit(w[11], s("customer"), QString::number(c[5]), false);
    rig.advance(60);
}

// Same-field edits on both sides: medium cases a rule settles, high ones that wait for a person.
void conflicts(EngineRig &rig, CrashWorld &world, const std::function<int()> &sync)
{
    const QList<int> c = customers(world, 10, s("Conflict"));
    const QList<int> w =
        work(world, {c[0], c[2], c[4], c[1], c[3], c[5]}, {true, true, true, false, false, false}, s("Conflict"));
    rig.advance(60);
    settled(sync, "conflicts");
    // The run under test is the daily full scan, which finds the deletion below.
    rig.advance(25 * 3600);
    world.editBoth(c[0], s("name"), s("Conflict One Sales Name"), s("Conflict One Ops Name"), false);
    world.editBoth(c[1], s("phone"), s("021 600 0001"), s("021 600 0002"), false);
    world.editBoth(c[2], s("email"), s("sales.three@crash.example"), s("ops.three@crash.example"), false);
    world.editBoth(c[3], s("address"), s("4 Sales Lane"), s("4 Operations Lane"), false);
    world.editBoth(c[4], s("notes"), s("Sales: call before visiting."), s("Ops: bring the big mower."), false);
    world.editBoth(w[0], s("title"), s("Conflict Work 1 Sales"), s("Conflict Work 1 Ops"), false);
    world.editBoth(w[3], s("value"), s("5100"), s("5200"), false);
    // A critical field changed on both sides: nothing is written, a person decides.
    world.editBoth(w[4], s("project_type"), s("Planting"), s("Irrigation"), true);
    // Deleted in Pipedrive while Ostendo changed it: a deletion conflict for a person.
    world.edit(c[6], s("phone"), s("021 600 0007"), false);
    world.deleteInPipedrive(c[6]);
    world.expectWaiting(c[6]);
    // The same new customer typed into both systems: a possible duplicate for a person.
    world.expectWaiting(world.addCustomer(true, s("Twin Gardens Ltd"), s("09 777 1234"), s("hello@twin.example")));
    world.expectWaiting(world.addCustomer(false, s("Twin Gardens Ltd"), s("09 777 1234"), s("hello@twin.example")));
    rig.advance(60);
}

// Soft deletes in Pipedrive and archives in Ostendo, beside ordinary edits.
void archives(EngineRig &rig, CrashWorld &world, const std::function<int()> &sync)
{
    const QList<int> c = customers(world, 14, s("Archive"));
    // Closed work does not keep a customer from being archived; the job under c[3] is open.
    world.addWork(true, c[0], s("Archive Work 1"), 1000, s("Completed"));
    world.addWork(true, c[2], s("Archive Work 2"), 1250);
    world.addWork(false, c[1], s("Archive Work 3"), 1500, s("Completed"));
    work(world, {c[3], c[5], c[7]}, {false, false, false}, s("Archive"));
    rig.advance(60);
    settled(sync, "archives");
    // A deletion in Pipedrive is found by comparing every record: the run under test is the daily full scan.
    rig.advance(25 * 3600);
    world.deleteInPipedrive(c[4]); // made in Pipedrive
    world.deleteInPipedrive(c[8]); // made in Pipedrive
    world.deleteInPipedrive(c[9]); // made in Ostendo
    world.archiveInOstendo(c[11]); // made in Ostendo
    world.archiveInOstendo(c[13]); // made in Ostendo
    world.archiveInOstendo(c[10]); // made in Pipedrive
    world.archiveInOstendo(c[3]);  // its job is still open: archived, with an alert for a person
    world.expectWaiting(c[3]);
    world.edit(c[12], s("phone"), s("021 700 0013"), false);
    world.edit(c[6], s("email"), s("archive.seven.new@crash.example"), true);
    rig.advance(60);
}

// Work made on one side creates its counterpart: a job makes a deal (whose stage comes back to the job in the same
// run), a deal makes a job with its status and stage.
void dealsAndJobs(EngineRig &rig, CrashWorld &world, const std::function<int()> &sync)
{
    const QList<int> c = customers(world, 6, s("DealJob"));
    rig.advance(60);
    settled(sync, "deals_and_jobs");
    rig.advance(600);
    const QStringList jobStatuses{s("Quoted"), s("Approved"),  s("Cancelled"), s("In Progress"),
                                  s("Quoted"), s("Completed"), s("Quoted")};
    for (int i = 0; i < jobStatuses.size(); ++i) {
        world.addWork(false, c[i % 6], s("DealJob Job %1").arg(i + 1), 2000 + 100 * i, jobStatuses[i]);
    }
    const QStringList stages{s("Enquiry"), s("Site visit"), s("Quote sent"), s("Negotiation")};
    for (int i = 0; i < 7; ++i) {
        const int deal = world.addWork(true, c[(i + 3) % 6], s("DealJob Deal %1").arg(i + 1), 3000 + 100 * i,
                                       i == 5   ? s("Approved")
                                       : i == 6 ? s("Cancelled")
                                                : s("Quoted"));
        if (i < 4) {
            world.edit(deal, s("stage"), stages[i], true);
        }
    }
    rig.advance(60);
}

// A bulk import: more new customers at once than several write batches hold, most of them in Ostendo.
void bulk(EngineRig &rig, CrashWorld &world, const std::function<int()> &sync)
{
    customers(world, 2, s("Bulk Existing"));
    rig.advance(60);
    settled(sync, "bulk");
    rig.advance(600);
    for (int i = 0; i < 14; ++i) {
        world.addCustomer(false, s("Bulk Import Customer %1").arg(i + 1), s("09 480 %1").arg(2000 + i),
                          s("import%1@crash.example").arg(i + 1));
    }
    for (int i = 0; i < 4; ++i) {
        world.addCustomer(true, s("Bulk Pipedrive Organization %1").arg(i + 1), QString(),
                          s("pd.import%1@crash.example").arg(i + 1));
    }
    rig.advance(60);
}
} // namespace

QList<CrashScenario> CrashScenarios::all()
{
    return {
        {s("initial"), s("initial sync of 10 customers and 10 work items made on both sides"), initial},
        {s("updates"), s("every mapped field edited on either side of 8 customers and 12 work items"), updates},
        {s("conflicts"), s("same-field edits on both sides (medium and high), a deletion conflict, a duplicate"),
         conflicts},
        {s("archives"), s("soft deletes in Pipedrive and archives in Ostendo among 14 customers and 6 work items"),
         archives},
        {s("deals_and_jobs"), s("7 jobs that create deals (stage comes back) and 7 deals that create jobs"),
         dealsAndJobs},
        {s("bulk"), s("a bulk import of 18 customers, 14 in Ostendo and 4 in Pipedrive"), bulk},
    };
}

const CrashScenario *CrashScenarios::find(const QString &name)
{
    static const QList<CrashScenario> scenarios = all();
    for (const CrashScenario &scenario : scenarios) {
        if (scenario.name == name) {
            return &scenario;
        }
    }
    return nullptr;
}
