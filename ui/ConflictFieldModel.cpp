#include "ConflictFieldModel.h"

#include "UiText.h"

#include <QBrush>
#include <QFont>

ConflictFieldModel::ConflictFieldModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ConflictFieldModel::setConflict(const ConflictRecord &conflict)
{
    beginResetModel();
    m_conflict = conflict;
    m_results.clear();
    for (const ConflictField &f : std::as_const(m_conflict.conflict.fields)) {
        // A decided merge shows what the person chose; otherwise the rule's choice, or nothing while blocked.
        const QJsonValue ruleResult = f.result.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.result);
        QJsonValue chosen =
            conflict.decisionValues.contains(f.field) ? conflict.decisionValues.value(f.field) : ruleResult;
        m_results.append(
            chosen.isNull() && !conflict.decisionValues.contains(f.field) ? QJsonValue(QJsonValue::Undefined) : chosen);
    }
    endResetModel();
}

void ConflictFieldModel::clear()
{
    setConflict(ConflictRecord());
}

void ConflictFieldModel::useSide(int row, System side)
{
    if (row < 0 || row >= m_conflict.conflict.fields.size()) {
        return;
    }
    const ConflictField &f = m_conflict.conflict.fields.at(row);
    const QString &v = side == System::Pipedrive ? f.pipedrive : f.ostendo;
    setResult(row, v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v));
}

void ConflictFieldModel::setResult(int row, const QJsonValue &value)
{
    if (row < 0 || row >= m_results.size()) {
        return;
    }
    m_results[row] = value;
    const QModelIndex i = index(row, ResultColumn);
    emit dataChanged(i, i);
}

QJsonValue ConflictFieldModel::result(int row) const
{
    return row >= 0 && row < m_results.size() ? m_results.at(row) : QJsonValue(QJsonValue::Undefined);
}

bool ConflictFieldModel::allChosen() const
{
    return !m_results.isEmpty() &&
           std::none_of(m_results.cbegin(), m_results.cend(), [](const QJsonValue &v) { return v.isUndefined(); });
}

QJsonObject ConflictFieldModel::mergeValues() const
{
    QJsonObject values;
    for (int i = 0; i < m_results.size(); ++i) {
        if (!m_results.at(i).isUndefined()) {
            values.insert(m_conflict.conflict.fields.at(i).field, m_results.at(i));
        }
    }
    return values;
}

bool ConflictFieldModel::differs(int row) const
{
    const ConflictField &f = m_conflict.conflict.fields.at(row);
    return f.pipedrive != f.ostendo;
}

int ConflictFieldModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_conflict.conflict.fields.size());
}

int ConflictFieldModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictFieldModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ConflictField &f = m_conflict.conflict.fields.at(index.row());
    const bool differ = differs(index.row());
    switch (role) {
    case DiffersRole:
        return differ;
    case Qt::DisplayRole:
        switch (index.column()) {
        case FieldColumn:
            return UiText::field(f.field);
        case BaseColumn:
            return UiText::value(f.base);
        case PipedriveColumn:
            return UiText::value(f.pipedrive);
        case OstendoColumn:
            return UiText::value(f.ostendo);
        case ResultColumn: {
            const QJsonValue v = m_results.at(index.row());
            return v.isUndefined() ? tr("(choose a value)") : UiText::value(v);
        }
        default:
            return {};
        }
    case Qt::EditRole:
        if (index.column() == ResultColumn) {
            const QJsonValue v = m_results.at(index.row());
            return v.isString() ? v.toString() : (v.isUndefined() || v.isNull() ? QString() : UiText::value(v));
        }
        return data(index, Qt::DisplayRole);
    case Qt::BackgroundRole:
        // The two sides disagree on this field: draw the eye to both values.
        if (differ && (index.column() == PipedriveColumn || index.column() == OstendoColumn)) {
            return QBrush(QColor(255, 236, 179));
        }
        if (index.column() == ResultColumn && m_results.at(index.row()).isUndefined()) {
            return QBrush(QColor(255, 205, 210));
        }
        return {};
    case Qt::ForegroundRole:
        if ((differ && (index.column() == PipedriveColumn || index.column() == OstendoColumn)) ||
            (index.column() == ResultColumn && m_results.at(index.row()).isUndefined())) {
            return QBrush(QColor(33, 33, 33)); // stays readable on the highlight in a dark theme too
        }
        return {};
    case Qt::FontRole:
        if (differ && index.column() == FieldColumn) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

bool ConflictFieldModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != ResultColumn ||
        !m_editable) {
        return false;
    }
    setResult(index.row(), QJsonValue(value.toString()));
    return true;
}

Qt::ItemFlags ConflictFieldModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == ResultColumn && m_editable) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QVariant ConflictFieldModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    // Each side is labelled with its system and when it changed, so nobody has to guess which column is which.
    switch (section) {
    case FieldColumn:
        return tr("Field");
    case BaseColumn:
        return tr("Before (last agreed)");
    case PipedriveColumn:
        return QString(QStringLiteral("Pipedrive\n") + UiText::changedAt(m_conflict.pipedriveModifiedAt));
    case OstendoColumn:
        return QString(QStringLiteral("Ostendo\n") + UiText::changedAt(m_conflict.ostendoModifiedAt));
    case ResultColumn:
        return tr("Will become");
    default:
        return {};
    }
}
