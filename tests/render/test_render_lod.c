/* Level of detail and frustum culling (lavapipe, validation layer on, any message fails):
 * images with LOD and culling against full-detail images of the same frame (pixel difference and
 * silhouette IoU), bodies outside the view (decided here from their world bounds and this test's
 * own projection) culled without changing the image, and simplified levels of a generated dense
 * mesh that really have fewer triangles than the mesh as loaded. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ct_test.h"
#include "dense_cell.h"
#include "render_check.h"
#include "render_test_common.h"

#define W 960
#define H 540
static const int bg[3] = {51, 102, 153};

typedef struct fixture {
    ct_cell *cell;
    ct_vk_renderer *r;
    ct_vk_scene *scene;
    uint8_t *a, *b;
} fixture;

static void fixture_free(fixture *fx) {
    free(fx->a);
    free(fx->b);
    ct_vk_scene_destroy(fx->scene);
    ct_vk_renderer_destroy(fx->r);
    ct_cell_destroy(fx->cell);
}

/* 0 ok, 1 failure, 77 skip (no Vulkan). */
static int fixture_setup(fixture *fx, const char *cell_path) {
    memset(fx, 0, sizeof *fx);
    ct_error err;
    ct_error_clear(&err);
    if (ct_cell_load(cell_path, NULL, &fx->cell, &err) != CT_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    ct_vk_renderer_def d = ct_vk_renderer_default_def();
    d.width = W, d.height = H, d.validation = 1, d.on_message = on_message;
    if (ct_vk_renderer_create(&d, &fx->r, &err) != CT_OK) {
        printf("SKIPPED: no Vulkan: %s\n", err.message);
        return CT_TEST_SKIP_CODE;
    }
    if (ct_vk_scene_create(fx->r, fx->cell, &fx->scene, &err) != CT_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    fx->a = (uint8_t *)malloc((size_t)W * H * 4);
    fx->b = (uint8_t *)malloc((size_t)W * H * 4);
    return fx->a && fx->b ? 0 : 1;
}

/* fixture_setup; on failure or skip the fixture is freed. The validation counter starts at 0. */
static int fixture_init(fixture *fx, const char *cell_path) {
    int rc = fixture_setup(fx, cell_path);
    if (rc) fixture_free(fx);
    nmessages = 0;
    return rc;
}

static ct_vk_frame base_frame(const fixture *fx) {
    ct_vk_frame f = ct_vk_default_frame(fx->scene, (double)W / H);
    f.show_grid = 0;
    for (int k = 0; k < 3; k++) f.background[k] = bg[k] / 255.0f;
    f.background[3] = 1;
    return f;
}

/* Renders f with `detail` into px and returns the stats. */
static int render(fixture *fx, ct_vk_frame f, int detail, uint8_t *px, ct_vk_render_stats *st) {
    ct_error err;
    f.detail = detail;
    if (ct_vk_render_frame(fx->r, fx->scene, &f, &err) != CT_OK || ct_vk_read_pixels(fx->r, px, &err) != CT_OK) {
        fprintf(stderr, "render: %s\n", err.message);
        return 0;
    }
    ct_vk_render_last_stats(fx->r, st);
    return 1;
}

/* LOD + culling against full detail for a set of views: few differing pixels, same silhouette. */
static int compare_views(fixture *fx, const ct_vk_camera *cams, int ncam, const char *tag, long long *lod_draws,
                         double *min_tri_ratio) {
    *lod_draws = 0;
    *min_tri_ratio = 1;
    for (int c = 0; c < ncam; c++) {
        ct_vk_frame f = base_frame(fx);
        f.camera = cams[c];
        ct_vk_render_stats full, lod;
        CT_ENSURE(render(fx, f, CT_VK_DETAIL_FULL, fx->a, &full));
        CT_ENSURE(render(fx, f, CT_VK_DETAIL_AUTO, fx->b, &lod));
        double diff, iou;
        rc_compare(fx->a, fx->b, W, H, bg, 24, &diff, &iou);
        printf("%s view %d: %.3f%% pixels differ, silhouette IoU %.4f; triangles %lld of %lld, shapes at LOD "
               "%d/%d/%d/%d, culled %d/%d shapes\n",
               tag, c, 100 * diff, iou, lod.triangles, lod.triangles_full, lod.shapes_at_lod[0], lod.shapes_at_lod[1],
               lod.shapes_at_lod[2], lod.shapes_at_lod[3], lod.shapes_culled, lod.shapes);
        if (diff >= 0.03 || iou <= 0.98) {
            char png[512];
            snprintf(png, sizeof png, CT_BUILD_DIR "/test_render_lod_%s_%d_full.png", tag, c);
            ct_error err;
            ct_vk_write_png(png, fx->a, W, H, &err);
            snprintf(png, sizeof png, CT_BUILD_DIR "/test_render_lod_%s_%d_lod.png", tag, c);
            ct_vk_write_png(png, fx->b, W, H, &err);
        }
        CT_ENSURE(diff < 0.03);
        CT_ENSURE(iou > 0.98);
        CT_ENSURE(full.triangles == full.triangles_full && full.shapes_culled == 0);
        CT_ENSURE(lod.triangles_full == full.triangles_full);
        *lod_draws += lod.shapes_at_lod[1] + lod.shapes_at_lod[2] + lod.shapes_at_lod[3];
        double ratio = (double)lod.triangles / (double)lod.triangles_full;
        if (ratio < *min_tri_ratio) *min_tri_ratio = ratio;
    }
    return 0;
}

static int test_lod_matches_full_sample(void) {
    fixture fx;
    int rc = fixture_init(&fx, CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json");
    if (rc) return rc;
    double lo[3], hi[3], centre[3] = {0, 0, 1.0};
    ct_vk_scene_bounds(fx.scene, NULL, lo, hi);
    ct_vk_camera cams[4] = {
        ct_vk_camera_fit(lo, hi, 0.8, 0.5, (double)W / H),  /* the whole cell */
        ct_vk_camera_orbit(centre, 0.9, 0.6, 13.0),          /* overview */
        ct_vk_camera_orbit(centre, 2.5, 0.3, 30.0),          /* far away: coarse levels */
        ct_vk_camera_orbit(centre, -0.6, 0.4, 3.0),          /* close-up: parts outside the view */
    };
    long long lod_draws;
    double ratio;
    if (compare_views(&fx, cams, 4, "sample", &lod_draws, &ratio)) {
        fixture_free(&fx);
        return 1;
    }
    /* the car body (4156 triangles) is the sample cell's only mesh above the LOD threshold */
    CT_ENSURE(lod_draws > 0);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);
    fixture_free(&fx);
    return 0;
}

static int test_culled_body_image_unchanged(void) {
    fixture fx;
    int rc = fixture_init(&fx, CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json");
    if (rc) return rc;
    /* close to the car body, looking at it towards +x: the cabinet (-3.5, -3.3) is behind the eye */
    int body = ct_vk_scene_find_body(fx.scene, "body"), cabinet = ct_vk_scene_find_body(fx.scene, "cabinet");
    CT_ENSURE(body >= 0 && cabinet >= 0);
    double target[3] = {1.5, 0, 1.2};
    ct_vk_frame f = base_frame(&fx);
    f.camera = ct_vk_camera_orbit(target, M_PI + 0.2, 0.25, 3.0);
    /* bodies outside the view, decided from their world bounds with this test's projection: all
     * 8 corners behind the camera, or all beyond one image edge */
    rc_cam m = rc_make_cam(&f.camera, W, H);
    int outside = 0, cabinet_out = 0, nb = ct_vk_scene_body_count(fx.scene);
    for (int b = 0; b < nb; b++) {
        double blo[3], bhi[3];
        if (!ct_vk_scene_body_bounds(fx.scene, b, NULL, blo, bhi)) continue;
        int side[5] = {0, 0, 0, 0, 0};
        for (int c = 0; c < 8; c++) {
            double p[3] = {c & 1 ? bhi[0] : blo[0], c & 2 ? bhi[1] : blo[1], c & 4 ? bhi[2] : blo[2]}, u, v, z;
            if (!rc_project(&m, p, &u, &v, &z)) {
                side[4]++;
                continue;
            }
            side[0] += u < 0, side[1] += u > W, side[2] += v < 0, side[3] += v > H;
        }
        int out = side[4] == 8 || side[0] == 8 || side[1] == 8 || side[2] == 8 || side[3] == 8;
        outside += out;
        if (b == cabinet) cabinet_out = out;
    }
    CT_ENSURE(cabinet_out);
    ct_vk_render_stats full, cull;
    CT_ENSURE(render(&fx, f, CT_VK_DETAIL_FULL, fx.a, &full));
    CT_ENSURE(render(&fx, f, CT_VK_DETAIL_CULL_ONLY, fx.b, &cull));
    ct_error err;
    ct_vk_write_png(CT_BUILD_DIR "/test_render_cull.png", fx.b, W, H, &err);
    long ndiff = 0, drawn = 0;
    for (long i = 0; i < (long)W * H * 4; i++) ndiff += fx.a[i] != fx.b[i];
    for (long i = 0; i < (long)W * H; i++) drawn += !rc_near(fx.a + 4 * i, bg[0], bg[1], bg[2], 1);
    printf("%d of %d bodies outside the view by their world bounds; culled: %d bodies, %d/%d shapes; "
           "%ld bytes differ; %ld pixels drawn\n",
           outside, cull.bodies, cull.bodies_culled, cull.shapes_culled, cull.shapes, ndiff, drawn);
    CT_ENSURE(full.bodies_culled == 0 && full.shapes_culled == 0);
    CT_ENSURE(cull.bodies == full.bodies);
    CT_ENSURE(cull.bodies_culled >= outside && outside >= 1);
    CT_ENSURE(cull.bodies_culled < cull.bodies); /* the car body is in view */
    CT_ENSURE(drawn > W * H / 4);
    CT_ENSURE(ndiff == 0);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);
    fixture_free(&fx);
    return 0;
}

/* Sample cell plus two 60k-triangle tori (generated into the build folder). */
static int dense_cell(char *path, size_t n) {
    char dir[512];
    snprintf(dir, sizeof dir, CT_BUILD_DIR "/test_render_lod_dense");
    mkdir(dir, 0755);
    ct_error err;
    ct_error_clear(&err);
    if (ct_dense_cell_write(dir, CT_SOURCE_DIR "/assets/cells/spot_weld/cell.json", 2, 60000, path, n, &err) != CT_OK) {
        fprintf(stderr, "dense cell: %s\n", err.message);
        return 0;
    }
    return 1;
}

static int test_lod_levels_drop_for_dense_mesh(void) {
    char path[1024];
    CT_ENSURE(dense_cell(path, sizeof path));
    fixture fx;
    int rc = fixture_init(&fx, path);
    if (rc) return rc;
    int o = ct_cell_find_object(fx.cell, "dense_0");
    CT_ENSURE(o >= 0 && fx.cell->object[o].shape.mesh);
    const ct_mesh *mesh = fx.cell->object[o].shape.mesh;
    double extent = 0;
    for (int k = 0; k < 3; k++) extent = fmax(extent, mesh->aabb_max[k] - mesh->aabb_min[k]);
    long long ntri[4];
    double error[4];
    int nlev = ct_vk_scene_body_lods(fx.scene, ct_vk_scene_find_body(fx.scene, "dense_0"), ntri, error);
    printf("dense torus: %d triangles as loaded, extent %.3f m; %d levels:", mesh->ntri, extent, nlev);
    for (int k = 0; k < nlev; k++) printf(" %lld tri (%.2g m)", ntri[k], error[k]);
    printf("\n");
    CT_ENSURE(mesh->ntri >= 50000);
    CT_ENSURE(nlev >= 3);
    CT_ENSURE(ntri[0] == mesh->ntri && error[0] == 0);
    for (int k = 1; k < nlev; k++) {
        CT_ENSURE(ntri[k] <= ntri[k - 1] * 3 / 4);
        CT_ENSURE(error[k] > 0 && error[k] >= error[k - 1] && error[k] < 0.06 * extent);
    }
    CT_ENSURE(ntri[nlev - 1] * 8 < ntri[0]);
    /* a small mesh (the gun) gets no levels */
    CT_ENSURE(ct_vk_scene_body_lods(fx.scene, ct_vk_scene_find_body(fx.scene, "r1/tool"), ntri, error) == 1);
    /* the image: far enough for coarse levels, near enough to see the tori */
    double lo[3], hi[3];
    ct_vk_scene_bounds(fx.scene, NULL, lo, hi);
    double centre[3] = {0, 0, 1};
    ct_vk_camera cams[2] = {ct_vk_camera_fit(lo, hi, 0.3, 0.5, (double)W / H),
                            ct_vk_camera_orbit(centre, 1.2, 0.35, 16.0)};
    long long lod_draws;
    double ratio;
    if (compare_views(&fx, cams, 2, "dense", &lod_draws, &ratio)) {
        fixture_free(&fx);
        return 1;
    }
    CT_ENSURE(lod_draws >= 2);
    CT_ENSURE_MSG(ratio < 0.5, "LOD kept %.0f%% of the triangles", 100 * ratio);
    CT_ENSURE_MSG(nmessages == 0, "%d validation messages", nmessages);
    fixture_free(&fx);
    /* with LOD switched off in the renderer definition: full meshes only */
    ct_error err;
    CT_ENSURE(ct_cell_load(path, NULL, &fx.cell, &err) == CT_OK);
    ct_vk_renderer_def d = ct_vk_renderer_default_def();
    d.width = 64, d.height = 64, d.lod_min_triangles = 0;
    CT_ENSURE(ct_vk_renderer_create(&d, &fx.r, &err) == CT_OK);
    fx.scene = NULL, fx.a = fx.b = NULL;
    CT_ENSURE(ct_vk_scene_create(fx.r, fx.cell, &fx.scene, &err) == CT_OK);
    CT_ENSURE(ct_vk_scene_body_lods(fx.scene, ct_vk_scene_find_body(fx.scene, "dense_0"), ntri, error) == 1);
    fixture_free(&fx);
    return 0;
}

CT_TEST_MAIN(CT_TEST(lod_matches_full_sample), CT_TEST(culled_body_image_unchanged),
             CT_TEST(lod_levels_drop_for_dense_mesh))
