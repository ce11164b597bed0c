// Fuzzes the policy file reader: an accepted policy must still be accepted, and mean the same, once re-indented; a
// refused one must say where and leave the loader's policy in force.
#include "FuzzSupport.h"
#include "model/Policy.h"
#include "model/PolicyLoader.h"
#include "util/RemoteText.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace {
// What the rest of TurfDrive reads from a policy; two readings of one policy must agree on all of it.
QString summary(const Policy &policy)
{
    QStringList parts{policy.statusField(), policy.jobNumberFor(QStringLiteral("48213")),
                      QString::number(policy.entity(EntityKind::Customer).fields.size()),
                      QString::number(policy.entity(EntityKind::WorkItem).fields.size())};
    for (const EntityKind kind : {EntityKind::Customer, EntityKind::WorkItem}) {
        for (const FieldRule &rule : policy.entity(kind).fields) {
            parts << rule.name;
        }
    }
    return parts.join(QLatin1Char('|'));
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::install();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto policy = Policy::fromJson(json, &error);
    if (!policy) {
        static const QRegularExpression located(QStringLiteral("^line \\d+, column \\d+: \\S"));
        // The message may quote the file's text, lone surrogates included, and QRegularExpression matches nothing
        // in a string that is not valid UTF-16; the place is checked on the message made storable.
        FUZZ_CHECK(located.match(RemoteText::storable(error)).hasMatch(),
                   QStringLiteral("refusal without a place: %1").arg(error));

        // One loader for the whole run (building one parses the default policy, which would dominate the run): it
        // only ever sees refused text, so the default must stay in force throughout.
        static PolicyLoader loader;
        static const QString inForce = summary(loader.current());
        FUZZ_CHECK(!loader.loadJson(json, QStringLiteral("fuzz.json")), QStringLiteral("the loader accepted it"));
        FUZZ_CHECK(summary(loader.current()) == inForce, QStringLiteral("a refused policy replaced the one in force"));
        FUZZ_CHECK(!loader.lastError().isEmpty(), QStringLiteral("a refusal left no error"));
        return 0;
    }
    FUZZ_CHECK(error.isEmpty(), error);

    const QByteArray reindented = QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented);
    QString againError;
    const auto again = Policy::fromJson(reindented, &againError);
    FUZZ_CHECK(again.has_value(), QStringLiteral("re-indented policy refused: %1").arg(againError));
    FUZZ_CHECK(summary(*again) == summary(*policy),
               QStringLiteral("re-indenting changed the policy: %1 vs %2").arg(summary(*policy), summary(*again)));
    return 0;
}
