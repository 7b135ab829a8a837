// One conversation being chatted in, for the GUI and the terminal alike: turns the user's
// message into a stored message, asks the chosen Backend for the answer, saves the answer while
// it streams (at least every 250 ms) and stores its metrics when it ends — on the storage
// writer's thread when one is given (the window), so streaming never waits on the disk.
// Regenerate and edit add siblings in the message tree, so no earlier answer is ever lost.
#pragma once

#include "chat/answer_writer.h"
#include "inference/backend.h"
#include "storage/stores/conversation_store.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace kurabe::app {

class ChatController : public QObject
{
    Q_OBJECT
public:
    // `writer` (optional) must outlive the controller and write the same database as `store`.
    explicit ChatController(storage::ConversationStore& store,
                            storage::StorageWriter* writer = nullptr, QObject* parent = nullptr);
    ~ChatController() override; // stops a streaming answer, keeping what it said

    // The model answering from now on (not owned; may be null: sending then fails).
    void setBackend(inference::Backend* backend);
    inference::Backend* backend() const { return backend_; }

    // Sampling for new answers; stored with each answer.
    void setSampling(const inference::SamplingParams& sampling) { sampling_ = sampling; }
    const inference::SamplingParams& sampling() const { return sampling_; }

    storage::StorageResult<qint64> newConversation(const QString& system_prompt = {});
    void openConversation(qint64 id) { conversation_id_ = id; }
    qint64 conversationId() const { return conversation_id_; }

    // Adds `text` as the user's next message on the active branch and starts the answer.
    // Returns the answer's message id.
    storage::StorageResult<qint64> send(const QString& text);
    // A new answer to the same question, as a sibling of `assistant_message_id`.
    storage::StorageResult<qint64> regenerate(qint64 assistant_message_id);
    // The user's message `user_message_id` rewritten (a sibling), then answered.
    storage::StorageResult<qint64> editAndResend(qint64 user_message_id, const QString& text);

    void stop(); // the answer ends within one token, keeping its text
    // From answerStarted until answerFinished (which follows the answer's final save).
    bool isAnswering() const { return answer_id_ != 0; }
    qint64 answeringMessageId() const { return answer_id_; }

signals:
    void answerStarted(qint64 conversation_id, qint64 message_id);
    void answerDelta(qint64 message_id, const QString& text);
    void answerFinished(qint64 message_id, const kurabe::inference::GenerationResult& result);
    // The conversation outgrew the context and its oldest turns were left out of this answer.
    void contextTrimmed(qint64 message_id, int dropped_messages);
    // Saving failed (disk full, read-only file); the text stays in memory and is retried.
    void storageError(const QString& message);

private:
    storage::StorageResult<qint64> answer(qint64 parent_id);
    void onFinished(const inference::GenerationResult& result);
    void autoTitle();

    storage::ConversationStore& store_;
    QPointer<inference::Backend> backend_;
    inference::SamplingParams sampling_;
    qint64 conversation_id_ = 0;

    std::unique_ptr<inference::Generation> generation_;
    storage::StorageWriter* writer_;
    std::unique_ptr<AnswerWriter> saver_;
    qint64 answer_id_ = 0;
};

// A title from the first user message: its first line, cut at a word boundary near 60
// characters.
QString titleFromMessage(const QString& text);

} // namespace kurabe::app
