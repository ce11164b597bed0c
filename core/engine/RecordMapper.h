// Translates between the two systems' API records and the reconciler's canonical SideRecords, both ways.
#pragma once

#include "connectors/OstendoCustomer.h"
#include "connectors/OstendoJob.h"
#include "connectors/OstendoMapping.h"
#include "connectors/PipedriveDeal.h"
#include "connectors/PipedriveDealChanges.h"
#include "connectors/PipedriveFieldSpec.h"
#include "connectors/PipedriveOrganization.h"
#include "connectors/PipedriveOrganizationChanges.h"
#include "connectors/PipedriveStage.h"
#include "model/Policy.h"
#include "model/SidePlan.h"
#include "model/SideRecord.h"

#include <QHash>
#include <QList>
#include <QString>

class RecordMapper
{
public:
    // A write to one Ostendo row: the values and which columns to send.
    struct OstendoCustomerWrite
    {
        OstendoCustomer values;
        OstendoCustomer::Fields fields;
        bool isEmpty() const { return fields == OstendoCustomer::Fields(); }
    };
    struct OstendoJobWrite
    {
        OstendoJob values;
        OstendoJob::Fields fields;
        bool isEmpty() const { return fields == OstendoJob::Fields(); }
    };

    // Canonical names that are not policy fields but travel in SideRecord::values.
    static const QString JobNumberKey;

    explicit RecordMapper(const Policy &policy);

    // The custom fields the Pipedrive client must map, and the Ostendo column names, from the policy.
    static QList<PipedriveFieldSpec> pipedriveFieldSpecs(const Policy &policy);
    static OstendoMapping ostendoMapping(const Policy &policy);

    // Stage names are what both sides compare; Pipedrive holds ids.
    void setStages(const QList<PipedriveStage> &stages);
    // The name of a deal stage by id; empty when unknown.
    QString stageName(qint64 id) const { return m_stageNames.value(id); }
    // work.customer is the customer link's id as text. These tell the mapper which link a deal's organization or a
    // job's customer name belongs to, and what to write back for a link.
    void setCustomerLink(qint64 linkId, qint64 organizationId, const QString &ostendoKey, const QString &ostendoName);
    void setOstendoCustomerName(const QString &ostendoKey, const QString &name);
    // A name the customer had before a rename its jobs may still carry; never takes a name another customer has.
    void addFormerOstendoName(const QString &ostendoKey, const QString &name);
    // The Ostendo customer a name belongs to (its current name, or a former one); empty when unknown.
    QString ostendoKeyForName(const QString &name) const;
    qint64 customerLinkForOrganization(qint64 organizationId) const { return m_linkByOrg.value(organizationId); }
    qint64 customerLinkForOstendoName(const QString &name) const;
    // An organization's name as read, for telling people which customer a work item waits for.
    void setOrganizationName(qint64 organizationId, const QString &name);
    // A work item's customer value that names no customer on both sides yet (an organization with no customer link,
    // a name no linked Ostendo customer has, a link whose counterpart is not created yet): the customer's name for
    // people. Empty when the value is empty or names a customer paired on both sides.
    QString unpairedCustomerName(const QString &customerValue) const;

    SideRecord fromOrganization(const PipedriveOrganization &organization) const;
    SideRecord fromCustomer(const OstendoCustomer &customer) const;
    SideRecord fromDeal(const PipedriveDeal &deal) const;
    SideRecord fromJob(const OstendoJob &job) const;

    // Plan -> API writes. `structured` is the Pipedrive organization an address came from, when it did: its
    // subfields go to the four Ostendo columns. `problem` names a value that cannot be written (an unknown stage or
    // a customer that is not in step yet); nothing may be sent then.
    PipedriveOrganizationChanges organizationChanges(const SidePlan &plan, QString *problem) const;
    OstendoCustomerWrite customerWrite(const SidePlan &plan, const PipedriveOrganization *structured) const;
    PipedriveDealChanges dealChanges(const SidePlan &plan, QString *problem) const;
    OstendoJobWrite jobWrite(const SidePlan &plan, QString *problem) const;

    // The archive markers of each side.
    QString carriedIdField(EntityKind entity) const;
    QString archiveField() const;
    QString activeValue() const { return m_policy.entity(EntityKind::Customer).activeValue; }
    QString inactiveValue() const { return m_policy.entity(EntityKind::Customer).inactiveValue; }

    // Money and dates as the reconciler compares them.
    static QString moneyText(double value);
    static QString dateText(const QDate &date) { return date.isValid() ? date.toString(Qt::ISODate) : QString(); }

private:
    Policy m_policy;
    QHash<qint64, QString> m_stageNames;
    QHash<QString, qint64> m_stageIds; // lower-cased name -> id
    QHash<qint64, qint64> m_linkByOrg;
    QHash<QString, qint64> m_linkByOstendoKey;
    QHash<QString, QString> m_nameByOstendoKey;
    QHash<QString, QString> m_keyByOstendoName; // trimmed, case-folded name -> key
    // Normaliser::nameKey -> key, for a job still naming its customer the way it was before a rename ("X" for
    // "X Limited"); empty when two customers share the key, so nothing is guessed.
    QHash<QString, QString> m_keyByNameKey;
    QHash<qint64, qint64> m_orgByLink;
    QHash<qint64, QString> m_ostendoKeyByLink;
    QHash<qint64, QString> m_nameByLink;
    QHash<qint64, QString> m_organizationNames;
};
