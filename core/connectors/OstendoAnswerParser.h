// Reads an Ostendo answer body in either format (JSON or XML, whichever actually arrived) into OstendoAnswer.
#pragma once

#include "OstendoAnswer.h"

#include <QByteArray>

namespace OstendoAnswerParser {
// JSON: a top-level array of flat objects; numbers become their shortest decimal text (48213, never
// 48213.0), booleans 1/0, null columns are left out. XML: every element whose children are all leaf elements
// is a row (so a root wrapper, if any, does not matter); element names are upper-cased. An empty body is no
// rows. The error document is recognised in both formats.
OstendoAnswer parse(const QByteArray &body);

// A JSON number as the decimal text the rest of the client compares and writes.
QString numberText(double value);
} // namespace OstendoAnswerParser
