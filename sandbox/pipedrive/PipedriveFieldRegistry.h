// The field schema of one simulated company: built-in fields, custom fields with generated 40-hex keys, and the
// type rules their values must follow in API v2.
#pragma once

#include "PipedriveEntity.h"
#include "PipedriveField.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

class PipedriveFieldRegistry
{
public:
    PipedriveFieldRegistry();

    void setSeed(quint32 seed) { m_seed = seed; }
    void clearCustomFields();

    // Adds a custom field and returns it. The key is derived from the seed and a counter, so runs repeat.
    PipedriveField addCustomField(PipedriveEntity entity, const QString &name, const QString &type,
                                  const QStringList &optionLabels, qint64 now);
    void setDescription(PipedriveEntity entity, const QString &key, const QString &description);
    // The key of the custom field with that name, creating it when missing.
    QString ensureCustomField(PipedriveEntity entity, const QString &name, const QString &type, qint64 now);

    QList<PipedriveField> fields(PipedriveEntity entity) const; // built-ins first, then custom fields
    QList<PipedriveField> customFields(PipedriveEntity entity) const;
    const PipedriveField *findByCode(PipedriveEntity entity, const QString &code) const;
    const PipedriveField *findCustomByName(PipedriveEntity entity, const QString &name) const;
    const PipedriveField *findCustomByKey(PipedriveEntity entity, const QString &key) const;

    static bool isCreatableType(const QString &type);
    static bool isSearchableType(const QString &type);

    // Checks one custom field value as API v2 demands (no coercion; [] is never a cleared value). Returns an
    // error message, or an empty string when the value is acceptable.
    static QString checkValue(const PipedriveField &field, const QJsonValue &value);
    // The value as shown with include_option_labels=true.
    static QJsonValue withOptionLabels(const PipedriveField &field, const QJsonValue &value);

    // The v2 fields-endpoint item; deal fields also carry "description", which the spec requires for them only.
    static QJsonObject toV2(const PipedriveField &field, PipedriveEntity entity);
    static QJsonObject toV1(const PipedriveField &field);

private:
    QList<PipedriveField> &customList(PipedriveEntity entity);
    const QList<PipedriveField> &customList(PipedriveEntity entity) const;

    QList<PipedriveField> m_builtInOrg;
    QList<PipedriveField> m_builtInDeal;
    QList<PipedriveField> m_customOrg;
    QList<PipedriveField> m_customDeal;
    quint32 m_seed = 1;
    int m_counter = 0;
    int m_nextFieldId = 9000;
    int m_nextOptionId = 100;
};
