#include "PipedriveAddress.h"

bool PipedriveAddress::operator==(const PipedriveAddress &other) const
{
    return value == other.value && streetNumber == other.streetNumber && route == other.route &&
           subpremise == other.subpremise && sublocality == other.sublocality && locality == other.locality &&
           adminAreaLevel1 == other.adminAreaLevel1 && adminAreaLevel2 == other.adminAreaLevel2 &&
           country == other.country && postalCode == other.postalCode;
}
