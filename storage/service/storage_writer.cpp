#include "storage/service/storage_writer.h"

#include "storage/schema/schema.h"

#include <QThread>

namespace kurabe::storage {

StorageResult<std::unique_ptr<StorageWriter>> StorageWriter::open(const QString& path)
{
    StorageResult<std::unique_ptr<Database>> opened =
        open_kurabe_database(path, OpenMode::ReadWrite);
    if (!opened) {
        return opened.error();
    }
    // The connection is made here and used only on the writer thread from now on; SQLite's
    // multi-thread mode allows a connection to move between threads when never shared.
    return std::unique_ptr<StorageWriter>(new StorageWriter(std::move(opened).value(), path));
}

StorageWriter::StorageWriter(std::unique_ptr<Database> database, QString path)
    : database_(std::move(database)), path_(std::move(path))
{
    thread_.reset(QThread::create([this] { run_jobs(); }));
    thread_->setObjectName(QStringLiteral("kurabe-storage-writer"));
    thread_->start();
}

StorageWriter::~StorageWriter()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_->wait();
    // Stores moved to the writer thread are gone by now (their owners destroy them first);
    // the connection closes on this thread after the last job.
    database_.reset();
}

StorageResult<std::unique_ptr<Database>> StorageWriter::open_reader() const
{
    return open_kurabe_database(path_, OpenMode::ReadOnly);
}

void StorageWriter::post(Job job)
{
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
}

void StorageWriter::wait_until_idle()
{
    submit([](Database&) {}).waitForFinished();
}

void StorageWriter::run_jobs()
{
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return !queue_.empty() || stopping_; });
            if (queue_.empty()) {
                return; // stopping, and every queued job has run
            }
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        job(*database_);
    }
}

} // namespace kurabe::storage
