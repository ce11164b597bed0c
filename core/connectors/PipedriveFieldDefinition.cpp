#include "PipedriveFieldDefinition.h"

qint64 PipedriveFieldDefinition::optionId(const QString &label) const
{
    const QString wanted = label.trimmed();
    for (const auto &option : options) {
        if (option.second.trimmed().compare(wanted, Qt::CaseInsensitive) == 0) {
            return option.first;
        }
    }
    return -1;
}

QString PipedriveFieldDefinition::optionLabel(qint64 id) const
{
    for (const auto &option : options) {
        if (option.first == id) {
            return option.second;
        }
    }
    return QString();
}

bool PipedriveFieldDefinition::isTextLike() const
{
    return type == QLatin1String("varchar") || type == QLatin1String("varchar_auto") || type == QLatin1String("text") ||
           type == QLatin1String("phone");
}
