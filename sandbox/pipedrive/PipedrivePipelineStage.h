// A pipeline or a stage of one, as the stages and pipelines endpoints describe them.
#pragma once

#include <QString>

struct PipedrivePipelineStage
{
    qint64 id = 0;
    qint64 pipelineId = 0; // 0 for a pipeline itself
    QString name;
    int orderNr = 0;
    int dealProbability = 100;
    qint64 addTime = 0;
    qint64 updateTime = 0;
};
