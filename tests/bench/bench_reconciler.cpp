// Benchmark: reconciles 100,000 customer and 100,000 work-item triples on one core and prints records per second and
// peak memory. A program that prints figures, not a timed test: the goal (200,000 records/s) is read, not asserted.
#include "engine/Reconciler.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTextStream>

#include <sys/resource.h>
#include <time.h>

namespace {
struct Triple
{
    std::optional<FieldValues> base;
    SideRecord pipedrive;
    SideRecord ostendo;
};

// A sync cycle as seen in practice: most linked records untouched, some edited on one side, a few on both, a few
// differing only in formatting, a few first-sync pairs and the odd archive.
QString edit(QRandomGenerator &random, const FieldRule &rule, const QString &value, int i)
{
    switch (rule.kind) {
    case FieldRule::Kind::Phone:
        return QStringLiteral("09 %1 %2").arg(random.bounded(100, 999)).arg(i % 10000, 4, 10, QLatin1Char('0'));
    case FieldRule::Kind::Email:
        return QStringLiteral("user%1@example.co.nz").arg(random.bounded(100000));
    case FieldRule::Kind::Money:
        return QString::number(random.bounded(100, 50000)) + QStringLiteral(".50");
    case FieldRule::Kind::Date:
        return QStringLiteral("%1/%2/2026").arg(random.bounded(1, 28)).arg(random.bounded(1, 12));
    case FieldRule::Kind::Status:
        return value;
    case FieldRule::Kind::Notes:
        return value + QStringLiteral("\n\nCalled on ") + QString::number(random.bounded(1, 28)) +
               QStringLiteral(" May");
    default:
        return value + QStringLiteral(" ") + QString::number(random.bounded(10));
    }
}

QString reformat(const FieldRule &rule, const QString &value)
{
    switch (rule.kind) {
    case FieldRule::Kind::Phone:
        return QStringLiteral("+64 ") + value.mid(1);
    case FieldRule::Kind::Email:
        return value.toUpper();
    case FieldRule::Kind::Money:
        return value + QStringLiteral(".00");
    default:
        return QStringLiteral(" ") + value + QStringLiteral("  ");
    }
}

FieldValues baseValues(EntityKind entity, int i)
{
    if (entity == EntityKind::Customer) {
        return {{QStringLiteral("name"), QStringLiteral("Customer %1 Ltd").arg(i)},
                {QStringLiteral("phone"), QStringLiteral("09 555 %1").arg(i % 10000, 4, 10, QLatin1Char('0'))},
                {QStringLiteral("email"), QStringLiteral("ops%1@example.co.nz").arg(i)},
                {QStringLiteral("address"), QStringLiteral("%1 Queen St, Auckland 1010").arg(i % 500 + 1)},
                {QStringLiteral("notes"), QStringLiteral("Gate code %1").arg(i % 9999)},
                {Reconciler::ArchivedKey, QStringLiteral("false")}};
    }
    static const char *statuses[] = {"open", "won", "lost"};
    return {{QStringLiteral("title"), QStringLiteral("Lawn renovation %1").arg(i)},
            {QStringLiteral("status"), QLatin1String(statuses[i % 3])},
            {QStringLiteral("stage"), QStringLiteral("Qualified")},
            {QStringLiteral("value"), QString::number(1000 + i % 5000)},
            {QStringLiteral("customer"), QString::number(i % 20000)},
            {QStringLiteral("project_type"), QStringLiteral("Renovation")},
            {QStringLiteral("dates"), QStringLiteral("2026-03-01")},
            {Reconciler::ArchivedKey, QStringLiteral("false")}};
}

QList<Triple> generate(EntityKind entity, int count, int offset, const Policy &policy, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<Triple> triples;
    triples.reserve(count);
    const QDateTime t0(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);
    for (int i = offset; i < offset + count; ++i) {
        Triple t;
        const FieldValues base = baseValues(entity, i);
        FieldValues pd = base;
        FieldValues os = base;
        pd.remove(Reconciler::ArchivedKey);
        os.remove(Reconciler::ArchivedKey);
        if (entity == EntityKind::WorkItem) {
            os.insert(QStringLiteral("status"),
                      policy.statusMap().valueFor(Side::Ostendo, base.value(QStringLiteral("status"))));
        }
        const int kind = int(random.bounded(100));
        for (const FieldRule &rule : policy.entity(entity).fields) {
            const QString value = base.value(rule.name);
            const int roll = int(random.bounded(100));
            if (kind < 60) {
                continue; // fetched by the overlap but untouched
            }
            if (roll < 12) {
                pd.insert(rule.name, edit(random, rule, value, i));
            } else if (roll < 24) {
                os.insert(rule.name, edit(random, rule, value, i));
            } else if (roll < 28) {
                pd.insert(rule.name, edit(random, rule, value, i));
                os.insert(rule.name, edit(random, rule, value, i + 1));
            } else if (roll < 33 && rule.kind != FieldRule::Kind::Status) {
                os.insert(rule.name, reformat(rule, value));
            }
        }
        if (kind >= 95) {
            t.base.reset(); // first sync of this pair
        } else {
            t.base = base;
        }
        t.pipedrive.state = SideRecord::State::Present;
        t.ostendo.state = kind == 94 ? SideRecord::State::Archived : SideRecord::State::Present;
        t.pipedrive.id = QString::number(i);
        t.ostendo.id = QString::number(100000 + i);
        t.pipedrive.values = pd;
        t.ostendo.values = os;
        t.pipedrive.modifiedAt = t0.addSecs(random.bounded(3600));
        t.ostendo.modifiedAt = t0.addSecs(random.bounded(3600));
        triples << t;
    }
    return triples;
}

// CPU time of this thread: on a shared machine wall-clock time also counts the time other processes ran.
qint64 threadCpuNanoseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

long peakRssKiB()
{
    struct rusage usage
    {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}
} // namespace

int main(int argc, char **argv)
{
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTextStream out(stdout);
    const Policy policy = Policy::defaultPolicy();
    const Reconciler reconciler(policy);
    double totalSeconds = 0;
    double totalCpuSeconds = 0;
    int totalRecords = 0;
    // Triples are made in pages, as the engine reads them (a page of Pipedrive is 500 records), so the peak memory
    // is that of a sync run rather than of 100,000 records held at once. Only reconcile() is timed.
    constexpr int kPage = 1000;
    for (EntityKind entity : {EntityKind::Customer, EntityKind::WorkItem}) {
        int writes = 0;
        int conflicts = 0;
        int blocked = 0;
        qint64 nanoseconds = 0;
        qint64 cpuNanoseconds = 0;
        for (int first = 0; first < count; first += kPage) {
            const QList<Triple> triples =
                generate(entity, qMin(kPage, count - first), first, policy, 42 + quint32(first));
            QElapsedTimer timer;
            timer.start();
            const qint64 cpuStart = threadCpuNanoseconds();
            for (const Triple &t : triples) {
                const SyncPlan plan = reconciler.reconcile(entity, t.base, t.pipedrive, t.ostendo);
                writes += int(plan.pipedrive.fields.size() + plan.ostendo.fields.size());
                conflicts += int(plan.conflicts.size());
                blocked += plan.isBlocked() ? 1 : 0;
            }
            cpuNanoseconds += threadCpuNanoseconds() - cpuStart;
            nanoseconds += timer.nsecsElapsed();
        }
        const double seconds = double(nanoseconds) / 1e9;
        const double cpuSeconds = double(cpuNanoseconds) / 1e9;
        totalSeconds += seconds;
        totalCpuSeconds += cpuSeconds;
        totalRecords += count;
        out << Entities::key(entity) << ": " << count << " triples, " << QString::number(seconds, 'f', 3)
            << " s wall = " << QString::number(double(count) / seconds, 'f', 0) << " records/s; "
            << QString::number(cpuSeconds, 'f', 3) << " s CPU = " << QString::number(double(count) / cpuSeconds, 'f', 0)
            << " records per CPU-second (" << writes << " field writes, " << conflicts << " conflicts, " << blocked
            << " blocked)\n";
    }
    out << "overall: " << QString::number(double(totalRecords) / totalSeconds, 'f', 0) << " records/s wall, "
        << QString::number(double(totalRecords) / totalCpuSeconds, 'f', 0)
        << " records per CPU-second on one core; goal 200000\n";
    out << "peak memory (max RSS, one page of triples included): "
        << QString::number(double(peakRssKiB()) / 1024.0, 'f', 1) << " MiB\n";
    return 0;
}
