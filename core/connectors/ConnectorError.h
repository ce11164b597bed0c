// What went wrong with a remote call, classified so the engine can decide: retry, wait, stop, or search first.
#pragma once

#include <QString>

struct ConnectorError
{
    enum class Kind
    {
        None,
        Authentication, // 401, a bad or expired key: stop the run, tell the user
        Permission,     // 403 (including the HTML page after ignoring 429s), SQL not allowed
        NotFound,       // 404 / 410
        Validation,     // 400 with the service's error body: this record's data is refused
        RateLimited,    // 429: wait as told, then continue
        Server,         // 5xx
        Network,        // timeout, reset, refused, DNS
        Tls,            // certificate not trusted or not the pinned one
        Malformed,      // not JSON/XML, truncated, success:false with 200, missing fields
        Configuration,  // a setting or mapping is wrong (missing custom field, unknown table, bad URL)
        UnknownOutcome, // a write may or may not have been applied: read before resending
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message;          // one sentence for people; never contains a secret
    qint64 retryAfterMs = -1; // for RateLimited: how long the service asked us to wait, when it said

    bool isError() const { return kind != Kind::None; }
    // Worth trying again later without changing anything (the same request may succeed).
    bool isTransient() const { return kind == Kind::RateLimited || kind == Kind::Server || kind == Kind::Network; }
    // Stops the whole run: nothing else will work either.
    bool isFatalForRun() const
    {
        return kind == Kind::Authentication || kind == Kind::Permission || kind == Kind::Tls ||
               kind == Kind::Configuration;
    }

    static QString kindName(Kind kind);
};
