/* Window mode: a swapchain on the caller's surface; each present blits the last rendered frame
 * (RGBA8) into the acquired swapchain image (the blit converts to the surface's BGRA format). */
#include <string.h>

#include "render_internal.h"

void ct_vk_renderer_detach_surface(ct_vk_renderer *r) {
    if (!r->device) return;
    vkDeviceWaitIdle(r->device);
    if (r->swapchain) vkDestroySwapchainKHR(r->device, r->swapchain, NULL);
    if (r->sem_acquire) vkDestroySemaphore(r->device, r->sem_acquire, NULL);
    if (r->sem_done) vkDestroySemaphore(r->device, r->sem_done, NULL);
    ct_free(r->swap_img);
    r->swap_img = NULL;
    r->swapchain = VK_NULL_HANDLE;
    r->sem_acquire = r->sem_done = VK_NULL_HANDLE;
    r->surface = VK_NULL_HANDLE;
    r->nswap = 0;
}

ct_status ct_vk_renderer_attach_surface(ct_vk_renderer *r, VkSurfaceKHR surface, int width, int height,
                                        ct_error *err) {
    if (!r->has_swapchain_ext)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "renderer created without window-system instance extensions");
    VkBool32 ok = VK_FALSE;
    vkGetPhysicalDeviceSurfaceSupportKHR(r->phys, r->queue_family, surface, &ok);
    if (!ok) return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "vulkan: the queue cannot present to this window");
    VkSurfaceCapabilitiesKHR caps;
    VK_CHECK_MSG(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(r->phys, surface, &caps), "surface capabilities");
    uint32_t nf = 0;
    vkGetPhysicalDeviceSurfaceFormatsKHR(r->phys, surface, &nf, NULL);
    if (nf == 0)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0,
                            "vulkan: the window offers no surface formats (X screen depth must be 24)");
    VkSurfaceFormatKHR fmts[64];
    if (nf > 64) nf = 64;
    vkGetPhysicalDeviceSurfaceFormatsKHR(r->phys, surface, &nf, fmts);
    VkSurfaceFormatKHR fmt = fmts[0];
    for (uint32_t i = 0; i < nf; i++)
        if (fmts[i].format == VK_FORMAT_B8G8R8A8_UNORM || fmts[i].format == VK_FORMAT_R8G8B8A8_UNORM) fmt = fmts[i];
    VkExtent2D ext = caps.currentExtent;
    if (ext.width == UINT32_MAX) ext.width = (uint32_t)width, ext.height = (uint32_t)height;
    if (ext.width == 0 || ext.height == 0) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "window has zero size");
    VkSwapchainKHR old = r->swapchain;
    VkSwapchainCreateInfoKHR si = {VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
    si.surface = surface;
    si.minImageCount = caps.minImageCount + 1;
    if (caps.maxImageCount && si.minImageCount > caps.maxImageCount) si.minImageCount = caps.maxImageCount;
    si.imageFormat = fmt.format;
    si.imageColorSpace = fmt.colorSpace;
    si.imageExtent = ext;
    si.imageArrayLayers = 1;
    si.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    si.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
    si.preTransform = caps.currentTransform;
    si.compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR;
    si.presentMode = VK_PRESENT_MODE_FIFO_KHR;
    si.clipped = VK_TRUE;
    si.oldSwapchain = old;
    if (!(caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT))
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "vulkan: swapchain images cannot be blitted to");
    vkDeviceWaitIdle(r->device);
    VkSwapchainKHR sc;
    VK_CHECK_MSG(vkCreateSwapchainKHR(r->device, &si, NULL, &sc), "vkCreateSwapchainKHR");
    ct_vk_renderer_detach_surface(r); /* destroys the old swapchain and semaphores */
    r->swapchain = sc;
    r->surface = surface;
    r->swap_extent = ext;
    vkGetSwapchainImagesKHR(r->device, sc, &r->nswap, NULL);
    r->swap_img = (VkImage *)ct_alloc(r->nswap * sizeof(VkImage));
    if (!r->swap_img) return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    vkGetSwapchainImagesKHR(r->device, sc, &r->nswap, r->swap_img);
    VkSemaphoreCreateInfo sci = {VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VK_CHECK_MSG(vkCreateSemaphore(r->device, &sci, NULL, &r->sem_acquire), "vkCreateSemaphore");
    VK_CHECK_MSG(vkCreateSemaphore(r->device, &sci, NULL, &r->sem_done), "vkCreateSemaphore");
    return ct_vk_renderer_resize(r, (int)ext.width, (int)ext.height, err);
}

ct_status ct_vk_present(ct_vk_renderer *r, ct_error *err) {
    if (!r->swapchain) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "no window surface attached");
    if (!r->rendered) return ct_error_set(err, CT_ERR_INVALID, NULL, 0, 0, "no frame rendered yet");
    uint32_t idx = 0;
    VkResult vr = vkAcquireNextImageKHR(r->device, r->swapchain, UINT64_MAX, r->sem_acquire, VK_NULL_HANDLE, &idx);
    if (vr == VK_ERROR_OUT_OF_DATE_KHR)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "swapchain out of date");
    if (vr != VK_SUCCESS && vr != VK_SUBOPTIMAL_KHR) VK_CHECK_MSG(vr, "vkAcquireNextImageKHR");
    ct_status st = rv_begin(r, err);
    if (st != CT_OK) return st;
    VkImage dst = r->swap_img[idx];
    rv_image_barrier(r->cmd, dst, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, 0,
                     VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkImageBlit b;
    memset(&b, 0, sizeof b);
    b.srcSubresource.aspectMask = b.dstSubresource.aspectMask = VK_IMAGE_ASPECT_COLOR_BIT;
    b.srcSubresource.layerCount = b.dstSubresource.layerCount = 1;
    b.srcOffsets[1] = (VkOffset3D){r->width, r->height, 1};
    b.dstOffsets[1] = (VkOffset3D){(int32_t)r->swap_extent.width, (int32_t)r->swap_extent.height, 1};
    vkCmdBlitImage(r->cmd, r->resolve.img, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &b, VK_FILTER_NEAREST);
    rv_image_barrier(r->cmd, dst, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                     VK_IMAGE_LAYOUT_PRESENT_SRC_KHR, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                     VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_NONE, 0);
    st = rv_submit_wait(r, r->sem_acquire, r->sem_done, err);
    if (st != CT_OK) return st;
    VkPresentInfoKHR pi = {VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
    pi.waitSemaphoreCount = 1;
    pi.pWaitSemaphores = &r->sem_done;
    pi.swapchainCount = 1;
    pi.pSwapchains = &r->swapchain;
    pi.pImageIndices = &idx;
    vr = vkQueuePresentKHR(r->queue, &pi);
    if (vr == VK_ERROR_OUT_OF_DATE_KHR || vr == VK_SUBOPTIMAL_KHR)
        return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "swapchain out of date");
    VK_CHECK_MSG(vr, "vkQueuePresentKHR");
    return CT_OK;
}
