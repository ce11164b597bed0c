#include "PipedriveOrganization.h"

QString PipedriveOrganization::customText(const QString &fieldName) const
{
    return customFields.value(fieldName).toString();
}
