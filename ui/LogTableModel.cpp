#include "LogTableModel.h"

#include "UiRoles.h"
#include "UiText.h"

LogTableModel::LogTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LogTableModel::setEntries(const QList<LogEntry> &entries, const QHash<qint64, QString> &names)
{
    beginResetModel();
    m_entries = entries;
    m_names = names;
    endResetModel();
}

const LogEntry *LogTableModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

QString LogTableModel::recordText(const LogEntry &e) const
{
    const QString name = m_names.value(e.linkId);
    if (!name.isEmpty()) {
        return UiText::entityText(e.entity) + QStringLiteral(": ") + name;
    }
    if (e.entity == QLatin1String("run")) {
        return UiText::entityText(e.entity);
    }
    QStringList ids;
    if (e.pipedriveId) {
        ids << tr("Pipedrive %1").arg(e.pipedriveId);
    }
    if (!e.ostendoKey.isEmpty()) {
        ids << tr("Ostendo %1").arg(e.ostendoKey);
    }
    return UiText::entityText(e.entity) + QStringLiteral(": ") + ids.join(QStringLiteral(", "));
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const LogEntry &e = m_entries.at(index.row());
    switch (role) {
    case UiRoles::IdRole:
        return e.id;
    case UiRoles::LinkIdRole:
        return e.linkId;
    case UiRoles::StatusRole:
        return e.error.isEmpty() ? QStringLiteral("ok") : QStringLiteral("error");
    case Qt::DecorationRole:
        if (index.column() == ResultColumn) {
            return UiText::dot(e.error.isEmpty() ? UiText::Light::Green : UiText::Light::Red);
        }
        return {};
    case Qt::ToolTipRole:
        // Long error sentences do not fit the column; remote text, so escaped to read literally.
        return index.column() == ResultColumn ? UiText::literalToolTip(e.error) : QString();
    case Qt::DisplayRole:
    case UiRoles::SortRole:
        break;
    default:
        return {};
    }
    const bool sort = role == UiRoles::SortRole;
    switch (index.column()) {
    case TimeColumn:
        return sort ? QVariant(e.at.toMSecsSinceEpoch()) : QVariant(UiText::time(e.at));
    case RecordColumn:
        return recordText(e);
    case ActionColumn:
        return UiText::action(e.action);
    case DirectionColumn:
        if (e.target.isEmpty()) {
            return UiText::source(e.source);
        }
        return tr("%1 → %2").arg(UiText::source(e.source), UiText::source(e.target));
    case FieldsColumn: {
        QStringList names;
        for (const QString &f : e.fieldsChanged) {
            names << UiText::field(f);
        }
        return names.join(QStringLiteral(", "));
    }
    case RiskColumn:
        return UiText::riskText(e.risk);
    case ResultColumn:
        return e.error.isEmpty() ? tr("OK") : e.error;
    case DurationColumn:
        return sort ? QVariant(e.durationMs) : QVariant(tr("%1 ms").arg(e.durationMs));
    default:
        return {};
    }
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RecordColumn:
        return tr("Record");
    case ActionColumn:
        return tr("Action");
    case DirectionColumn:
        return tr("From → to");
    case FieldsColumn:
        return tr("Fields");
    case RiskColumn:
        return tr("Risk");
    case ResultColumn:
        return tr("Result");
    case DurationColumn:
        return tr("Took");
    default:
        return {};
    }
}
