// The definition of one Pipedrive field (from the v2 *Fields endpoints): its key, name, type and options.
#pragma once

#include <QList>
#include <QPair>
#include <QString>

struct PipedriveFieldDefinition
{
    QString key;  // field_code: a 40-character hex string for custom fields
    QString name; // field_name as people see it
    QString type; // field_type, e.g. varchar, text, phone, enum
    bool isCustom = false;
    QList<QPair<qint64, QString>> options; // id and label, for enum and set fields

    // The option id with this label (case-insensitive, trimmed), or -1.
    qint64 optionId(const QString &label) const;
    // The label of an option id, or an empty string.
    QString optionLabel(qint64 id) const;
    bool isTextLike() const;
};
