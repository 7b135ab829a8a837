// The test GGUF writer and the reader together: a file with every metadata type (arrays of
// numbers, bools, strings and arrays) and tensors of several types, written and read back equal.
#include "gguf/gguf_file.h"
#include "gguf/gguf_writer.h"
#include "tensor/dequantize.h"
#include "tensor/quantize.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using kurabe::GgufBytes;
using kurabe::GgufFile;
using kurabe::GgufType;
using kurabe::GgufWriter;
using kurabe::TensorType;

namespace {

void add_every_type(GgufWriter& w)
{
    w.add_uint8("t.u8", 200)
        .add_int8("t.i8", -100)
        .add_uint16("t.u16", 60000)
        .add_int16("t.i16", -30000);
    w.add_uint32("t.u32", 4000000000u)
        .add_int32("t.i32", -2000000000)
        .add_uint64("t.u64", 18000000000000000000ull);
    w.add_int64("t.i64", -9000000000000000000ll)
        .add_float32("t.f32", 1.5f)
        .add_float64("t.f64", -2.25);
    w.add_bool("t.true", true).add_bool("t.false", false).add_string("t.str", "héllo");
    w.add_string("t.empty", "");
    w.add_array<float>("t.floats", std::vector<float>{0.5f, -1.0f, 3.25f});
    w.add_array<int32_t>("t.ints", std::vector<int32_t>{-1, 0, 7});
    w.add_array<uint64_t>("t.u64s", std::vector<uint64_t>{1, 1ull << 60});
    w.add_array<int8_t>("t.i8s", std::vector<int8_t>{-128, 127});
    w.add_array<double>("t.f64s", std::vector<double>{});
    w.add_bool_array("t.bools", {true, false, true});
    w.add_string_array("t.strings", {"a", "", "three"});
    // An array of two arrays of u16: [[1, 2], [3]].
    w.add_raw("t.nested", GgufType::Array, [&] {
        GgufBytes value;
        value.u32(uint32_t(GgufType::Array)).u64(2);
        // the two inner arrays, each its element type, count and values
        value.u32(uint32_t(GgufType::UInt16)).u64(2).u16(1).u16(2);
        value.u32(uint32_t(GgufType::UInt16)).u64(1).u16(3);
        return value.take();
    }());
}

std::vector<float> random_values(size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<float> v(n);
    for (float& x : v)
        x = normal(rng);
    return v;
}

} // namespace

class GgufWriterTest : public QObject
{
    Q_OBJECT

private slots:
    void metadata_round_trip_data();
    void metadata_round_trip();
    void tensors_round_trip_data();
    void tensors_round_trip();
    void writes_to_a_path();
};

void GgufWriterTest::metadata_round_trip_data()
{
    QTest::addColumn<uint32_t>("version");
    QTest::addRow("v2") << 2u;
    QTest::addRow("v3") << 3u;
}

void GgufWriterTest::metadata_round_trip()
{
    QFETCH(uint32_t, version);
    GgufWriter w(version);
    add_every_type(w);
    const std::vector<uint8_t> bytes = w.bytes();
    auto file = GgufFile::from_memory(bytes, "every-type.gguf");
    QVERIFY2(file, file ? "" : file.message().c_str());
    const GgufFile& f = **file;
    QCOMPARE(f.version(), version);
    QCOMPARE(f.path(), std::string("every-type.gguf"));
    QCOMPARE(f.metadata().size(), size_t(22));
    QCOMPARE(f.metadata()[0].key, std::string_view("t.u8")); // order kept
    QCOMPARE(f.get_uint("t.u8"), std::optional<uint64_t>(200));
    QCOMPARE(f.get_int("t.i8"), std::optional<int64_t>(-100));
    QVERIFY(!f.get_uint("t.i8")); // negative: no unsigned value
    QCOMPARE(f.get_uint("t.u16"), std::optional<uint64_t>(60000));
    QCOMPARE(f.get_int("t.i16"), std::optional<int64_t>(-30000));
    QCOMPARE(f.get_uint("t.u32"), std::optional<uint64_t>(4000000000u));
    QCOMPARE(f.get_int("t.i32"), std::optional<int64_t>(-2000000000));
    QCOMPARE(f.get_uint("t.u64"), std::optional<uint64_t>(18000000000000000000ull));
    QVERIFY(!f.get_int("t.u64")); // does not fit in int64
    QCOMPARE(f.get_int("t.i64"), std::optional<int64_t>(-9000000000000000000ll));
    QCOMPARE(f.get_float("t.f32"), std::optional<double>(1.5));
    QCOMPARE(f.get_float("t.f64"), std::optional<double>(-2.25));
    QCOMPARE(f.find("t.f64")->type, GgufType::Float64);
    QCOMPARE(f.get_bool("t.true"), std::optional<bool>(true));
    QCOMPARE(f.get_bool("t.false"), std::optional<bool>(false));
    QCOMPARE(f.get_string("t.str"), std::optional<std::string_view>("héllo"));
    QCOMPARE(f.get_string("t.empty"), std::optional<std::string_view>(""));

    const kurabe::GgufArray* floats = f.get_array("t.floats");
    QVERIFY(floats);
    QCOMPARE(floats->element_type(), GgufType::Float32);
    QCOMPARE(floats->size(), uint64_t(3));
    QCOMPARE(floats->float_at(2), 3.25);
    QCOMPARE(floats->raw().size(), size_t(12));
    const kurabe::GgufArray* ints = f.get_array("t.ints");
    QCOMPARE(ints->int_at(0), int64_t(-1));
    QCOMPARE(ints->int_at(2), int64_t(7));
    QCOMPARE(ints->float_at(2), 7.0);
    QCOMPARE(f.get_array("t.u64s")->uint_at(1), uint64_t(1) << 60);
    QCOMPARE(f.get_array("t.i8s")->int_at(0), int64_t(-128));
    QCOMPARE(f.get_array("t.f64s")->size(), uint64_t(0));
    const kurabe::GgufArray* bools = f.get_array("t.bools");
    QVERIFY(bools->bool_at(0) && !bools->bool_at(1) && bools->bool_at(2));
    const kurabe::GgufArray* strings = f.get_array("t.strings");
    QCOMPARE(strings->size(), uint64_t(3));
    QCOMPARE(strings->string_at(0), std::string_view("a"));
    QCOMPARE(strings->string_at(1), std::string_view(""));
    QCOMPARE(strings->string_at(2), std::string_view("three"));
    const kurabe::GgufArray* nested = f.get_array("t.nested");
    QCOMPARE(nested->element_type(), GgufType::Array);
    QCOMPARE(nested->size(), uint64_t(2));
    QCOMPARE(nested->array_at(0)->size(), uint64_t(2));
    QCOMPARE(nested->array_at(0)->uint_at(1), uint64_t(2));
    QCOMPARE(nested->array_at(1)->uint_at(0), uint64_t(3));
    QVERIFY(!f.get_array("t.str"));
    QVERIFY(f.tensors().empty());
}

void GgufWriterTest::tensors_round_trip_data()
{
    QTest::addColumn<uint32_t>("alignment");
    QTest::addRow("default alignment") << 0u;
    QTest::addRow("alignment 64") << 64u;
    QTest::addRow("alignment 1") << 1u;
}

void GgufWriterTest::tensors_round_trip()
{
    QFETCH(uint32_t, alignment);
    GgufWriter w;
    if (alignment)
        w.set_alignment(alignment);
    w.add_string("general.architecture", "test");
    struct Spec
    {
        const char* name;
        std::vector<uint64_t> shape;
        TensorType type;
    };
    const Spec specs[] = {
        {"norm.weight", {13}, TensorType::F32},
        {"f16.weight", {7, 3}, TensorType::F16},
        {"bf16.weight", {5, 2, 3}, TensorType::BF16},
        {"q8.weight", {64, 3}, TensorType::Q8_0},
        {"q4_0.weight", {32, 5}, TensorType::Q4_0},
        {"q4k.weight", {256, 2, 1, 2}, TensorType::Q4_K},
        {"q6k.weight", {512, 1}, TensorType::Q6_K},
        {"iq4xs.weight", {256, 3}, TensorType::IQ4_XS},
    };
    std::vector<std::vector<float>> values;
    unsigned seed = 1;
    for (const Spec& s : specs) {
        size_t n = 1;
        for (uint64_t ne : s.shape)
            n *= ne;
        values.push_back(random_values(n, seed++));
        w.add_tensor_f32(s.name, s.shape, s.type, values.back());
    }
    const std::vector<uint8_t> bytes = w.bytes();
    auto file = GgufFile::from_memory(bytes, "tensors.gguf");
    QVERIFY2(file, file ? "" : file.message().c_str());
    QCOMPARE((*file)->alignment(), uint64_t(alignment ? alignment : 32));
    QCOMPARE((*file)->tensors().size(), std::size(specs));
    for (size_t i = 0; i < std::size(specs); ++i) {
        const kurabe::GgufTensor& t = (*file)->tensors()[i];
        QCOMPARE(t.name, std::string_view(specs[i].name));
        QCOMPARE(t.shape, specs[i].shape);
        QCOMPARE(t.type, specs[i].type);
        QCOMPARE(t.elements, uint64_t(values[i].size()));
        QCOMPARE((t.offset) % (*file)->alignment(), uint64_t(0));
        QCOMPARE(t.data, bytes.data() + t.offset);
        // What comes back is what quantize_row made of the values.
        std::vector<uint8_t> expected(t.bytes);
        kurabe::quantize_row(t.type, values[i].data(), expected.data(), int64_t(t.elements));
        QVERIFY(std::equal(expected.begin(), expected.end(), t.data));
        std::vector<float> back(values[i].size());
        kurabe::dequantize_row(t.type, t.data, back.data(), int64_t(t.elements));
        for (size_t k = 0; k < back.size(); ++k)
            QVERIFY(std::fabs(back[k] - values[i][k]) < 0.5f);
    }
}

void GgufWriterTest::writes_to_a_path()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("small.gguf")).toStdString();
    GgufWriter w;
    w.add_string("general.architecture", "llama").add_uint32("llama.block_count", 1);
    w.add_tensor("t", {4}, TensorType::F32, std::vector<uint8_t>(16, 0));
    QVERIFY(w.write(path).ok());
    auto file = GgufFile::open(path);
    QVERIFY2(file, file ? "" : file.message().c_str());
    QCOMPARE((*file)->path(), path);
    QCOMPARE((*file)->file_size(), uint64_t(w.bytes().size()));
    QCOMPARE((*file)->get_uint("llama.block_count"), std::optional<uint64_t>(1));
    QCOMPARE((*file)->tensors()[0].bytes, uint64_t(16));
}

QTEST_GUILESS_MAIN(GgufWriterTest)
#include "gguf_writer_test.moc"
