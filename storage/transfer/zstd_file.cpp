#include "storage/transfer/zstd_file.h"

#include <utility>
#include <zstd.h>

namespace kurabe::storage {
namespace {

StorageError file_error(StorageErrorKind kind, const QString& message)
{
    return StorageError{kind, 0, message};
}

} // namespace

StorageResult<std::unique_ptr<ZstdFileWriter>> ZstdFileWriter::create(const QString& path)
{
    ZSTD_CCtx* context = ZSTD_createCCtx();
    if (context == nullptr) {
        return file_error(
            StorageErrorKind::Internal,
            QStringLiteral("writing %1: zstd could not start (out of memory)").arg(path));
    }
    std::unique_ptr<ZstdFileWriter> writer(new ZstdFileWriter(path, context));
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, kLevel);
    // The checksum lets a reader tell damaged data from a damaged JSON line.
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
    if (!writer->file_.open(QIODevice::WriteOnly)) {
        return file_error(
            StorageErrorKind::CannotOpen,
            QStringLiteral("cannot write %1: %2").arg(path, writer->file_.errorString()));
    }
    return writer;
}

ZstdFileWriter::ZstdFileWriter(const QString& path, ZSTD_CCtx_s* context)
    : file_(path), context_(context), out_(static_cast<qsizetype>(ZSTD_CStreamOutSize()), '\0')
{}

ZstdFileWriter::~ZstdFileWriter()
{
    ZSTD_freeCCtx(context_);
    if (file_.isOpen()) {
        file_.cancelWriting();
    }
}

StorageResult<void> ZstdFileWriter::compress(const QByteArray& bytes, bool end)
{
    ZSTD_inBuffer input{bytes.constData(), static_cast<size_t>(bytes.size()), 0};
    for (;;) {
        ZSTD_outBuffer output{out_.data(), static_cast<size_t>(out_.size()), 0};
        const size_t left =
            ZSTD_compressStream2(context_, &output, &input, end ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(left)) {
            return file_error(
                StorageErrorKind::Internal,
                QStringLiteral("compressing %1: %2")
                    .arg(file_.fileName(), QString::fromUtf8(ZSTD_getErrorName(left))));
        }
        if (output.pos > 0 && file_.write(out_.constData(), static_cast<qint64>(output.pos)) !=
                                  static_cast<qint64>(output.pos)) {
            return file_error(StorageErrorKind::IoError,
                              QStringLiteral("writing %1: %2 (is the disk full?)")
                                  .arg(file_.fileName(), file_.errorString()));
        }
        const bool done = end ? left == 0 : input.pos == input.size;
        if (done) {
            return {};
        }
    }
}

StorageResult<void> ZstdFileWriter::write(const QByteArray& bytes)
{
    uncompressed_bytes_ += bytes.size();
    return compress(bytes, false);
}

StorageResult<void> ZstdFileWriter::finish()
{
    if (StorageResult<void> ended = compress(QByteArray(), true); !ended) {
        return ended;
    }
    if (!file_.commit()) {
        return file_error(
            StorageErrorKind::IoError,
            QStringLiteral("writing %1: %2").arg(file_.fileName(), file_.errorString()));
    }
    return {};
}

StorageResult<std::unique_ptr<ZstdLineReader>> ZstdLineReader::open(const QString& path)
{
    ZSTD_DCtx* context = ZSTD_createDCtx();
    if (context == nullptr) {
        return file_error(
            StorageErrorKind::Internal,
            QStringLiteral("reading %1: zstd could not start (out of memory)").arg(path));
    }
    std::unique_ptr<ZstdLineReader> reader(new ZstdLineReader(path, context));
    if (!reader->file_.open(QIODevice::ReadOnly)) {
        return file_error(
            StorageErrorKind::CannotOpen,
            QStringLiteral("cannot read %1: %2").arg(path, reader->file_.errorString()));
    }
    reader->file_size_ = reader->file_.size();
    return reader;
}

ZstdLineReader::ZstdLineReader(const QString& path, ZSTD_DCtx_s* context)
    : file_(path), context_(context)
{}

ZstdLineReader::~ZstdLineReader()
{
    ZSTD_freeDCtx(context_);
}

StorageError ZstdLineReader::damaged(const QString& why) const
{
    return file_error(StorageErrorKind::InvalidArgument,
                      QStringLiteral("%1: %2 (compressed byte %3 of %4, after line %5)")
                          .arg(file_.fileName(), why)
                          .arg(consumed_)
                          .arg(file_size_)
                          .arg(line_number_));
}

StorageResult<bool> ZstdLineReader::fill()
{
    QByteArray out(static_cast<qsizetype>(ZSTD_DStreamOutSize()), '\0');
    for (;;) {
        if (in_pos_ == in_.size()) {
            in_ = file_.read(static_cast<qint64>(ZSTD_DStreamInSize()));
            in_pos_ = 0;
            if (in_.isEmpty()) {
                if (file_.error() != QFileDevice::NoError) {
                    return file_error(StorageErrorKind::IoError,
                                      QStringLiteral("reading %1: %2")
                                          .arg(file_.fileName(), file_.errorString()));
                }
                if (!started_) {
                    return damaged(QStringLiteral("the file is empty; it is not a Kurabe export"));
                }
                if (frame_left_ != 0) {
                    return damaged(QStringLiteral("the file ends in the middle of its compressed "
                                                  "data; it was cut short (truncated)"));
                }
                return false;
            }
            started_ = true;
        }
        ZSTD_inBuffer input{in_.constData(), static_cast<size_t>(in_.size()),
                            static_cast<size_t>(in_pos_)};
        ZSTD_outBuffer output{out.data(), static_cast<size_t>(out.size()), 0};
        const size_t hint = ZSTD_decompressStream(context_, &output, &input);
        consumed_ += static_cast<qint64>(input.pos) - in_pos_;
        in_pos_ = static_cast<qsizetype>(input.pos);
        if (ZSTD_isError(hint)) {
            return damaged(QStringLiteral("the compressed data is damaged or not zstd (%1)")
                               .arg(QString::fromUtf8(ZSTD_getErrorName(hint))));
        }
        frame_left_ = hint;
        if (output.pos > 0) {
            pending_.append(out.constData(), static_cast<qsizetype>(output.pos));
            return true;
        }
    }
}

StorageResult<std::optional<QByteArray>> ZstdLineReader::next_line()
{
    qsizetype searched = pending_pos_;
    for (;;) {
        const qsizetype newline = pending_.indexOf('\n', searched);
        if (newline >= 0) {
            ++line_number_;
            line_offset_ = pending_offset_;
            QByteArray line = pending_.mid(pending_pos_, newline - pending_pos_);
            pending_offset_ += newline + 1 - pending_pos_;
            pending_pos_ = newline + 1;
            return std::optional<QByteArray>(std::move(line));
        }
        // Drop the lines already given before decompressing more (keeps this linear).
        pending_.remove(0, pending_pos_);
        pending_pos_ = 0;
        searched = pending_.size();
        StorageResult<bool> more = fill();
        if (!more) {
            return more.error();
        }
        if (!*more) {
            if (pending_.isEmpty()) {
                return std::optional<QByteArray>();
            }
            // A last line without '\n' is still a line; the importer decides if it is whole.
            ++line_number_;
            line_offset_ = pending_offset_;
            pending_offset_ += pending_.size();
            return std::optional<QByteArray>(std::exchange(pending_, QByteArray()));
        }
    }
}

} // namespace kurabe::storage
