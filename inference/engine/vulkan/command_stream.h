// Records many dispatches into one command buffer and runs them with one submit and one fence
// wait. Descriptor sets are made once per (pipeline, buffers) combination and kept, so a decode
// step that repeats the same dispatches allocates nothing after the first one.
#pragma once

#include "core/result.h"
#include "vulkan/device.h"

#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace kurabe::gpu {

class CommandStream
{
public:
    static Result<std::unique_ptr<CommandStream>> create(Device& device);
    ~CommandStream();
    CommandStream(const CommandStream&) = delete;
    CommandStream& operator=(const CommandStream&) = delete;

    Device& device() const { return device_; }

    // Starts a new recording (the previous one must have been submitted).
    Result<void> begin();

    // One dispatch of groups (x, y, z) over `buffers` (bindings 0..n-1, at most 8) with the push
    // constant bytes of `push` (a trivially copyable struct matching the shader's block).
    template <typename Push>
    Result<void> dispatch(const ComputePipeline& pipeline,
                          std::initializer_list<const Buffer*> buffers, const Push& push,
                          uint32_t x, uint32_t y = 1, uint32_t z = 1)
    {
        std::array<std::byte, sizeof(Push)> bytes;
        std::memcpy(bytes.data(), &push, sizeof(Push));
        return dispatch_bytes(pipeline, buffers, bytes, x, y, z);
    }
    Result<void> dispatch_bytes(const ComputePipeline& pipeline,
                                std::initializer_list<const Buffer*> buffers,
                                std::span<const std::byte> push, uint32_t x, uint32_t y,
                                uint32_t z);

    // Makes every earlier dispatch's writes visible to every later dispatch.
    void barrier();

    // Ends the recording, submits it and waits; shader writes are then visible to the host.
    Result<void> submit_and_wait();

    uint32_t dispatches() const { return dispatches_; } // in the current / last recording

    // Profiling: with it on, a timestamp follows every dispatch and submit_and_wait() adds each
    // dispatch's time (from the previous timestamp) to its pipeline's total. Costs a query per
    // dispatch, so benchmarks and diagnostics only.
    Result<void> set_profiling(bool on);
    // Total nanoseconds and dispatch count per pipeline name since profiling was turned on.
    struct ProfileEntry
    {
        double ns = 0;
        uint64_t count = 0;
    };
    const std::map<std::string, ProfileEntry>& profile() const { return profile_; }

private:
    explicit CommandStream(Device& device) : device_(device) {}
    Result<VkDescriptorSet> descriptor_set(const ComputePipeline& pipeline,
                                           std::initializer_list<const Buffer*> buffers);
    Result<void> add_pool();

    using Key = std::array<uint64_t, 9>; // the pipeline and up to 8 buffer handles
    Device& device_;
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkCommandBuffer commands_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    std::vector<VkDescriptorPool> descriptor_pools_;
    uint32_t sets_left_ = 0; // in descriptor_pools_.back()
    std::map<Key, VkDescriptorSet> sets_;
    uint32_t dispatches_ = 0;
    bool recording_ = false;

    VkQueryPool queries_ = VK_NULL_HANDLE; // profiling only: timestamps 0 .. dispatches_
    double timestamp_ns_ = 1;              // nanoseconds per timestamp tick
    std::vector<std::string> timed_;       // pipeline name of each timed dispatch
    std::map<std::string, ProfileEntry> profile_;
};

} // namespace kurabe::gpu
