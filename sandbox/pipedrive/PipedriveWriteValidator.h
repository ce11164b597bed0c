// Checks a create or update body the way API v2 does (no coercion, server-managed fields refused, custom fields
// by known key only) and turns it into the standard and custom changes the store applies.
#pragma once

#include "PipedriveEntity.h"

#include <QJsonObject>
#include <QString>

class PipedriveFieldRegistry;
class PipedriveStore;
struct PipedriveRecord;

class PipedriveWriteValidator
{
public:
    struct Result
    {
        QString error; // empty when the body is acceptable
        QJsonObject standard;
        QJsonObject custom;
        bool ok() const { return error.isEmpty(); }
    };

    PipedriveWriteValidator(const PipedriveFieldRegistry *fields, const PipedriveStore *store);

    // `existing` is the record a PATCH changes, or null for a POST.
    Result validate(PipedriveEntity entity, const QJsonObject &body, const PipedriveRecord *existing) const;

    // RFC 3339 with whole seconds and a Z or +hh:mm offset, as updated_since wants; -1 when malformed.
    static qint64 parseRfc3339(const QString &text);

private:
    QString checkStandard(PipedriveEntity entity, const QString &key, const QJsonValue &value, bool create) const;
    QString checkAddress(const QJsonValue &value, QJsonValue *normalised) const;
    QString checkDealConsistency(const QJsonObject &merged, const QJsonObject &changes) const;

    const PipedriveFieldRegistry *m_fields;
    const PipedriveStore *m_store;
};
