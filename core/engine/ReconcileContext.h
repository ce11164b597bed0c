// Facts about a record's neighbours that the reconciler needs but cannot see in the record itself.
#pragma once

struct ReconcileContext
{
    // For a customer: an open deal or a live job still refers to it (archiving it raises a high-risk alert).
    bool customerHasOpenWork = false;
};
