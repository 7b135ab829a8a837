// zstd-compressed text files, streamed: ZstdFileWriter compresses into a file that appears only
// when finished (QSaveFile: a failed export leaves no half file); ZstdLineReader decompresses
// one line at a time and knows where each line starts, so an import error can say where the
// file broke. Compression is single-threaded at a fixed level, so the same text always gives
// the same bytes (with the same libzstd).
#pragma once

#include "storage/sqlite/storage_error.h"

#include <QByteArray>
#include <QFile>
#include <QSaveFile>

#include <memory>
#include <optional>

struct ZSTD_CCtx_s;
struct ZSTD_DCtx_s;

namespace kurabe::storage {

class ZstdFileWriter
{
public:
    static constexpr int kLevel = 9; // exports are written once and kept: favour size

    static StorageResult<std::unique_ptr<ZstdFileWriter>> create(const QString& path);
    ~ZstdFileWriter();
    ZstdFileWriter(const ZstdFileWriter&) = delete;
    ZstdFileWriter& operator=(const ZstdFileWriter&) = delete;

    StorageResult<void> write(const QByteArray& bytes);
    // Ends the zstd frame and moves the file into place. Without it, nothing is written.
    StorageResult<void> finish();

    qint64 uncompressed_bytes() const { return uncompressed_bytes_; }

private:
    ZstdFileWriter(const QString& path, ZSTD_CCtx_s* context);
    StorageResult<void> compress(const QByteArray& bytes, bool end);

    QSaveFile file_;
    ZSTD_CCtx_s* context_;
    QByteArray out_; // scratch for compressed output, ZSTD_CStreamOutSize() bytes
    qint64 uncompressed_bytes_ = 0;
};

class ZstdLineReader
{
public:
    static StorageResult<std::unique_ptr<ZstdLineReader>> open(const QString& path);
    ~ZstdLineReader();
    ZstdLineReader(const ZstdLineReader&) = delete;
    ZstdLineReader& operator=(const ZstdLineReader&) = delete;

    // The next line without its '\n', or nothing at the end of the text. Damaged or truncated
    // compressed data is an error naming the compressed byte offset and the line reached.
    StorageResult<std::optional<QByteArray>> next_line();

    qint64 line_number() const { return line_number_; } // of the last line given, 1-based
    qint64 line_offset() const { return line_offset_; } // its first byte in the uncompressed text
    qint64 file_size() const { return file_size_; }

private:
    ZstdLineReader(const QString& path, ZSTD_DCtx_s* context);
    // Decompresses more text into pending_; false at the end of the file.
    StorageResult<bool> fill();
    StorageError damaged(const QString& why) const;

    QFile file_;
    ZSTD_DCtx_s* context_;
    QByteArray in_;        // compressed input read from the file, not yet consumed
    qsizetype in_pos_ = 0; // first unconsumed byte of in_
    qint64 consumed_ = 0;  // compressed bytes consumed so far
    qint64 file_size_ = 0;
    size_t frame_left_ = 0; // ZSTD_decompressStream's hint: 0 when a frame just ended
    bool started_ = false;  // any compressed byte seen
    QByteArray pending_;    // decompressed text; from pending_pos_ on not yet returned
    qsizetype pending_pos_ = 0;
    qint64 pending_offset_ = 0; // uncompressed offset of pending_[pending_pos_]
    qint64 line_number_ = 0;
    qint64 line_offset_ = 0;
};

} // namespace kurabe::storage
