/* Vulkan instance, device and offscreen targets of the renderer; buffers, images, one-shot
 * command submission and read-back of the rendered image. */
#include <stdio.h>
#include <string.h>

#include "render_internal.h"

ct_vk_renderer_def ct_vk_renderer_default_def(void) {
    ct_vk_renderer_def d;
    memset(&d, 0, sizeof d);
    d.width = 1280;
    d.height = 720;
    d.samples = 4;
    d.lod_min_triangles = 4096;
    d.internal_value = 1;
    return d;
}

static VKAPI_ATTR VkBool32 VKAPI_CALL on_debug(VkDebugUtilsMessageSeverityFlagBitsEXT sev,
                                              VkDebugUtilsMessageTypeFlagsEXT type,
                                              const VkDebugUtilsMessengerCallbackDataEXT *data, void *user) {
    (void)type;
    ct_vk_renderer *r = (ct_vk_renderer *)user;
    const char *msg = data && data->pMessage ? data->pMessage : "(no message)";
    if (r->def.on_message)
        r->def.on_message((int)sev, msg, r->def.message_user);
    else
        ct_log(CT_LOG_WARN, NULL, 0, "vulkan: %s", msg);
    return VK_FALSE;
}

static uint32_t find_memory(const ct_vk_renderer *r, uint32_t bits, VkMemoryPropertyFlags want) {
    for (uint32_t i = 0; i < r->memprops.memoryTypeCount; i++)
        if ((bits & (1u << i)) && (r->memprops.memoryTypes[i].propertyFlags & want) == want) return i;
    return UINT32_MAX;
}

ct_status rv_create_buffer(ct_vk_renderer *r, VkDeviceSize size, VkBufferUsageFlags usage, int host, rv_buffer *b,
                           ct_error *err) {
    memset(b, 0, sizeof *b);
    if (size == 0) size = 16;
    VkBufferCreateInfo bi = {VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    bi.size = size;
    bi.usage = usage;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    VK_CHECK_MSG(vkCreateBuffer(r->device, &bi, NULL, &b->buf), "vkCreateBuffer");
    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(r->device, b->buf, &req);
    VkMemoryPropertyFlags want = host ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                      : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    uint32_t type = find_memory(r, req.memoryTypeBits, want);
    if (type == UINT32_MAX && !host) type = find_memory(r, req.memoryTypeBits, 0);
    if (type == UINT32_MAX) {
        vkDestroyBuffer(r->device, b->buf, NULL);
        b->buf = VK_NULL_HANDLE;
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "vulkan: no suitable memory type for a buffer");
    }
    VkMemoryAllocateInfo ai = {VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = type;
    VkResult vr = vkAllocateMemory(r->device, &ai, NULL, &b->mem);
    if (vr != VK_SUCCESS) {
        vkDestroyBuffer(r->device, b->buf, NULL);
        b->buf = VK_NULL_HANDLE;
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "vulkan: cannot allocate %llu bytes (VkResult %d)",
                            (unsigned long long)req.size, (int)vr);
    }
    vkBindBufferMemory(r->device, b->buf, b->mem, 0);
    b->size = size;
    if (host) VK_CHECK_MSG(vkMapMemory(r->device, b->mem, 0, VK_WHOLE_SIZE, 0, &b->map), "vkMapMemory");
    return CT_OK;
}

void rv_destroy_buffer(ct_vk_renderer *r, rv_buffer *b) {
    if (b->buf) vkDestroyBuffer(r->device, b->buf, NULL);
    if (b->mem) vkFreeMemory(r->device, b->mem, NULL);
    memset(b, 0, sizeof *b);
}

ct_status rv_create_image(ct_vk_renderer *r, int w, int h, VkFormat fmt, VkSampleCountFlagBits samples,
                          VkImageUsageFlags usage, VkImageAspectFlags aspect, rv_image *im, ct_error *err) {
    memset(im, 0, sizeof *im);
    VkImageCreateInfo ii = {VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
    ii.imageType = VK_IMAGE_TYPE_2D;
    ii.format = fmt;
    ii.extent.width = (uint32_t)w;
    ii.extent.height = (uint32_t)h;
    ii.extent.depth = 1;
    ii.mipLevels = 1;
    ii.arrayLayers = 1;
    ii.samples = samples;
    ii.tiling = VK_IMAGE_TILING_OPTIMAL;
    ii.usage = usage;
    ii.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    ii.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VK_CHECK_MSG(vkCreateImage(r->device, &ii, NULL, &im->img), "vkCreateImage");
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(r->device, im->img, &req);
    uint32_t type = find_memory(r, req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (type == UINT32_MAX) type = find_memory(r, req.memoryTypeBits, 0);
    VkMemoryAllocateInfo ai = {VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = type;
    VK_CHECK_MSG(vkAllocateMemory(r->device, &ai, NULL, &im->mem), "vkAllocateMemory (image)");
    vkBindImageMemory(r->device, im->img, im->mem, 0);
    VkImageViewCreateInfo vi = {VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    vi.image = im->img;
    vi.viewType = VK_IMAGE_VIEW_TYPE_2D;
    vi.format = fmt;
    vi.subresourceRange.aspectMask = aspect;
    vi.subresourceRange.levelCount = 1;
    vi.subresourceRange.layerCount = 1;
    VK_CHECK_MSG(vkCreateImageView(r->device, &vi, NULL, &im->view), "vkCreateImageView");
    return CT_OK;
}

void rv_destroy_image(ct_vk_renderer *r, rv_image *im) {
    if (im->view) vkDestroyImageView(r->device, im->view, NULL);
    if (im->img) vkDestroyImage(r->device, im->img, NULL);
    if (im->mem) vkFreeMemory(r->device, im->mem, NULL);
    memset(im, 0, sizeof *im);
}

void rv_image_barrier(VkCommandBuffer cmd, VkImage img, VkImageAspectFlags aspect, VkImageLayout from,
                      VkImageLayout to, VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                      VkPipelineStageFlags2 dst_stage, VkAccessFlags2 dst_access) {
    VkImageMemoryBarrier2 b = {VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
    b.srcStageMask = src_stage;
    b.srcAccessMask = src_access;
    b.dstStageMask = dst_stage;
    b.dstAccessMask = dst_access;
    b.oldLayout = from;
    b.newLayout = to;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = img;
    b.subresourceRange.aspectMask = aspect;
    b.subresourceRange.levelCount = 1;
    b.subresourceRange.layerCount = 1;
    VkDependencyInfo di = {VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    di.imageMemoryBarrierCount = 1;
    di.pImageMemoryBarriers = &b;
    vkCmdPipelineBarrier2(cmd, &di);
}

ct_status rv_begin(ct_vk_renderer *r, ct_error *err) {
    VK_CHECK_MSG(vkResetCommandBuffer(r->cmd, 0), "vkResetCommandBuffer");
    VkCommandBufferBeginInfo bi = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_CHECK_MSG(vkBeginCommandBuffer(r->cmd, &bi), "vkBeginCommandBuffer");
    return CT_OK;
}

ct_status rv_submit_wait(ct_vk_renderer *r, VkSemaphore wait, VkSemaphore signal, ct_error *err) {
    VK_CHECK_MSG(vkEndCommandBuffer(r->cmd), "vkEndCommandBuffer");
    VkPipelineStageFlags stage = VK_PIPELINE_STAGE_TRANSFER_BIT;
    VkSubmitInfo si = {VK_STRUCTURE_TYPE_SUBMIT_INFO};
    si.commandBufferCount = 1;
    si.pCommandBuffers = &r->cmd;
    if (wait) {
        si.waitSemaphoreCount = 1;
        si.pWaitSemaphores = &wait;
        si.pWaitDstStageMask = &stage;
    }
    if (signal) {
        si.signalSemaphoreCount = 1;
        si.pSignalSemaphores = &signal;
    }
    VK_CHECK_MSG(vkResetFences(r->device, 1, &r->fence), "vkResetFences");
    VK_CHECK_MSG(vkQueueSubmit(r->queue, 1, &si, r->fence), "vkQueueSubmit");
    VK_CHECK_MSG(vkWaitForFences(r->device, 1, &r->fence, VK_TRUE, UINT64_MAX), "vkWaitForFences");
    return CT_OK;
}

static void destroy_targets(ct_vk_renderer *r) {
    rv_destroy_image(r, &r->color_ms);
    rv_destroy_image(r, &r->resolve);
    rv_destroy_image(r, &r->depth);
    rv_destroy_buffer(r, &r->readback);
    r->rendered = 0;
}

static ct_status create_targets(ct_vk_renderer *r, int w, int h, ct_error *err) {
    if (w < 1 || h < 1 || w > (int)r->props.limits.maxImageDimension2D ||
        h > (int)r->props.limits.maxImageDimension2D)
        return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "image size %dx%d outside 1..%u", w, h,
                            r->props.limits.maxImageDimension2D);
    r->width = w;
    r->height = h;
    ct_status st = rv_create_image(r, w, h, r->color_format, VK_SAMPLE_COUNT_1_BIT,
                                   VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
                                   VK_IMAGE_ASPECT_COLOR_BIT, &r->resolve, err);
    if (st == CT_OK && r->samples != VK_SAMPLE_COUNT_1_BIT)
        st = rv_create_image(r, w, h, r->color_format, r->samples,
                             VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                             VK_IMAGE_ASPECT_COLOR_BIT, &r->color_ms, err);
    if (st == CT_OK)
        st = rv_create_image(r, w, h, r->depth_format, r->samples, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT,
                             VK_IMAGE_ASPECT_DEPTH_BIT, &r->depth, err);
    if (st == CT_OK)
        st = rv_create_buffer(r, (VkDeviceSize)w * h * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, 1, &r->readback, err);
    if (st != CT_OK) destroy_targets(r);
    return st;
}

static ct_status create_instance(ct_vk_renderer *r, ct_error *err) {
    uint32_t api = 0;
    if (vkEnumerateInstanceVersion(&api) != VK_SUCCESS || api < VK_API_VERSION_1_3)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "vulkan: the Vulkan loader is older than 1.3 (found %u.%u)", VK_API_VERSION_MAJOR(api),
                            VK_API_VERSION_MINOR(api));
    const char *ext[40];
    uint32_t next = 0;
    for (int i = 0; i < r->def.ninstance_extension && next < 38; i++) ext[next++] = r->def.instance_extension[i];
    const char *layer = "VK_LAYER_KHRONOS_validation";
    uint32_t nlayer = 0;
    if (r->def.validation) {
        ext[next++] = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
        nlayer = 1;
    }
    VkApplicationInfo app = {VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "celltwin";
    app.pEngineName = "celltwin";
    app.apiVersion = VK_API_VERSION_1_3;
    VkInstanceCreateInfo ci = {VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    ci.pApplicationInfo = &app;
    ci.enabledExtensionCount = next;
    ci.ppEnabledExtensionNames = ext;
    ci.enabledLayerCount = nlayer;
    ci.ppEnabledLayerNames = &layer;
    VkResult vr = vkCreateInstance(&ci, NULL, &r->instance);
    if (vr == VK_ERROR_INCOMPATIBLE_DRIVER)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "vulkan: no Vulkan driver (ICD) found: install a GPU driver or mesa-vulkan-drivers "
                            "(lavapipe), and check VK_ICD_FILENAMES");
    if (vr == VK_ERROR_LAYER_NOT_PRESENT)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "vulkan: validation requested but VK_LAYER_KHRONOS_validation is not installed "
                            "(vulkan-validationlayers)");
    if (vr == VK_ERROR_EXTENSION_NOT_PRESENT)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "vulkan: a required instance extension is missing (window system or debug utils)");
    VK_CHECK_MSG(vr, "vkCreateInstance");
    if (r->def.validation) {
        PFN_vkCreateDebugUtilsMessengerEXT create =
            (PFN_vkCreateDebugUtilsMessengerEXT)vkGetInstanceProcAddr(r->instance, "vkCreateDebugUtilsMessengerEXT");
        if (create) {
            VkDebugUtilsMessengerCreateInfoEXT mi = {VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
            mi.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                 VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
            mi.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                             VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                             VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
            mi.pfnUserCallback = on_debug;
            mi.pUserData = r;
            VK_CHECK_MSG(create(r->instance, &mi, NULL, &r->messenger), "vkCreateDebugUtilsMessengerEXT");
        }
    }
    return CT_OK;
}

/* Picks a device with Vulkan 1.3, a graphics queue and dynamic rendering; discrete > integrated > other. */
static ct_status pick_device(ct_vk_renderer *r, ct_error *err) {
    uint32_t n = 0;
    vkEnumeratePhysicalDevices(r->instance, &n, NULL);
    if (n == 0)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "vulkan: no Vulkan device found (no GPU and no lavapipe: install mesa-vulkan-drivers)");
    VkPhysicalDevice devs[16];
    if (n > 16) n = 16;
    vkEnumeratePhysicalDevices(r->instance, &n, devs);
    int best_score = -1;
    for (uint32_t i = 0; i < n; i++) {
        VkPhysicalDeviceProperties p;
        vkGetPhysicalDeviceProperties(devs[i], &p);
        if (p.apiVersion < VK_API_VERSION_1_3) continue;
        VkPhysicalDeviceVulkan13Features f13 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
        VkPhysicalDeviceFeatures2 f2 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
        f2.pNext = &f13;
        vkGetPhysicalDeviceFeatures2(devs[i], &f2);
        if (!f13.dynamicRendering || !f13.synchronization2) continue;
        uint32_t nq = 0;
        vkGetPhysicalDeviceQueueFamilyProperties(devs[i], &nq, NULL);
        VkQueueFamilyProperties qp[32];
        if (nq > 32) nq = 32;
        vkGetPhysicalDeviceQueueFamilyProperties(devs[i], &nq, qp);
        int fam = -1;
        for (uint32_t q = 0; q < nq && fam < 0; q++)
            if (qp[q].queueFlags & VK_QUEUE_GRAPHICS_BIT) fam = (int)q;
        if (fam < 0) continue;
        int score = p.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU     ? 3
                    : p.deviceType == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU ? 2
                                                                             : 1;
        if (score > best_score) {
            best_score = score;
            r->phys = devs[i];
            r->queue_family = (uint32_t)fam;
        }
    }
    if (best_score < 0)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "vulkan: no device with Vulkan 1.3, dynamic rendering and a graphics queue");
    vkGetPhysicalDeviceProperties(r->phys, &r->props);
    vkGetPhysicalDeviceMemoryProperties(r->phys, &r->memprops);
    snprintf(r->device_name, sizeof r->device_name, "%s", r->props.deviceName);
    return CT_OK;
}

static ct_status create_device(ct_vk_renderer *r, ct_error *err) {
    float prio = 1.0f;
    VkDeviceQueueCreateInfo qi = {VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qi.queueFamilyIndex = r->queue_family;
    qi.queueCount = 1;
    qi.pQueuePriorities = &prio;
    VkPhysicalDeviceVulkan13Features f13 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
    f13.dynamicRendering = VK_TRUE;
    f13.synchronization2 = VK_TRUE;
    VkPhysicalDeviceFeatures2 f2 = {VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    f2.pNext = &f13;
    const char *ext[1] = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    VkDeviceCreateInfo di = {VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    di.pNext = &f2;
    di.queueCreateInfoCount = 1;
    di.pQueueCreateInfos = &qi;
    r->has_swapchain_ext = r->def.ninstance_extension > 0;
    di.enabledExtensionCount = r->has_swapchain_ext ? 1 : 0;
    di.ppEnabledExtensionNames = ext;
    VK_CHECK_MSG(vkCreateDevice(r->phys, &di, NULL, &r->device), "vkCreateDevice");
    vkGetDeviceQueue(r->device, r->queue_family, 0, &r->queue);
    VkCommandPoolCreateInfo pi = {VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pi.queueFamilyIndex = r->queue_family;
    VK_CHECK_MSG(vkCreateCommandPool(r->device, &pi, NULL, &r->cmd_pool), "vkCreateCommandPool");
    VkCommandBufferAllocateInfo ai = {VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = r->cmd_pool;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VK_CHECK_MSG(vkAllocateCommandBuffers(r->device, &ai, &r->cmd), "vkAllocateCommandBuffers");
    VkFenceCreateInfo fi = {VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VK_CHECK_MSG(vkCreateFence(r->device, &fi, NULL, &r->fence), "vkCreateFence");
    return CT_OK;
}

static VkSampleCountFlagBits pick_samples(const ct_vk_renderer *r, int want) {
    VkSampleCountFlags ok =
        r->props.limits.framebufferColorSampleCounts & r->props.limits.framebufferDepthSampleCounts;
    const VkSampleCountFlagBits order[4] = {VK_SAMPLE_COUNT_8_BIT, VK_SAMPLE_COUNT_4_BIT, VK_SAMPLE_COUNT_2_BIT,
                                            VK_SAMPLE_COUNT_1_BIT};
    for (int i = 0; i < 4; i++)
        if ((int)order[i] <= want && (ok & order[i])) return order[i];
    return VK_SAMPLE_COUNT_1_BIT;
}

ct_status ct_vk_renderer_create(const ct_vk_renderer_def *def, ct_vk_renderer **out, ct_error *err) {
    *out = NULL;
    ct_vk_renderer *r = (ct_vk_renderer *)ct_alloc(sizeof *r);
    if (!r) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    r->def = def ? *def : ct_vk_renderer_default_def();
    if (r->def.samples < 1) r->def.samples = 1;
    ct_status st = create_instance(r, err);
    if (st == CT_OK) st = pick_device(r, err);
    if (st == CT_OK) st = create_device(r, err);
    if (st == CT_OK) {
        r->samples = pick_samples(r, r->def.samples);
        r->color_format = VK_FORMAT_R8G8B8A8_UNORM;
        r->depth_format = VK_FORMAT_D32_SFLOAT;
        st = create_targets(r, r->def.width, r->def.height, err);
    }
    if (st == CT_OK) st = rv_create_pipelines(r, err);
    if (st != CT_OK) {
        ct_vk_renderer_destroy(r);
        return st;
    }
    *out = r;
    return CT_OK;
}

void ct_vk_renderer_destroy(ct_vk_renderer *r) {
    if (!r) return;
    if (r->device) {
        vkDeviceWaitIdle(r->device);
        ct_vk_renderer_detach_surface(r);
        rv_overlay_destroy(r);
        rv_destroy_buffer(r, &r->lines);
        rv_destroy_pipelines(r);
        destroy_targets(r);
        if (r->fence) vkDestroyFence(r->device, r->fence, NULL);
        if (r->cmd_pool) vkDestroyCommandPool(r->device, r->cmd_pool, NULL);
        vkDestroyDevice(r->device, NULL);
    }
    if (r->messenger) {
        PFN_vkDestroyDebugUtilsMessengerEXT destroy =
            (PFN_vkDestroyDebugUtilsMessengerEXT)vkGetInstanceProcAddr(r->instance, "vkDestroyDebugUtilsMessengerEXT");
        if (destroy) destroy(r->instance, r->messenger, NULL);
    }
    if (r->instance) vkDestroyInstance(r->instance, NULL);
    ct_free(r);
}

ct_status ct_vk_renderer_resize(ct_vk_renderer *r, int width, int height, ct_error *err) {
    if (width == r->width && height == r->height) return CT_OK;
    vkDeviceWaitIdle(r->device);
    destroy_targets(r);
    return create_targets(r, width, height, err);
}

void ct_vk_renderer_size(const ct_vk_renderer *r, int *width, int *height) {
    if (width) *width = r->width;
    if (height) *height = r->height;
}

const char *ct_vk_renderer_device_name(const ct_vk_renderer *r) { return r->device_name; }
int ct_vk_renderer_samples(const ct_vk_renderer *r) { return (int)r->samples; }
VkInstance ct_vk_renderer_instance(const ct_vk_renderer *r) { return r->instance; }
VkPhysicalDevice ct_vk_renderer_physical_device(const ct_vk_renderer *r) { return r->phys; }
VkDevice ct_vk_renderer_device(const ct_vk_renderer *r) { return r->device; }

ct_status ct_vk_read_pixels(ct_vk_renderer *r, uint8_t *rgba, ct_error *err) {
    if (!r->rendered) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "no frame rendered yet");
    ct_status st = rv_begin(r, err);
    if (st != CT_OK) return st;
    VkBufferImageCopy c;
    memset(&c, 0, sizeof c);
    c.imageSubresource.aspectMask = VK_IMAGE_ASPECT_COLOR_BIT;
    c.imageSubresource.layerCount = 1;
    c.imageExtent.width = (uint32_t)r->width;
    c.imageExtent.height = (uint32_t)r->height;
    c.imageExtent.depth = 1;
    vkCmdCopyImageToBuffer(r->cmd, r->resolve.img, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, r->readback.buf, 1, &c);
    VkMemoryBarrier2 mb = {VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    mb.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
    mb.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    mb.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    mb.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    VkDependencyInfo di = {VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    di.memoryBarrierCount = 1;
    di.pMemoryBarriers = &mb;
    vkCmdPipelineBarrier2(r->cmd, &di);
    st = rv_submit_wait(r, VK_NULL_HANDLE, VK_NULL_HANDLE, err);
    if (st != CT_OK) return st;
    memcpy(rgba, r->readback.map, (size_t)r->width * r->height * 4);
    return CT_OK;
}
