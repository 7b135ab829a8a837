// A loaded model: the mapped GGUF file, its hyperparameters and bound weights. Immutable once
// loaded, so sessions on several threads may share it.
#pragma once

#include "core/result.h"
#include "model/hparams.h"
#include "model/weights.h"

#include <memory>
#include <string>
#include <vector>

namespace kurabe {

class GgufFile;

class Model
{
public:
    static Result<std::unique_ptr<Model>> load(const std::string& path);
    // Takes an already opened file (tests build models in memory).
    static Result<std::unique_ptr<Model>> from_file(std::unique_ptr<GgufFile> file);
    // A model from a GGUF image in memory, which the model keeps (synthetic models).
    static Result<std::unique_ptr<Model>> from_image(std::vector<uint8_t> image, std::string name);
    ~Model();

    const GgufFile& file() const { return *file_; }
    const HParams& hparams() const { return hparams_; }
    const Weights& weights() const { return weights_; }

    // Total parameters (elements of every tensor).
    uint64_t parameter_count() const;
    // Bytes of weights one decoded token reads (every matrix once; the embedding row only).
    uint64_t bytes_per_token() const;

private:
    Model() = default;
    std::vector<uint8_t> image_; // the file's bytes when built in memory; empty when mapped
    std::unique_ptr<GgufFile> file_;
    HParams hparams_;
    Weights weights_;
};

} // namespace kurabe
