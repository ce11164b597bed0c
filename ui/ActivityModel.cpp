#include "ActivityModel.h"

#include "UiRoles.h"
#include "UiText.h"

#include <QLocale>
#include <algorithm>

ActivityModel::ActivityModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Recent activity")});
}

QString ActivityModel::runText(const RunRecord &run, int rows)
{
    QString outcome;
    switch (run.exitCode) {
    case 0:
        outcome = tr("all in step");
        break;
    case 3:
        outcome = tr("decisions waiting");
        break;
    case 4:
        outcome = tr("some records failed and will be retried");
        break;
    case 1:
        outcome = tr("could not sync");
        break;
    default:
        outcome = run.finishedAt.isValid() ? tr("did not finish") : tr("running");
        break;
    }
    return tr("Sync at %1: %n change(s), %2", nullptr, rows).arg(UiText::time(run.startedAt), outcome);
}

QString ActivityModel::entryText(const LogEntry &e, const QString &name)
{
    QString what = UiText::action(e.action);
    const QString record = name.isEmpty() ? UiText::entityText(e.entity) : name;
    QString text = QStringLiteral("%1  %2 %3")
                       .arg(QLocale().toString(e.at.toLocalTime().time(), QLocale::ShortFormat), what, record);
    if (!e.source.isEmpty() && !e.target.isEmpty()) {
        text += QStringLiteral(" (%1 → %2)").arg(UiText::source(e.source), UiText::source(e.target));
    }
    if (!e.error.isEmpty()) {
        text += QStringLiteral(": ") + e.error;
    }
    return text;
}

void ActivityModel::setActivity(const QList<RunRecord> &runs, const QHash<QString, QList<LogEntry>> &entries,
                                const QHash<qint64, QString> &names)
{
    clear();
    setHorizontalHeaderLabels({tr("Recent activity")});
    for (const RunRecord &run : runs) {
        QList<LogEntry> rows = entries.value(run.id);
        std::sort(rows.begin(), rows.end(),
                  [](const LogEntry &a, const LogEntry &b) { return a.at != b.at ? a.at > b.at : a.id > b.id; });
        auto *runItem = new QStandardItem(runText(run, int(rows.size())));
        runItem->setEditable(false);
        const UiText::Light light = run.exitCode == 0 ? UiText::Light::Green
                                    : run.exitCode == 3 || run.exitCode == 4 || run.exitCode == 1
                                        ? UiText::Light::Red
                                        : UiText::Light::Yellow;
        runItem->setIcon(UiText::dot(light));
        for (const LogEntry &e : std::as_const(rows)) {
            auto *item = new QStandardItem(entryText(e, names.value(e.linkId)));
            item->setEditable(false);
            item->setData(e.id, UiRoles::IdRole);
            item->setData(e.linkId, UiRoles::LinkIdRole);
            if (!e.error.isEmpty()) {
                item->setIcon(UiText::dot(UiText::Light::Red));
            }
            runItem->appendRow(item);
        }
        appendRow(runItem);
    }
}
