#include "PipedriveDeal.h"

QString PipedriveDeal::customText(const QString &fieldName) const
{
    return customFields.value(fieldName).toString();
}
