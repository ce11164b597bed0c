// Holds the policy in force: the built-in default or a user's file, and keeps the previous one when a new one is
// refused.
#pragma once

#include "Policy.h"

#include <QObject>

class PolicyLoader : public QObject
{
    Q_OBJECT
public:
    explicit PolicyLoader(QObject *parent = nullptr);

    const Policy &current() const { return m_current; }
    QString currentSource() const { return m_source; } // ":/turfdrive/policy/default-policy.json" or the file path
    QString lastError() const { return m_lastError; }

    // Each returns false and keeps the policy in force when the new text is refused; lastError() says why.
    bool loadJson(const QByteArray &json, const QString &source);
    bool loadFile(const QString &path); // the sync/policy_file setting; an empty path means the default
    void resetToDefault();

signals:
    void policyChanged();
    void policyRefused(const QString &message);

private:
    Policy m_current;
    QString m_source;
    QString m_lastError;
};
