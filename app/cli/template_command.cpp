#include "cli/template_command.h"

#include "chat_template/chat_template.h"
#include "chat_template/model_prompt.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "gguf/gguf_file.h"
#include "json/parser.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

namespace kurabe::cli {

namespace {

const QString k_name = QStringLiteral("template");

QByteArray read_file(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace

int run_template_command(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption model_option(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                          QStringLiteral("GGUF model whose template to use."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption template_option(QStringLiteral("template"),
                                             QStringLiteral("A Jinja chat template file."),
                                             QStringLiteral("FILE"));
    const QCommandLineOption messages_option(
        QStringLiteral("messages"),
        QStringLiteral("JSON: an array of messages, or an object with \"messages\" (and "
                       "optionally \"add_generation_prompt\", \"tools\")."),
        QStringLiteral("FILE"));
    const QCommandLineOption no_prompt(QStringLiteral("no-generation-prompt"),
                                       QStringLiteral("Do not open the assistant's turn."));
    const QCommandLineOption bos(QStringLiteral("bos"), QStringLiteral("BOS token text."),
                                 QStringLiteral("S"));
    const QCommandLineOption eos(QStringLiteral("eos"), QStringLiteral("EOS token text."),
                                 QStringLiteral("S"));
    const QCommandLineOption now(QStringLiteral("now"),
                                 QStringLiteral("The time strftime_now() sees."),
                                 QStringLiteral("YYYY-MM-DD HH:MM:SS"));
    const QCommandLineOption json_option(QStringLiteral("json"),
                                         QStringLiteral("Print {\"text\": ...} as JSON."));
    parser.addOptions(
        {model_option, template_option, messages_option, no_prompt, bos, eos, now, json_option});
    if (!parser.parse(QStringList{QStringLiteral("kurabe template")} + args))
        return fail(k_name, parser.errorText(), Usage);
    if (parser.isSet(model_option) == parser.isSet(template_option) ||
        !parser.isSet(messages_option))
        return fail(k_name,
                    QStringLiteral("usage: kurabe template (-m FILE | --template "
                                   "FILE.jinja) --messages FILE.json "
                                   "[--no-generation-prompt] [--bos S] [--eos S]"),
                    Usage);

    QString error;
    const QByteArray messages_text = read_file(parser.value(messages_option), &error);
    if (!error.isEmpty())
        return fail(k_name, error);
    auto messages_json = json::parse(
        std::string_view(messages_text.constData(), static_cast<size_t>(messages_text.size())));
    if (!messages_json)
        return fail(k_name, parser.value(messages_option) + QStringLiteral(": ") +
                                QString::fromStdString(messages_json.message()));

    // The context: messages and any other members the file gives, then what the CLI sets.
    json::Object context;
    if (messages_json->is_array()) {
        context.set("messages", *messages_json);
    } else if (messages_json->is_object() && messages_json->find("messages")) {
        context = messages_json->as_object();
    } else {
        return fail(k_name, QStringLiteral("%1: expected an array of messages or an object with "
                                           "\"messages\"")
                                .arg(parser.value(messages_option)));
    }
    if (!context.contains("add_generation_prompt"))
        context.set("add_generation_prompt", true);
    if (parser.isSet(no_prompt))
        context.set("add_generation_prompt", false);

    std::string source;
    std::string bos_text = "<s>", eos_text = "</s>";
    std::unique_ptr<GgufFile> model;
    if (parser.isSet(model_option)) {
        auto file = GgufFile::open(parser.value(model_option).toStdString());
        if (!file)
            return fail(k_name, QString::fromStdString(file.message()));
        model = std::move(*file);
        const auto own = model->get_string("tokenizer.chat_template");
        if (!own)
            return fail(k_name, QStringLiteral("%1 has no chat template (a base model: plain "
                                               "completion)")
                                    .arg(parser.value(model_option)));
        source = std::string(*own);
        bos_text = vocabulary_token_text(*model, "tokenizer.ggml.bos_token_id");
        eos_text = vocabulary_token_text(*model, "tokenizer.ggml.eos_token_id");
    } else {
        const QByteArray text = read_file(parser.value(template_option), &error);
        if (!error.isEmpty())
            return fail(k_name, error);
        source = text.toStdString();
    }
    if (parser.isSet(bos))
        bos_text = parser.value(bos).toStdString();
    if (parser.isSet(eos))
        eos_text = parser.value(eos).toStdString();
    context.set("bos_token", bos_text);
    context.set("eos_token", eos_text);

    chat_template::RenderOptions options;
    if (parser.isSet(now)) {
        static const QRegularExpression pattern(
            QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})$"));
        const QRegularExpressionMatch m = pattern.match(parser.value(now));
        if (!m.hasMatch())
            return fail(k_name, QStringLiteral("--now takes \"YYYY-MM-DD HH:MM:SS\""), Usage);
        options.now = chat_template::DateTime{m.captured(1).toInt(), m.captured(2).toInt(),
                                              m.captured(3).toInt(), m.captured(4).toInt(),
                                              m.captured(5).toInt(), m.captured(6).toInt()};
    }

    auto parsed = chat_template::ChatTemplate::parse(source);
    if (!parsed)
        return fail(k_name, QString::fromStdString(parsed.message()));
    chat_template::RenderFailure failure;
    auto rendered = parsed->render(json::Value(std::move(context)), options, &failure);
    if (!rendered) {
        // The template's own raise_exception message, unchanged, for scripts to compare.
        if (failure.kind == chat_template::ErrorKind::raised) {
            err() << QString::fromStdString(rendered.message()) << '\n';
            err().flush();
            return TemplateRaised;
        }
        return fail(k_name, QString::fromStdString(rendered.message()));
    }
    if (parser.isSet(json_option)) {
        const QJsonObject result{
            {"text",
             QString::fromUtf8(rendered->data(), static_cast<qsizetype>(rendered->size()))}};
        out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
        out().flush();
        return Ok;
    }
    std::fwrite(rendered->data(), 1, rendered->size(), stdout);
    std::fflush(stdout);
    return Ok;
}

} // namespace kurabe::cli
