// Reads Pipedrive v2 JSON into TurfDrive's records strictly, and writes v2 request bodies exactly as v2 wants them.
#pragma once

#include "PipedriveDeal.h"
#include "PipedriveDealChanges.h"
#include "PipedriveFieldDefinition.h"
#include "PipedriveOrganization.h"
#include "PipedriveOrganizationChanges.h"
#include "PipedriveStage.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <optional>

// Remote JSON is untrusted: every reader checks each type it relies on and reports a short problem (never the
// offending remote text) instead of guessing, so one bad record cannot crash or poison a sync.
namespace PipedriveCodec {
using FieldsByName = QHash<QString, PipedriveFieldDefinition>; // the custom fields TurfDrive maps, by their name

std::optional<PipedriveOrganization> parseOrganization(const QJsonValue &json, const FieldsByName &fields,
                                                       QString *problem);
std::optional<PipedriveDeal> parseDeal(const QJsonValue &json, const FieldsByName &fields, QString *problem);
std::optional<PipedriveStage> parseStage(const QJsonValue &json, QString *problem);
std::optional<PipedriveFieldDefinition> parseField(const QJsonValue &json, QString *problem);
// The id of an itemSearch/field hit; accepts both {id,...} and {result_score, item:{id,...}} shapes.
std::optional<qint64> parseSearchHitId(const QJsonValue &json, QString *problem);

// Bodies for POST (forCreate: required fields must be present) and PATCH. A non-empty problem means the
// changes cannot be expressed (unknown field name, unknown option label, bad status) and nothing may be sent.
QJsonObject organizationBody(const PipedriveOrganizationChanges &changes, const FieldsByName &fields, bool forCreate,
                             QString *problem);
QJsonObject dealBody(const PipedriveDealChanges &changes, const FieldsByName &fields, bool forCreate, QString *problem);

// RFC 3339 UTC in whole seconds ("2024-07-01T05:46:33Z"): the form updated_since accepts.
QString formatTimestamp(const QDateTime &time);
// Accepts RFC 3339 with Z or an offset (fractions allowed); anything else, including a time without a zone,
// gives an invalid QDateTime.
QDateTime parseTimestamp(const QString &text);
// Whether a key has the shape of a custom field key (40 lowercase hex characters).
bool isCustomFieldKey(const QString &key);
} // namespace PipedriveCodec
