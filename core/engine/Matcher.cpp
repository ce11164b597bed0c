#include "Matcher.h"

#include "model/Policy.h"

Matcher::Matcher(const Policy &policy)
    : m_normaliser(policy.normalisation())
{}

QString Matcher::howKey(How how)
{
    switch (how) {
    case How::CarriedId:
        return QStringLiteral("carried_id");
    case How::Email:
        return QStringLiteral("email");
    case How::Phone:
        return QStringLiteral("phone");
    case How::Name:
        break;
    }
    return QStringLiteral("name");
}

QList<Matcher::Match> Matcher::find(EntityKind entity, const SideRecord &record, const QList<SideRecord> &candidates,
                                    const QSet<QString> &keptSeparate) const
{
    QList<Match> confident;
    QList<Match> weak;
    const bool customer = entity == EntityKind::Customer;
    const QString email =
        customer ? m_normaliser.key(FieldRule::Kind::Email, record.value(QStringLiteral("email"))) : QString();
    const QString phone = customer ? m_normaliser.phoneKey(record.value(QStringLiteral("phone"))) : QString();
    const QString nameField = customer ? QStringLiteral("name") : QStringLiteral("title");
    const QString name = Normaliser::nameKey(record.value(nameField));
    const QString customerLink = record.value(QStringLiteral("customer")).trimmed();
    const QString jobNumber = record.value(QStringLiteral("job_number")).trimmed();

    for (int i = 0; i < candidates.size(); ++i) {
        const SideRecord &other = candidates.at(i);
        if (other.state == SideRecord::State::Absent || other.state == SideRecord::State::Deleted ||
            keptSeparate.contains(other.id)) {
            continue;
        }
        // A work item's carried id may be the job number rather than the key (Pipedrive keeps "PD123"/ORDERNUMBER).
        const QString otherJobNumber = other.value(QStringLiteral("job_number")).trimmed();
        const bool recordPointsAtOther =
            !record.carriedId.isEmpty() &&
            (record.carriedId == other.id || (!otherJobNumber.isEmpty() && record.carriedId == otherJobNumber));
        const bool otherPointsAtRecord =
            !other.carriedId.isEmpty() &&
            (other.carriedId == record.id || (!jobNumber.isEmpty() && other.carriedId == jobNumber));
        if (recordPointsAtOther || otherPointsAtRecord) {
            const bool contradicted = (!record.carriedId.isEmpty() && !recordPointsAtOther) ||
                                      (!other.carriedId.isEmpty() && !otherPointsAtRecord);
            Match match{i, How::CarriedId, !contradicted};
            (contradicted ? weak : confident) << match;
            continue;
        }
        std::optional<How> how;
        if (customer) {
            if (!email.isEmpty() &&
                m_normaliser.key(FieldRule::Kind::Email, other.value(QStringLiteral("email"))) == email) {
                how = How::Email;
            } else if (!phone.isEmpty() && m_normaliser.phoneKey(other.value(QStringLiteral("phone"))) == phone) {
                how = How::Phone;
            }
        }
        if (!how && !name.isEmpty() && Normaliser::nameKey(other.value(nameField)) == name) {
            const QString otherCustomer = other.value(QStringLiteral("customer")).trimmed();
            // Two jobs called "Lawn renovation" for different customers are different work.
            if (customer || customerLink.isEmpty() || otherCustomer.isEmpty() || customerLink == otherCustomer) {
                how = How::Name;
            }
        }
        if (how) {
            weak << Match{i, *how, false};
        }
    }
    if (confident.size() > 1) {
        // Two records both claim this one: nothing is confident any more.
        for (Match &match : confident) {
            match.confident = false;
        }
    }
    return confident + weak;
}
