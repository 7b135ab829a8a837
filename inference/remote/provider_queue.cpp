#include "inference/remote/provider_queue.h"

#include <QThreadStorage>

#include <algorithm>

namespace kurabe::inference::remote {

ProviderQueue::Ticket ProviderQueue::enqueue(const QString& provider, int limit,
                                             std::function<void()> start)
{
    const Ticket ticket = next_++;
    Lane& lane = lanes_[provider];
    lane.limit = std::max(1, limit);
    queued_.insert(ticket, provider);
    lane.waiting.push_back(Waiting{ticket, std::move(start)});
    admitNext(lane);
    return ticket;
}

void ProviderQueue::release(Ticket ticket)
{
    if (const auto it = queued_.find(ticket); it != queued_.end()) {
        Lane& lane = lanes_[it.value()];
        queued_.erase(it);
        std::erase_if(lane.waiting, [ticket](const Waiting& w) { return w.ticket == ticket; });
        return;
    }
    const auto it = running_.find(ticket);
    if (it == running_.end())
        return;
    Lane& lane = lanes_[it.value()];
    running_.erase(it);
    --lane.running;
    admitNext(lane);
}

void ProviderQueue::admitNext(Lane& lane)
{
    while (lane.running < lane.limit && !lane.waiting.empty()) {
        Waiting next = std::move(lane.waiting.front());
        lane.waiting.pop_front();
        running_.insert(next.ticket, queued_.take(next.ticket));
        ++lane.running;
        // May re-enter release() or enqueue() (a request that fails at once); `lane` stays
        // valid because std::map never moves its nodes.
        next.start();
    }
}

int ProviderQueue::running(const QString& provider) const
{
    const auto it = lanes_.find(provider);
    return it == lanes_.end() ? 0 : it->second.running;
}

int ProviderQueue::waiting(const QString& provider) const
{
    const auto it = lanes_.find(provider);
    return it == lanes_.end() ? 0 : static_cast<int>(it->second.waiting.size());
}

ProviderQueue& ProviderQueue::forThisThread()
{
    static QThreadStorage<ProviderQueue*> queues;
    if (!queues.hasLocalData())
        queues.setLocalData(new ProviderQueue);
    return *queues.localData();
}

} // namespace kurabe::inference::remote
