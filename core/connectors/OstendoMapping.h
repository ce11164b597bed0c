// Every Ostendo table and column name the client uses; defaults are DESIGN's mapping table, the policy file may
// override each one because most names are inferred until checked on a real installation.
#pragma once

#include <QString>

struct OstendoMapping
{
    // Customers
    QString customerTable = QStringLiteral("CUSTOMERMASTER");
    QString customerKey = QStringLiteral("SYSUNIQUEID");
    QString customerName = QStringLiteral("CUSTOMER");
    QString customerPhone = QStringLiteral("CUSTOMERPHONE");
    QString customerEmail = QStringLiteral("CUSTOMEREMAIL");
    QString customerNotes = QStringLiteral("CUSTOMERNOTES");
    QString customerAddress1 = QStringLiteral("DELIVERYADDRESS1");
    QString customerAddress2 = QStringLiteral("DELIVERYADDRESS2");
    QString customerCity = QStringLiteral("DELIVERYCITY");
    QString customerPostcode = QStringLiteral("DELIVERYPOSTALCODE");
    QString customerStatus = QStringLiteral("CUSTOMERSTATUS");
    QString customerPipedriveId = QStringLiteral("ADDITIONALFIELD_1");
    QString customerModified = QStringLiteral("SYSDATEMODIFIED");
    QString customerCreated = QStringLiteral("SYSDATECREATED");
    QString inactiveStatus = QStringLiteral("Inactive");

    // Jobs
    QString jobTable = QStringLiteral("JOBHEADER");
    QString jobKey = QStringLiteral("SYSUNIQUEID");
    QString jobOrderNumber = QStringLiteral("ORDERNUMBER");
    QString jobStatus = QStringLiteral("ORDERSTATUS");
    QString jobOrderDate = QStringLiteral("ORDERDATE");
    QString jobRequiredDate = QStringLiteral("REQUIREDDATE");
    QString jobDescription = QStringLiteral("DESCRIPTION");
    QString jobType = QStringLiteral("JOBTYPE");
    QString jobCustomer = QStringLiteral("CUSTOMER");
    QString jobValue = QStringLiteral("ORDERVALUE");
    QString jobPipedriveId = QStringLiteral("ADDITIONALFIELD_1");
    QString jobStage = QStringLiteral("ADDITIONALFIELD_2");
    QString jobModified = QStringLiteral("SYSDATEMODIFIED");
};
