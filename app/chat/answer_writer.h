// Saves an answer while it streams in: the text is written at least every 250 ms
// (storage::AnswerSaver::kSaveInterval), so a crash loses at most that much, and the final text
// with its metrics when it ends. Given a StorageWriter (the window), every write is a job on the
// writer thread and the UI thread never waits on the disk; without one (the terminal), the
// writes go through `store` on this thread. A failed write keeps the whole text; the next one
// carries it again.
#pragma once

#include "storage/service/storage_writer.h"
#include "storage/stores/answer_saver.h"
#include "storage/stores/conversation_store.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <memory>

namespace kurabe::app {

class AnswerWriter : public QObject
{
    Q_OBJECT
public:
    // `store` (and `writer`, when given) must outlive this object; `message_id` is the answer
    // message already added.
    AnswerWriter(storage::ConversationStore& store, storage::StorageWriter* writer,
                 qint64 message_id, QObject* parent = nullptr);

    void append(const QString& piece);
    // Writes what is not written yet; with a writer it is queued, and lands even if this object
    // is destroyed first (the writer runs every queued job before it closes).
    void flush();
    // Writes the final text and metrics; `done` runs on this thread once they are on disk (or
    // the write failed, after storageError). Not called when this object is destroyed first.
    void finish(const storage::MessageMetrics& metrics, std::function<void()> done);

    const QString& text() const { return text_; }

signals:
    void storageError(const QString& message);

private:
    // Queues the whole text so far (every write carries all of it, so none depends on another
    // having succeeded).
    void post();

    storage::StorageWriter* writer_;
    std::unique_ptr<storage::AnswerSaver> saver_; // without a writer
    qint64 message_id_;
    QString text_;
    qsizetype posted_size_ = 0;
    QElapsedTimer since_post_;
};

} // namespace kurabe::app
