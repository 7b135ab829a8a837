// The loaded-model keeper on real stories260K files: models load on their worker threads,
// at most keepLoaded() stay loaded (least recently chosen first out), a model that is busy
// answering is never unloaded, and a broken file reports why and can be chosen again.
#include "app/library/model_host.h"
#include "common/test_data.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using kurabe::app::ModelHost;

class ModelHostTest : public QObject
{
    Q_OBJECT

    QTemporaryDir dir_;
    QString a_, b_;

    bool choose_and_wait(ModelHost& host, const QString& path, bool expect_ok = true)
    {
        QSignalSpy finished(&host, &ModelHost::loadFinished);
        host.choose(path);
        if (!finished.wait(60000))
            return false;
        return finished.at(0).at(0).toString() == path &&
               finished.at(0).at(1).toBool() == expect_ok;
    }

private slots:
    void initTestCase()
    {
        KURABE_REQUIRE_DATA(models);
        // Two files, so the keeper sees two different models.
        a_ = dir_.filePath(QStringLiteral("a.gguf"));
        b_ = dir_.filePath(QStringLiteral("b.gguf"));
        QVERIFY(QFile::copy(models + QStringLiteral("/real/stories260K.gguf"), a_));
        QVERIFY(QFile::copy(models + QStringLiteral("/real/stories260K.gguf"), b_));
    }

    void keepsAtMostTheConfiguredNumberLoaded()
    {
        ModelHost host;
        QCOMPARE(host.keepLoaded(), 1);
        QVERIFY(choose_and_wait(host, a_));
        QVERIFY(host.backend(a_));
        QVERIFY(choose_and_wait(host, b_));
        QCOMPARE(host.loadedPaths(), QStringList{b_});
        QVERIFY(!host.backend(a_));

        host.setKeepLoaded(2);
        QVERIFY(choose_and_wait(host, a_));
        QCOMPARE(host.loadedPaths(), (QStringList{b_, a_}));
        // Choosing a loaded model again answers at once and keeps it.
        QVERIFY(choose_and_wait(host, b_));
        QCOMPARE(host.loadedPaths(), (QStringList{a_, b_}));
        host.setKeepLoaded(1);
        QCOMPARE(host.loadedPaths(), QStringList{b_});
    }

    void aBusyModelStaysLoaded()
    {
        ModelHost host;
        QVERIFY(choose_and_wait(host, a_));
        kurabe::inference::LocalBackend* busy = host.backend(a_);
        host.setBusyCheck([busy](kurabe::inference::LocalBackend* b) { return b == busy; });
        QVERIFY(choose_and_wait(host, b_));
        QCOMPARE(host.loadedPaths(), (QStringList{a_, b_}));
        // Once it is no longer busy, the next trim unloads it.
        host.setBusyCheck({});
        host.trim();
        QCOMPARE(host.loadedPaths(), QStringList{b_});
    }

    void aBrokenFileFailsWithAReason()
    {
        const QString broken = dir_.filePath(QStringLiteral("broken.gguf"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("GGUF but not really");
        file.close();
        ModelHost host;
        QSignalSpy finished(&host, &ModelHost::loadFinished);
        host.choose(broken);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY(finished.at(0).at(2).toString().contains(QStringLiteral("broken.gguf")));
        QVERIFY(!host.isLoading(broken));
        QVERIFY(host.loadedPaths().isEmpty());
    }
};

QTEST_GUILESS_MAIN(ModelHostTest)
#include "models_host_test.moc"
