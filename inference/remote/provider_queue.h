// A per-provider concurrency limit: at most `limit` requests to one provider run at once from
// this thread; the rest wait in arrival order. Generations live on the thread that started
// them, so each thread has its own queue (forThisThread) and no locking is needed.
#pragma once

#include <QHash>
#include <QString>

#include <deque>
#include <functional>
#include <map>

namespace kurabe::inference::remote {

class ProviderQueue
{
public:
    using Ticket = quint64;

    // Runs `start` now when a slot is free, else once one frees. The ticket is released (or
    // withdrawn while waiting) with release().
    Ticket enqueue(const QString& provider, int limit, std::function<void()> start);
    // Frees the slot of a running request, or removes a waiting one. Unknown tickets are ignored.
    void release(Ticket ticket);

    int running(const QString& provider) const;
    int waiting(const QString& provider) const;

    static ProviderQueue& forThisThread();

private:
    struct Waiting
    {
        Ticket ticket;
        std::function<void()> start;
    };
    struct Lane
    {
        int limit = 1;
        int running = 0;
        std::deque<Waiting> waiting;
    };
    void admitNext(Lane& lane);

    std::map<QString, Lane> lanes_;  // node-based: a Lane& stays valid while lanes are added
    QHash<Ticket, QString> running_; // ticket -> provider, for running requests
    QHash<Ticket, QString> queued_;  // ticket -> provider, for waiting requests
    Ticket next_ = 1;
};

} // namespace kurabe::inference::remote
