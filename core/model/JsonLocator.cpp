#include "JsonLocator.h"

JsonLocator::JsonLocator(const QByteArray &json)
    : m_json(json)
{
    skipSpace();
    m_offsets.insert(QString(), m_pos);
    scanValue(QString());
}

QString JsonLocator::where(const QString &path) const
{
    QString probe = path;
    while (!m_offsets.contains(probe) && !probe.isEmpty()) {
        const int slash = probe.lastIndexOf(QLatin1Char('/'));
        probe = slash < 0 ? QString() : probe.left(slash);
    }
    return whereOffset(m_json, m_offsets.value(probe, 0));
}

QString JsonLocator::whereOffset(const QByteArray &json, int offset)
{
    int line = 1;
    int column = 1;
    const int end = qMin(offset, int(json.size()));
    for (int i = 0; i < end; ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((json.at(i) & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

void JsonLocator::skipSpace()
{
    while (m_pos < m_json.size()) {
        const char c = m_json.at(m_pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            break;
        }
        ++m_pos;
    }
}

void JsonLocator::scanString()
{
    ++m_pos; // opening quote
    while (m_pos < m_json.size() && m_json.at(m_pos) != '"') {
        m_pos += m_json.at(m_pos) == '\\' ? 2 : 1;
    }
    ++m_pos; // closing quote
}

void JsonLocator::scanValue(const QString &path)
{
    skipSpace();
    if (m_pos >= m_json.size()) {
        return;
    }
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
    const char c = m_json.at(m_pos);
    if (c == '{') {
        ++m_pos;
        skipSpace();
        while (m_pos < m_json.size() && m_json.at(m_pos) != '}') {
            const int keyStart = m_pos;
            scanString();
            const QString key = QString::fromUtf8(m_json.mid(keyStart + 1, m_pos - keyStart - 2));
            m_offsets.insert(prefix + key, keyStart);
            skipSpace();
            ++m_pos; // ':'
            scanValue(prefix + key);
            skipSpace();
            if (m_pos < m_json.size() && m_json.at(m_pos) == ',') {
                ++m_pos;
                skipSpace();
            }
        }
        ++m_pos;
    } else if (c == '[') {
        ++m_pos;
        skipSpace();
        int index = 0;
        while (m_pos < m_json.size() && m_json.at(m_pos) != ']') {
            const QString elementPath = prefix + QString::number(index++);
            m_offsets.insert(elementPath, m_pos);
            scanValue(elementPath);
            skipSpace();
            if (m_pos < m_json.size() && m_json.at(m_pos) == ',') {
                ++m_pos;
                skipSpace();
            }
        }
        ++m_pos;
    } else if (c == '"') {
        scanString();
    } else {
        while (m_pos < m_json.size() && m_json.at(m_pos) != ',' && m_json.at(m_pos) != '}' && m_json.at(m_pos) != ']') {
            ++m_pos;
        }
    }
}
