#include "UiText.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QLocale>

// The icons are compiled into the static turfdrive_ui library, whose resources must be registered by hand.
static void initUiResources()
{
    Q_INIT_RESOURCE(ui);
}

namespace {
// For texts marked with QT_TRANSLATE_NOOP in the tables below.
QString translated(const char *text)
{
    return QCoreApplication::translate("UiText", text);
}
} // namespace

namespace UiText {

QString entity(Entity e)
{
    return e == Entity::Customer ? QCoreApplication::translate("UiText", "Customer")
                                 : QCoreApplication::translate("UiText", "Work item");
}

QString entityText(const QString &storedEntity)
{
    Entity e;
    if (StoreText::parseEntity(storedEntity, &e)) {
        return entity(e);
    }
    if (storedEntity == QLatin1String("run")) {
        return QCoreApplication::translate("UiText", "Sync run");
    }
    return storedEntity;
}

QString linkStatus(LinkStatus s)
{
    switch (s) {
    case LinkStatus::Synced:
        return QCoreApplication::translate("UiText", "In step");
    case LinkStatus::Pending:
        return QCoreApplication::translate("UiText", "Pending");
    case LinkStatus::Error:
        return QCoreApplication::translate("UiText", "Error");
    case LinkStatus::Blocked:
        return QCoreApplication::translate("UiText", "Waiting for a decision");
    }
    return {};
}

QString risk(Risk r)
{
    switch (r) {
    case Risk::Low:
        return QCoreApplication::translate("UiText", "Low");
    case Risk::Medium:
        return QCoreApplication::translate("UiText", "Medium");
    case Risk::High:
        return QCoreApplication::translate("UiText", "High");
    }
    return {};
}

QString riskText(const QString &storedRisk)
{
    Risk r;
    return StoreText::parseRisk(storedRisk, &r) ? risk(r) : QString();
}

QString conflictStatus(ConflictStatus s)
{
    switch (s) {
    case ConflictStatus::AutoResolved:
        return QCoreApplication::translate("UiText", "Settled by the rules");
    case ConflictStatus::PendingReview:
        return QCoreApplication::translate("UiText", "Waiting for you");
    case ConflictStatus::ManuallyResolved:
        return QCoreApplication::translate("UiText", "Decided by a person");
    }
    return {};
}

QString conflictKind(ConflictKind k)
{
    switch (k) {
    case ConflictKind::Field:
        return QCoreApplication::translate("UiText", "Changed in both systems");
    case ConflictKind::Duplicate:
        return QCoreApplication::translate("UiText", "Possible duplicate");
    case ConflictKind::Deletion:
        return QCoreApplication::translate("UiText", "Deleted in one system, changed in the other");
    case ConflictKind::ArchivedWithOpenWork:
        return QCoreApplication::translate("UiText", "Archived but still has open work");
    }
    return {};
}

QString decision(const QString &d)
{
    static const QHash<QString, const char *> words{
        {QStringLiteral("keep_pipedrive"), QT_TRANSLATE_NOOP("UiText", "Kept Pipedrive")},
        {QStringLiteral("keep_ostendo"), QT_TRANSLATE_NOOP("UiText", "Kept Ostendo")},
        {QStringLiteral("merge"), QT_TRANSLATE_NOOP("UiText", "Merged")},
        {QStringLiteral("link"), QT_TRANSLATE_NOOP("UiText", "Linked as the same record")},
        {QStringLiteral("keep_separate"), QT_TRANSLATE_NOOP("UiText", "Kept as separate records")},
    };
    const auto it = words.constFind(d);
    return it == words.constEnd() ? d : translated(it.value());
}

QString field(const QString &f)
{
    static const QHash<QString, const char *> words{
        {QStringLiteral("name"), QT_TRANSLATE_NOOP("UiText", "Name")},
        {QStringLiteral("phone"), QT_TRANSLATE_NOOP("UiText", "Phone")},
        {QStringLiteral("email"), QT_TRANSLATE_NOOP("UiText", "Email")},
        {QStringLiteral("address"), QT_TRANSLATE_NOOP("UiText", "Address")},
        {QStringLiteral("notes"), QT_TRANSLATE_NOOP("UiText", "Notes")},
        {QStringLiteral("archived"), QT_TRANSLATE_NOOP("UiText", "Archived")},
        {QStringLiteral("status"), QT_TRANSLATE_NOOP("UiText", "Status")},
        {QStringLiteral("stage"), QT_TRANSLATE_NOOP("UiText", "Stage")},
        {QStringLiteral("value"), QT_TRANSLATE_NOOP("UiText", "Value")},
        {QStringLiteral("title"), QT_TRANSLATE_NOOP("UiText", "Title")},
        {QStringLiteral("customer"), QT_TRANSLATE_NOOP("UiText", "Customer")},
        {QStringLiteral("project_type"), QT_TRANSLATE_NOOP("UiText", "Project type")},
        {QStringLiteral("dates"), QT_TRANSLATE_NOOP("UiText", "Due date")},
    };
    const auto it = words.constFind(f);
    return it == words.constEnd() ? f : translated(it.value());
}

QString action(const QString &a)
{
    static const QHash<QString, const char *> words{
        {QStringLiteral("create"), QT_TRANSLATE_NOOP("UiText", "Created")},
        {QStringLiteral("update"), QT_TRANSLATE_NOOP("UiText", "Updated")},
        {QStringLiteral("archive"), QT_TRANSLATE_NOOP("UiText", "Archived")},
        {QStringLiteral("conflict"), QT_TRANSLATE_NOOP("UiText", "Conflict")},
        {QStringLiteral("skip"), QT_TRANSLATE_NOOP("UiText", "Skipped")},
        {QStringLiteral("summary"), QT_TRANSLATE_NOOP("UiText", "Run summary")},
        {QStringLiteral("decision"), QT_TRANSLATE_NOOP("UiText", "Decision")},
    };
    const auto it = words.constFind(a);
    return it == words.constEnd() ? a : translated(it.value());
}

QString source(const QString &s)
{
    if (s == QLatin1String("pipedrive")) {
        return QStringLiteral("Pipedrive");
    }
    if (s == QLatin1String("ostendo")) {
        return QStringLiteral("Ostendo");
    }
    if (s == QLatin1String("person")) {
        return QCoreApplication::translate("UiText", "a person");
    }
    if (s == QLatin1String("engine")) {
        return QStringLiteral("TurfDrive");
    }
    return s;
}

QString value(const QJsonValue &v)
{
    QString text;
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    case QJsonValue::Bool:
        text = v.toBool() ? QCoreApplication::translate("UiText", "yes") : QCoreApplication::translate("UiText", "no");
        break;
    case QJsonValue::Double:
        text = QString::number(v.toDouble(), 'g', 15);
        break;
    case QJsonValue::String:
        text = v.toString();
        break;
    default:
        text = QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
        break;
    }
    return text.isEmpty() ? QCoreApplication::translate("UiText", "(empty)") : text;
}

QString time(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat)
                       : QCoreApplication::translate("UiText", "never");
}

QString changedAt(const QDateTime &t)
{
    return t.isValid() ? QCoreApplication::translate("UiText", "changed %1").arg(time(t))
                       : QCoreApplication::translate("UiText", "change time unknown");
}

QString literalToolTip(const QString &plain)
{
    if (plain.isEmpty()) {
        return plain;
    }
    QString escaped = plain.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
    return QStringLiteral("<qt>") + escaped + QStringLiteral("</qt>");
}

Light light(LinkStatus s)
{
    switch (s) {
    case LinkStatus::Synced:
        return Light::Green;
    case LinkStatus::Pending:
        return Light::Yellow;
    case LinkStatus::Error:
    case LinkStatus::Blocked:
        return Light::Red;
    }
    return Light::Red;
}

Light light(ConflictStatus s)
{
    return s == ConflictStatus::PendingReview ? Light::Red : Light::Green;
}

QIcon dot(Light l)
{
    static const bool registered = (initUiResources(), true);
    Q_UNUSED(registered);
    static const QIcon green(QStringLiteral(":/turfdrive/ui/icons/status-green.svg"));
    static const QIcon yellow(QStringLiteral(":/turfdrive/ui/icons/status-yellow.svg"));
    static const QIcon red(QStringLiteral(":/turfdrive/ui/icons/status-red.svg"));
    switch (l) {
    case Light::Green:
        return green;
    case Light::Yellow:
        return yellow;
    case Light::Red:
        return red;
    }
    return red;
}

QString lightName(Light l)
{
    switch (l) {
    case Light::Green:
        return QStringLiteral("green");
    case Light::Yellow:
        return QStringLiteral("yellow");
    case Light::Red:
        return QStringLiteral("red");
    }
    return {};
}

} // namespace UiText
