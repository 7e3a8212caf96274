// urdfdom behind the C interface of test_urdf_ref.h: the independent reference for test_urdf.c.
#include "test_urdf_ref.h"

#include <urdf_parser/urdf_parser.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

static urdf::ModelInterfaceSharedPtr g_model;

static void copy_str(char *dst, size_t n, const std::string &s) { std::snprintf(dst, n, "%s", s.c_str()); }

static void copy_pose(ref_pose *out, const urdf::Pose &p) {
    out->xyz[0] = p.position.x;
    out->xyz[1] = p.position.y;
    out->xyz[2] = p.position.z;
    p.rotation.getQuaternion(out->quat[1], out->quat[2], out->quat[3], out->quat[0]);
}

int ref_urdf_open(const char *path) {
    std::ifstream f(path);
    if (!f) return 1;
    std::stringstream ss;
    ss << f.rdbuf();
    g_model = urdf::parseURDF(ss.str());
    return g_model ? 0 : 1;
}

void ref_urdf_close(void) { g_model.reset(); }

int ref_urdf_counts(int *nlink, int *njoint, char root[256]) {
    if (!g_model) return 1;
    *nlink = (int)g_model->links_.size();
    *njoint = (int)g_model->joints_.size();
    copy_str(root, 256, g_model->getRoot() ? g_model->getRoot()->name : "");
    return 0;
}

int ref_urdf_joint(const char *name, ref_joint *out) {
    std::memset(out, 0, sizeof *out);
    urdf::JointConstSharedPtr j = g_model ? g_model->getJoint(name) : nullptr;
    if (!j) return 1;
    const char *types[] = {"unknown", "revolute", "continuous", "prismatic", "floating", "planar", "fixed"};
    copy_str(out->type, sizeof out->type, types[j->type]);
    copy_str(out->parent, sizeof out->parent, j->parent_link_name);
    copy_str(out->child, sizeof out->child, j->child_link_name);
    copy_pose(&out->origin, j->parent_to_joint_origin_transform);
    out->axis[0] = j->axis.x;
    out->axis[1] = j->axis.y;
    out->axis[2] = j->axis.z;
    if (j->limits) {
        out->has_limit = 1;
        out->lower = j->limits->lower;
        out->upper = j->limits->upper;
        out->velocity = j->limits->velocity;
        out->effort = j->limits->effort;
    }
    if (j->mimic) {
        out->has_mimic = 1;
        copy_str(out->mimic, sizeof out->mimic, j->mimic->joint_name);
        out->multiplier = j->mimic->multiplier;
        out->offset = j->mimic->offset;
    }
    return 0;
}

int ref_urdf_link(const char *name, ref_link *out) {
    std::memset(out, 0, sizeof *out);
    urdf::LinkConstSharedPtr l = g_model ? g_model->getLink(name) : nullptr;
    if (!l) return 1;
    if (l->inertial) {
        out->has_inertial = 1;
        out->mass = l->inertial->mass;
        copy_pose(&out->origin, l->inertial->origin);
        out->ixx = l->inertial->ixx;
        out->ixy = l->inertial->ixy;
        out->ixz = l->inertial->ixz;
        out->iyy = l->inertial->iyy;
        out->iyz = l->inertial->iyz;
        out->izz = l->inertial->izz;
    }
    out->nvisual = (int)l->visual_array.size();
    out->ncollision = (int)l->collision_array.size();
    return 0;
}

static void copy_geom(ref_geom *out, const urdf::Pose &origin, const urdf::GeometrySharedPtr &g) {
    copy_pose(&out->origin, origin);
    switch (g->type) {
    case urdf::Geometry::BOX: {
        auto b = std::static_pointer_cast<urdf::Box>(g);
        copy_str(out->type, sizeof out->type, "box");
        out->size[0] = b->dim.x;
        out->size[1] = b->dim.y;
        out->size[2] = b->dim.z;
        break;
    }
    case urdf::Geometry::CYLINDER: {
        auto c = std::static_pointer_cast<urdf::Cylinder>(g);
        copy_str(out->type, sizeof out->type, "cylinder");
        out->radius = c->radius;
        out->length = c->length;
        break;
    }
    case urdf::Geometry::SPHERE:
        copy_str(out->type, sizeof out->type, "sphere");
        out->radius = std::static_pointer_cast<urdf::Sphere>(g)->radius;
        break;
    case urdf::Geometry::MESH: {
        auto m = std::static_pointer_cast<urdf::Mesh>(g);
        copy_str(out->type, sizeof out->type, "mesh");
        copy_str(out->filename, sizeof out->filename, m->filename);
        out->scale[0] = m->scale.x;
        out->scale[1] = m->scale.y;
        out->scale[2] = m->scale.z;
        break;
    }
    }
}

int ref_urdf_geom(const char *link, int visual, int i, ref_geom *out) {
    std::memset(out, 0, sizeof *out);
    urdf::LinkConstSharedPtr l = g_model ? g_model->getLink(link) : nullptr;
    if (!l) return 1;
    if (visual) {
        if (i < 0 || i >= (int)l->visual_array.size() || !l->visual_array[i]->geometry) return 1;
        copy_geom(out, l->visual_array[i]->origin, l->visual_array[i]->geometry);
    } else {
        if (i < 0 || i >= (int)l->collision_array.size() || !l->collision_array[i]->geometry) return 1;
        copy_geom(out, l->collision_array[i]->origin, l->collision_array[i]->geometry);
    }
    return 0;
}
