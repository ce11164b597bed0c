// A difference the reconciler found: its kind, risk, status, the fields involved and the rule that decided, in words.
#pragma once

#include "ConflictField.h"
#include "EntityKind.h"
#include "Risk.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

struct Conflict
{
    enum class Kind
    {
        Field,
        Duplicate,
        Deletion,
        ArchivedWithOpenWork
    };
    enum class Status
    {
        AutoResolved,
        PendingReview,
        ManuallyResolved
    };

    EntityKind entity = EntityKind::Customer;
    Kind kind = Kind::Field;
    Risk risk = Risk::Low;
    Status status = Status::AutoResolved;
    QList<ConflictField> fields;
    QString rule; // plain words for a non-technical reader
    QString pipedriveId;
    QString ostendoKey;

    bool isBlocking() const { return status == Status::PendingReview; }
    const ConflictField *field(const QString &name) const
    {
        for (const ConflictField &f : fields) {
            if (f.field == name) {
                return &f;
            }
        }
        return nullptr;
    }

    // The store's row shape: entity, kind, risk, status, fields (list), rule, pipedrive_id, ostendo_key.
    QJsonObject toJson() const;
    // Nothing when a required key is missing or names an unknown kind, risk or status.
    static std::optional<Conflict> fromJson(const QJsonObject &object);

    static QString kindKey(Kind kind);
    static std::optional<Kind> kindFromKey(const QString &key);
    static QString statusKey(Status status);
    static std::optional<Status> statusFromKey(const QString &key);
};
