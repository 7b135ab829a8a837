// The reader on the real files in the shared models folder: every .gguf opens, known values
// read back, the tensor table is self-consistent, and every quantized copy of the reference
// model dequantizes close to its F16 copy (a wrong bit layout would be off by ~100%).
#include "common/test_data.h"
#include "gguf/gguf_file.h"
#include "tensor/dequantize.h"

#include <QDirIterator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

using kurabe::GgufFile;
using kurabe::TensorType;

namespace {

std::unique_ptr<GgufFile> open_or_fail(const QString& path)
{
    auto file = GgufFile::open(path.toStdString());
    if (!file) {
        qWarning("%s", file.message().c_str());
        return nullptr;
    }
    return std::move(file.value());
}

std::vector<float> dequantized(const kurabe::GgufTensor& t)
{
    std::vector<float> out(static_cast<size_t>(t.elements));
    kurabe::dequantize_row(t.type, t.data, out.data(), static_cast<int64_t>(t.elements));
    return out;
}

} // namespace

class GgufModelsTest : public QObject
{
    Q_OBJECT

private slots:
    void every_file_opens_data();
    void every_file_opens();
    void stories260k_metadata();
    void k_quant_mix();
    void quantized_copies_match_f16_data();
    void quantized_copies_match_f16();
    void missing_file_names_the_path();
};

void GgufModelsTest::every_file_opens_data()
{
    QTest::addColumn<QString>("path");
    const QString models = kurabe::test::models_dir();
    if (models.isEmpty()) {
        QTest::addRow("no data") << QString();
        return;
    }
    QDirIterator it(models, {QStringLiteral("*.gguf")}, QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    for (const QString& path : paths)
        QTest::addRow("%s", qPrintable(QDir(models).relativeFilePath(path))) << path;
}

void GgufModelsTest::every_file_opens()
{
    KURABE_REQUIRE_DATA(models);
    QFETCH(QString, path);
    auto file = open_or_fail(path);
    QVERIFY(file);
    QVERIFY(file->version() == 2 || file->version() == 3);
    QVERIFY(file->get_string("general.architecture"));
    // The tensor table: sizes match types and shapes, data aligned, inside the file, disjoint.
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (const kurabe::GgufTensor& t : file->tensors()) {
        uint64_t elements = 1;
        for (uint64_t ne : t.shape)
            elements *= ne;
        QCOMPARE(t.elements, elements);
        QCOMPARE(kurabe::tensor_bytes(t.type, t.elements), std::optional<uint64_t>(t.bytes));
        QVERIFY(t.offset + t.bytes <= file->file_size());
        QCOMPARE(reinterpret_cast<uintptr_t>(t.data) % file->alignment(), uintptr_t(0));
        QCOMPARE(file->find_tensor(t.name), &t);
        ranges.emplace_back(t.offset, t.bytes);
    }
    std::sort(ranges.begin(), ranges.end());
    for (size_t i = 1; i < ranges.size(); ++i)
        QVERIFY(ranges[i - 1].first + ranges[i - 1].second <= ranges[i].first);
}

void GgufModelsTest::stories260k_metadata()
{
    KURABE_REQUIRE_DATA(models);
    auto file = open_or_fail(models + QStringLiteral("/real/stories260K.gguf"));
    QVERIFY(file);
    QCOMPARE(file->get_string("general.architecture"), std::optional<std::string_view>("llama"));
    QCOMPARE(file->get_uint("llama.block_count"), std::optional<uint64_t>(5));
    QCOMPARE(file->get_uint("llama.embedding_length"), std::optional<uint64_t>(64));
    QCOMPARE(file->get_int("llama.embedding_length"), std::optional<int64_t>(64));
    QCOMPARE(file->get_float("llama.embedding_length"), std::optional<double>(64));
    QVERIFY(!file->get_string("llama.embedding_length")); // wrong type: nothing
    QVERIFY(!file->get_uint("no.such.key"));
    const kurabe::GgufArray* tokens = file->get_array("tokenizer.ggml.tokens");
    QVERIFY(tokens);
    QCOMPARE(tokens->element_type(), kurabe::GgufType::String);
    QCOMPARE(tokens->size(), uint64_t(512));
    QCOMPARE(tokens->string_at(0), std::string_view("<unk>"));
    const kurabe::GgufArray* scores = file->get_array("tokenizer.ggml.scores");
    QVERIFY(scores);
    QCOMPARE(scores->size(), uint64_t(512));
    QCOMPARE(scores->raw().size(), size_t(512 * 4));
    QVERIFY(file->find("tokenizer.ggml.seperator_token_id")); // the file's own spelling
    const kurabe::GgufTensor* embd = file->find_tensor("token_embd.weight");
    QVERIFY(embd);
    QCOMPARE(embd->shape, (std::vector<uint64_t>{64, 512}));
    QCOMPARE(embd->type, TensorType::F32);
    QCOMPARE(embd->bytes, uint64_t(64 * 512 * 4));
}

void GgufModelsTest::k_quant_mix()
{
    KURABE_REQUIRE_DATA(models);
    for (const char* name :
         {"ref-llama-spm-Q4_K_M", "ref-qwen2-bpe-Q4_K_M", "ref-phi3-Q4_K_M", "ref-gemma2-Q4_K_M"}) {
        auto file = open_or_fail(models + QStringLiteral("/ref/%1.gguf").arg(QLatin1String(name)));
        QVERIFY(file);
        std::set<TensorType> types;
        for (const kurabe::GgufTensor& t : file->tensors())
            types.insert(t.type);
        QVERIFY2(types.count(TensorType::Q4_K) && types.count(TensorType::Q6_K), name);
    }
}

void GgufModelsTest::quantized_copies_match_f16_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("bound"); // relative RMS error against the F16 copy
    QTest::addRow("Q8_0") << QStringLiteral("ref-llama-spm-Q8_0") << 0.01;
    QTest::addRow("Q6_K") << QStringLiteral("ref-llama-spm-Q6_K") << 0.03;
    QTest::addRow("Q5_K_M") << QStringLiteral("ref-llama-spm-Q5_K_M") << 0.06;
    QTest::addRow("Q4_K_M") << QStringLiteral("ref-llama-spm-Q4_K_M") << 0.12;
    QTest::addRow("Q4_0") << QStringLiteral("ref-llama-spm-Q4_0") << 0.12;
}

void GgufModelsTest::quantized_copies_match_f16()
{
    KURABE_REQUIRE_DATA(models);
    QFETCH(QString, name);
    QFETCH(double, bound);
    auto reference = open_or_fail(models + QStringLiteral("/ref/ref-llama-spm-F16.gguf"));
    auto quantized = open_or_fail(models + QStringLiteral("/ref/%1.gguf").arg(name));
    QVERIFY(reference && quantized);
    QCOMPARE(quantized->tensors().size(), reference->tensors().size());
    for (const kurabe::GgufTensor& q : quantized->tensors()) {
        const kurabe::GgufTensor* f = reference->find_tensor(q.name);
        QVERIFY(f);
        QCOMPARE(q.shape, f->shape);
        const std::vector<float> want = dequantized(*f), got = dequantized(q);
        double err = 0, ref = 0;
        for (size_t i = 0; i < want.size(); ++i) {
            err += (double(want[i]) - got[i]) * (double(want[i]) - got[i]);
            ref += double(want[i]) * want[i];
        }
        const double relative = std::sqrt(err / std::max(ref, 1e-30));
        QVERIFY2(relative <= bound,
                 qPrintable(QStringLiteral("%1 (%2): relative RMS error %3")
                                .arg(QString::fromUtf8(q.name.data(), qsizetype(q.name.size())))
                                .arg(QLatin1String(kurabe::tensor_type_name(q.type).data()))
                                .arg(relative)));
    }
}

void GgufModelsTest::missing_file_names_the_path()
{
    auto file = GgufFile::open("/nonexistent/model.gguf");
    QVERIFY(!file);
    QVERIFY2(QString::fromStdString(file.message())
                 .startsWith(QStringLiteral("/nonexistent/model.gguf: cannot open")),
             file.message().c_str());
}

QTEST_GUILESS_MAIN(GgufModelsTest)
#include "gguf_models_test.moc"
