// Item data roles every TurfDrive model answers, so proxies and views sort and filter without knowing the model.
#pragma once

#include <Qt>

namespace UiRoles {
enum Role
{
    SortRole = Qt::UserRole + 1, // a raw value that sorts correctly (times as msecs, ids as numbers)
    IdRole,                      // the row's store id (link, conflict or log row)
    StatusRole,                  // the row's status as its stable text form ("synced", "pending_review", ...)
    LinkIdRole,                  // the link a row belongs to, 0 when none
};
} // namespace UiRoles
