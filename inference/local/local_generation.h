// A generation by a local model as the caller sees it: text arrives in batches of about one
// frame (16 ms), however fast the model decodes, so a view repaints once per frame rather than
// once per token; finished() follows the last text exactly once.
#pragma once

#include "inference/backend.h"
#include "inference/local/local_stream.h"

#include <QTimer>

#include <memory>

namespace kurabe::inference {

class LocalGeneration final : public Generation
{
    Q_OBJECT
public:
    explicit LocalGeneration(std::shared_ptr<LocalStream> stream, QObject* parent = nullptr);
    ~LocalGeneration() override; // a generation dropped while running is cancelled

    void cancel() override;
    bool isFinished() const { return done_; }

    // The worker's last word, delivered on this object's thread.
    void complete(const GenerationResult& result);

private:
    void drain();

    std::shared_ptr<LocalStream> stream_;
    QTimer frame_;
    bool done_ = false;
};

} // namespace kurabe::inference
