/* Private state of the renderer shared by the render_*.c files. */
#ifndef CT_RENDER_INTERNAL_H
#define CT_RENDER_INTERNAL_H

#include "celltwin/render.h"

#define VK_CHECK_MSG(call, what)                                                                          \
    do {                                                                                                  \
        VkResult vr_ = (call);                                                                            \
        if (vr_ != VK_SUCCESS)                                                                            \
            return ct_error_set(err, CT_ERR_UNSUPPORTED, NULL, 0, 0, "vulkan: %s failed (VkResult %d)", what, \
                                (int)vr_);                                                                \
    } while (0)

/* A buffer with its own memory allocation. */
typedef struct rv_buffer {
    VkBuffer buf;
    VkDeviceMemory mem;
    VkDeviceSize size;
    void *map; /* host-visible buffers stay mapped */
} rv_buffer;

typedef struct rv_image {
    VkImage img;
    VkDeviceMemory mem;
    VkImageView view;
} rv_image;

struct ct_vk_renderer {
    ct_vk_renderer_def def;
    VkInstance instance;
    VkDebugUtilsMessengerEXT messenger;
    VkPhysicalDevice phys;
    VkPhysicalDeviceProperties props;
    VkPhysicalDeviceMemoryProperties memprops;
    VkDevice device;
    uint32_t queue_family;
    VkQueue queue;
    VkCommandPool cmd_pool;
    VkCommandBuffer cmd;
    VkFence fence;
    int has_swapchain_ext;

    /* offscreen targets */
    int width, height;
    VkSampleCountFlagBits samples;
    VkFormat color_format, depth_format;
    rv_image color_ms;  /* MSAA colour (when samples > 1) */
    rv_image resolve;   /* single-sample colour: the frame */
    rv_image depth;
    int rendered;       /* a frame is in `resolve` (layout TRANSFER_SRC_OPTIMAL) */
    rv_buffer readback; /* host-visible, width * height * 4 */

    /* pipelines */
    VkPipelineLayout mesh_layout, line_layout, overlay_layout;
    VkPipeline mesh_pipe, line_pipe, line_top_pipe, overlay_pipe;
    VkDescriptorSetLayout overlay_dsl;
    VkDescriptorPool overlay_pool;
    VkDescriptorSet overlay_set;
    VkSampler sampler;
    rv_image overlay_img;   /* width x height RGBA8, sampled */
    rv_buffer overlay_staging;
    int overlay_w, overlay_h;

    /* per-frame line vertices (host visible, grows) */
    rv_buffer lines;

    /* window mode */
    VkSurfaceKHR surface;
    VkSwapchainKHR swapchain;
    uint32_t nswap;
    VkImage *swap_img;
    VkExtent2D swap_extent;
    VkSemaphore sem_acquire, sem_done;

    char device_name[256];
    ct_vk_render_stats stats; /* of the last frame */
};

/* Line vertex as uploaded: position (m) and colour. */
typedef struct rv_line_vertex {
    float pos[3];
    float rgba[4];
} rv_line_vertex;

/* render_device.c */
ct_status rv_create_buffer(ct_vk_renderer *r, VkDeviceSize size, VkBufferUsageFlags usage, int host, rv_buffer *b,
                           ct_error *err);
void rv_destroy_buffer(ct_vk_renderer *r, rv_buffer *b);
ct_status rv_create_image(ct_vk_renderer *r, int w, int h, VkFormat fmt, VkSampleCountFlagBits samples,
                          VkImageUsageFlags usage, VkImageAspectFlags aspect, rv_image *im, ct_error *err);
void rv_destroy_image(ct_vk_renderer *r, rv_image *im);
ct_status rv_begin(ct_vk_renderer *r, ct_error *err);
ct_status rv_submit_wait(ct_vk_renderer *r, VkSemaphore wait, VkSemaphore signal, ct_error *err);
void rv_image_barrier(VkCommandBuffer cmd, VkImage img, VkImageAspectFlags aspect, VkImageLayout from,
                      VkImageLayout to, VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                      VkPipelineStageFlags2 dst_stage, VkAccessFlags2 dst_access);

/* render_pipeline.c */
ct_status rv_create_pipelines(ct_vk_renderer *r, ct_error *err);
void rv_destroy_pipelines(ct_vk_renderer *r);

/* render_overlay.c */
ct_status rv_overlay_upload(ct_vk_renderer *r, const uint8_t *rgba, ct_error *err); /* records into r->cmd */
void rv_overlay_destroy(ct_vk_renderer *r);

/* render_scene.c: world poses of every robot link for the frame's joint values */
typedef struct rv_draw {
    int body;
    int mesh;             /* index into the scene's mesh ranges */
    ct_xform local;       /* shape frame in the body frame */
    float rgba[4];
} rv_draw;

typedef struct rv_body {
    char name[128];
    int robot;            /* -1 for objects */
    int link;             /* robot link the body rides on (-1: static) */
    ct_xform offset;      /* body frame in the link frame (or in the world for static bodies) */
    float rgba[4];
} rv_body;

/* Index range of one level of detail (over the mesh's vertices) and its geometric error. */
typedef struct rv_lod {
    uint32_t first_index, nindex;
    int32_t vertex_offset; /* simplified levels have their own compact copy of the vertices they use */
    float error;          /* m: simplifier's error estimate (0 for the full mesh) */
} rv_lod;

#define RV_MAX_LOD 4      /* level 0 (full) + up to 3 simplified */

typedef struct rv_mesh_range {
    uint32_t first_index, nindex;
    int32_t vertex_offset;
    float lo[3], hi[3];   /* bounds in the shape frame */
    int nvert;            /* vertices of the range */
    int nlod;             /* levels in lod[]; lod[0] is first_index/nindex; 0 means 1 */
    rv_lod lod[RV_MAX_LOD];
} rv_mesh_range;

struct ct_vk_scene {
    ct_vk_renderer *r;
    const ct_cell *cell;
    int nbody;
    rv_body *body;
    int ndraw;
    rv_draw *draw;
    int nmesh;
    rv_mesh_range *mesh;
    rv_buffer vbuf, ibuf;
    ct_xform *world_from_root; /* (nrobot) */
    int max_links;
    ct_xform *link_pose;        /* (nrobot x max_links) scratch: world poses for the current frame */
    double *home;               /* (nrobot x max_dof) */
    int max_dof;
};

/* World pose of every body for the frame's joint values: out is (nbody). */
void rv_scene_body_poses(const ct_vk_scene *s, const double *const *robot_q, ct_xform *out);

#endif
