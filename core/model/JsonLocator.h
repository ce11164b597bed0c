// Finds where each key and element of a JSON text starts, so a policy error can point at the line a person edits.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

class JsonLocator
{
public:
    // Indexes an already valid JSON text. Paths are "/"-joined keys and array indexes: "entities/customer/fields/2".
    explicit JsonLocator(const QByteArray &json);

    // "line L, column C" of the path, or of its nearest indexed parent; both 1-based.
    QString where(const QString &path) const;
    static QString whereOffset(const QByteArray &json, int offset);

private:
    void scanValue(const QString &path);
    void scanString();
    void skipSpace();

    QByteArray m_json;
    int m_pos = 0;
    QHash<QString, int> m_offsets;
};
