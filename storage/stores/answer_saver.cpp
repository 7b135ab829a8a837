#include "storage/stores/answer_saver.h"

namespace kurabe::storage {

AnswerSaver::AnswerSaver(ConversationStore& store, qint64 message_id)
    : store_(store), message_id_(message_id)
{
    since_save_.start();
}

StorageResult<void> AnswerSaver::append(const QString& piece)
{
    text_ += piece;
    if (since_save_.elapsed() < kSaveInterval.count()) {
        return {};
    }
    return flush();
}

StorageResult<void> AnswerSaver::flush()
{
    if (saved_size_ == text_.size()) {
        since_save_.restart();
        return {};
    }
    StorageResult<void> saved = store_.update_message_content(message_id_, text_);
    // Restarted on failure too: retrying on every piece would turn a full disk into a busy loop.
    since_save_.restart();
    if (saved) {
        saved_size_ = text_.size();
    }
    return saved;
}

StorageResult<void> AnswerSaver::finish(const MessageMetrics& metrics)
{
    StorageResult<void> saved = store_.finish_message(message_id_, text_, metrics);
    if (saved) {
        saved_size_ = text_.size();
    }
    return saved;
}

} // namespace kurabe::storage
