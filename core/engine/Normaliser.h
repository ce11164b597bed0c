// Puts field values in a form where differences of formatting only (spaces, case, punctuation, zeros) compare equal.
#pragma once

#include "model/FieldRule.h"
#include "model/NormalisationSettings.h"

#include <QString>

class Normaliser
{
public:
    explicit Normaliser(const NormalisationSettings &settings)
        : m_settings(settings)
    {}

    // Two values whose keys are equal differ only in formatting. Never empty for a value that has text in it.
    QString key(FieldRule::Kind kind, const QString &value) const;
    // The tidy form to write when the policy asks for it (write_clean).
    QString clean(FieldRule::Kind kind, const QString &value) const;

    QString phoneKey(const QString &value) const;      // "+6495550100"; empty when there are no digits
    QString dateKey(const QString &value) const;       // "2026-03-01"; empty when not a date
    static QString moneyKey(const QString &value);     // "1200.5" for "$1,200.50"; empty when not a number
    static QString notesKey(const QString &value);     // paragraphs with whitespace collapsed, joined by a blank line
    static QString addressClean(const QString &value); // whitespace collapsed, ", " between parts
    // For matching unlinked records by name: case, punctuation and a trailing "Ltd"/"Limited" do not count.
    static QString nameKey(const QString &value);

private:
    NormalisationSettings m_settings;
};
