// What a GGUF file is, read from its header and checked by the engine: the facts the Models
// page, `kurabe models inspect` and the model_files table show without running the model.
#pragma once

#include <QJsonObject>
#include <QString>

namespace kurabe::app {

// The summary of the file at `path` as JSON, with these keys (stable: stored in model_files):
//   file, file_size (bytes), gguf_version, architecture, name, license, parameters,
//   tensors, tensor_types [{type, tensors, bytes}], chat_template (text or null),
//   runnable (bool), reason (why not, when not runnable), and when runnable: context_length,
//   n_vocab, n_embd, n_layer, n_head, n_head_kv, head_dim, n_ff, rope_freq_base,
//   tied_embeddings.
// A file that is not GGUF at all gives an empty object and `error` says why.
QJsonObject summarize_gguf(const QString& path, QString* error);

// "260.0K", "1.24B": a parameter count for people.
QString human_count(qint64 n);

// "Q4_K 80% · Q6_K 12% · F32 8%": the tensor types by share of the bytes, largest first.
QString quantization_mix(const QJsonObject& summary);

} // namespace kurabe::app
