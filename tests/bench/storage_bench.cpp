// Storage at the scale of a heavy user: about 100k messages in 10k conversations (one of them
// 1,000 messages long), Japanese and English text. Reports the bulk insert rate through the
// writer queue (one job per message, as the app saves them), the latencies the UI waits on
// (conversation list first page, loading the long conversation, searches) on a reader
// connection, and export/import throughput. Figures only: machines are noisy.
// Usage: bench_storage [CONVERSATIONS] (default 10000).
#include "storage/schema/schema.h"
#include "storage/search/search_index.h"
#include "storage/service/storage_writer.h"
#include "storage/stores/conversation_store.h"
#include "storage/transfer/exporter.h"
#include "storage/transfer/importer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace kurabe::storage;

namespace {

constexpr int kMessagesPerConversation = 10;
constexpr int kLongConversation = 1000; // messages

// Deterministic chat-like text, half Japanese, half English, ~200-400 characters.
QString message_text(qint64 n)
{
    static const QStringList japanese{
        QStringLiteral("大規模言語モデルは大量のテキストで学習します。"),
        QStringLiteral("京都の紅葉は十一月が見頃です。"),
        QStringLiteral("量子化するとメモリ使用量が減ります。"),
        QStringLiteral("この関数は配列を並べ替えて返します。"),
        QStringLiteral("明日の会議の議題をまとめてください。")};
    static const QStringList english{
        QStringLiteral("A KV cache keeps the keys and values of earlier tokens. "),
        QStringLiteral("Kyoto temples are busy in autumn, go early in the morning. "),
        QStringLiteral("Quantization trades a little accuracy for a lot of memory. "),
        QStringLiteral("The function sorts the array in place and returns it. "),
        QStringLiteral("Please summarise the agenda for tomorrow's meeting. ")};
    const QStringList& words = n % 2 == 0 ? japanese : english;
    QString text;
    for (qint64 i = 0; i < 4 + n % 5; ++i) {
        text += words[(n * 7 + i * 3) % words.size()];
    }
    return text + QString::number(n);
}

double median_ms(const std::function<void()>& run, int repeats = 15)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        run();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

template <typename T>
T checked(StorageResult<T> result)
{
    if (!result) {
        std::fprintf(stderr, "bench_storage: %s\n", qPrintable(result.message()));
        std::exit(1);
    }
    return std::move(result).value();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int conversations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10000;
    QTemporaryDir dir;
    const QString path = database_path(dir.path());
    std::unique_ptr<StorageWriter> writer = checked(StorageWriter::open(path));

    // Insert: every message is its own queued job and transaction, as when chatting.
    QElapsedTimer timer;
    timer.start();
    qint64 long_conversation = 0;
    qint64 total_messages = 0;
    for (int c = 0; c < conversations; ++c) {
        const int messages = c == conversations / 2 ? kLongConversation : kMessagesPerConversation;
        const qint64 first_text = total_messages;
        total_messages += messages;
        writer->post([c, messages, first_text, &long_conversation,
                      conversations](Database& database) {
            ConversationStore store(database);
            const qint64 id =
                checked(store.create({QStringLiteral("Conversation %1").arg(c), {}, {}, {}}));
            if (c == conversations / 2) {
                long_conversation = id;
            }
            std::optional<qint64> parent;
            for (int m = 0; m < messages; ++m) {
                const MessageRole role = m % 2 == 0 ? MessageRole::User : MessageRole::Assistant;
                parent = checked(
                    store.add_message(id, parent, {role, message_text(first_text + m), {}, {}}));
            }
        });
    }
    writer->wait_until_idle();
    const double insert_s = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    std::printf("database: %d conversations, %lld messages, %.1f MB\n", conversations,
                static_cast<long long>(total_messages),
                static_cast<double>(QFileInfo(path).size() +
                                    QFileInfo(path + QStringLiteral("-wal")).size()) /
                    1e6);
    std::printf("%-44s %10.0f messages/s (%.1f s)\n", "insert through the writer queue",
                static_cast<double>(total_messages) / insert_s, insert_s);

    std::unique_ptr<Database> reader = checked(writer->open_reader());
    ConversationStore conversations_read(*reader);
    SearchIndex index(*reader);
    std::printf("%-44s %10.2f ms\n", "conversation list, first page (50)", median_ms([&] {
                    (void)checked(conversations_read.list({ArchiveFilter::NotArchived, 0, 50}));
                }));
    std::size_t loaded = 0;
    const double load_ms = median_ms(
        [&] { loaded = checked(conversations_read.active_path(long_conversation)).size(); });
    std::printf("%-44s %10.2f ms (%zu messages)\n", "load the long conversation", load_ms, loaded);
    for (const char* query : {"言語モデル", "紅葉は十一月", "KV cache", "kyoto temples autumn",
                              "summarise agenda", "54321", "AI"}) {
        std::size_t hits = 0;
        const double ms =
            median_ms([&] { hits = checked(index.search(QString::fromUtf8(query), 20)).size(); });
        std::printf("search %-37s %10.2f ms (%zu hits)\n",
                    qPrintable(QStringLiteral("\"%1\"").arg(QString::fromUtf8(query))), ms, hits);
    }

    const QString file = dir.filePath(QStringLiteral("all.jsonl.zst"));
    timer.restart();
    const ExportSummary exported =
        checked(export_to_file(*reader, ExportScope::Everything, 0, file));
    const double export_s = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    std::printf("%-44s %10.1f MB/s of JSON (%.1f MB -> %.1f MB zstd, %.2f s)\n",
                "export everything",
                static_cast<double>(exported.uncompressed_bytes) / 1e6 / export_s,
                static_cast<double>(exported.uncompressed_bytes) / 1e6,
                static_cast<double>(QFileInfo(file).size()) / 1e6, export_s);

    QTemporaryDir empty;
    std::unique_ptr<StorageWriter> target =
        checked(StorageWriter::open(database_path(empty.path())));
    timer.restart();
    const ImportSummary imported = checked(
        target->submit([file](Database& database) { return import_from_file(database, file); })
            .result());
    const double import_s = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    std::printf("%-44s %10.0f messages/s (%.1f MB/s of JSON, %.2f s)\n",
                "import into an empty database",
                static_cast<double>(imported.imported.messages) / import_s,
                static_cast<double>(exported.uncompressed_bytes) / 1e6 / import_s, import_s);
    return 0;
}
