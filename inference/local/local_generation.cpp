#include "inference/local/local_generation.h"

namespace kurabe::inference {

LocalGeneration::LocalGeneration(std::shared_ptr<LocalStream> stream, QObject* parent)
    : Generation(parent), stream_(std::move(stream))
{
    frame_.setInterval(16);
    connect(&frame_, &QTimer::timeout, this, &LocalGeneration::drain);
    frame_.start();
}

LocalGeneration::~LocalGeneration()
{
    stream_->cancel.store(true);
}

void LocalGeneration::cancel()
{
    stream_->cancel.store(true);
}

void LocalGeneration::drain()
{
    const std::string text = stream_->take();
    if (!text.empty())
        emit textDelta(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
}

void LocalGeneration::complete(const GenerationResult& result)
{
    if (done_)
        return;
    frame_.stop();
    drain();
    done_ = true;
    emit finished(result);
}

} // namespace kurabe::inference
