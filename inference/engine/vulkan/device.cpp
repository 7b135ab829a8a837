#include "vulkan/device.h"

#include "shader_registry.h"
#include "vulkan/instance.h"
#include "vulkan/vk_error.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace kurabe::gpu {

// --- Buffer ----------------------------------------------------------------------------------

Buffer::~Buffer()
{
    release();
}

Buffer::Buffer(Buffer&& other) noexcept
{
    *this = std::move(other);
}

Buffer& Buffer::operator=(Buffer&& other) noexcept
{
    if (this != &other) {
        release();
        device_ = std::exchange(other.device_, VK_NULL_HANDLE);
        buffer_ = std::exchange(other.buffer_, VK_NULL_HANDLE);
        texel_view_ = std::exchange(other.texel_view_, VK_NULL_HANDLE);
        memory_ = std::exchange(other.memory_, VK_NULL_HANDLE);
        size_ = std::exchange(other.size_, 0);
        mapped_ = std::exchange(other.mapped_, nullptr);
    }
    return *this;
}

void Buffer::release()
{
    if (device_ == VK_NULL_HANDLE)
        return;
    if (texel_view_ != VK_NULL_HANDLE)
        vkDestroyBufferView(device_, texel_view_, nullptr);
    texel_view_ = VK_NULL_HANDLE;
    if (buffer_ != VK_NULL_HANDLE)
        vkDestroyBuffer(device_, buffer_, nullptr);
    if (memory_ != VK_NULL_HANDLE)
        vkFreeMemory(device_, memory_, nullptr); // unmaps implicitly
    device_ = VK_NULL_HANDLE;
    buffer_ = VK_NULL_HANDLE;
    memory_ = VK_NULL_HANDLE;
    mapped_ = nullptr;
    size_ = 0;
}

// --- ComputePipeline -------------------------------------------------------------------------

ComputePipeline::~ComputePipeline()
{
    release();
}

ComputePipeline::ComputePipeline(ComputePipeline&& other) noexcept
{
    *this = std::move(other);
}

ComputePipeline& ComputePipeline::operator=(ComputePipeline&& other) noexcept
{
    if (this != &other) {
        release();
        device_ = std::exchange(other.device_, VK_NULL_HANDLE);
        name_ = std::move(other.name_);
        binding_count_ = other.binding_count_;
        texel_bindings_ = other.texel_bindings_;
        push_constant_bytes_ = other.push_constant_bytes_;
        module_ = std::exchange(other.module_, VK_NULL_HANDLE);
        set_layout_ = std::exchange(other.set_layout_, VK_NULL_HANDLE);
        layout_ = std::exchange(other.layout_, VK_NULL_HANDLE);
        pipeline_ = std::exchange(other.pipeline_, VK_NULL_HANDLE);
    }
    return *this;
}

void ComputePipeline::release()
{
    if (device_ == VK_NULL_HANDLE)
        return;
    if (pipeline_ != VK_NULL_HANDLE)
        vkDestroyPipeline(device_, pipeline_, nullptr);
    if (layout_ != VK_NULL_HANDLE)
        vkDestroyPipelineLayout(device_, layout_, nullptr);
    if (set_layout_ != VK_NULL_HANDLE)
        vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
    if (module_ != VK_NULL_HANDLE)
        vkDestroyShaderModule(device_, module_, nullptr);
    device_ = VK_NULL_HANDLE;
    pipeline_ = VK_NULL_HANDLE;
    layout_ = VK_NULL_HANDLE;
    set_layout_ = VK_NULL_HANDLE;
    module_ = VK_NULL_HANDLE;
}

// --- Device ----------------------------------------------------------------------------------

Result<std::unique_ptr<Device>> Device::create(const Instance& /*instance*/, const DeviceInfo& info)
{
    if (!info.compute_queue_family)
        return Error{"Vulkan device '" + info.name + "' has no compute queue"};
    std::unique_ptr<Device> self(new Device());
    self->info_ = info;

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{};
    queue_info.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    queue_info.queueFamilyIndex = *info.compute_queue_family;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;

    VkDeviceCreateInfo device_info{};
    device_info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    device_info.queueCreateInfoCount = 1;
    device_info.pQueueCreateInfos = &queue_info;
    VkResult r = vkCreateDevice(info.handle, &device_info, nullptr, &self->device_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateDevice on '" + info.name + "'", r);
    vkGetDeviceQueue(self->device_, *info.compute_queue_family, 0, &self->queue_);
    vkGetPhysicalDeviceMemoryProperties(info.handle, &self->memory_);

    VkCommandPoolCreateInfo pool_info{};
    pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool_info.queueFamilyIndex = *info.compute_queue_family;
    r = vkCreateCommandPool(self->device_, &pool_info, nullptr, &self->command_pool_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateCommandPool", r);

    const VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 64};
    VkDescriptorPoolCreateInfo descriptor_info{};
    descriptor_info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    descriptor_info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    descriptor_info.maxSets = 16;
    descriptor_info.poolSizeCount = 1;
    descriptor_info.pPoolSizes = &pool_size;
    r = vkCreateDescriptorPool(self->device_, &descriptor_info, nullptr, &self->descriptor_pool_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateDescriptorPool", r);

    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    r = vkCreateFence(self->device_, &fence_info, nullptr, &self->fence_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateFence", r);
    return self;
}

Device::~Device()
{
    if (device_ == VK_NULL_HANDLE)
        return;
    vkDeviceWaitIdle(device_);
    staging_ = Buffer();
    if (pipeline_cache_ != VK_NULL_HANDLE)
        vkDestroyPipelineCache(device_, pipeline_cache_, nullptr);
    if (fence_ != VK_NULL_HANDLE)
        vkDestroyFence(device_, fence_, nullptr);
    if (descriptor_pool_ != VK_NULL_HANDLE)
        vkDestroyDescriptorPool(device_, descriptor_pool_, nullptr);
    if (command_pool_ != VK_NULL_HANDLE)
        vkDestroyCommandPool(device_, command_pool_, nullptr);
    vkDestroyDevice(device_, nullptr);
}

Result<uint32_t> Device::find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags required) const
{
    for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
        if ((type_bits & (1u << i)) &&
            (memory_.memoryTypes[i].propertyFlags & required) == required)
            return i;
    }
    return Error{"Vulkan device '" + info_.name +
                 "' has no memory type with the needed properties"};
}

Result<Buffer> Device::create_host_buffer(uint64_t bytes)
{
    return create_buffer(bytes, MemoryKind::Host);
}

Result<Buffer> Device::create_buffer(uint64_t bytes, MemoryKind kind)
{
    constexpr VkMemoryPropertyFlags host =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    if (kind == MemoryKind::Host)
        return allocate(bytes, VK_MEMORY_PROPERTY_HOST_CACHED_BIT, host);
    if (info_.unified_memory)
        return allocate(bytes, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | host);
    return allocate(bytes, 0, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
}

Result<Buffer> Device::allocate(uint64_t bytes, VkMemoryPropertyFlags preferred,
                                VkMemoryPropertyFlags required)
{
    if (bytes == 0)
        return Error{"a Vulkan buffer must not be empty"};
    // On CPU implementations every buffer can also be read as texels (see Buffer::texel_view):
    // there a texel load costs a tenth of a storage-buffer load per byte. Sizes round up to
    // whole texels for that.
    const bool texels =
        texel_views_for_all() && (bytes + 15) / 16 * 16 <= info_.max_storage_buffer_range;
    if (texels)
        bytes = (bytes + 15) / 16 * 16;
    if (bytes > info_.max_storage_buffer_range)
        return Error{"a buffer of " + std::to_string(bytes) + " bytes exceeds the device's " +
                     "maxStorageBufferRange of " + std::to_string(info_.max_storage_buffer_range)};
    Buffer buffer;
    buffer.device_ = device_;
    buffer.size_ = bytes;

    VkBufferCreateInfo buffer_info{};
    buffer_info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    buffer_info.size = bytes;
    buffer_info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                        VK_BUFFER_USAGE_STORAGE_TEXEL_BUFFER_BIT |
                        VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    buffer_info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VkResult r = vkCreateBuffer(device_, &buffer_info, nullptr, &buffer.buffer_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateBuffer", r);

    VkMemoryRequirements requirements{};
    vkGetBufferMemoryRequirements(device_, buffer.buffer_, &requirements);
    Result<uint32_t> type = find_memory_type(requirements.memoryTypeBits, required | preferred);
    if (!type)
        type = find_memory_type(requirements.memoryTypeBits, required);
    if (!type)
        return type.error();
    VkMemoryAllocateInfo allocate_info{};
    allocate_info.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    allocate_info.allocationSize = requirements.size;
    allocate_info.memoryTypeIndex = *type;
    r = vkAllocateMemory(device_, &allocate_info, nullptr, &buffer.memory_);
    if (r != VK_SUCCESS)
        return vk_error("vkAllocateMemory of " + std::to_string(requirements.size) + " bytes", r);
    r = vkBindBufferMemory(device_, buffer.buffer_, buffer.memory_, 0);
    if (r != VK_SUCCESS)
        return vk_error("vkBindBufferMemory", r);
    if (memory_.memoryTypes[*type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
        r = vkMapMemory(device_, buffer.memory_, 0, VK_WHOLE_SIZE, 0, &buffer.mapped_);
        if (r != VK_SUCCESS)
            return vk_error("vkMapMemory", r);
    }
    if (texels) {
        if (Result<void> v = add_texel_view(buffer); !v)
            return v.error();
    }
    return buffer;
}

Result<void> Device::add_texel_view(Buffer& buffer)
{
    if (buffer.texel_view_ != VK_NULL_HANDLE)
        return {};
    if (buffer.size_ % 16 != 0 || buffer.size_ / 16 > info_.max_texel_buffer_elements)
        return Error{"a buffer of " + std::to_string(buffer.size_) +
                     " bytes cannot be seen as 16-byte texels (the device allows " +
                     std::to_string(info_.max_texel_buffer_elements) + ")"};
    VkBufferViewCreateInfo view_info{};
    view_info.sType = VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO;
    view_info.buffer = buffer.buffer_;
    view_info.format = VK_FORMAT_R32G32B32A32_UINT;
    view_info.offset = 0;
    view_info.range = VK_WHOLE_SIZE;
    const VkResult r = vkCreateBufferView(device_, &view_info, nullptr, &buffer.texel_view_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateBufferView", r);
    return {};
}

Result<void> Device::upload(const Buffer& dst, uint64_t offset, const void* src, uint64_t bytes)
{
    if (offset + bytes > dst.size())
        return Error{"an upload of " + std::to_string(bytes) + " bytes at " +
                     std::to_string(offset) + " overruns a buffer of " +
                     std::to_string(dst.size())};
    if (dst.mapped()) {
        std::memcpy(static_cast<std::byte*>(dst.mapped()) + offset, src, bytes);
        return {};
    }
    constexpr uint64_t k_staging_bytes = uint64_t{32} << 20;
    if (staging_.size() == 0) {
        Result<Buffer> staging = create_buffer(
            std::min(k_staging_bytes, info_.max_storage_buffer_range), MemoryKind::Host);
        if (!staging)
            return staging.error();
        staging_ = std::move(*staging);
    }
    VkCommandBufferAllocateInfo command_allocate{};
    command_allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    command_allocate.commandPool = command_pool_;
    command_allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    command_allocate.commandBufferCount = 1;
    VkCommandBuffer commands = VK_NULL_HANDLE;
    VkResult r = vkAllocateCommandBuffers(device_, &command_allocate, &commands);
    if (r != VK_SUCCESS)
        return vk_error("vkAllocateCommandBuffers", r);
    struct CommandGuard
    {
        VkDevice device;
        VkCommandPool pool;
        VkCommandBuffer commands;
        ~CommandGuard() { vkFreeCommandBuffers(device, pool, 1, &commands); }
    } guard{device_, command_pool_, commands};

    const auto* bytes_in = static_cast<const std::byte*>(src);
    for (uint64_t done = 0; done < bytes;) {
        const uint64_t chunk = std::min(staging_.size(), bytes - done);
        std::memcpy(staging_.mapped(), bytes_in + done, chunk);
        VkCommandBufferBeginInfo begin{};
        begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
        begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        vkBeginCommandBuffer(commands, &begin);
        const VkBufferCopy region{0, offset + done, chunk};
        vkCmdCopyBuffer(commands, staging_.handle(), dst.handle(), 1, &region);
        r = vkEndCommandBuffer(commands);
        if (r != VK_SUCCESS)
            return vk_error("vkEndCommandBuffer", r);
        if (Result<void> s = submit_and_wait(commands); !s)
            return s;
        done += chunk;
    }
    return {};
}

Result<void> Device::submit_and_wait(VkCommandBuffer commands)
{
    VkSubmitInfo submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &commands;
    VkResult r = vkResetFences(device_, 1, &fence_);
    if (r != VK_SUCCESS)
        return vk_error("vkResetFences", r);
    r = vkQueueSubmit(queue_, 1, &submit, fence_);
    if (r != VK_SUCCESS)
        return vk_error("vkQueueSubmit", r);
    r = vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX);
    if (r != VK_SUCCESS)
        return vk_error("vkWaitForFences", r);
    return {};
}

Result<void> Device::load_pipeline_cache(const std::vector<uint8_t>& data)
{
    VkPipelineCacheCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
    info.initialDataSize = data.size();
    info.pInitialData = data.empty() ? nullptr : data.data();
    VkPipelineCache cache = VK_NULL_HANDLE;
    VkResult r = vkCreatePipelineCache(device_, &info, nullptr, &cache);
    if (r != VK_SUCCESS && !data.empty()) {
        // A cache from another driver or version is rejected: start an empty one.
        info.initialDataSize = 0;
        info.pInitialData = nullptr;
        r = vkCreatePipelineCache(device_, &info, nullptr, &cache);
    }
    if (r != VK_SUCCESS)
        return vk_error("vkCreatePipelineCache", r);
    if (pipeline_cache_ != VK_NULL_HANDLE)
        vkDestroyPipelineCache(device_, pipeline_cache_, nullptr);
    pipeline_cache_ = cache;
    return {};
}

std::vector<uint8_t> Device::pipeline_cache_data() const
{
    if (pipeline_cache_ == VK_NULL_HANDLE)
        return {};
    size_t size = 0;
    if (vkGetPipelineCacheData(device_, pipeline_cache_, &size, nullptr) != VK_SUCCESS)
        return {};
    std::vector<uint8_t> data(size);
    if (vkGetPipelineCacheData(device_, pipeline_cache_, &size, data.data()) != VK_SUCCESS)
        return {};
    data.resize(size);
    return data;
}

Result<ComputePipeline> Device::create_pipeline(const std::string& shader_name,
                                                uint32_t binding_count,
                                                uint32_t push_constant_bytes,
                                                uint32_t texel_bindings)
{
    const std::span<const uint32_t> code = shaders::spirv(shader_name);
    if (code.empty())
        return Error{"no embedded shader named '" + shader_name + "'"};
    ComputePipeline pipeline;
    pipeline.device_ = device_;
    pipeline.name_ = shader_name;
    pipeline.binding_count_ = binding_count;
    pipeline.push_constant_bytes_ = push_constant_bytes;
    pipeline.texel_bindings_ = texel_bindings;

    VkShaderModuleCreateInfo module_info{};
    module_info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
    module_info.codeSize = code.size_bytes();
    module_info.pCode = code.data();
    VkResult r = vkCreateShaderModule(device_, &module_info, nullptr, &pipeline.module_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateShaderModule(" + shader_name + ")", r);

    std::vector<VkDescriptorSetLayoutBinding> bindings(binding_count);
    for (uint32_t i = 0; i < binding_count; ++i) {
        bindings[i].binding = i;
        bindings[i].descriptorType = (texel_bindings >> i) & 1u
                                         ? VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER
                                         : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        bindings[i].descriptorCount = 1;
        bindings[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    }
    VkDescriptorSetLayoutCreateInfo set_info{};
    set_info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    set_info.bindingCount = binding_count;
    set_info.pBindings = bindings.data();
    r = vkCreateDescriptorSetLayout(device_, &set_info, nullptr, &pipeline.set_layout_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateDescriptorSetLayout", r);

    const VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, push_constant_bytes};
    VkPipelineLayoutCreateInfo layout_info{};
    layout_info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    layout_info.setLayoutCount = 1;
    layout_info.pSetLayouts = &pipeline.set_layout_;
    layout_info.pushConstantRangeCount = push_constant_bytes > 0 ? 1 : 0;
    layout_info.pPushConstantRanges = &range;
    r = vkCreatePipelineLayout(device_, &layout_info, nullptr, &pipeline.layout_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreatePipelineLayout", r);

    VkComputePipelineCreateInfo pipeline_info{};
    pipeline_info.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
    pipeline_info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    pipeline_info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    pipeline_info.stage.module = pipeline.module_;
    pipeline_info.stage.pName = "main";
    pipeline_info.layout = pipeline.layout_;
    r = vkCreateComputePipelines(device_, pipeline_cache_, 1, &pipeline_info, nullptr,
                                 &pipeline.pipeline_);
    if (r != VK_SUCCESS)
        return vk_error("vkCreateComputePipelines(" + shader_name + ")", r);
    return pipeline;
}

Result<void> Device::run(const ComputePipeline& pipeline, std::span<const Buffer* const> buffers,
                         std::span<const std::byte> push_constants, uint32_t group_count_x)
{
    if (buffers.size() != pipeline.binding_count_)
        return Error{"pipeline '" + pipeline.name_ + "' takes " +
                     std::to_string(pipeline.binding_count_) + " buffers, got " +
                     std::to_string(buffers.size())};
    if (push_constants.size() != pipeline.push_constant_bytes_)
        return Error{"pipeline '" + pipeline.name_ + "' takes " +
                     std::to_string(pipeline.push_constant_bytes_) + " bytes of push constants"};
    if (pipeline.texel_bindings_ != 0)
        return Error{"pipeline '" + pipeline.name_ +
                     "' takes texel buffers: record it in a "
                     "CommandStream"};

    VkDescriptorSetAllocateInfo set_allocate{};
    set_allocate.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    set_allocate.descriptorPool = descriptor_pool_;
    set_allocate.descriptorSetCount = 1;
    set_allocate.pSetLayouts = &pipeline.set_layout_;
    VkDescriptorSet set = VK_NULL_HANDLE;
    VkResult r = vkAllocateDescriptorSets(device_, &set_allocate, &set);
    if (r != VK_SUCCESS)
        return vk_error("vkAllocateDescriptorSets", r);
    struct SetGuard
    {
        VkDevice device;
        VkDescriptorPool pool;
        VkDescriptorSet set;
        ~SetGuard() { vkFreeDescriptorSets(device, pool, 1, &set); }
    } set_guard{device_, descriptor_pool_, set};

    std::vector<VkDescriptorBufferInfo> infos(buffers.size());
    std::vector<VkWriteDescriptorSet> writes(buffers.size());
    for (size_t i = 0; i < buffers.size(); ++i) {
        infos[i] = {buffers[i]->handle(), 0, VK_WHOLE_SIZE};
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = set;
        writes[i].dstBinding = static_cast<uint32_t>(i);
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(device_, static_cast<uint32_t>(writes.size()), writes.data(), 0,
                           nullptr);

    VkCommandBufferAllocateInfo command_allocate{};
    command_allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    command_allocate.commandPool = command_pool_;
    command_allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    command_allocate.commandBufferCount = 1;
    VkCommandBuffer commands = VK_NULL_HANDLE;
    r = vkAllocateCommandBuffers(device_, &command_allocate, &commands);
    if (r != VK_SUCCESS)
        return vk_error("vkAllocateCommandBuffers", r);
    struct CommandGuard
    {
        VkDevice device;
        VkCommandPool pool;
        VkCommandBuffer commands;
        ~CommandGuard() { vkFreeCommandBuffers(device, pool, 1, &commands); }
    } command_guard{device_, command_pool_, commands};

    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    vkBeginCommandBuffer(commands, &begin);
    vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.pipeline_);
    vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout_, 0, 1, &set,
                            0, nullptr);
    if (!push_constants.empty())
        vkCmdPushConstants(commands, pipeline.layout_, VK_SHADER_STAGE_COMPUTE_BIT, 0,
                           static_cast<uint32_t>(push_constants.size()), push_constants.data());
    vkCmdDispatch(commands, group_count_x, 1, 1);
    // Make the shader's writes visible to the host before the fence reports completion.
    VkMemoryBarrier barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                         0, 1, &barrier, 0, nullptr, 0, nullptr);
    r = vkEndCommandBuffer(commands);
    if (r != VK_SUCCESS)
        return vk_error("vkEndCommandBuffer", r);

    return submit_and_wait(commands);
}

} // namespace kurabe::gpu
