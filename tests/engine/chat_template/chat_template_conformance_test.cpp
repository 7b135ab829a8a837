// Every shared chat template against what Jinja2 renders:
//  - ../shared/reference/templates.json: each template x 4 plain conversations (the project's
//    reference; must match exactly, including the template's own error messages);
//  - jinja2_cases.json (tool_renders): each template x 4 conversations with tools, tool calls
//    and tool results, rendered by Jinja2 3.1 through generate_jinja2_cases.py.
#include "case_files.h"
#include "chat_template/chat_template.h"
#include "common/test_data.h"

#include <QTest>

using namespace kurabe;

Q_DECLARE_METATYPE(std::string)

namespace {

const chat_template::RenderOptions fixed_clock{chat_template::DateTime{2026, 11, 22, 12, 0, 0}};

// Where Jinja2 fails only because of a Python detail this interpreter does not copy, and the
// interpreter renders instead. llama-cpp-deepseek-r1 pipes `map(...)`, a lazy generator in
// Python, into tojson (which cannot serialize generators); here map yields a list. (Its
// conversation #1 still fails here, later, on str + dict, as the expectation says.)
bool known_divergence(const std::string& row, const json::Value& expected)
{
    const json::Value* failed = expected.find("failed");
    return row == "llama-cpp-deepseek-r1.jinja #0" && failed &&
           failed->as_string().find("generator is not JSON serializable") != std::string::npos;
}

} // namespace

class ChatTemplateConformanceTest : public QObject
{
    Q_OBJECT

private slots:
    void reference_renders_data()
    {
        QTest::addColumn<QString>("template_path");
        QTest::addColumn<std::string>("context");
        QTest::addColumn<std::string>("expected");
        const QString models = test::models_dir();
        if (models.isEmpty())
            return;
        const json::Value reference =
            test::read_json_file(test::reference_dir() + "/templates.json");
        QVERIFY2(reference.is_object(), "templates.json is missing or malformed");
        const json::Array& conversations = reference.find("conversations")->as_array();
        int rows = 0;
        for (const auto& [file, renders] : reference.find("renders")->as_object()) {
            QCOMPARE(renders.as_array().size(), conversations.size());
            for (std::size_t i = 0; i < conversations.size(); ++i) {
                json::Object context;
                context.set("messages", *conversations[i].find("messages"));
                const json::Value* prompt = conversations[i].find("add_generation_prompt");
                context.set("add_generation_prompt", prompt ? *prompt : json::Value(true));
                context.set("bos_token", "<s>");
                context.set("eos_token", "</s>");
                QTest::addRow("%s #%zu", file.c_str(), i)
                    << models + "/templates/" + QString::fromStdString(file)
                    << json::dump(json::Value(std::move(context)))
                    << json::dump(renders.as_array()[i]);
                ++rows;
            }
        }
        QCOMPARE(rows, 68); // 17 templates x 4 conversations
    }

    void reference_renders()
    {
        KURABE_REQUIRE_DATA(models);
        QFETCH(QString, template_path);
        QFETCH(std::string, context);
        QFETCH(std::string, expected);
        check_render(template_path, context, expected, "");
    }

    void jinja2_tool_renders_data()
    {
        QTest::addColumn<QString>("template_path");
        QTest::addColumn<std::string>("context");
        QTest::addColumn<std::string>("expected");
        const QString models = test::models_dir();
        if (models.isEmpty())
            return;
        const json::Value cases = test::read_json_file(KURABE_JINJA2_CASES);
        QVERIFY2(cases.is_object(), "jinja2_cases.json is missing or malformed");
        const json::Array& conversations = cases.find("conversations")->as_array();
        for (const json::Value& row : cases.find("tool_renders")->as_array()) {
            const std::string& file = row.find("template_file")->as_string();
            const auto index = static_cast<std::size_t>(row.find("conversation")->as_integer());
            json::Object context{{"add_generation_prompt", json::Value(true)},
                                 {"bos_token", json::Value("<s>")},
                                 {"eos_token", json::Value("</s>")}};
            for (const auto& [key, value] : conversations[index].as_object())
                context.set(key, value);
            QTest::addRow("%s #%zu", file.c_str(), index)
                << models + "/templates/" + QString::fromStdString(file)
                << json::dump(json::Value(std::move(context))) << json::dump(*row.find("expected"));
        }
    }

    void jinja2_tool_renders()
    {
        KURABE_REQUIRE_DATA(models);
        QFETCH(QString, template_path);
        QFETCH(std::string, context);
        QFETCH(std::string, expected);
        check_render(template_path, context, expected, QTest::currentDataTag());
    }

private:
    // expected: {"text": ...} exact output; {"error"|"raised": msg} raise_exception(msg);
    // {"undefined": msg} Jinja2's UndefinedError; {"failed": ...} any failure (Python
    // TypeErrors, whose wording is Python's own).
    void check_render(const QString& template_path, const std::string& context_text,
                      const std::string& expected_text, const std::string& row)
    {
        const auto parsed = chat_template::ChatTemplate::parse(test::read_text_file(template_path));
        QVERIFY2(parsed, parsed ? "" : parsed.message().c_str());
        const auto context = json::parse(context_text);
        QVERIFY(context);
        const json::Value expected = *json::parse(expected_text);
        chat_template::RenderFailure failure;
        const auto rendered = parsed->render(*context, fixed_clock, &failure);
        if (const json::Value* text = expected.find("text")) {
            QVERIFY2(rendered, rendered ? "" : rendered.message().c_str());
            QCOMPARE(QString::fromStdString(*rendered), QString::fromStdString(text->as_string()));
            return;
        }
        if (known_divergence(row, expected)) {
            QVERIFY2(rendered, "a documented divergence from Jinja2 no longer renders");
            return;
        }
        QVERIFY2(!rendered, ("rendered but expected a failure: " + expected_text).c_str());
        const json::Value* raised = expected.find("raised");
        const json::Value* error = expected.find("error");
        const json::Value* undefined = expected.find("undefined");
        if (raised || undefined || error) {
            const std::string& message = (raised      ? raised
                                          : undefined ? undefined
                                                      : error)
                                             ->as_string();
            QCOMPARE(QString::fromStdString(rendered.message()), QString::fromStdString(message));
        }
        if (raised)
            QVERIFY(failure.kind == chat_template::ErrorKind::raised);
        if (undefined)
            QVERIFY(failure.kind == chat_template::ErrorKind::undefined);
    }
};

QTEST_GUILESS_MAIN(ChatTemplateConformanceTest)
#include "chat_template_conformance_test.moc"
