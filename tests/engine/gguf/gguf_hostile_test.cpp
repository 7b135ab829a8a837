// Hostile and broken files: a small valid file cut at every byte offset, and a battery of
// targeted corruptions, each giving an Error (never a crash) whose message names the file and
// the problem.
#include "gguf/gguf_file.h"
#include "gguf/gguf_writer.h"

#include <QTest>

#include <functional>

using kurabe::GgufBytes;
using kurabe::GgufFile;
using kurabe::GgufType;
using kurabe::GgufWriter;
using kurabe::TensorType;

namespace {

// A hand-built file: header, then `kvs` (already encoded entries), then tensor infos, then
// padding to 32 and `data_bytes` zero bytes of tensor data.
struct Parts
{
    std::vector<uint8_t> magic{'G', 'G', 'U', 'F'};
    uint32_t version = 3;
    uint64_t kv_count = 1;
    uint64_t tensor_count = 1;
    std::function<void(GgufBytes&)> kvs = [](GgufBytes& b) {
        b.string("general.architecture").u32(uint32_t(GgufType::String)).string("llama");
    };
    std::function<void(GgufBytes&)> tensors = [](GgufBytes& b) {
        b.string("blk.0.attn_q.weight")
            .u32(2)
            .u64(32)
            .u64(2)
            .u32(uint32_t(TensorType::Q8_0))
            .u64(0);
    };
    size_t data_bytes = 68; // two Q8_0 blocks

    std::vector<uint8_t> bytes() const
    {
        GgufBytes b;
        b.raw(magic).u32(version).u64(tensor_count).u64(kv_count);
        kvs(b);
        tensors(b);
        b.pad_to(32);
        b.raw(std::vector<uint8_t>(data_bytes, 0));
        return b.take();
    }
};

using Mutation = std::function<void(Parts&)>;

std::function<void(GgufBytes&)> tensor_info(std::string name, std::vector<uint64_t> dims,
                                            uint32_t type, uint64_t offset,
                                            uint32_t n_dims_override = 0)
{
    return [=](GgufBytes& b) {
        b.string(name).u32(n_dims_override ? n_dims_override : uint32_t(dims.size()));
        for (uint64_t d : dims)
            b.u64(d);
        b.u32(type).u64(offset);
    };
}

} // namespace

Q_DECLARE_METATYPE(Mutation)

class GgufHostileTest : public QObject
{
    Q_OBJECT

private slots:
    void valid_base_file_opens();
    void truncation_at_every_offset();
    void corruption_data();
    void corruption();
};

void GgufHostileTest::valid_base_file_opens()
{
    const std::vector<uint8_t> bytes = Parts{}.bytes();
    auto file = GgufFile::from_memory(bytes, "base.gguf");
    QVERIFY2(file, file ? "" : file.message().c_str());
    QCOMPARE((*file)->tensors().size(), size_t(1));
    QCOMPARE((*file)->tensors()[0].bytes, uint64_t(68));
}

void GgufHostileTest::truncation_at_every_offset()
{
    // A file with metadata of every kind and three tensors; every prefix that ends before the
    // last tensor's data must be refused with the file's name in the message.
    GgufWriter w;
    w.add_string("general.architecture", "llama").add_uint32("llama.block_count", 2);
    w.add_float32("llama.rope.freq_base", 10000.0f).add_bool("flag", true);
    w.add_string_array("tokenizer.ggml.tokens", {"<unk>", "<s>", "</s>", "a"});
    w.add_array<float>("tokenizer.ggml.scores", std::vector<float>{0, -1, -2, -3});
    w.add_raw("nested", GgufType::Array, [] {
        GgufBytes v;
        v.u32(uint32_t(GgufType::Array)).u64(1).u32(uint32_t(GgufType::String)).u64(1).string("x");
        return v.take();
    }());
    w.add_tensor("a", {4}, TensorType::F32, std::vector<uint8_t>(16, 1));
    w.add_tensor("b", {32, 2}, TensorType::Q4_0, std::vector<uint8_t>(36, 2));
    w.add_tensor("c", {256}, TensorType::Q6_K, std::vector<uint8_t>(210, 3));
    const std::vector<uint8_t> bytes = w.bytes();
    auto full = GgufFile::from_memory(bytes, "full.gguf");
    QVERIFY2(full, full ? "" : full.message().c_str());
    uint64_t data_end = 0;
    for (const kurabe::GgufTensor& t : (*full)->tensors())
        data_end = std::max(data_end, t.offset + t.bytes);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
        // A copy of exactly `cut` bytes, so AddressSanitizer sees any read past the end.
        const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + qsizetype(cut));
        auto file = GgufFile::from_memory(prefix, "cut.gguf");
        if (cut < data_end) {
            QVERIFY2(!file,
                     qPrintable(QStringLiteral("a file cut to %1 bytes was accepted").arg(cut)));
            QVERIFY2(
                QString::fromStdString(file.message()).startsWith(QStringLiteral("cut.gguf: ")),
                file.message().c_str());
        } else {
            QVERIFY2(file, file ? "" : file.message().c_str()); // only trailing padding is gone
        }
    }
}

void GgufHostileTest::corruption_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("expected"); // a substring of the error message

    const auto kv = [](std::function<void(GgufBytes&)> f) {
        return Mutation([f](Parts& p) { p.kvs = f; });
    };
    const auto tensors = [](std::function<void(GgufBytes&)> f) {
        return Mutation([f](Parts& p) { p.tensors = f; });
    };
    const uint32_t q8 = uint32_t(TensorType::Q8_0), f32 = uint32_t(TensorType::F32);

    QTest::addRow("wrong magic") << Mutation([](Parts& p) {
        p.magic = {'G', 'G', 'M', 'L'};
    }) << QStringLiteral("not a GGUF file");
    QTest::addRow("version 1") << Mutation([](Parts& p) { p.version = 1; })
                               << QStringLiteral("GGUF version 1 is not supported");
    QTest::addRow("version 4") << Mutation([](Parts& p) { p.version = 4; })
                               << QStringLiteral("unsupported GGUF version 4");
    QTest::addRow("big-endian") << Mutation([](Parts& p) { p.version = 0x03000000; })
                                << QStringLiteral("big-endian");
    QTest::addRow("huge kv count")
        << Mutation([](Parts& p) { p.kv_count = 1ull << 62; })
        << QStringLiteral("declares 4611686018427387904 metadata entries");
    QTest::addRow("huge tensor count")
        << Mutation([](Parts& p) { p.tensor_count = ~0ull; }) << QStringLiteral("tensors, but the");
    QTest::addRow("huge key length")
        << kv([](GgufBytes& b) { b.u64(~0ull).u32(8); })
        << QStringLiteral("metadata entry 0 (key) has a string length of 18446744073709551615");
    QTest::addRow("huge string value") << kv([](GgufBytes& b) {
        b.string("general.name").u32(uint32_t(GgufType::String)).u64(1ull << 40);
    }) << QStringLiteral("metadata key general.name has a string length of 1099511627776");
    QTest::addRow("huge array count") << kv([](GgufBytes& b) {
        b.string("tokenizer.ggml.tokens")
            .u32(uint32_t(GgufType::Array))
            .u32(uint32_t(GgufType::String))
            .u64(1ull << 61);
    }) << QStringLiteral("tokenizer.ggml.tokens declares 2305843009213693952 string elements");
    QTest::addRow("huge numeric array") << kv([](GgufBytes& b) {
        b.string("scores")
            .u32(uint32_t(GgufType::Array))
            .u32(uint32_t(GgufType::Float32))
            .u64(~0ull / 2);
    }) << QStringLiteral("float32 elements, but only");
    QTest::addRow("unknown value type")
        << kv([](GgufBytes& b) { b.string("general.x").u32(13).u32(0); })
        << QStringLiteral("general.x has value type 13, which is not a known GGUF metadata type");
    QTest::addRow("unknown array type") << kv([](GgufBytes& b) {
        b.string("general.x").u32(uint32_t(GgufType::Array)).u32(77).u64(1);
    }) << QStringLiteral("is an array of value type 77");
    QTest::addRow("arrays nested too deep") << kv([](GgufBytes& b) {
        b.string("deep").u32(uint32_t(GgufType::Array));
        for (int i = 0; i < 6; ++i)
            b.u32(uint32_t(GgufType::Array)).u64(1);
        b.u32(uint32_t(GgufType::UInt8)).u64(0);
    }) << QStringLiteral("nests arrays more than 4 deep");
    QTest::addRow("empty key") << kv([](GgufBytes& b) {
        b.string("").u32(uint32_t(GgufType::UInt8)).u8(1);
    }) << QStringLiteral("metadata entry 0 has an empty key");
    QTest::addRow("duplicate key") << Mutation([](Parts& p) {
        p.kv_count = 2;
        p.kvs = [](GgufBytes& b) {
            b.string("general.name").u32(uint32_t(GgufType::UInt8)).u8(1);
            b.string("general.name").u32(uint32_t(GgufType::UInt8)).u8(2);
        };
    }) << QStringLiteral("metadata key general.name appears more than once");
    QTest::addRow("alignment not a power of two") << kv([](GgufBytes& b) {
        b.string("general.alignment").u32(uint32_t(GgufType::UInt32)).u32(48);
    }) << QStringLiteral("general.alignment is 48, which is not a power of two");
    QTest::addRow("alignment zero") << kv([](GgufBytes& b) {
        b.string("general.alignment").u32(uint32_t(GgufType::UInt32)).u32(0);
    }) << QStringLiteral("general.alignment is 0, which is not a power of two");
    QTest::addRow("alignment of the wrong type") << kv([](GgufBytes& b) {
        b.string("general.alignment").u32(uint32_t(GgufType::String)).string("32");
    }) << QStringLiteral("general.alignment has type string, expected uint32");
    QTest::addRow("n_dims 0") << tensors(tensor_info("t", {}, q8, 0))
                              << QStringLiteral("tensor t has 0 dimensions; 1 to 4 are allowed");
    QTest::addRow("n_dims 5") << tensors(tensor_info("t", {32, 1, 1, 1, 2}, q8, 0))
                              << QStringLiteral("tensor t has 5 dimensions");
    QTest::addRow("zero dimension") << tensors(tensor_info("t", {32, 0}, q8, 0))
                                    << QStringLiteral("tensor t has a zero-sized dimension 1");
    QTest::addRow("shape overflow") << tensors(tensor_info("t", {1ull << 32, 1ull << 32}, f32, 0))
                                    << QStringLiteral("element count overflows");
    QTest::addRow("byte size overflow") << tensors(tensor_info("t", {1ull << 62}, f32, 0))
                                        << QStringLiteral("size in bytes overflows");
    QTest::addRow("unknown tensor type")
        << tensors(tensor_info("blk.3.attn_q.weight", {32, 2}, 99, 0))
        << QStringLiteral("hostile.gguf: tensor blk.3.attn_q.weight has type 99, "
                          "which is not a known GGUF tensor type");
    QTest::addRow("partial block")
        << tensors(tensor_info("t", {48, 2}, q8, 0))
        << QStringLiteral("48 values per row, which is not a multiple of 32");
    QTest::addRow("misaligned offset")
        << tensors(tensor_info("t", {32, 2}, q8, 4))
        << QStringLiteral(
               "tensor t has data offset 4, which is not a multiple of the alignment 32");
    QTest::addRow("data past end of file")
        << tensors(tensor_info("t", {32, 4}, q8, 0)) << QStringLiteral("past the end of the file");
    QTest::addRow("offset past end of file") << tensors(tensor_info("t", {32, 2}, q8, 1ull << 63))
                                             << QStringLiteral("past the end of the file");
    QTest::addRow("huge tensor name length")
        << tensors([](GgufBytes& b) { b.u64(~0ull - 3); })
        << QStringLiteral("tensor 0 (name) has a string length");
    QTest::addRow("duplicate tensor name") << Mutation([](Parts& p) {
        p.tensor_count = 2;
        p.tensors = [](GgufBytes& b) {
            tensor_info("t", {32}, uint32_t(TensorType::Q8_0), 0)(b);
            tensor_info("t", {32}, uint32_t(TensorType::Q8_0), 64)(b);
        };
    }) << QStringLiteral("tensor t appears more than once");
    QTest::addRow("odd name is quoted")
        << tensors(tensor_info(std::string("a b\n", 4), {32, 2}, 99, 0))
        << QStringLiteral("tensor 'a b\\x0a' has type 99");
}

void GgufHostileTest::corruption()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, expected);
    Parts parts;
    mutate(parts);
    const std::vector<uint8_t> bytes = parts.bytes();
    auto file = GgufFile::from_memory(bytes, "hostile.gguf");
    QVERIFY2(!file, "the corrupt file was accepted");
    const QString message = QString::fromStdString(file.message());
    QVERIFY2(message.startsWith(QStringLiteral("hostile.gguf: ")), qPrintable(message));
    QVERIFY2(message.contains(expected), qPrintable(message));
}

QTEST_GUILESS_MAIN(GgufHostileTest)
#include "gguf_hostile_test.moc"
