#include "vulkan/command_stream.h"

#include "vulkan/vk_error.h"

namespace kurabe::gpu {

namespace {

constexpr uint32_t k_sets_per_pool = 256;
constexpr uint32_t k_max_bindings = 8;
constexpr uint32_t k_max_timestamps = 8192; // profiling: dispatches timed per recording, + 1

} // namespace

Result<std::unique_ptr<CommandStream>> CommandStream::create(Device& device)
{
    std::unique_ptr<CommandStream> self(new CommandStream(device));
    VkCommandPoolCreateInfo pool_info{};
    pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool_info.queueFamilyIndex = device.queue_family();
    VkResult r = vkCreateCommandPool(device.handle(), &pool_info, nullptr, &self->pool_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateCommandPool", r);
    VkCommandBufferAllocateInfo allocate{};
    allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    allocate.commandPool = self->pool_;
    allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocate.commandBufferCount = 1;
    r = vkAllocateCommandBuffers(device.handle(), &allocate, &self->commands_);
    if (r != VK_SUCCESS)
        return vk_error("vkAllocateCommandBuffers", r);
    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    r = vkCreateFence(device.handle(), &fence_info, nullptr, &self->fence_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateFence", r);
    return self;
}

CommandStream::~CommandStream()
{
    const VkDevice device = device_.handle();
    if (fence_ != VK_NULL_HANDLE) {
        if (recording_ || dispatches_ > 0)
            vkQueueWaitIdle(device_.queue());
        vkDestroyFence(device, fence_, nullptr);
    }
    if (queries_ != VK_NULL_HANDLE)
        vkDestroyQueryPool(device, queries_, nullptr);
    for (VkDescriptorPool pool : descriptor_pools_)
        vkDestroyDescriptorPool(device, pool, nullptr); // frees its sets
    if (pool_ != VK_NULL_HANDLE)
        vkDestroyCommandPool(device, pool_, nullptr); // frees the command buffer
}

Result<void> CommandStream::begin()
{
    VkResult r = vkResetCommandBuffer(commands_, 0);
    if (r != VK_SUCCESS)
        return vk_error("vkResetCommandBuffer", r);
    VkCommandBufferBeginInfo begin_info{};
    begin_info.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin_info.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    r = vkBeginCommandBuffer(commands_, &begin_info);
    if (r != VK_SUCCESS)
        return vk_error("vkBeginCommandBuffer", r);
    recording_ = true;
    dispatches_ = 0;
    timed_.clear();
    if (queries_ != VK_NULL_HANDLE) {
        vkCmdResetQueryPool(commands_, queries_, 0, k_max_timestamps);
        vkCmdWriteTimestamp(commands_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries_, 0);
    }
    return {};
}

Result<void> CommandStream::set_profiling(bool on)
{
    if (recording_)
        return Error{"profiling cannot be switched during a recording"};
    profile_.clear();
    if (!on) {
        if (queries_ != VK_NULL_HANDLE)
            vkDestroyQueryPool(device_.handle(), queries_, nullptr);
        queries_ = VK_NULL_HANDLE;
        return {};
    }
    if (queries_ != VK_NULL_HANDLE)
        return {};
    VkPhysicalDeviceProperties properties{};
    vkGetPhysicalDeviceProperties(device_.info().handle, &properties);
    if (properties.limits.timestampPeriod <= 0)
        return Error{"this device cannot time dispatches (no timestamp support)"};
    timestamp_ns_ = properties.limits.timestampPeriod;
    VkQueryPoolCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
    info.queryType = VK_QUERY_TYPE_TIMESTAMP;
    info.queryCount = k_max_timestamps;
    const VkResult r = vkCreateQueryPool(device_.handle(), &info, nullptr, &queries_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateQueryPool", r);
    return {};
}

Result<void> CommandStream::add_pool()
{
    const VkDescriptorPoolSize sizes[] = {
        {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, k_sets_per_pool * k_max_bindings},
        {VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER, k_sets_per_pool * k_max_bindings}};
    VkDescriptorPoolCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    info.maxSets = k_sets_per_pool;
    info.poolSizeCount = 2;
    info.pPoolSizes = sizes;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    const VkResult r = vkCreateDescriptorPool(device_.handle(), &info, nullptr, &pool);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateDescriptorPool", r);
    descriptor_pools_.push_back(pool);
    sets_left_ = k_sets_per_pool;
    return {};
}

Result<VkDescriptorSet> CommandStream::descriptor_set(const ComputePipeline& pipeline,
                                                      std::initializer_list<const Buffer*> buffers)
{
    Key key{};
    key[0] = reinterpret_cast<uint64_t>(pipeline.handle());
    size_t i = 1;
    for (const Buffer* b : buffers)
        key[i++] = reinterpret_cast<uint64_t>(b->handle());
    if (auto found = sets_.find(key); found != sets_.end())
        return found->second;

    if (sets_left_ == 0) {
        if (Result<void> r = add_pool(); !r)
            return r.error();
    }
    VkDescriptorSetAllocateInfo allocate{};
    allocate.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    allocate.descriptorPool = descriptor_pools_.back();
    allocate.descriptorSetCount = 1;
    const VkDescriptorSetLayout layout = pipeline.set_layout();
    allocate.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    const VkResult r = vkAllocateDescriptorSets(device_.handle(), &allocate, &set);
    if (r != VK_SUCCESS)
        return vk_error("vkAllocateDescriptorSets", r);
    --sets_left_;

    std::array<VkDescriptorBufferInfo, k_max_bindings> infos{};
    std::array<VkBufferView, k_max_bindings> views{};
    std::array<VkWriteDescriptorSet, k_max_bindings> writes{};
    uint32_t n = 0;
    for (const Buffer* b : buffers) {
        writes[n].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[n].dstSet = set;
        writes[n].dstBinding = n;
        writes[n].descriptorCount = 1;
        if ((pipeline.texel_bindings() >> n) & 1u) {
            if (b->texel_view() == VK_NULL_HANDLE)
                return Error{"pipeline '" + pipeline.name() + "' reads binding " +
                             std::to_string(n) + " as texels, but that buffer has no texel view"};
            views[n] = b->texel_view();
            writes[n].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER;
            writes[n].pTexelBufferView = &views[n];
        } else {
            infos[n] = {b->handle(), 0, VK_WHOLE_SIZE};
            writes[n].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            writes[n].pBufferInfo = &infos[n];
        }
        ++n;
    }
    vkUpdateDescriptorSets(device_.handle(), n, writes.data(), 0, nullptr);
    sets_.emplace(key, set);
    return set;
}

Result<void> CommandStream::dispatch_bytes(const ComputePipeline& pipeline,
                                           std::initializer_list<const Buffer*> buffers,
                                           std::span<const std::byte> push, uint32_t x, uint32_t y,
                                           uint32_t z)
{
    if (!recording_)
        return Error{"a dispatch was recorded outside begin() / submit_and_wait()"};
    if (buffers.size() != pipeline.binding_count() || buffers.size() > k_max_bindings)
        return Error{"pipeline '" + pipeline.name() + "' takes " +
                     std::to_string(pipeline.binding_count()) + " buffers, got " +
                     std::to_string(buffers.size())};
    if (push.size() != pipeline.push_constant_bytes())
        return Error{"pipeline '" + pipeline.name() + "' takes " +
                     std::to_string(pipeline.push_constant_bytes()) +
                     " bytes of push constants, got " + std::to_string(push.size())};
    if (x == 0 || y == 0 || z == 0)
        return {}; // nothing to do
    Result<VkDescriptorSet> set = descriptor_set(pipeline, buffers);
    if (!set)
        return set.error();
    vkCmdBindPipeline(commands_, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.handle());
    vkCmdBindDescriptorSets(commands_, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout(), 0, 1,
                            &*set, 0, nullptr);
    if (!push.empty())
        vkCmdPushConstants(commands_, pipeline.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                           static_cast<uint32_t>(push.size()), push.data());
    vkCmdDispatch(commands_, x, y, z);
    ++dispatches_;
    if (queries_ != VK_NULL_HANDLE && timed_.size() + 1 < k_max_timestamps) {
        timed_.push_back(pipeline.name());
        vkCmdWriteTimestamp(commands_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries_,
                            static_cast<uint32_t>(timed_.size()));
    }
    return {};
}

void CommandStream::barrier()
{
    VkMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    vkCmdPipelineBarrier(commands_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &barrier, 0, nullptr, 0,
                         nullptr);
}

Result<void> CommandStream::submit_and_wait()
{
    if (!recording_)
        return Error{"nothing was recorded"};
    recording_ = false;
    VkMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(commands_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &barrier, 0, nullptr, 0, nullptr);
    VkResult r = vkEndCommandBuffer(commands_);
    if (r != VK_SUCCESS)
        return vk_error("vkEndCommandBuffer", r);
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &commands_;
    r = vkResetFences(device_.handle(), 1, &fence_);
    if (r != VK_SUCCESS)
        return vk_error("vkResetFences", r);
    r = vkQueueSubmit(device_.queue(), 1, &submit, fence_);
    if (r != VK_SUCCESS)
        return vk_error("vkQueueSubmit", r);
    r = vkWaitForFences(device_.handle(), 1, &fence_, VK_TRUE, UINT64_MAX);
    if (r != VK_SUCCESS)
        return vk_error("vkWaitForFences", r);
    if (queries_ != VK_NULL_HANDLE && !timed_.empty()) {
        std::vector<uint64_t> ticks(timed_.size() + 1);
        r = vkGetQueryPoolResults(device_.handle(), queries_, 0,
                                  static_cast<uint32_t>(ticks.size()),
                                  ticks.size() * sizeof(uint64_t), ticks.data(), sizeof(uint64_t),
                                  VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT);
        if (r != VK_SUCCESS)
            return vk_error("vkGetQueryPoolResults", r);
        for (size_t i = 0; i < timed_.size(); ++i) {
            ProfileEntry& e = profile_[timed_[i]];
            e.ns += static_cast<double>(ticks[i + 1] - ticks[i]) * timestamp_ns_;
            ++e.count;
        }
    }
    return {};
}

} // namespace kurabe::gpu
