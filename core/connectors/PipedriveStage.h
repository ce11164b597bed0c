// A deal stage of a Pipedrive pipeline, read so that stage ids can be shown and synced by name.
#pragma once

#include <QString>

struct PipedriveStage
{
    qint64 id = 0;
    QString name;
    qint64 pipelineId = 0;
    int orderNr = 0;
};
