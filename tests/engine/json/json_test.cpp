// kurabe::json: strict parsing with positioned errors, and output matching Python's json.dumps.
#include "json/json.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace kurabe;

class JsonTest : public QObject
{
    Q_OBJECT

private slots:
    void parse_errors_name_the_position_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::addRow("empty") << ""
                               << "line 1, column 1: unexpected end of input, expected a value";
        QTest::addRow("trailing comma")
            << "[1,\n 2,]"
            << "line 2, column 4: unexpected character ']', expected a value";
        QTest::addRow("missing colon") << "{\"a\" 1}"
                                       << "line 1, column 6: expected ':' after an object key";
        QTest::addRow("single quotes") << "{'a': 1}"
                                       << "line 1, column 2: expected a string key in an object";
        QTest::addRow("leading zero") << "012"
                                      << "line 1, column 2: numbers may not have leading zeros";
        QTest::addRow("bare dot") << "1."
                                  << "line 1, column 3: expected a digit after the decimal point";
        QTest::addRow("NaN") << "NaN"
                             << "line 1, column 1: unexpected character 'N', expected a value";
        QTest::addRow("bad literal") << "tru"
                                     << "line 1, column 1: invalid literal, expected 'true'";
        QTest::addRow("unterminated string") << "\n  \"abc"
                                             << "line 2, column 3: unterminated string";
        QTest::addRow("raw newline in string")
            << "\"a\nb\""
            << "line 1, column 3: control character in a string (must be escaped)";
        QTest::addRow("bad escape") << "\"\\q\""
                                    << "line 1, column 3: invalid escape '\\q'";
        QTest::addRow("lone low surrogate")
            << "\"\\udc00\""
            << "line 1, column 2: lone low surrogate in a \\u escape";
        QTest::addRow("unpaired high surrogate")
            << "\"\\ud83dx\""
            << "line 1, column 2: high surrogate not followed by a low surrogate";
        QTest::addRow("two values") << "1 2"
                                    << "line 1, column 3: unexpected text after the JSON value";
        QTest::addRow("column counts characters")
            << "[\"日本\", x]"
            << "line 1, column 8: unexpected character 'x', expected a value";
        QTest::addRow("huge exponent")
            << "1e999"
            << "line 1, column 1: number is out of the range of a double";
    }

    void parse_errors_name_the_position()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const QByteArray utf8 = text.toUtf8();
        const auto result = json::parse(std::string_view(utf8.constData(), utf8.size()));
        QVERIFY(!result);
        QCOMPARE(QString::fromStdString(result.message()), message);
    }

    void invalid_utf8_is_rejected()
    {
        const auto result = json::parse("\"\xC3\x28\"");
        QVERIFY(!result);
        QCOMPARE(QString::fromStdString(result.message()),
                 "line 1, column 2: invalid UTF-8 in a string");
        QVERIFY(!json::parse("\"\xED\xA0\x80\"")); // an encoded surrogate
        QVERIFY(!json::parse("\"\xC0\xAF\""));     // an overlong form
    }

    void depth_is_limited()
    {
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        const auto result = json::parse(deep);
        QVERIFY(!result);
        QVERIFY(result.message().find("nesting deeper than 512 levels") != std::string::npos);
        json::ParseOptions options;
        options.max_depth = 3;
        QVERIFY(json::parse("[[[1]]]", options));
        QVERIFY(!json::parse("[[[[1]]]]", options));
    }

    void values_parse_to_their_types()
    {
        const auto result = json::parse(
            " {\"i\": -42, \"big\": 12345678901234567890, \"d\": 2.5e3, \"t\": true, \"n\": "
            "null,\n                \"s\": \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", "
            "\"a\": [1, \"x\"], \"o\": {}} ");
        QVERIFY2(result, result ? "" : result.message().c_str());
        const json::Value& v = *result;
        QCOMPARE(v.find("i")->as_integer(), -42);
        QVERIFY(v.find("big")->is_double());
        QCOMPARE(v.find("big")->as_double(), 12345678901234567890.0);
        QCOMPARE(v.find("d")->as_double(), 2500.0);
        QVERIFY(v.find("t")->as_bool());
        QVERIFY(v.find("n")->is_null());
        QCOMPARE(v.find("s")->as_string(), std::string("a\"\\/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80"));
        QCOMPARE(v.find("a")->as_array().size(), std::size_t{2});
        QVERIFY(v.find("o")->as_object().empty());
    }

    void objects_keep_insertion_order_and_last_duplicate_wins()
    {
        const auto result = json::parse("{\"z\": 1, \"a\": 2, \"m\": 3, \"a\": 4}");
        QVERIFY(result);
        QCOMPARE(json::dump(*result), std::string("{\"z\": 1, \"a\": 4, \"m\": 3}"));
    }

    void dumps_like_python_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("indent"); // -1: none
        QTest::addColumn<QString>("expected");
        // Expected strings are what Python 3's json.dumps(json.loads(input), ensure_ascii=False,
        // indent=...) prints.
        QTest::addRow("compact separators") << "{\"a\":[1,2,{\"b\":null}],\"c\":\"x\"}" << -1
                                            << "{\"a\": [1, 2, {\"b\": null}], \"c\": \"x\"}";
        QTest::addRow("indent 2") << "{\"a\":[1,{}],\"b\":[]}" << 2
                                  << "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}";
        QTest::addRow("indent 0") << "[1,2]" << 0 << "[\n1,\n2\n]";
        QTest::addRow("unicode kept") << "[\"日本語\", \"é\"]" << -1 << "[\"日本語\", \"é\"]";
        QTest::addRow("escapes") << "\"q\\\"b\\\\n\\n\\t\\u0001\\u007f/\"" << -1
                                 << "\"q\\\"b\\\\n\\n\\t\\u0001\x7f/\"";
        QTest::addRow("floats")
            << "[1.0, 0.1, 1e16, 1e15, 1.5e-5, 0.0001, -0.0, 123456789.123, 1e-7, 2.5e300]" << -1
            << "[1.0, 0.1, 1e+16, 1000000000000000.0, 1.5e-05, 0.0001, -0.0, "
               "123456789.123, 1e-07, 2.5e+300]";
        QTest::addRow("integers") << "[0, -1, 9223372036854775807]" << -1
                                  << "[0, -1, 9223372036854775807]";
    }

    void dumps_like_python()
    {
        QFETCH(QString, input);
        QFETCH(int, indent);
        QFETCH(QString, expected);
        const QByteArray utf8 = input.toUtf8();
        const auto value = json::parse(std::string_view(utf8.constData(), utf8.size()));
        QVERIFY2(value, value ? "" : value.message().c_str());
        json::DumpOptions options;
        if (indent >= 0)
            options.indent = indent;
        QCOMPARE(QString::fromStdString(json::dump(*value, options)), expected);
    }

    void special_floats_and_repr()
    {
        QCOMPARE(json::python_float_repr(std::numeric_limits<double>::quiet_NaN()),
                 std::string("nan"));
        QCOMPARE(json::python_float_repr(-std::numeric_limits<double>::infinity()),
                 std::string("-inf"));
        QCOMPARE(json::python_float_repr(0.30000000000000004), std::string("0.30000000000000004"));
        QCOMPARE(json::python_float_repr(5e-324), std::string("5e-324"));
        QCOMPARE(json::python_float_repr(1.7976931348623157e308),
                 std::string("1.7976931348623157e+308"));
        QCOMPARE(json::dump(json::Value(std::numeric_limits<double>::infinity())),
                 std::string("Infinity"));
        QCOMPARE(json::dump(json::Value(std::nan(""))), std::string("NaN"));
    }

    void ensure_ascii_and_sort_keys()
    {
        json::DumpOptions options;
        options.ensure_ascii = true;
        options.sort_keys = true;
        const json::Value v(json::Object{{"b", json::Value("é😀")}, {"a", json::Value(1)}});
        QCOMPARE(json::dump(v, options),
                 std::string("{\"a\": 1, \"b\": \"\\u00e9\\ud83d\\ude00\"}"));
    }

    void round_trips()
    {
        const std::string text = "{\"model\":\"x\",\"cases\":[{\"tokens\":[1,2,3],\"top\":[[[5,-1."
                                 "25]]],\"ok\":true,\"none\":null,\"s\":\"a\\nb日本\"}]}";
        const auto first = json::parse(text);
        QVERIFY(first);
        QCOMPARE(json::dump_compact(*first), text);
        const auto second =
            json::parse(json::dump(*first, json::DumpOptions{4, {}, {}, false, true}));
        QVERIFY(second);
        QVERIFY(*first == *second);
    }
};

QTEST_GUILESS_MAIN(JsonTest)
#include "json_test.moc"
