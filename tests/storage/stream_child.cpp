// The child process of answer_saver_test: streams an answer into a new message of the
// database given as argument until it is killed. Prints "message ID" once, then "saved N"
// after each save that reached the database (N: UTF-16 units of the text on disk).
#include "storage/schema/schema.h"
#include "storage/stores/answer_saver.h"
#include "stream_child_text.h"

#include <QThread>

#include <cstdio>

using namespace kurabe::storage;

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DATABASE\n", argv[0]);
        return 2;
    }
    StorageResult<std::unique_ptr<Database>> database =
        open_kurabe_database(QString::fromLocal8Bit(argv[1]), OpenMode::ReadWrite);
    if (!database) {
        std::fprintf(stderr, "%s\n", qPrintable(database.message()));
        return 1;
    }
    ConversationStore store(**database);
    const StorageResult<qint64> conversation = store.create({QStringLiteral("stream"), {}, {}, {}});
    const StorageResult<qint64> message =
        conversation
            ? store.add_message(*conversation, std::nullopt, {MessageRole::Assistant, {}, {}, {}})
            : StorageResult<qint64>(conversation.error());
    if (!message) {
        std::fprintf(stderr, "%s\n", qPrintable(message.message()));
        return 1;
    }
    std::printf("message %lld\n", static_cast<long long>(*message));
    std::fflush(stdout);
    AnswerSaver saver(store, *message);
    for (int index = 0;; ++index) {
        const qsizetype saved_before = saver.saved_size();
        StorageResult<void> appended = saver.append(stream_piece(index));
        if (!appended) {
            std::fprintf(stderr, "%s\n", qPrintable(appended.message()));
            return 1;
        }
        if (saver.saved_size() != saved_before) {
            std::printf("saved %lld\n", static_cast<long long>(saver.saved_size()));
            std::fflush(stdout);
        }
        QThread::usleep(500); // about 2,000 pieces a second: a fast local model
    }
}
