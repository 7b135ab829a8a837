#include "chat/chat_controller.h"

namespace kurabe::app {

using storage::MessageRole;
using storage::StorageError;
using storage::StorageResult;

namespace {

QString role_text(MessageRole role)
{
    switch (role) {
    case MessageRole::System:
        return QStringLiteral("system");
    case MessageRole::User:
        return QStringLiteral("user");
    case MessageRole::Assistant:
        return QStringLiteral("assistant");
    case MessageRole::Tool:
        return QStringLiteral("tool");
    }
    return QStringLiteral("user");
}

StorageError busy()
{
    return StorageError{storage::StorageErrorKind::InvalidArgument, 0,
                        QStringLiteral("an answer is still being written; stop it first")};
}

} // namespace

ChatController::ChatController(storage::ConversationStore& store, storage::StorageWriter* writer,
                               QObject* parent)
    : QObject(parent), store_(store), writer_(writer)
{}

ChatController::~ChatController()
{
    if (generation_) {
        generation_->disconnect(this);
        generation_->cancel();
    }
    // Keep what was said (queued on the writer, which runs it before it closes); a failed save
    // here has no one left to tell.
    if (saver_) {
        saver_->disconnect(this);
        saver_->flush();
    }
}

void ChatController::setBackend(inference::Backend* backend)
{
    backend_ = backend;
}

StorageResult<qint64> ChatController::newConversation(const QString& system_prompt)
{
    storage::NewConversation conversation;
    conversation.system_prompt = system_prompt;
    conversation.default_sampling = sampling_.toJson();
    if (backend_)
        conversation.default_target = backend_->target();
    StorageResult<qint64> id = store_.create(conversation);
    if (id)
        conversation_id_ = *id;
    return id;
}

StorageResult<qint64> ChatController::send(const QString& text)
{
    if (isAnswering())
        return busy();
    if (conversation_id_ == 0) {
        if (StorageResult<qint64> created = newConversation(); !created)
            return created.error();
    }
    StorageResult<std::vector<storage::Message>> path = store_.active_path(conversation_id_);
    if (!path)
        return path.error();
    std::optional<qint64> parent;
    if (!path->empty())
        parent = path->back().id;
    storage::NewMessage message;
    message.role = MessageRole::User;
    message.content = text;
    StorageResult<qint64> user = store_.add_message(conversation_id_, parent, message);
    if (!user)
        return user.error();
    return answer(*user);
}

StorageResult<qint64> ChatController::regenerate(qint64 assistant_message_id)
{
    if (isAnswering())
        return busy();
    StorageResult<storage::Message> old = store_.message(assistant_message_id);
    if (!old)
        return old.error();
    if (old->role != MessageRole::Assistant || !old->parent_id)
        return StorageError{storage::StorageErrorKind::InvalidArgument, 0,
                            QStringLiteral("only an answer can be regenerated")};
    conversation_id_ = old->conversation_id;
    return answer(*old->parent_id);
}

StorageResult<qint64> ChatController::editAndResend(qint64 user_message_id, const QString& text)
{
    if (isAnswering())
        return busy();
    StorageResult<storage::Message> old = store_.message(user_message_id);
    if (!old)
        return old.error();
    if (old->role != MessageRole::User)
        return StorageError{storage::StorageErrorKind::InvalidArgument, 0,
                            QStringLiteral("only the user's messages can be edited")};
    conversation_id_ = old->conversation_id;
    storage::NewMessage message;
    message.role = MessageRole::User;
    message.content = text;
    StorageResult<qint64> user = store_.add_message(conversation_id_, old->parent_id, message);
    if (!user)
        return user.error();
    return answer(*user);
}

StorageResult<qint64> ChatController::answer(qint64 parent_id)
{
    if (!backend_)
        return StorageError{storage::StorageErrorKind::InvalidArgument, 0,
                            QStringLiteral("no model is chosen for this conversation")};
    // The question is the active path down to `parent_id` (the new message is active there).
    StorageResult<std::vector<storage::Message>> path = store_.active_path(conversation_id_);
    if (!path)
        return path.error();
    StorageResult<storage::Conversation> conversation = store_.conversation(conversation_id_);
    if (!conversation)
        return conversation.error();

    inference::GenerationRequest request;
    request.sampling = sampling_;
    if (!conversation->system_prompt.isEmpty())
        request.messages.append({QStringLiteral("system"), conversation->system_prompt});
    for (const storage::Message& m : *path) {
        // An answer that failed before saying anything is not part of the conversation.
        if (!(m.role == MessageRole::Assistant && m.content.isEmpty()))
            request.messages.append({role_text(m.role), m.content});
        if (m.id == parent_id)
            break;
    }

    storage::NewMessage message;
    message.role = MessageRole::Assistant;
    message.target = backend_->target();
    message.sampling = sampling_.toJson();
    StorageResult<qint64> id = store_.add_message(conversation_id_, parent_id, message);
    if (!id)
        return id.error();

    answer_id_ = *id;
    saver_ = std::make_unique<AnswerWriter>(store_, writer_, answer_id_);
    connect(saver_.get(), &AnswerWriter::storageError, this, &ChatController::storageError);
    generation_.reset(backend_->start(request));
    connect(generation_.get(), &inference::Generation::textDelta, this,
            [this](const QString& text) {
                saver_->append(text);
                emit answerDelta(answer_id_, text);
            });
    connect(generation_.get(), &inference::Generation::finished, this, &ChatController::onFinished);
    emit answerStarted(conversation_id_, answer_id_);
    return answer_id_;
}

void ChatController::onFinished(const inference::GenerationResult& result)
{
    storage::MessageMetrics metrics;
    metrics.tokens_in = result.usage.input_tokens;
    metrics.tokens_out = result.usage.output_tokens;
    metrics.ttft_ms = result.ttft_ms;
    metrics.tokens_per_s = result.tokens_per_second;
    metrics.cost_usd = result.cost_usd;
    metrics.finish_reason = inference::finishReasonName(result.finish);
    metrics.error = result.error_message;
    // The generation is deleted later: this slot runs inside its signal.
    generation_.release()->deleteLater();
    // The answer ends once it is saved, so whoever reads it then finds all of it.
    saver_->finish(metrics, [this, result] {
        const qint64 id = answer_id_;
        saver_.release()->deleteLater(); // this runs inside its callback
        answer_id_ = 0;
        if (const int dropped = result.details.value(QStringLiteral("dropped_messages")).toInt();
            dropped > 0)
            emit contextTrimmed(id, dropped);
        autoTitle();
        emit answerFinished(id, result);
    });
}

void ChatController::autoTitle()
{
    StorageResult<storage::Conversation> conversation = store_.conversation(conversation_id_);
    if (!conversation || !conversation->title.isEmpty())
        return;
    StorageResult<std::vector<storage::Message>> path = store_.active_path(conversation_id_);
    if (!path)
        return;
    for (const storage::Message& m : *path) {
        if (m.role == MessageRole::User) {
            const QString title = titleFromMessage(m.content);
            // A title is a convenience: failing to save it must not disturb the answer.
            if (!title.isEmpty())
                static_cast<void>(store_.rename(conversation_id_, title));
            return;
        }
    }
}

void ChatController::stop()
{
    if (generation_)
        generation_->cancel();
}

QString titleFromMessage(const QString& text)
{
    constexpr qsizetype kLimit = 60;
    QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() <= kLimit)
        return line;
    qsizetype cut = line.lastIndexOf(QLatin1Char(' '), kLimit);
    // Scripts without spaces (Japanese) are cut at the limit.
    if (cut < kLimit / 2)
        cut = kLimit;
    return line.left(cut).trimmed() + QStringLiteral("…");
}

} // namespace kurabe::app
