// A value a person chose for one field, with the side whose vocabulary it is written in (matters for the status).
#pragma once

#include "model/Side.h"

#include <QString>

struct FieldChoice
{
    Side vocabulary = Side::Pipedrive;
    QString value;
};
