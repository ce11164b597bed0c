// The rate limiter alone: plan figures from the reference, the rolling window, the daily budget and the block.
#include "pipedrive/PipedriveClock.h"
#include "pipedrive/PipedriveRateLimiter.h"

#include <QTest>

namespace {
QByteArray header(const PipedriveRateLimiter::Decision &d, const QByteArray &name)
{
    for (const auto &h : d.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}
} // namespace

class TestPipedriveRateLimiter : public QObject
{
    Q_OBJECT
private slots:
    void planFigures_data()
    {
        QTest::addColumn<QString>("plan");
        QTest::addColumn<int>("seats");
        QTest::addColumn<int>("tokenBurst");
        QTest::addColumn<int>("oauthBurst");
        QTest::addColumn<qint64>("daily");
        // reference/pipedrive-api.md section 9: 30,000 x multiplier x seats; burst per 2 s by plan.
        QTest::newRow("lite") << QStringLiteral("lite") << 1 << 20 << 80 << 30000LL;
        QTest::newRow("growth, 3 seats") << QStringLiteral("growth") << 3 << 40 << 160 << 180000LL;
        QTest::newRow("premium") << QStringLiteral("Premium") << 2 << 100 << 400 << 300000LL;
        QTest::newRow("ultimate") << QStringLiteral("ultimate") << 1 << 120 << 480 << 210000LL;
    }

    void planFigures()
    {
        QFETCH(QString, plan);
        QFETCH(int, seats);
        QFETCH(int, tokenBurst);
        QFETCH(int, oauthBurst);
        QFETCH(qint64, daily);
        PipedriveClock clock;
        PipedriveRateLimiter limiter(&clock);
        PipedriveRateLimiter::Plan p = PipedriveRateLimiter::Plan::Lite;
        QVERIFY(PipedriveRateLimiter::planFromName(plan, &p));
        limiter.setPlan(p, seats);
        QCOMPARE(limiter.burstLimit(false), tokenBurst);
        QCOMPARE(limiter.burstLimit(true), oauthBurst);
        QCOMPARE(limiter.dailyBudget(), daily);
    }

    void unknownPlanIsRefused()
    {
        PipedriveRateLimiter::Plan p = PipedriveRateLimiter::Plan::Lite;
        QVERIFY(!PipedriveRateLimiter::planFromName(QStringLiteral("enterprise-plus"), &p));
    }

    void windowRollsAndResetCountsDown_data()
    {
        QTest::addColumn<qint64>("waitMs");
        QTest::addColumn<int>("expectedReset");
        QTest::addColumn<bool>("allowedAfter");
        QTest::newRow("right away") << 0LL << 2 << false;
        QTest::newRow("after 0.9 s") << 900LL << 2 << false;
        QTest::newRow("after 1.2 s") << 1200LL << 1 << false;
        QTest::newRow("after 2 s") << 2000LL << 0 << true;
    }

    void windowRollsAndResetCountsDown()
    {
        QFETCH(qint64, waitMs);
        QFETCH(int, expectedReset);
        QFETCH(bool, allowedAfter);
        PipedriveClock clock;
        PipedriveRateLimiter limiter(&clock);
        limiter.setBurstLimit(3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(limiter.admit("t", false, false, 1).verdict, PipedriveRateLimiter::Verdict::Allowed);
        }
        clock.advanceMSecs(waitMs);
        const auto d = limiter.admit("t", false, false, 1);
        QCOMPARE(d.verdict == PipedriveRateLimiter::Verdict::Allowed, allowedAfter);
        if (!allowedAfter) {
            QCOMPARE(header(d, "x-ratelimit-reset").toInt(), expectedReset);
            QCOMPARE(header(d, "x-ratelimit-remaining"), QByteArray("0"));
        }
        // Another token has its own window.
        QCOMPARE(limiter.admit("other", false, false, 1).verdict, PipedriveRateLimiter::Verdict::Allowed);
    }

    void refusedRequestsCostNothing()
    {
        PipedriveClock clock;
        PipedriveRateLimiter limiter(&clock);
        limiter.setBurstLimit(1);
        limiter.admit("t", false, false, 10);
        limiter.admit("t", false, false, 10);
        QCOMPARE(limiter.tokensUsedToday(), 10);
    }

    void retryAfterWhenAskedFor()
    {
        PipedriveClock clock;
        clock.setNow(QDateTime(QDate(2026, 3, 2), QTime(23, 0), Qt::UTC));
        PipedriveRateLimiter limiter(&clock);
        limiter.setBurstLimit(1);
        limiter.admit("t", false, false, 1);
        QVERIFY(header(limiter.admit("t", false, false, 1), "Retry-After").isEmpty());
        limiter.setRetryAfterEnabled(true);
        QCOMPARE(header(limiter.admit("t", false, false, 1), "Retry-After"), QByteArray("2"));
        limiter.setBurstLimit(100);
        limiter.setDailyBudget(2);
        const auto daily = limiter.admit("t", false, false, 5);
        QCOMPARE(daily.verdict, PipedriveRateLimiter::Verdict::DailyExceeded);
        QCOMPARE(header(daily, "Retry-After"), QByteArray("3600")); // until midnight UTC
    }

    void oauthIsNeverBlockedWithHtml()
    {
        PipedriveClock clock;
        PipedriveRateLimiter limiter(&clock);
        limiter.setBurstLimit(1);
        limiter.setAbuseThreshold(1);
        limiter.admit("bearer", true, false, 1);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(limiter.admit("bearer", true, false, 1).verdict, PipedriveRateLimiter::Verdict::BurstExceeded);
        }
        limiter.admit("key", false, false, 1);
        QCOMPARE(limiter.admit("key", false, false, 1).verdict, PipedriveRateLimiter::Verdict::BurstExceeded);
        QCOMPARE(limiter.admit("key", false, false, 1).verdict, PipedriveRateLimiter::Verdict::Blocked);
    }
};

QTEST_GUILESS_MAIN(TestPipedriveRateLimiter)
#include "tst_pipedriveratelimiter.moc"
