// A fault the Ostendo simulator injects into the next matching request(s).
#pragma once

#include "common/SimTypes.h"

struct OstendoFault
{
    enum class Endpoint
    {
        Any,
        TableDataGet,
        TableDataPost,
        SqlQuery,
        ExecuteSql
    };
    enum class Kind
    {
        ServerError,     // an HTTP error status with an IIS-like body, nothing applied
        Hang,            // no answer at all, nothing applied
        Reset,           // connection closed, nothing applied
        Truncate,        // applied, then half of the answer is sent
        AppliedThenLost, // applied, then the answer is lost as lostAs says (a write whose outcome is unknown)
        LockConflict,    // Firebird's lock conflict in the error document, nothing applied
        Slow,            // answered normally after delayMs
    };

    Endpoint endpoint = Endpoint::Any;
    Kind kind = Kind::ServerError;
    int status = 503;
    int delayMs = 0;
    int times = 1; // how many matching requests it hits; -1 until cleared; 0 is not added
    SimResponse::Fault lostAs = SimResponse::Fault::Reset;
};
