// The one connection that writes Kurabe's database, on its own thread. Everything that changes
// the file is a job (a callable given the writer's Database&) put on one queue and run in the
// order it was queued, so the UI thread never waits on the disk and two changes never race.
// Reads use their own read-only connections (open_reader()), which WAL lets run beside the
// writer.
//
// A job's result comes back as a QFuture, or to a callback on the thread of a context object.
// Stores (ConversationStore, ComparisonStore, ...) take a Database&; a job may make one for a
// single call, or a long-lived store the UI listens to is built on database() and moved to
// thread() so its change signals leave from the writer thread as queued signals, with every
// call to it made from a job.
//
// Errors are values: a job that fails (disk full, read-only file) returns its StorageError to
// the caller, whose own copy of the data is untouched, so it can keep it and try again.
#pragma once

#include "storage/sqlite/database.h"

#include <QFuture>
#include <QObject>
#include <QPromise>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>

class QThread;

namespace kurabe::storage {

class StorageWriter
{
public:
    using Job = std::function<void(Database&)>;

    // Opens (creating or upgrading) the database at `path` for writing and starts the thread.
    static StorageResult<std::unique_ptr<StorageWriter>> open(const QString& path);
    // Runs every job queued so far, then closes the connection and ends the thread.
    ~StorageWriter();
    StorageWriter(const StorageWriter&) = delete;
    StorageWriter& operator=(const StorageWriter&) = delete;

    const QString& path() const { return path_; }
    QThread* thread() const { return thread_.get(); }
    // The writer's connection, for building long-lived stores (see above). Only jobs may use it.
    Database& database() { return *database_; }

    // A new read-only connection to the same file, for the calling thread.
    StorageResult<std::unique_ptr<Database>> open_reader() const;

    // Queues `job`; it runs on the writer thread after every job queued before it.
    void post(Job job);

    // Queues `job` (a callable taking Database&, usually returning a StorageResult) and gives
    // its result as a future.
    template <typename F>
    auto submit(F job) -> QFuture<std::invoke_result_t<F&, Database&>>
    {
        using R = std::invoke_result_t<F&, Database&>;
        auto promise = std::make_shared<QPromise<R>>();
        auto callable = std::make_shared<F>(std::move(job));
        QFuture<R> future = promise->future();
        promise->start();
        post([promise, callable](Database& database) {
            if constexpr (std::is_void_v<R>) {
                (*callable)(database);
            } else {
                promise->addResult((*callable)(database));
            }
            promise->finish();
        });
        return future;
    }

    // Queues `job`; `done(result)` is then called on the thread of `context` (by its event
    // loop). Nothing is called when `context` is destroyed first.
    template <typename F, typename Done>
    void submit(F job, QObject* context, Done done)
    {
        using R = std::invoke_result_t<F&, Database&>;
        submit(std::move(job)).then(context, [done = std::move(done)](R result) mutable {
            done(std::move(result));
        });
    }

    // Blocks until every job queued before this call has run (for tests, command-line tools and
    // shutdown; never from the UI thread while it must stay responsive).
    void wait_until_idle();

private:
    StorageWriter(std::unique_ptr<Database> database, QString path);
    void run_jobs(); // the writer thread's loop

    std::unique_ptr<Database> database_;
    QString path_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_; // guarded by mutex_
    bool stopping_ = false; // guarded by mutex_; set by the destructor
    std::unique_ptr<QThread> thread_;
};

} // namespace kurabe::storage
