// What a comparison is given: target specs with presets, the fair-run options, automatic
// checks, and prompt sets from CSV, JSON Lines and plain text.
#include "compare/answer_checks.h"
#include "compare/compare_target.h"
#include "compare/prompt_set.h"

#include <QTest>

using namespace kurabe::app;

class CompareInputsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void target_specs_parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("local");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("label");
        QTest::addRow("local") << "local:/m/a.gguf" << true << "/m/a.gguf"
                               << ""
                               << ""
                               << "default"
                               << "a.gguf";
        QTest::addRow("local preset") << "local:/m/a.gguf:greedy" << true << "/m/a.gguf"
                                      << ""
                                      << ""
                                      << "greedy"
                                      << "a.gguf · greedy";
        QTest::addRow("colon in path") << "local:C:/m/b.gguf:creative" << true << "C:/m/b.gguf"
                                       << ""
                                       << ""
                                       << "creative"
                                       << "b.gguf · creative";
        QTest::addRow("provider") << "provider:openai/gpt-4o-mini" << false << ""
                                  << "openai"
                                  << "gpt-4o-mini"
                                  << "default"
                                  << "openai/gpt-4o-mini";
        QTest::addRow("model with slash and preset")
            << "provider:router/meta/llama-3:balanced" << false << ""
            << "router"
            << "meta/llama-3"
            << "balanced"
            << "router/meta/llama-3 · balanced";
        QTest::addRow("ollama tag is not a preset") << "provider:ollama/llama3.2:1b" << false << ""
                                                    << "ollama"
                                                    << "llama3.2:1b"
                                                    << "default"
                                                    << "ollama/llama3.2:1b";
    }

    void target_specs_parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, local);
        QFETCH(QString, path);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, preset);
        QFETCH(QString, label);
        QString error;
        const std::optional<TargetSpec> spec = parse_target_spec(text, &error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->kind == TargetSpec::Kind::Local, local);
        QCOMPARE(spec->path, path);
        QCOMPARE(spec->provider, provider);
        QCOMPARE(spec->model, model);
        QCOMPARE(spec->preset, preset);
        QCOMPARE(spec->label(), label);
        // Text and JSON both give the same spec back.
        QCOMPARE(parse_target_spec(spec->text(), &error), spec);
        QCOMPARE(TargetSpec::fromJson(spec->toJson(), &error), spec);
    }

    void bad_target_specs_say_why_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::addRow("no kind") << "/m/a.gguf"
                                 << "local:PATH[:PRESET]";
        QTest::addRow("empty path") << "local:"
                                    << "give the model file";
        QTest::addRow("no model") << "provider:openai"
                                  << "provider:NAME/MODEL";
        QTest::addRow("empty model") << "provider:openai/"
                                     << "provider:NAME/MODEL";
        QTest::addRow("empty provider") << "provider:/gpt"
                                        << "provider:NAME/MODEL";
    }

    void bad_target_specs_say_why()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parse_target_spec(text, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void presets_and_fair_options_combine()
    {
        QCOMPARE(sampling_preset(QStringLiteral("greedy"))->temperature, 0.0);
        QCOMPARE(sampling_preset(QStringLiteral("balanced"))->temperature, 0.7);
        QCOMPARE(sampling_preset(QStringLiteral("balanced"))->top_p, 0.9);
        QCOMPARE(sampling_preset(QStringLiteral("creative"))->top_p, 0.95);
        QCOMPARE(sampling_preset(QStringLiteral("default")), kurabe::inference::SamplingParams{});
        QVERIFY(!sampling_preset(QStringLiteral("wild")));
        for (const QString& name : sampling_preset_names()) {
            QVERIFY(sampling_preset(name));
        }

        TargetSpec spec;
        spec.path = QStringLiteral("/m/a.gguf");
        spec.preset = QStringLiteral("creative");
        FairRunOptions fair;
        fair.seed = 42;
        fair.max_tokens = 64;
        kurabe::inference::SamplingParams params = target_sampling(spec, fair);
        QCOMPARE(params.seed, std::optional<quint64>(42));
        QCOMPARE(params.temperature, 1.0); // the preset's
        QCOMPARE(params.max_tokens, std::optional<int>(64));
        fair.temperature = 0.3;
        params = target_sampling(spec, fair);
        QCOMPARE(params.temperature, 0.3); // the shared temperature wins
        QCOMPARE(params.top_p, 0.95);
    }

    void checks_pass_and_fail_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<bool>("passed");
        QTest::addRow("contains") << "contains:Kyoto"
                                  << "I went to Kyoto." << true;
        QTest::addRow("contains is case-sensitive") << "contains:Kyoto"
                                                    << "kyoto" << false;
        QTest::addRow("regex") << "regex:^\\d{3}-\\d{4}$"
                               << "123-4567" << true;
        QTest::addRow("regex unicode") << "regex:\\p{Han}"
                                       << "ひらがなだけ" << false;
        QTest::addRow("regex kanji") << "regex:\\p{Han}"
                                     << "漢字" << true;
        QTest::addRow("json") << "json"
                              << "{\"a\": [1, 2]}" << true;
        QTest::addRow("json in a fence") << "json"
                                         << "```json\n{\"a\": 1}\n```" << true;
        QTest::addRow("not json") << "json"
                                  << "{\"a\": }" << false;
        QTest::addRow("max tokens") << "max-tokens:10"
                                    << "" << true; // 9 out
        QTest::addRow("max latency") << "max-latency-ms:100"
                                     << "" << false; // 150 ms
        QTest::addRow("max cost unmeasured") << "max-cost-usd:1"
                                             << "" << false;
    }

    void checks_pass_and_fail()
    {
        QFETCH(QString, spec);
        QFETCH(QString, answer);
        QFETCH(bool, passed);
        QString error;
        const std::optional<AnswerCheck> check = parse_answer_check(spec, &error);
        QVERIFY2(check, qPrintable(error));
        QCOMPARE(check->spec(), spec);
        kurabe::storage::MessageMetrics metrics;
        metrics.tokens_out = 9;
        kurabe::storage::ResultMeasurements measurements;
        measurements.wall_ms = 150;
        const CheckOutcome outcome = evaluate_check(*check, answer, metrics, measurements);
        QCOMPARE(outcome.passed, passed);
        QCOMPARE(outcome.reason.isEmpty(), passed);
    }

    void bad_checks_say_why_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("says");
        QTest::addRow("unknown") << "shorter-than:5"
                                 << "is not a check";
        QTest::addRow("no value") << "contains:"
                                  << "needs a value";
        QTest::addRow("not a number") << "max-tokens:many"
                                      << "needs a number";
        QTest::addRow("negative") << "max-cost-usd:-1"
                                  << "needs a number";
        QTest::addRow("bad regex") << "regex:(unclosed"
                                   << "at offset";
    }

    void bad_checks_say_why()
    {
        QFETCH(QString, spec);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parse_answer_check(spec, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }

    void prompt_sets_parse_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("format");
        QTest::addColumn<QStringList>("prompts");
        QTest::addColumn<QStringList>("systems");
        QTest::addColumn<int>("checks_of_first");
        QTest::addRow("csv with header")
            << QByteArray("system,prompt,checks\r\nBe brief.,\"Hello, \"\"you\"\"\",json ; "
                          "max-tokens:5\r\n,\"two\nlines\",\r\n")
            << static_cast<int>(PromptFileFormat::Csv)
            << QStringList{"Hello, \"you\"", "two\nlines"} << QStringList{"Be brief.", ""} << 2;
        QTest::addRow("csv without header")
            << QByteArray("first prompt,ignored\nsecond\n")
            << static_cast<int>(PromptFileFormat::Csv) << QStringList{"first prompt", "second"}
            << QStringList{"", ""} << 0;
        QTest::addRow("jsonl")
            << QByteArray("{\"prompt\":\"日本の首都は？\",\"system\":\"短く\",\"checks\":"
                          "[\"contains:東京\"]}\n\n\"bare string\"\n")
            << static_cast<int>(PromptFileFormat::JsonLines)
            << QStringList{"日本の首都は？", "bare string"} << QStringList{"短く", ""} << 1;
        QTest::addRow("plain lines")
            << QByteArray("  one  \n\ntwo\r\n") << static_cast<int>(PromptFileFormat::PlainLines)
            << QStringList{"one", "two"} << QStringList{"", ""} << 0;
    }

    void prompt_sets_parse()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, format);
        QFETCH(QStringList, prompts);
        QFETCH(QStringList, systems);
        QFETCH(int, checks_of_first);
        QString error;
        const std::optional<std::vector<PromptEntry>> set =
            parse_prompt_set(data, static_cast<PromptFileFormat>(format), &error);
        QVERIFY2(set, qPrintable(error));
        QCOMPARE(set->size(), static_cast<size_t>(prompts.size()));
        for (qsizetype i = 0; i < prompts.size(); ++i) {
            QCOMPARE((*set)[i].content, prompts[i]);
            QCOMPARE((*set)[i].system_prompt, systems[i]);
        }
        QCOMPARE(static_cast<int>(set->front().checks.size()), checks_of_first);
    }

    void bad_prompt_sets_say_where_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("says");
        QTest::addRow("broken json line")
            << QByteArray("{\"prompt\":\"a\"}\n{\"prompt\":\n")
            << static_cast<int>(PromptFileFormat::JsonLines) << "line 2";
        QTest::addRow("json line without prompt")
            << QByteArray("{\"system\":\"x\"}\n") << static_cast<int>(PromptFileFormat::JsonLines)
            << "line 1: no \"prompt\"";
        QTest::addRow("bad check")
            << QByteArray("{\"prompt\":\"a\",\"checks\":[\"nope\"]}\n")
            << static_cast<int>(PromptFileFormat::JsonLines) << "is not a check";
        QTest::addRow("open quote") << QByteArray("prompt\n\"never closed\n")
                                    << static_cast<int>(PromptFileFormat::Csv) << "not closed";
        QTest::addRow("empty") << QByteArray("\n\n")
                               << static_cast<int>(PromptFileFormat::PlainLines) << "no prompts";
    }

    void bad_prompt_sets_say_where()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, format);
        QFETCH(QString, says);
        QString error;
        QVERIFY(!parse_prompt_set(data, static_cast<PromptFileFormat>(format), &error));
        QVERIFY2(error.contains(says), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(CompareInputsTest)
#include "compare_inputs_test.moc"
