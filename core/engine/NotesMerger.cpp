#include "NotesMerger.h"

#include "Normaliser.h"

#include <QSet>
#include <QStringList>

QString NotesMerger::merge(const QString &first, const QString &second)
{
    const QString firstKey = Normaliser::notesKey(first);
    const QString secondKey = Normaliser::notesKey(second);
    if (secondKey.isEmpty()) {
        return first.trimmed();
    }
    if (firstKey.isEmpty()) {
        return second.trimmed();
    }
    const QStringList present = firstKey.split(QStringLiteral("\n\n"));
    QSet<QString> seen(present.cbegin(), present.cend());
    QStringList added;
    // The key's paragraphs are the collapsed text; the original paragraphs keep their line breaks, so split both.
    QStringList originals;
    QString current;
    for (const QString &line : second.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty()) {
            if (!current.isEmpty()) {
                originals << current;
                current.clear();
            }
            continue;
        }
        current = current.isEmpty() ? line.trimmed() : current + QLatin1Char('\n') + line.trimmed();
    }
    if (!current.isEmpty()) {
        originals << current;
    }
    for (const QString &paragraph : originals) {
        const QString key = paragraph.simplified();
        if (!seen.contains(key)) {
            seen.insert(key);
            added << paragraph;
        }
    }
    if (added.isEmpty()) {
        return first.trimmed();
    }
    return first.trimmed() + QStringLiteral("\n\n") + added.join(QStringLiteral("\n\n"));
}
