#include "vulkan/instance.h"

#include "vulkan/vk_error.h"

#include <cstdlib>
#include <cstring>

namespace kurabe::gpu {

InstanceOptions instance_options_from_environment()
{
    InstanceOptions options;
    const char* validation = std::getenv("KURABE_VK_VALIDATION");
    options.validation = validation && std::strcmp(validation, "1") == 0;
    return options;
}

static bool layer_available(const char* name)
{
    uint32_t count = 0;
    if (vkEnumerateInstanceLayerProperties(&count, nullptr) != VK_SUCCESS)
        return false;
    std::vector<VkLayerProperties> layers(count);
    if (vkEnumerateInstanceLayerProperties(&count, layers.data()) != VK_SUCCESS)
        return false;
    for (uint32_t i = 0; i < count; ++i) {
        if (std::strcmp(layers[i].layerName, name) == 0)
            return true;
    }
    return false;
}

Result<std::unique_ptr<Instance>> Instance::create(const InstanceOptions& options)
{
    static constexpr const char* k_validation_layer = "VK_LAYER_KHRONOS_validation";
    std::unique_ptr<Instance> self(new Instance());

    uint32_t loader_version = VK_API_VERSION_1_0;
    if (vkEnumerateInstanceVersion(&loader_version) != VK_SUCCESS ||
        loader_version < VK_API_VERSION_1_1)
        return Error{"the Vulkan loader supports only Vulkan 1.0; Kurabe needs 1.1 or newer"};

    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = "Kurabe";
    app.applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
    app.pEngineName = "kurabe-engine";
    app.engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
    app.apiVersion = loader_version >= VK_API_VERSION_1_3 ? VK_API_VERSION_1_3 : loader_version;

    std::vector<const char*> layers;
    std::vector<const char*> extensions;
    VkDebugUtilsMessengerCreateInfoEXT messenger_info{};
    messenger_info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    messenger_info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                     VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    messenger_info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                                 VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                                 VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    messenger_info.pfnUserCallback = &Instance::on_message;
    messenger_info.pUserData = self.get();
    if (options.validation) {
        if (!layer_available(k_validation_layer))
            return Error{"Vulkan validation was asked for (KURABE_VK_VALIDATION=1) but the layer "
                         "VK_LAYER_KHRONOS_validation is not installed (Debian package "
                         "vulkan-validationlayers)"};
        layers.push_back(k_validation_layer);
        extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }

    VkInstanceCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    info.pApplicationInfo = &app;
    info.enabledLayerCount = static_cast<uint32_t>(layers.size());
    info.ppEnabledLayerNames = layers.data();
    info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    if (options.validation)
        info.pNext = &messenger_info; // also reports problems in vkCreate/DestroyInstance

    const VkResult created = vkCreateInstance(&info, nullptr, &self->instance_);
    if (created == VK_ERROR_INCOMPATIBLE_DRIVER)
        return Error{
            "no Vulkan driver is installed (vkCreateInstance: VK_ERROR_INCOMPATIBLE_DRIVER)"};
    if (created != VK_SUCCESS)
        return vk_error("vkCreateInstance", created);

    if (options.validation) {
        auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(self->instance_, "vkCreateDebugUtilsMessengerEXT"));
        if (!create_messenger)
            return Error{"the Vulkan validation layer is present but VK_EXT_debug_utils is not"};
        const VkResult r =
            create_messenger(self->instance_, &messenger_info, nullptr, &self->messenger_);
        if (r != VK_SUCCESS)
            return vk_error("vkCreateDebugUtilsMessengerEXT", r);
    }

    if (Result<void> r = self->enumerate(); !r)
        return r.error();
    return self;
}

Result<void> Instance::enumerate()
{
    uint32_t count = 0;
    VkResult r = vkEnumeratePhysicalDevices(instance_, &count, nullptr);
    if (r != VK_SUCCESS)
        return vk_error("vkEnumeratePhysicalDevices", r);
    std::vector<VkPhysicalDevice> handles(count);
    r = vkEnumeratePhysicalDevices(instance_, &count, handles.data());
    if (r != VK_SUCCESS && r != VK_INCOMPLETE)
        return vk_error("vkEnumeratePhysicalDevices", r);
    for (uint32_t i = 0; i < count; ++i)
        devices_.push_back(describe_device(handles[i], i));
    return {};
}

Instance::~Instance()
{
    if (messenger_ != VK_NULL_HANDLE) {
        auto destroy_messenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy_messenger)
            destroy_messenger(instance_, messenger_, nullptr);
    }
    if (instance_ != VK_NULL_HANDLE)
        vkDestroyInstance(instance_, nullptr);
}

std::vector<std::string> Instance::validation_messages() const
{
    std::lock_guard lock(messages_mutex_);
    return messages_;
}

VKAPI_ATTR VkBool32 VKAPI_CALL Instance::on_message(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT /*types*/,
    const VkDebugUtilsMessengerCallbackDataEXT* data, void* user)
{
    auto* self = static_cast<Instance*>(user);
    std::string text =
        severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT ? "error: " : "warning: ";
    text += data && data->pMessage ? data->pMessage : "(no message)";
    std::lock_guard lock(self->messages_mutex_);
    self->messages_.push_back(std::move(text));
    return VK_FALSE;
}

} // namespace kurabe::gpu
