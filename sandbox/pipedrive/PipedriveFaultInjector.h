// Faults that tests switch on per endpoint: server errors, broken transfers, garbage bodies, and writes that are
// applied but whose answer never arrives.
#pragma once

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QString>
#include <optional>

class PipedriveFaultInjector
{
public:
    enum class Kind
    {
        ServerError,     // answer `status` (500 by default) with the error envelope
        Hang,            // never answer
        Reset,           // close the connection without an answer
        Truncate,        // half the body, then close
        NonJson,         // a 200 whose body is an HTML page, as a proxy in the way would send
        ApplyThenHang,   // the request takes effect, then the answer is lost (the client times out)
        ApplyThenReset,  // the request takes effect, then the connection drops
        PaymentRequired, // 402: the company account is not open
        FeatureCapping,  // 403 with code feature_capping_deals_limit
    };

    struct Rule
    {
        QByteArray method;   // empty matches any method
        QString pathPattern; // wildcard pattern on the path, e.g. "/api/v2/deals*"
        Kind kind = Kind::ServerError;
        int status = 500;         // for ServerError
        int remaining = -1;       // how many matching requests it hits; -1 without end
        double probability = 1.0; // chance per matching request, drawn from the injector's seeded generator
    };

    static bool kindFromName(const QString &name, Kind *kind);
    static QString kindName(Kind kind);
    // Faults whose request must still be carried out before the answer is broken.
    static bool appliesRequest(Kind kind) { return kind == Kind::ApplyThenHang || kind == Kind::ApplyThenReset; }

    void setSeed(quint32 seed) { m_random.seed(seed); }
    void add(const Rule &rule);
    void clear() { m_rules.clear(); }
    int ruleCount() const { return static_cast<int>(m_rules.size()); }

    // The fault to apply to this request, if a rule fires; a firing rule uses up one of its hits.
    std::optional<Rule> match(const QByteArray &method, const QString &path);

private:
    struct Entry
    {
        Rule rule;
        QRegularExpression regex;
    };
    QList<Entry> m_rules;
    QRandomGenerator m_random{20260302u};
};
