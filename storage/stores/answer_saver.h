// Saves an answer while it streams in: the text is kept in memory and written at least every
// kSaveInterval, so a crash loses at most that much. A failed save (disk full, read-only file)
// keeps the whole text in memory; the next append(), flush() or finish() tries again.
#pragma once

#include "storage/stores/conversation_store.h"

#include <QElapsedTimer>

#include <chrono>

namespace kurabe::storage {

class AnswerSaver
{
public:
    static constexpr std::chrono::milliseconds kSaveInterval{250};

    // `message_id` is the (usually empty) answer message already added to `store`.
    AnswerSaver(ConversationStore& store, qint64 message_id);

    // Adds a piece of the answer; saves when the last save is kSaveInterval old.
    StorageResult<void> append(const QString& piece);
    // Saves now if anything is unsaved.
    StorageResult<void> flush();
    // Saves the final text with its metrics.
    StorageResult<void> finish(const MessageMetrics& metrics);

    const QString& text() const { return text_; }
    qsizetype saved_size() const { return saved_size_; } // UTF-16 units of text() on disk

private:
    ConversationStore& store_;
    qint64 message_id_;
    QString text_;
    qsizetype saved_size_ = 0;
    QElapsedTimer since_save_;
};

} // namespace kurabe::storage
