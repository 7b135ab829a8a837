#include "sampling/stop_strings.h"

#include <QTest>

using kurabe::StopStringFilter;

class StopStringsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void text_without_stops_passes_through()
    {
        StopStringFilter f({"</s>"});
        QCOMPARE(f.push("Hello, "), std::string("Hello, "));
        QCOMPARE(f.push("world"), std::string("world"));
        QVERIFY(!f.stopped());
    }

    void a_stop_split_over_pieces_is_held_then_dropped()
    {
        StopStringFilter f({"User:"});
        QCOMPARE(f.push("Fine.\nUs"), std::string("Fine.\n"));
        QCOMPARE(f.push("er: hi"), std::string());
        QVERIFY(f.stopped());
        QCOMPARE(f.push("more"), std::string());
    }

    void a_false_start_is_released()
    {
        StopStringFilter f({"User:"});
        QCOMPARE(f.push("Us"), std::string());
        QCOMPARE(f.push("ually"), std::string("Usually"));
        QCOMPARE(f.flush(), std::string());
    }

    void the_earliest_of_several_stops_wins()
    {
        StopStringFilter f({"###", "\n\n"});
        QCOMPARE(f.push("a\n\nb###"), std::string("a"));
        QVERIFY(f.stopped());
    }

    void flush_returns_held_text()
    {
        StopStringFilter f({"<end>"});
        QCOMPARE(f.push("done <en"), std::string("done "));
        QCOMPARE(f.flush(), std::string("<en"));
    }
};

QTEST_GUILESS_MAIN(StopStringsTest)
#include "stop_strings_test.moc"
