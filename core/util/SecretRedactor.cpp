#include "SecretRedactor.h"

#include <QRegularExpression>
#include <QUrl>

SecretRedactor &SecretRedactor::instance()
{
    static SecretRedactor redactor;
    return redactor;
}

void SecretRedactor::registerSecret(const QString &secret)
{
    if (secret.size() < 4) {
        return;
    }
    QStringList forms{secret, QString::fromLatin1(QUrl::toPercentEncoding(secret))};
    // A key shown by Ostendo may arrive already encoded; its decoded form must be masked too.
    forms << QUrl::fromPercentEncoding(secret.toUtf8());
    forms << QString::fromLatin1(QUrl::toPercentEncoding(forms.constLast()));
    QMutexLocker lock(&m_mutex);
    for (const QString &form : std::as_const(forms)) {
        if (form.size() >= 4 && !m_secrets.contains(form)) {
            m_secrets << form;
        }
    }
    // Longest first, so a secret that contains another is masked whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

void SecretRedactor::clear()
{
    QMutexLocker lock(&m_mutex);
    m_secrets.clear();
}

QString SecretRedactor::redact(const QString &text) const
{
    QString out = text;
    {
        QMutexLocker lock(&m_mutex);
        for (const QString &secret : m_secrets) {
            out.replace(secret, QLatin1String(Mask));
        }
    }
    static const QRegularExpression queryItem(QStringLiteral("((?:apikey|api_token)=)[^&\\s\"']+"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression header(QStringLiteral("(x-api-token\\s*[:=]\\s*)\\S+"),
                                           QRegularExpression::CaseInsensitiveOption);
    out.replace(queryItem, QStringLiteral("\\1") + QLatin1String(Mask));
    out.replace(header, QStringLiteral("\\1") + QLatin1String(Mask));
    return out;
}
