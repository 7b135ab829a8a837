#include "model/model.h"

#include "gguf/gguf_file.h"

namespace kurabe {

Model::~Model() = default;

Result<std::unique_ptr<Model>> Model::load(const std::string& path)
{
    Result<std::unique_ptr<GgufFile>> file = GgufFile::open(path);
    if (!file)
        return file.error();
    return from_file(std::move(*file));
}

Result<std::unique_ptr<Model>> Model::from_file(std::unique_ptr<GgufFile> file)
{
    std::unique_ptr<Model> model(new Model());
    model->file_ = std::move(file);
    Result<int32_t> n_vocab = embedding_rows(*model->file_);
    if (!n_vocab)
        return n_vocab.error();
    Result<HParams> hparams = read_hparams(*model->file_, *n_vocab);
    if (!hparams)
        return hparams.error();
    model->hparams_ = std::move(*hparams);
    Result<Weights> weights = bind_weights(*model->file_, model->hparams_);
    if (!weights)
        return weights.error();
    model->weights_ = std::move(*weights);
    return model;
}

Result<std::unique_ptr<Model>> Model::from_image(std::vector<uint8_t> image, std::string name)
{
    // The vector's heap block does not move with the vector, so the file's view stays valid.
    Result<std::unique_ptr<GgufFile>> file = GgufFile::from_memory(image, std::move(name));
    if (!file)
        return file.error();
    Result<std::unique_ptr<Model>> model = from_file(std::move(*file));
    if (model)
        (*model)->image_ = std::move(image);
    return model;
}

uint64_t Model::parameter_count() const
{
    uint64_t total = 0;
    for (const GgufTensor& t : file_->tensors())
        total += t.elements;
    return total;
}

uint64_t Model::bytes_per_token() const
{
    uint64_t total = weights_.output.bytes() + weights_.token_embd.row_bytes;
    for (const LayerWeights& l : weights_.layers) {
        for (const Matrix* m :
             {&l.wq, &l.wk, &l.wv, &l.wqkv, &l.wo, &l.ffn_gate, &l.ffn_up, &l.ffn_down})
            total += m->bytes();
    }
    return total;
}

} // namespace kurabe
