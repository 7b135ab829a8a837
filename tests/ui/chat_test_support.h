// Shared by the Chat UI tests: a throwaway profile with stories260K in its model library,
// loaded and chosen, and the reference continuation of "Once upon a time".
#pragma once

#include "app/app_context.h"
#include "common/test_data.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace kurabe::test {

// Case 0 of the stories260K oracle: {"prompt", "greedy" (token ids), "greedy_text"}.
inline QJsonObject stories_reference()
{
    QFile file(reference_dir() + QStringLiteral("/oracle/stories260K.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("cases"))
        .toArray()
        .at(0)
        .toObject();
}

inline std::unique_ptr<app::AppContext> open_context(const QString& dir)
{
    auto context = app::AppContext::open(dir);
    if (!context) {
        qWarning() << "opening the profile failed:" << context.message();
        return nullptr;
    }
    return std::move(*context);
}

// Adds `model` to the library and waits until it is read and hashed.
inline bool add_and_inspect(app::AppContext& context, const QString& model)
{
    QSignalSpy inspected(&context.library(), &app::ModelLibrary::inspectionFinished);
    const auto id = context.library().addFile(model);
    if (!id) {
        qWarning() << "adding the model failed:" << id.message();
        return false;
    }
    return inspected.wait(60000);
}

} // namespace kurabe::test
