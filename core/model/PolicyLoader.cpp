#include "PolicyLoader.h"

#include "util/Logging.h"

#include <QFile>

PolicyLoader::PolicyLoader(QObject *parent)
    : QObject(parent)
{
    resetToDefault();
}

void PolicyLoader::resetToDefault()
{
    m_current = Policy::defaultPolicy();
    m_source = QStringLiteral(":/turfdrive/policy/default-policy.json");
    m_lastError.clear();
}

bool PolicyLoader::loadJson(const QByteArray &json, const QString &source)
{
    QString error;
    auto policy = Policy::fromJson(json, &error);
    if (!policy) {
        m_lastError = source + QStringLiteral(", ") + error;
        qCWarning(lcModel).noquote() << "policy refused, the previous one stays in force:" << m_lastError;
        emit policyRefused(m_lastError);
        return false;
    }
    m_current = *policy;
    m_source = source;
    m_lastError.clear();
    emit policyChanged();
    return true;
}

bool PolicyLoader::loadFile(const QString &path)
{
    if (path.isEmpty()) {
        resetToDefault();
        emit policyChanged();
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_lastError = path + QStringLiteral(": cannot be read (") + file.errorString() + QLatin1Char(')');
        qCWarning(lcModel).noquote() << "policy refused, the previous one stays in force:" << m_lastError;
        emit policyRefused(m_lastError);
        return false;
    }
    return loadJson(file.readAll(), path);
}
