// A logical Vulkan device with one compute queue, and the objects made from it: buffers,
// compute pipelines and one-shot dispatches. Every object owns its Vulkan handles (RAII).
#pragma once

#include "core/result.h"
#include "vulkan/device_info.h"

#include <vulkan/vulkan.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kurabe::gpu {

class Instance;

// A buffer and its own memory. Host-visible buffers stay mapped for their whole life.
class Buffer
{
public:
    Buffer() = default;
    ~Buffer();
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    VkBuffer handle() const { return buffer_; }
    uint64_t size() const { return size_; }  // bytes
    void* mapped() const { return mapped_; } // null unless host-visible
    // The buffer seen as texels of 16 bytes (R32G32B32A32_UINT, for a storage texel buffer
    // binding), once Device::add_texel_view made it; VK_NULL_HANDLE before.
    VkBufferView texel_view() const { return texel_view_; }

private:
    friend class Device;
    void release();

    VkDevice device_ = VK_NULL_HANDLE;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    VkBufferView texel_view_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    uint64_t size_ = 0;
    void* mapped_ = nullptr;
};

// A compute pipeline over `binding_count` buffers (bindings 0..n-1) and a push constant block
// of `push_constant_bytes`. Bindings are storage buffers, except those whose bit is set in
// `texel_bindings`: storage texel buffers (an rgba32ui uimageBuffer of 16-byte texels in the
// shader, read with imageLoad and written with imageStore: lavapipe inlines those, where a
// texelFetch from a sampler buffer is a call to a texture function that spills every vector
// register).
class ComputePipeline
{
public:
    ComputePipeline() = default;
    ~ComputePipeline();
    ComputePipeline(ComputePipeline&& other) noexcept;
    ComputePipeline& operator=(ComputePipeline&& other) noexcept;
    ComputePipeline(const ComputePipeline&) = delete;
    ComputePipeline& operator=(const ComputePipeline&) = delete;

    const std::string& name() const { return name_; }
    VkPipeline handle() const { return pipeline_; }
    VkPipelineLayout layout() const { return layout_; }
    VkDescriptorSetLayout set_layout() const { return set_layout_; }
    uint32_t binding_count() const { return binding_count_; }
    uint32_t push_constant_bytes() const { return push_constant_bytes_; }
    uint32_t texel_bindings() const { return texel_bindings_; }

private:
    friend class Device;
    void release();

    VkDevice device_ = VK_NULL_HANDLE;
    std::string name_;
    uint32_t binding_count_ = 0;
    uint32_t texel_bindings_ = 0;
    uint32_t push_constant_bytes_ = 0;
    VkShaderModule module_ = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
    VkPipelineLayout layout_ = VK_NULL_HANDLE;
    VkPipeline pipeline_ = VK_NULL_HANDLE;
};

// Where a buffer lives. DeviceLocal is mapped too when the device has unified memory (a type
// both device-local and host-visible), so uploads can skip the staging copy.
enum class MemoryKind
{
    DeviceLocal,
    Host, // host-visible and coherent: inputs written and outputs read by the CPU
};

class Device
{
public:
    static Result<std::unique_ptr<Device>> create(const Instance& instance, const DeviceInfo& info);
    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;

    const DeviceInfo& info() const { return info_; }

    // A storage buffer in host-visible, host-coherent memory, mapped.
    Result<Buffer> create_host_buffer(uint64_t bytes);

    // A storage buffer of `bytes` (at most maxStorageBufferRange) of the given kind.
    Result<Buffer> create_buffer(uint64_t bytes, MemoryKind kind);

    // Gives `buffer` its texel view (see Buffer::texel_view); its size must be a multiple of
    // 16 bytes and within maxTexelBufferElements texels. On CPU implementations every buffer
    // gets one when it is created.
    Result<void> add_texel_view(Buffer& buffer);
    bool texel_views_for_all() const
    {
        return info_.type == DeviceType::Cpu && info_.max_texel_buffer_elements > 0;
    }

    // Copies `bytes` from `src` into `dst` at byte `offset`: directly when `dst` is mapped, else
    // through a host staging buffer and a transfer on the queue (waiting for it).
    Result<void> upload(const Buffer& dst, uint64_t offset, const void* src, uint64_t bytes);

    // Pipelines are created through this cache; its contents can be saved and given back to a
    // later process (see load_pipeline_cache / pipeline_cache_data).
    Result<void> load_pipeline_cache(const std::vector<uint8_t>& data);
    std::vector<uint8_t> pipeline_cache_data() const;

    VkDevice handle() const { return device_; }
    VkQueue queue() const { return queue_; }
    uint32_t queue_family() const { return *info_.compute_queue_family; }

    // The embedded shader `shader_name` (vulkan_shaders/<name>.comp) as a pipeline.
    Result<ComputePipeline> create_pipeline(const std::string& shader_name, uint32_t binding_count,
                                            uint32_t push_constant_bytes,
                                            uint32_t texel_bindings = 0);

    // Records one dispatch, submits it and waits for it to finish.
    Result<void> run(const ComputePipeline& pipeline, std::span<const Buffer* const> buffers,
                     std::span<const std::byte> push_constants, uint32_t group_count_x);

private:
    Device() = default;
    Result<uint32_t> find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags required) const;
    Result<Buffer> allocate(uint64_t bytes, VkMemoryPropertyFlags preferred,
                            VkMemoryPropertyFlags required);
    Result<void> submit_and_wait(VkCommandBuffer commands);

    DeviceInfo info_;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    VkCommandPool command_pool_ = VK_NULL_HANDLE;
    VkDescriptorPool descriptor_pool_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    VkPipelineCache pipeline_cache_ = VK_NULL_HANDLE;
    Buffer staging_; // grown on demand by upload() when memory is not mapped
    VkPhysicalDeviceMemoryProperties memory_{};
};

} // namespace kurabe::gpu
