#include "chat/answer_writer.h"

namespace kurabe::app {

using storage::StorageResult;

AnswerWriter::AnswerWriter(storage::ConversationStore& store, storage::StorageWriter* writer,
                           qint64 message_id, QObject* parent)
    : QObject(parent), writer_(writer), message_id_(message_id)
{
    if (!writer_)
        saver_ = std::make_unique<storage::AnswerSaver>(store, message_id);
    since_post_.start();
}

void AnswerWriter::append(const QString& piece)
{
    text_ += piece;
    if (saver_) {
        if (StorageResult<void> saved = saver_->append(piece); !saved)
            emit storageError(saved.message());
        return;
    }
    if (since_post_.elapsed() >= storage::AnswerSaver::kSaveInterval.count())
        post();
}

void AnswerWriter::flush()
{
    if (saver_) {
        if (StorageResult<void> saved = saver_->flush(); !saved)
            emit storageError(saved.message());
        return;
    }
    if (posted_size_ != text_.size())
        post();
}

void AnswerWriter::post()
{
    since_post_.restart();
    posted_size_ = text_.size();
    writer_->submit(
        [id = message_id_, text = text_](storage::Database& database) {
            return storage::ConversationStore(database).update_message_content(id, text);
        },
        this,
        [this](const StorageResult<void>& saved) {
            if (!saved) {
                // Written again with the next piece or at the end.
                posted_size_ = -1;
                emit storageError(saved.message());
            }
        });
}

void AnswerWriter::finish(const storage::MessageMetrics& metrics, std::function<void()> done)
{
    if (saver_) {
        if (StorageResult<void> saved = saver_->finish(metrics); !saved)
            emit storageError(saved.message());
        done();
        return;
    }
    posted_size_ = text_.size();
    writer_->submit(
        [id = message_id_, text = text_, metrics](storage::Database& database) {
            return storage::ConversationStore(database).finish_message(id, text, metrics);
        },
        this,
        [this, done = std::move(done)](const StorageResult<void>& saved) {
            if (!saved)
                emit storageError(saved.message());
            done();
        });
}

} // namespace kurabe::app
