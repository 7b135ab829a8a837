// The Jinja interpreter feature by feature: small templates whose expected output Jinja2 itself
// produced (jinja2_cases.json "snippets": whitespace control, trim/lstrip blocks, loop controls,
// scoping, namespace, macros, call blocks, filters, tests, operators, methods, undefined
// semantics), then syntax errors with their lines, resource guards, and the built-in formats.
#include "case_files.h"
#include "chat_template/builtin_formats.h"
#include "chat_template/chat_template.h"
#include "common/test_data.h"

#include <QTest>

using namespace kurabe;
using chat_template::ChatTemplate;
using chat_template::ErrorKind;

Q_DECLARE_METATYPE(std::string)

namespace {

const chat_template::RenderOptions fixed_clock{chat_template::DateTime{2026, 11, 22, 12, 0, 0}};

struct Outcome
{
    bool ok = false;
    std::string text; // the render, or the error message
    ErrorKind kind = ErrorKind::type;
};

Outcome run(std::string_view source, const json::Value& context = json::Value(json::Object{}))
{
    const auto parsed = ChatTemplate::parse(source);
    if (!parsed)
        return {false, parsed.message(), ErrorKind::syntax};
    chat_template::RenderFailure failure;
    const auto rendered = parsed->render(context, fixed_clock, &failure);
    if (!rendered)
        return {false, rendered.message(), failure.kind};
    return {true, *rendered, ErrorKind::type};
}

json::Value conversation()
{
    return *json::parse("{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\", "
                        "\"add_generation_prompt\": true, \"messages\": ["
                        "{\"role\": \"system\", \"content\": \"Be brief.\"},"
                        "{\"role\": \"user\", \"content\": \"Hi\"},"
                        "{\"role\": \"assistant\", \"content\": \"Hello!\"},"
                        "{\"role\": \"user\", \"content\": \"Joke?\"}]}");
}

} // namespace

class ChatTemplateTest : public QObject
{
    Q_OBJECT

private slots:
    void matches_jinja2_data()
    {
        QTest::addColumn<std::string>("source");
        QTest::addColumn<std::string>("context");
        QTest::addColumn<std::string>("expected");
        const json::Value cases = test::read_json_file(KURABE_JINJA2_CASES);
        QVERIFY2(cases.is_object(), "jinja2_cases.json is missing or malformed");
        int index = 0;
        for (const json::Value& snippet : cases.find("snippets")->as_array()) {
            const std::string& source = snippet.find("template")->as_string();
            QString tag = QString::fromStdString(source.substr(0, 48));
            tag.replace('\n', QStringLiteral("\\n"));
            QTest::addRow("%d: %s", index++, qPrintable(tag))
                << source << json::dump(*snippet.find("context"))
                << json::dump(*snippet.find("expected"));
        }
        QVERIFY(index >= 60);
    }

    void matches_jinja2()
    {
        QFETCH(std::string, source);
        QFETCH(std::string, context);
        QFETCH(std::string, expected);
        const Outcome outcome = run(source, *json::parse(context));
        const json::Value want = *json::parse(expected);
        if (const json::Value* text = want.find("text")) {
            QVERIFY2(outcome.ok, outcome.text.c_str());
            QCOMPARE(QString::fromStdString(outcome.text),
                     QString::fromStdString(text->as_string()));
        } else if (const json::Value* raised = want.find("raised")) {
            QVERIFY(!outcome.ok);
            QVERIFY(outcome.kind == ErrorKind::raised);
            QCOMPARE(QString::fromStdString(outcome.text),
                     QString::fromStdString(raised->as_string()));
        } else if (const json::Value* undefined = want.find("undefined")) {
            QVERIFY(!outcome.ok);
            QVERIFY(outcome.kind == ErrorKind::undefined);
            QCOMPARE(QString::fromStdString(outcome.text),
                     QString::fromStdString(undefined->as_string()));
        } else {
            QVERIFY2(!outcome.ok, "expected a failure");
        }
    }

    void syntax_errors_name_the_line_data()
    {
        QTest::addColumn<std::string>("source");
        QTest::addColumn<std::string>("message");
        QTest::addRow("unclosed if")
            << std::string("a\n{% if x %}\nb")
            << std::string("chat template line 3: unexpected end of template, expected 'elif' or "
                           "'else' or 'endif'");
        QTest::addRow("stray endfor")
            << std::string("\n\n{% endfor %}")
            << std::string("chat template line 3: unexpected 'endfor' tag");
        QTest::addRow("unknown tag") << std::string("{% include 'x' %}")
                                     << std::string("chat template line 1: unknown tag 'include'");
        QTest::addRow("unterminated tag")
            << std::string("x\n{{ a + ")
            << std::string("chat template line 2: unterminated tag (missing '}}')");
        QTest::addRow("unterminated string")
            << std::string("{{ 'abc }}")
            << std::string("chat template line 1: unterminated string literal");
        QTest::addRow("unterminated comment")
            << std::string("\n{# never closed")
            << std::string("chat template line 2: unterminated comment (missing '#}')");
        QTest::addRow("bad expression")
            << std::string("{{ 1 + }}")
            << std::string(
                   "chat template line 1: unexpected end of print statement '}}' in an expression");
        QTest::addRow("bad character")
            << std::string("{{ a ; b }}")
            << std::string("chat template line 1: unexpected character ';' in a tag");
        QTest::addRow("missing bracket")
            << std::string("{{ [1, 2 }}")
            << std::string("chat template line 1: unterminated tag (missing '}}')");
        QTest::addRow("for without in")
            << std::string("{% for x of y %}{% endfor %}")
            << std::string("chat template line 1: expected 'in' in the for loop, found 'of'");
        QTest::addRow("deep nesting")
            << std::string(1000, '(')
            << std::string("chat template line 1: unexpected character '(' in a tag");
    }

    void syntax_errors_name_the_line()
    {
        QFETCH(std::string, source);
        QFETCH(std::string, message);
        if (QString(QTest::currentDataTag()) == "deep nesting")
            source = "{{ " + source + "1" + std::string(1000, ')') + " }}";
        const Outcome outcome = run(source);
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.kind == ErrorKind::syntax);
        if (QString(QTest::currentDataTag()) == "deep nesting")
            QVERIFY2(outcome.text.find("nests more than 200 levels deep") != std::string::npos,
                     outcome.text.c_str());
        else
            QCOMPARE(QString::fromStdString(outcome.text), QString::fromStdString(message));
    }

    void runtime_errors_carry_kind_and_line()
    {
        const auto parsed = ChatTemplate::parse("a\n{% if x %}\n{{ 1 + 'b' }}\n{% endif %}");
        QVERIFY(parsed);
        chat_template::RenderFailure failure;
        const auto rendered = parsed->render(*json::parse("{\"x\": true}"), fixed_clock, &failure);
        QVERIFY(!rendered);
        QCOMPARE(QString::fromStdString(rendered.message()),
                 QString("unsupported operand type(s) for +: 'int' and 'str'"));
        QVERIFY(failure.kind == ErrorKind::type);
        QCOMPARE(failure.line, 3);
        QVERIFY(!parsed->render(json::Value("not an object")));
    }

    void guards_stop_runaway_templates_data()
    {
        QTest::addColumn<std::string>("source");
        QTest::addColumn<std::string>("message_part");
        QTest::addRow("endless recursion")
            << std::string("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")
            << std::string("macro calls nested more than 100 deep");
        QTest::addRow("huge range") << std::string("{% for i in range(10**12) %}{% endfor %}")
                                    << std::string("range() of more than");
        QTest::addRow("too many steps")
            << std::string(
                   "{% for i in range(100000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}")
            << std::string("steps; it may be looping without end");
        QTest::addRow("huge string")
            << std::string("{{ 'x' * 10**12 }}") << std::string("string repetition too large");
        QTest::addRow("output growth")
            << std::string(
                   "{% set s = 'x' * 1000000 %}{% for i in range(100) %}{{ s }}{% endfor %}")
            << std::string("output grew beyond");
        QTest::addRow("integer overflow")
            << std::string("{{ 2 ** 64 }}") << std::string("integer overflow");
        QTest::addRow("power of one is fast")
            << std::string("{{ 1 ** 9223372036854775807 }}") << std::string();
    }

    void guards_stop_runaway_templates()
    {
        QFETCH(std::string, source);
        QFETCH(std::string, message_part);
        const Outcome outcome = run(source);
        if (message_part.empty()) {
            QVERIFY2(outcome.ok, outcome.text.c_str());
            return;
        }
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.text.find(message_part) != std::string::npos, outcome.text.c_str());
    }

    void clock_defaults_to_now()
    {
        const auto parsed = ChatTemplate::parse("{{ strftime_now('%Y') }}");
        QVERIFY(parsed);
        const auto rendered = parsed->render(json::Value(json::Object{}));
        QVERIFY(rendered);
        QVERIFY(std::stoi(*rendered) >= 2024);
    }

    void builtin_formats_render_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::addRow("chatml")
            << "chatml"
            << "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
               "<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nJoke?<|im_end|>\n"
               "<|im_start|>assistant\n";
        QTest::addRow("llama2") << "llama2"
                                << "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello! "
                                   "</s><s>[INST] Joke? [/INST]";
        QTest::addRow("llama3")
            << "llama3"
            << "<s><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
               "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
               "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
               "<|start_header_id|>user<|end_header_id|>\n\nJoke?<|eot_id|>"
               "<|start_header_id|>assistant<|end_header_id|>\n\n";
        QTest::addRow("gemma")
            << "gemma"
            << "<s><start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\n"
               "Hello!<end_of_turn>\n<start_of_turn>user\nJoke?<end_of_turn>\n<start_of_turn>"
               "model\n";
        QTest::addRow("phi3")
            << "phi3"
            << "<|system|>\nBe brief.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\nHello!<|end|>\n"
               "<|user|>\nJoke?<|end|>\n<|assistant|>\n";
        QTest::addRow("mistral")
            << "mistral"
            << "<s>[INST] Be brief.\n\nHi [/INST]Hello!</s>[INST] Joke? [/INST]";
    }

    void builtin_formats_render()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const auto source = chat_template::builtin_template_source(name.toStdString());
        QVERIFY(source);
        const Outcome outcome = run(*source, conversation());
        QVERIFY2(outcome.ok, outcome.text.c_str());
        QCOMPARE(QString::fromStdString(outcome.text), expected);
    }

    void builtin_format_names_are_complete()
    {
        QCOMPARE(chat_template::builtin_format_names().size(), std::size_t{6});
        for (std::string_view name : chat_template::builtin_format_names())
            QVERIFY(chat_template::builtin_template_source(name));
        QVERIFY(!chat_template::builtin_template_source("vicuna"));
    }

    void detects_formats_of_shared_templates_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format"); // empty: none recognized
        QTest::addRow("qwen") << "Qwen-Qwen2.5-7B-Instruct.jinja"
                              << "chatml";
        QTest::addRow("llama 3.1") << "meta-llama-Llama-3.1-8B-Instruct.jinja"
                                   << "llama3";
        QTest::addRow("gemma 2") << "google-gemma-2-2b-it.jinja"
                                 << "gemma";
        QTest::addRow("phi 3.5") << "microsoft-Phi-3.5-mini-instruct.jinja"
                                 << "phi3";
        QTest::addRow("mistral nemo") << "mistralai-Mistral-Nemo-Instruct-2407.jinja"
                                      << "mistral";
        QTest::addRow("deepseek r1") << "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja"
                                     << "";
    }

    void detects_formats_of_shared_templates()
    {
        KURABE_REQUIRE_DATA(models);
        QFETCH(QString, file);
        QFETCH(QString, format);
        const std::string text = test::read_text_file(models + "/templates/" + file);
        QVERIFY(!text.empty());
        const auto detected = chat_template::detect_builtin_format(text);
        QCOMPARE(detected ? QString::fromStdString(std::string(*detected)) : QString(), format);
    }
};

QTEST_GUILESS_MAIN(ChatTemplateTest)
#include "chat_template_test.moc"
