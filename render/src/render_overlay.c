/* UI overlay: the caller's RGBA8 image uploaded each frame to a sampled image that a full-screen
 * pass blends over the 3D view. */
#include <string.h>

#include "render_internal.h"

void rv_overlay_destroy(ct_vk_renderer *r) {
    rv_destroy_image(r, &r->overlay_img);
    rv_destroy_buffer(r, &r->overlay_staging);
    r->overlay_w = r->overlay_h = 0;
}

ct_status rv_overlay_upload(ct_vk_renderer *r, const uint8_t *rgba, ct_error *err) {
    if (r->overlay_w != r->width || r->overlay_h != r->height) {
        vkDeviceWaitIdle(r->device);
        rv_overlay_destroy(r);
        ct_status st = rv_create_image(r, r->width, r->height, VK_FORMAT_R8G8B8A8_UNORM, VK_SAMPLE_COUNT_1_BIT,
                                       VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                                       VK_IMAGE_ASPECT_COLOR_BIT, &r->overlay_img, err);
        if (st == CT_OK)
            st = rv_create_buffer(r, (VkDeviceSize)r->width * r->height * 4, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, 1,
                                  &r->overlay_staging, err);
        if (st != CT_OK) {
            rv_overlay_destroy(r);
            return st;
        }
        VkDescriptorImageInfo ii = {r->sampler, r->overlay_img.view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
        VkWriteDescriptorSet w = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        w.dstSet = r->overlay_set;
        w.descriptorCount = 1;
        w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
        w.pImageInfo = &ii;
        vkUpdateDescriptorSets(r->device, 1, &w, 0, NULL);
        r->overlay_w = r->width;
        r->overlay_h = r->height;
    }
    memcpy(r->overlay_staging.map, rgba, (size_t)r->width * r->height * 4);
    rv_image_barrier(r->cmd, r->overlay_img.img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                     VK_ACCESS_2_SHADER_SAMPLED_READ_BIT, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT);
    VkBufferImageCopy c;
    memset(&c, 0, sizeof c);
    c.imageSubresource.aspectMask = VK_IMAGE_ASPECT_COLOR_BIT;
    c.imageSubresource.layerCount = 1;
    c.imageExtent.width = (uint32_t)r->width;
    c.imageExtent.height = (uint32_t)r->height;
    c.imageExtent.depth = 1;
    vkCmdCopyBufferToImage(r->cmd, r->overlay_staging.buf, r->overlay_img.img, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                           1, &c);
    rv_image_barrier(r->cmd, r->overlay_img.img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                     VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, VK_PIPELINE_STAGE_2_COPY_BIT,
                     VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                     VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
    return CT_OK;
}
