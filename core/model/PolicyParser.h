// Reads a policy file into a Policy and explains the first thing wrong with it, pointing at its line.
#pragma once

#include "Policy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

class JsonLocator;

class PolicyParser
{
public:
    explicit PolicyParser(const QByteArray &json)
        : m_json(json)
    {}
    std::optional<Policy> parse(QString *error);

private:
    bool parseNormalisation(const QJsonObject &object, Policy &policy);
    bool parseStatusMap(const QJsonObject &object, Policy &policy);
    bool parseEntity(const QString &path, const QJsonObject &object, EntityKind kind, EntityPolicy &entity);
    bool parseField(const QString &path, const QJsonObject &object, EntityKind kind, FieldRule &rule);
    bool parseMapping(const QString &path, const QJsonObject &object, const QStringList &allowed,
                      QHash<QString, QString> &mapping);
    bool parseStringList(const QString &path, const QJsonValue &value, QStringList &out);
    bool parseSides(const QString &path, const QJsonValue &value, QList<Side> &out);
    bool checkKeys(const QString &path, const QJsonObject &object, const QStringList &allowed);
    bool fail(const QString &path, const QString &message);

    QByteArray m_json;
    const JsonLocator *m_locator = nullptr;
    QString m_error;
};
