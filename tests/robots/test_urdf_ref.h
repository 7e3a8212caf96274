/* Reference URDF reader for tests: urdfdom (C++) behind a C interface, so the C tests can
 * cross-check ct_urdf_* against an independent parser. One model is open at a time. */
#ifndef CT_TEST_URDF_REF_H
#define CT_TEST_URDF_REF_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ref_pose { double xyz[3]; double quat[4]; /* w x y z */ } ref_pose;

typedef struct ref_joint {
    char type[16];            /* "revolute", "continuous", "prismatic", "fixed", "floating", "planar" */
    char parent[256], child[256];
    ref_pose origin;
    double axis[3];
    int has_limit;
    double lower, upper, velocity, effort;
    int has_mimic;
    char mimic[256];
    double multiplier, offset;
} ref_joint;

typedef struct ref_geom {
    char type[16];            /* "box", "cylinder", "sphere", "mesh" */
    ref_pose origin;
    double size[3], radius, length, scale[3];
    char filename[1024];
} ref_geom;

typedef struct ref_link {
    int has_inertial;
    double mass;
    ref_pose origin;
    double ixx, ixy, ixz, iyy, iyz, izz;
    int nvisual, ncollision;
} ref_link;

/* Parses the file with urdf::parseURDF. 0 on success. */
int ref_urdf_open(const char *path);
void ref_urdf_close(void);
int ref_urdf_counts(int *nlink, int *njoint, char root[256]);
/* 0 when found. */
int ref_urdf_joint(const char *name, ref_joint *out);
int ref_urdf_link(const char *name, ref_link *out);
/* i-th visual (visual = 1) or collision (0) of a link, in file order. 0 when found. */
int ref_urdf_geom(const char *link, int visual, int i, ref_geom *out);

#ifdef __cplusplus
}
#endif
#endif
