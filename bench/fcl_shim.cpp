// FCL shim for `bench check`: OBBRSS meshes, collide and distance behind a C interface
// (fcl_shim.h), so the C benchmark can time FCL on the same meshes and poses. Queries go through
// the geometry-and-transform entry points: a CollisionObject would recompute the mesh's local
// box over every vertex on construction, which is not part of a query.
#include "fcl_shim.h"

#include <fcl/fcl.h>

#include <memory>
#include <vector>

typedef fcl::BVHModel<fcl::OBBRSSd> ct_fcl_model;

struct ct_fcl_mesh {
    std::shared_ptr<ct_fcl_model> model;
};

static fcl::Transform3d ct_fcl_pose(const double *R, const double *p) {
    fcl::Transform3d t = fcl::Transform3d::Identity();
    fcl::Matrix3d m;
    m << R[0], R[1], R[2], R[3], R[4], R[5], R[6], R[7], R[8];
    t.linear() = m;
    t.translation() = fcl::Vector3d(p[0], p[1], p[2]);
    return t;
}

extern "C" ct_fcl_mesh *ct_fcl_mesh_create(const float *tri, int ntri) {
    try {
        std::vector<fcl::Vector3d> v;
        std::vector<fcl::Triangle> t;
        v.reserve(3 * (size_t)ntri);
        t.reserve((size_t)ntri);
        for (int i = 0; i < ntri; i++) {
            for (int k = 0; k < 3; k++) v.emplace_back(tri[9 * i + 3 * k], tri[9 * i + 3 * k + 1], tri[9 * i + 3 * k + 2]);
            t.emplace_back(3 * i, 3 * i + 1, 3 * i + 2);
        }
        ct_fcl_mesh *m = new ct_fcl_mesh;
        m->model = std::make_shared<ct_fcl_model>();
        m->model->beginModel();
        m->model->addSubModel(v, t);
        m->model->endModel();
        return m;
    } catch (...) {
        return nullptr;
    }
}

extern "C" void ct_fcl_mesh_destroy(ct_fcl_mesh *m) { delete m; }

extern "C" int ct_fcl_collide(const ct_fcl_mesh *a, const double *Ra, const double *pa, const ct_fcl_mesh *b,
                              const double *Rb, const double *pb) {
    fcl::CollisionRequestd req;
    fcl::CollisionResultd res;
    fcl::collide(a->model.get(), ct_fcl_pose(Ra, pa), b->model.get(), ct_fcl_pose(Rb, pb), req, res);
    return res.isCollision() ? 1 : 0;
}

extern "C" double ct_fcl_distance(const ct_fcl_mesh *a, const double *Ra, const double *pa, const ct_fcl_mesh *b,
                                  const double *Rb, const double *pb) {
    fcl::DistanceRequestd req;
    fcl::DistanceResultd res;
    fcl::distance(a->model.get(), ct_fcl_pose(Ra, pa), b->model.get(), ct_fcl_pose(Rb, pb), req, res);
    return res.min_distance;
}
