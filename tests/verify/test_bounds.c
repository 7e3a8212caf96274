/* Link speed bounds checked against a closed form (a sphere on a rotating arm) and against brute
 * force: the speed of every collision-mesh vertex, from the geometric Jacobian, at random
 * configurations and joint speeds within the bounds, never exceeds the bound. */
#include "ct_test.h"

#include <dirent.h>
#include <stdlib.h>

#include "celltwin/kin.h"
#include "celltwin/verify_bounds.h"

static double urand(unsigned *s) { *s = *s * 1664525u + 1013904223u; return (*s >> 8) / 16777216.0; }

static int test_single_link_closed_form(void) {
    /* a sphere of radius 0.1 at 0.5 m from a vertical axis turning at 2 rad/s: fastest point 1.2 m/s */
    const char *xml =
        "<robot name='arm'><link name='base'/>"
        " <link name='arm'><collision><origin xyz='0.5 0 0'/><geometry><sphere radius='0.1'/></geometry></collision></link>"
        " <joint name='j' type='revolute'><parent link='base'/><child link='arm'/><origin xyz='0 0 0.3'/>"
        "  <axis xyz='0 0 1'/><limit lower='-3' upper='3' velocity='2'/></joint></robot>";
    ct_urdf_model *u = NULL;
    ct_error err;
    CT_ENSURE(ct_urdf_parse(xml, strlen(xml), "<t>", NULL, &u, &err) == CT_OK);
    ct_robot_def def = ct_robot_default_def();
    ct_robot *r = NULL;
    CT_ENSURE(ct_robot_compile(u, &def, &r, &err) == CT_OK);
    ct_urdf_free(u);
    ct_link_bounds b;
    CT_ENSURE(ct_link_bounds_create(r, &b, &err) == CT_OK);
    int arm = ct_robot_find_link(r, "arm");
    double qd = 2.0;
    CT_ENSURE_NEAR(b.radius[arm], 0.6, 1e-15);
    CT_ENSURE_NEAR(ct_link_speed_bound(&b, arm, &qd), 1.2, 1e-15);
    ct_link_bounds_destroy(&b);
    ct_robot_destroy(r);
    return 0;
}

static int check_robot(const char *path, int *checked) {
    ct_robot_def def = ct_robot_default_def();
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        return 1;
    }
    ct_link_bounds b;
    if (ct_link_bounds_create(r, &b, &err) != CT_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        ct_robot_destroy(r);
        return 1;
    }
    unsigned s = 21;
    double *J = malloc(sizeof(double) * 6 * (size_t)r->ndof);
    double qd_bound[CT_ROBOT_MAX_DOF];
    for (int d = 0; d < r->ndof; d++) qd_bound[d] = r->dof_vel[d] > 0 ? r->dof_vel[d] : 1.0;
    int fail = 0;
    for (int it = 0; it < 40 && !fail; it++) {
        double q[CT_ROBOT_MAX_DOF], qd[CT_ROBOT_MAX_DOF];
        for (int d = 0; d < r->ndof; d++) {
            double lo = isfinite(r->dof_lower[d]) ? r->dof_lower[d] : -3, hi = isfinite(r->dof_upper[d]) ? r->dof_upper[d] : 3;
            q[d] = lo + (hi - lo) * urand(&s);
            /* mostly extreme speeds: the worst case sits at the corners of the speed box */
            qd[d] = qd_bound[d] * (urand(&s) < 0.8 ? (urand(&s) < 0.5 ? -1.0 : 1.0) : 2 * urand(&s) - 1);
        }
        for (int sh = 0; sh < r->nshape && !fail; sh++) {
            const ct_robot_shape *shape = &r->shape[sh];
            if (shape->visual || !shape->mesh) continue;
            double bound = ct_link_speed_bound(&b, shape->link, qd_bound);
            const ct_mesh *m = shape->mesh;
            for (int v = 0; v < m->nvert; v += 1 + m->nvert / 200) {
                ct_vec3 x = ct_xf_apply(shape->origin, ct_v3(m->vert[3 * v], m->vert[3 * v + 1], m->vert[3 * v + 2]));
                ct_kin_jacobian(r, q, shape->link, x, J);
                ct_vec3 vel = ct_v3(0, 0, 0);
                for (int d = 0; d < r->ndof; d++)
                    vel = ct_v3_add(vel, ct_v3(J[d] * qd[d], J[r->ndof + d] * qd[d], J[2 * r->ndof + d] * qd[d]));
                double speed = ct_v3_norm(vel);
                if (speed > bound * (1 + 1e-12)) {
                    fprintf(stderr, "%s: link %s vertex %d moves at %.6g m/s > bound %.6g\n", path,
                            r->link_name[shape->link], v, speed, bound);
                    fail = 1;
                    break;
                }
                (*checked)++;
            }
        }
    }
    free(J);
    ct_link_bounds_destroy(&b);
    ct_robot_destroy(r);
    return fail;
}

static int test_bound_holds_on_mesh_vertices(void) {
    const char *roots[2] = {CT_SOURCE_DIR "/assets/robots", CT_SHARED_DIR "/assets/robots"};
    int robots = 0, checked = 0;
    for (int k = 0; k < 2; k++) {
        DIR *d = opendir(roots[k]);
        if (!d) continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            char path[1024];
            /* the STL variants: Assimp reads them fastest */
            snprintf(path, sizeof path, "%s/%s/robot_stl.urdf", roots[k], e->d_name);
            FILE *f = fopen(path, "r");
            if (!f) {
                snprintf(path, sizeof path, "%s/%s/robot.urdf", roots[k], e->d_name);
                f = fopen(path, "r");
            }
            if (!f) continue;
            fclose(f);
            CT_ENSURE(check_robot(path, &checked) == 0);
            robots++;
        }
        closedir(d);
    }
    CT_ENSURE(robots >= 2);
    printf("speed bound held for %d vertex samples on %d robots\n", checked, robots);
    return 0;
}

CT_TEST_MAIN(CT_TEST(single_link_closed_form), CT_TEST(bound_holds_on_mesh_vertices))
