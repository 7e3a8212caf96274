/* One frame: body poses from the joint values, line vertices (grid, axes, polylines with step
 * markers, markers), per-shape culling and level of detail, command recording with dynamic
 * rendering (MSAA resolve), submission and wait. */
#include <math.h>
#include <string.h>

#include "render_internal.h"

ct_vk_frame ct_vk_default_frame(const ct_vk_scene *s, double aspect) {
    ct_vk_frame f;
    memset(&f, 0, sizeof f);
    double lo[3] = {-1, -1, 0}, hi[3] = {1, 1, 1};
    if (s) ct_vk_scene_bounds(s, NULL, lo, hi);
    f.camera = ct_vk_camera_fit(lo, hi, 45.0 * M_PI / 180.0, 30.0 * M_PI / 180.0, aspect);
    f.show_grid = 1;
    f.background[0] = 0.93f, f.background[1] = 0.94f, f.background[2] = 0.96f, f.background[3] = 1.0f;
    return f;
}

typedef struct line_list {
    rv_line_vertex *v;
    int n, cap;
} line_list;

static int push_line(line_list *l, const double a[3], const double b[3], const float rgba[4]) {
    if (l->n + 2 > l->cap) {
        int cap = l->cap ? 2 * l->cap : 1024;
        rv_line_vertex *nv = (rv_line_vertex *)ct_realloc(l->v, (size_t)cap * sizeof *nv);
        if (!nv) return 0;
        l->v = nv;
        l->cap = cap;
    }
    for (int k = 0; k < 3; k++) l->v[l->n].pos[k] = (float)a[k], l->v[l->n + 1].pos[k] = (float)b[k];
    memcpy(l->v[l->n].rgba, rgba, 4 * sizeof(float));
    memcpy(l->v[l->n + 1].rgba, rgba, 4 * sizeof(float));
    l->n += 2;
    return 1;
}

static int add_grid(line_list *l, const ct_vk_scene *s) {
    double lo[3], hi[3];
    ct_vk_scene_bounds(s, NULL, lo, hi);
    int x0 = (int)floor(lo[0]) - 1, x1 = (int)ceil(hi[0]) + 1, y0 = (int)floor(lo[1]) - 1, y1 = (int)ceil(hi[1]) + 1;
    const float grey[4] = {0.62f, 0.64f, 0.68f, 1}, axis_x[4] = {0.8f, 0.3f, 0.3f, 1}, axis_y[4] = {0.3f, 0.7f, 0.3f, 1};
    for (int x = x0; x <= x1; x++) {
        double a[3] = {x, y0, 0}, b[3] = {x, y1, 0};
        if (!push_line(l, a, b, x == 0 ? axis_y : grey)) return 0;
    }
    for (int y = y0; y <= y1; y++) {
        double a[3] = {x0, y, 0}, b[3] = {x1, y, 0};
        if (!push_line(l, a, b, y == 0 ? axis_x : grey)) return 0;
    }
    return 1;
}

static int add_axes(line_list *l, const ct_vk_axes *ax) {
    static const float col[3][4] = {{0.9f, 0.1f, 0.1f, 1}, {0.1f, 0.75f, 0.1f, 1}, {0.1f, 0.2f, 0.95f, 1}};
    double o[3] = {ax->pose.p.x, ax->pose.p.y, ax->pose.p.z};
    for (int k = 0; k < 3; k++) {
        double e[3] = {o[0] + ax->length * ax->pose.R.m[k], o[1] + ax->length * ax->pose.R.m[3 + k],
                       o[2] + ax->length * ax->pose.R.m[6 + k]};
        if (!push_line(l, o, e, col[k])) return 0;
    }
    return 1;
}

/* Camera basis for screen-facing markers: forward, side (right), up (as ct_vk_camera_matrices). */
typedef struct view_basis {
    double eye[3], fwd[3], side[3], up[3];
    double m_per_px_at_1; /* metres per pixel at depth 1 m */
    double znear;
} view_basis;

static void make_basis(const ct_vk_camera *c, int height, view_basis *vb) {
    double view[16], proj[16];
    ct_vk_camera_matrices(c, 1.0, view, proj);
    for (int k = 0; k < 3; k++) {
        vb->eye[k] = c->eye[k];
        vb->side[k] = view[k * 4 + 0];
        vb->up[k] = view[k * 4 + 1];
        vb->fwd[k] = -view[k * 4 + 2];
    }
    vb->m_per_px_at_1 = 2.0 * tan(0.5 * c->fov_y) / (height > 0 ? height : 1);
    vb->znear = c->znear;
}

/* Filled diamond facing the camera: horizontal screen lines every half pixel, each as wide as the
 * diamond at its height, so MSAA sees a solid shape. */
static int add_diamond(line_list *l, const view_basis *vb, const double p0[3], double radius_px,
                       const float rgba[4]) {
    double z = 0, dist = 0, p[3];
    for (int k = 0; k < 3; k++) {
        z += (p0[k] - vb->eye[k]) * vb->fwd[k];
        dist += (p0[k] - vb->eye[k]) * (p0[k] - vb->eye[k]);
    }
    dist = sqrt(dist);
    if (z <= vb->znear || dist <= 0) return 1; /* behind the camera: nothing to see */
    /* pulled towards the eye along its ray (same pixel) by 3 radii, so that the path through the
     * point does not cut the marker in the depth test */
    double pull = fmin(3 * radius_px * z * vb->m_per_px_at_1, 0.5 * (z - vb->znear));
    for (int k = 0; k < 3; k++) p[k] = p0[k] - (p0[k] - vb->eye[k]) / dist * pull;
    z -= pull * z / dist;
    double mpp = z * vb->m_per_px_at_1;
    int nhalf = (int)ceil(2 * radius_px);
    for (int j = -nhalf; j <= nhalf; j++) {
        double y = 0.5 * j, w = radius_px - fabs(y);
        if (w < 0) continue;
        double a[3], b[3];
        for (int k = 0; k < 3; k++) {
            a[k] = p[k] + mpp * (y * vb->up[k] - w * vb->side[k]);
            b[k] = p[k] + mpp * (y * vb->up[k] + w * vb->side[k]);
        }
        if (!push_line(l, a, b, rgba)) return 0;
    }
    return 1;
}

static int add_polyline(line_list *l, const ct_vk_polyline *p, const view_basis *vb) {
    for (int i = 0; i + 1 < p->npoint; i++)
        if (!push_line(l, p->point + 3 * i, p->point + 3 * i + 3, p->point_rgba ? p->point_rgba + 4 * i : p->rgba))
            return 0;
    double radius = p->step_marker_px > 0 ? p->step_marker_px : 5.0;
    for (int i = 0; p->step_point && i < p->nstep; i++)
        if (!add_diamond(l, vb, p->step_point + 3 * i, radius, p->step_rgba ? p->step_rgba + 4 * i : p->rgba))
            return 0;
    return 1;
}

/* 3D cross with an open gap of size/4 around the point, so the body under it stays visible. */
static int add_marker(line_list *l, const ct_vk_marker *m) {
    for (int k = 0; k < 3; k++)
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            double a[3] = {m->pos[0], m->pos[1], m->pos[2]}, b[3] = {m->pos[0], m->pos[1], m->pos[2]};
            a[k] += sgn * 0.25 * m->size;
            b[k] += sgn * m->size;
            if (!push_line(l, a, b, m->rgba)) return 0;
        }
    return 1;
}

static void mat4_mul(const double a[16], const double b[16], double out[16]) { /* column-major a * b */
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) {
            double s = 0;
            for (int k = 0; k < 4; k++) s += a[k * 4 + r] * b[c * 4 + k];
            out[c * 4 + r] = s;
        }
}

static void xf_to_mat4(ct_xform x, double m[16]) {
    memset(m, 0, 16 * sizeof(double));
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++) m[c * 4 + r] = x.R.m[3 * r + c];
    m[12] = x.p.x, m[13] = x.p.y, m[14] = x.p.z, m[15] = 1;
}

/* 1 when the shape-frame box lo..hi lies entirely outside one plane of the view volume (Vulkan
 * clip space: -w <= x, y <= w, 0 <= z <= w), its corners mapped by the column-major mvp. */
static int box_outside(const double mvp[16], const float lo[3], const float hi[3]) {
    int out[6] = {0, 0, 0, 0, 0, 0};
    for (int c = 0; c < 8; c++) {
        double p[3] = {c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2]}, q[4];
        for (int r = 0; r < 4; r++) q[r] = mvp[r] * p[0] + mvp[4 + r] * p[1] + mvp[8 + r] * p[2] + mvp[12 + r];
        out[0] += q[0] < -q[3];
        out[1] += q[0] > q[3];
        out[2] += q[1] < -q[3];
        out[3] += q[1] > q[3];
        out[4] += q[2] < 0;
        out[5] += q[2] > q[3];
    }
    for (int k = 0; k < 6; k++)
        if (out[k] == 8) return 1;
    return 0;
}

/* Coarsest level whose error, seen at the shape's nearest possible depth (bounding sphere of its
 * box at world pose w), projects to at most max_px pixels. */
static int pick_lod(const rv_mesh_range *m, ct_xform w, const view_basis *vb, double max_px) {
    if (m->nlod <= 1) return 0;
    ct_vec3 c = ct_xf_apply(w, ct_v3(0.5 * (m->lo[0] + m->hi[0]), 0.5 * (m->lo[1] + m->hi[1]),
                                      0.5 * (m->lo[2] + m->hi[2])));
    double rad = 0;
    for (int k = 0; k < 3; k++) rad += 0.25 * (double)(m->hi[k] - m->lo[k]) * (m->hi[k] - m->lo[k]);
    rad = sqrt(rad);
    double z = (c.x - vb->eye[0]) * vb->fwd[0] + (c.y - vb->eye[1]) * vb->fwd[1] + (c.z - vb->eye[2]) * vb->fwd[2];
    z -= rad;
    if (z <= vb->znear) return 0;
    double px_per_m = 1.0 / (z * vb->m_per_px_at_1);
    for (int k = m->nlod - 1; k > 0; k--)
        if (m->lod[k].error * px_per_m <= max_px) return k;
    return 0;
}

void ct_vk_render_last_stats(const ct_vk_renderer *r, ct_vk_render_stats *out) { *out = r->stats; }

/* Line vertices: depth-tested ones first (ndepth), then those drawn on top. */
static ct_status build_lines(ct_vk_renderer *r, const ct_vk_scene *s, const ct_vk_frame *f, int *ndepth, int *ntop,
                             ct_error *err) {
    line_list l = {NULL, 0, 0};
    int ok = 1;
    view_basis vb;
    make_basis(&f->camera, r->height, &vb);
    if (f->show_grid && s) ok = add_grid(&l, s);
    for (int i = 0; ok && i < f->naxes; i++) ok = add_axes(&l, &f->axes[i]);
    for (int i = 0; ok && i < f->npolyline; i++)
        if (!f->polyline[i].on_top) ok = add_polyline(&l, &f->polyline[i], &vb);
    *ndepth = l.n;
    for (int i = 0; ok && i < f->npolyline; i++)
        if (f->polyline[i].on_top) ok = add_polyline(&l, &f->polyline[i], &vb);
    for (int i = 0; ok && i < f->nmarker; i++) ok = add_marker(&l, &f->marker[i]);
    *ntop = l.n - *ndepth;
    if (!ok) {
        ct_free(l.v);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    VkDeviceSize need = (VkDeviceSize)l.n * sizeof(rv_line_vertex);
    if (need > r->lines.size || !r->lines.buf) {
        rv_destroy_buffer(r, &r->lines);
        ct_status st = rv_create_buffer(r, need > 65536 ? 2 * need : 65536, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, 1,
                                        &r->lines, err);
        if (st != CT_OK) {
            ct_free(l.v);
            return st;
        }
    }
    if (l.n) memcpy(r->lines.map, l.v, (size_t)need);
    ct_free(l.v);
    return CT_OK;
}

static void begin_rendering(ct_vk_renderer *r, const ct_vk_frame *f, int first) {
    VkRenderingAttachmentInfo ca = {VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    int ms = r->samples != VK_SAMPLE_COUNT_1_BIT;
    ca.imageView = ms ? r->color_ms.view : r->resolve.view;
    ca.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    if (ms) {
        ca.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
        ca.resolveImageView = r->resolve.view;
        ca.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    }
    ca.loadOp = first ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
    ca.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    for (int k = 0; k < 4; k++) ca.clearValue.color.float32[k] = f->background[k];
    VkRenderingAttachmentInfo da = {VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    da.imageView = r->depth.view;
    da.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    da.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    da.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    da.clearValue.depthStencil.depth = 1.0f;
    VkRenderingInfo ri = {VK_STRUCTURE_TYPE_RENDERING_INFO};
    ri.renderArea.extent.width = (uint32_t)r->width;
    ri.renderArea.extent.height = (uint32_t)r->height;
    ri.layerCount = 1;
    ri.colorAttachmentCount = 1;
    ri.pColorAttachments = &ca;
    ri.pDepthAttachment = &da;
    vkCmdBeginRendering(r->cmd, &ri);
    VkViewport vp = {0, 0, (float)r->width, (float)r->height, 0, 1};
    VkRect2D sc = {{0, 0}, {(uint32_t)r->width, (uint32_t)r->height}};
    vkCmdSetViewport(r->cmd, 0, 1, &vp);
    vkCmdSetScissor(r->cmd, 0, 1, &sc);
}

ct_status ct_vk_render_frame(ct_vk_renderer *r, const ct_vk_scene *s, const ct_vk_frame *f, ct_error *err) {
    int ndepth = 0, ntop = 0;
    ct_status st = build_lines(r, s, f, &ndepth, &ntop, err);
    if (st != CT_OK) return st;
    int nbody = s ? s->nbody : 0;
    ct_xform *poses = (ct_xform *)ct_alloc((size_t)(nbody + 1) * sizeof(ct_xform));
    float (*body_rgba)[4] = (float (*)[4])ct_alloc((size_t)(nbody + 1) * sizeof *body_rgba);
    unsigned char *body_state = (unsigned char *)ct_alloc((size_t)nbody + 1); /* 1: has shapes, 2: drawn */
    if (!poses || !body_rgba || !body_state) {
        ct_free(poses);
        ct_free(body_rgba);
        ct_free(body_state);
        return ct_error_set(err, CT_ERR_NO_MEMORY, NULL, 0, 0, "out of memory");
    }
    if (s) {
        rv_scene_body_poses(s, f->robot_q, poses);
        for (int b = 0; b < nbody; b++) memcpy(body_rgba[b], s->body[b].rgba, sizeof body_rgba[b]);
        for (int i = 0; i < f->nhighlight; i++)
            if (f->highlight[i].body >= 0 && f->highlight[i].body < nbody)
                memcpy(body_rgba[f->highlight[i].body], f->highlight[i].rgba, 4 * sizeof(float));
    }
    st = rv_begin(r, err);
    if (st == CT_OK && f->overlay_rgba) st = rv_overlay_upload(r, f->overlay_rgba, err);
    if (st != CT_OK) {
        ct_free(poses);
        ct_free(body_rgba);
        ct_free(body_state);
        return st;
    }
    VkCommandBuffer cmd = r->cmd;
    int ms = r->samples != VK_SAMPLE_COUNT_1_BIT;
    const VkPipelineStageFlags2 out_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
    rv_image_barrier(cmd, r->resolve.img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                     VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                     VK_ACCESS_2_MEMORY_READ_BIT | VK_ACCESS_2_MEMORY_WRITE_BIT, out_stage,
                     VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT);
    if (ms)
        rv_image_barrier(cmd, r->color_ms.img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                         VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, out_stage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                         out_stage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT);
    rv_image_barrier(cmd, r->depth.img, VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                     VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                     VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                     VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                     VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                     VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT);
    begin_rendering(r, f, 1);

    double aspect = (double)r->width / r->height, view[16], proj[16], vp[16];
    ct_vk_camera_matrices(&f->camera, aspect, view, proj);
    mat4_mul(proj, view, vp);
    /* light from above, slightly from the camera side */
    double light[3] = {0.3 * (f->camera.eye[0] - f->camera.target[0]), 0.3 * (f->camera.eye[1] - f->camera.target[1]),
                       0};
    double ln = sqrt(light[0] * light[0] + light[1] * light[1]) + 1e-12;
    light[0] = 0.5 * light[0] / ln, light[1] = 0.5 * light[1] / ln, light[2] = 0.866;

    ct_vk_render_stats *stats = &r->stats;
    memset(stats, 0, sizeof *stats);
    view_basis vb;
    make_basis(&f->camera, r->height, &vb);
    int cull = f->detail != CT_VK_DETAIL_FULL, lod = f->detail == CT_VK_DETAIL_AUTO;
    double lod_px = f->lod_pixels > 0 ? f->lod_pixels : 1.0;
    if (s && s->ndraw > 0) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r->mesh_pipe);
        VkDeviceSize off = 0;
        vkCmdBindVertexBuffers(cmd, 0, 1, &s->vbuf.buf, &off);
        vkCmdBindIndexBuffer(cmd, s->ibuf.buf, 0, VK_INDEX_TYPE_UINT32);
        for (int d = 0; d < s->ndraw; d++) {
            const rv_draw *dr = &s->draw[d];
            ct_xform w = ct_xf_mul(poses[dr->body], dr->local);
            double model[16], mvp[16];
            xf_to_mat4(w, model);
            mat4_mul(vp, model, mvp);
            const rv_mesh_range *m = &s->mesh[dr->mesh];
            stats->shapes++;
            stats->triangles_full += m->nindex / 3;
            body_state[dr->body] |= 1;
            if (cull && box_outside(mvp, m->lo, m->hi)) {
                stats->shapes_culled++;
                continue;
            }
            int level = lod ? pick_lod(m, w, &vb, lod_px) : 0;
            uint32_t first = level ? m->lod[level].first_index : m->first_index;
            uint32_t count = level ? m->lod[level].nindex : m->nindex;
            int32_t voff = level ? m->lod[level].vertex_offset : m->vertex_offset;
            body_state[dr->body] |= 2;
            stats->shapes_at_lod[level]++;
            stats->triangles += count / 3;
            float push[32];
            for (int k = 0; k < 16; k++) push[k] = (float)mvp[k];
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 3; k++) push[16 + 4 * c + k] = (float)w.R.m[3 * k + c];
                push[16 + 4 * c + 3] = (float)light[c];
            }
            memcpy(push + 28, body_rgba[dr->body], 4 * sizeof(float));
            vkCmdPushConstants(cmd, r->mesh_layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                               sizeof push, push);
            vkCmdDrawIndexed(cmd, count, 1, first, voff, 0);
        }
        for (int b = 0; b < nbody; b++) {
            stats->bodies += (body_state[b] & 1) != 0;
            stats->bodies_culled += body_state[b] == 1;
        }
    }
    if (ndepth + ntop > 0) {
        float push[16];
        for (int k = 0; k < 16; k++) push[k] = (float)vp[k];
        VkDeviceSize off = 0;
        vkCmdBindVertexBuffers(cmd, 0, 1, &r->lines.buf, &off);
        if (ndepth) {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r->line_pipe);
            vkCmdPushConstants(cmd, r->line_layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                               sizeof push, push);
            vkCmdDraw(cmd, (uint32_t)ndepth, 1, 0, 0);
        }
        if (ntop) {
            vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r->line_top_pipe);
            vkCmdPushConstants(cmd, r->line_layout, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                               sizeof push, push);
            vkCmdDraw(cmd, (uint32_t)ntop, 1, (uint32_t)ndepth, 0);
        }
    }
    if (f->overlay_rgba) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r->overlay_pipe);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, r->overlay_layout, 0, 1, &r->overlay_set, 0,
                                NULL);
        vkCmdDraw(cmd, 3, 1, 0, 0);
    }
    vkCmdEndRendering(cmd);
    rv_image_barrier(cmd, r->resolve.img, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                     VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, out_stage, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                     VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_READ_BIT);
    ct_free(poses);
    ct_free(body_rgba);
    ct_free(body_state);
    st = rv_submit_wait(r, VK_NULL_HANDLE, VK_NULL_HANDLE, err);
    if (st == CT_OK) r->rendered = 1;
    return st;
}
