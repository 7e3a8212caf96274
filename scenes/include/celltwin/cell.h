/* celltwin cell: a robot cell read from a versioned JSON file (docs/cell-format.md).
 * A cell holds robots (URDF, base pose, tools, user frames, accuracy table, payload, limit
 * overrides, programs, I/O defaults), static objects (meshes or primitives), parts attached to
 * tools, allowed-contact pairs, clearance thresholds and I/O model defaults.
 *
 * Units: the JSON file speaks mm, degrees, kg and seconds; everything in these structs is SI
 * (m, rad, kg, s). Poses in the file are [x, y, z, rx, ry, rz] with R = Rz(rz) Ry(ry) Rx(rx)
 * (fixed XYZ, as ct_xf_from_xyzrpy). A ct_cell owns every string, array, mesh and robot it points
 * to; ct_cell_destroy frees all of it.
 *
 * Errors name the JSON path (JSON Pointer, 0-based: "/robots/1/base") and the line and column
 * of the offending key in the file: "cell.json:12:7: error: /robots/1/base: expected 6 numbers".
 * Unknown keys are warnings (errors with def.strict). */
#ifndef CELLTWIN_CELL_H
#define CELLTWIN_CELL_H

#include "celltwin/base.h"
#include "celltwin/math.h"
#include "celltwin/mesh.h"
#include "celltwin/robot.h"

#define CT_CELL_VERSION 1          /* newest format version this library reads and writes */
#define CT_CELL_ACCURACY_LEVELS 8  /* Hyundai accuracy levels A=0..7 */
#define CT_CELL_MAX_NAME 64        /* longest name (bytes, without the NUL) */

typedef enum ct_cell_group {
    CT_CELL_FIXTURE,
    CT_CELL_PART,
    CT_CELL_CAR_BODY,
    CT_CELL_FENCE,
    CT_CELL_CONVEYOR,
    CT_CELL_OTHER,
    CT_CELL_GROUP_COUNT
} ct_cell_group;

/* JSON spelling of a group ("fixture", "part", "car_body", "fence", "conveyor", "other"). */
CT_API const char *ct_cell_group_name(ct_cell_group g);

typedef enum ct_cell_shape_kind {
    CT_CELL_SHAPE_NONE,     /* no geometry (a tool that is only a TCP) */
    CT_CELL_SHAPE_MESH,
    CT_CELL_SHAPE_BOX,
    CT_CELL_SHAPE_CYLINDER, /* axis along the shape frame's z, centred on its origin */
    CT_CELL_SHAPE_SPHERE
} ct_cell_shape_kind;

/* Geometry of an object, tool or attached part, in the frame of its owner. */
typedef struct ct_cell_shape {
    ct_cell_shape_kind kind;
    char *mesh_file;        /* MESH: path as written in the file (relative to the cell file) */
    char *mesh_path;        /* MESH: resolved path (NULL after ct_cell_parse, which reads no files) */
    double scale[3];        /* MESH: scale per axis; default 1,1,1 */
    double size[3];         /* BOX: full extents (m) */
    double radius;          /* CYLINDER, SPHERE (m) */
    double length;          /* CYLINDER: full length along z (m) */
    ct_xform origin;        /* shape frame in the owner frame; default identity */
    ct_mesh *mesh;          /* MESH: loaded and scaled (owned); NULL when not loaded */
} ct_cell_shape;

/* One tool: TCP and optional geometry, both in the robot's tip (flange) frame. */
typedef struct ct_cell_tool {
    int number;             /* tool number (Hyundai T=, Hi6 tool=): 0..31 */
    char *name;             /* Doosan set_tcp name; NULL when absent */
    ct_xform tcp;           /* TCP in the tip frame */
    double mass;            /* kg, 0 = not given */
    ct_vec3 com;            /* centre of mass in the tip frame (m) */
    ct_cell_shape shape;    /* kind NONE when the tool has no geometry */
} ct_cell_tool;

/* One user frame (Hyundai U<n>, Doosan 101..200), in the robot's base frame. */
typedef struct ct_cell_uframe {
    int number;
    ct_xform pose;
} ct_cell_uframe;

/* Payload carried at the flange beyond the tool (e.g. the part). */
typedef struct ct_cell_payload {
    double mass;            /* kg; 0 = none */
    ct_vec3 com;            /* centre of mass in the tip frame (m) */
    double inertia[6];      /* about the COM in tip axes: ixx, iyy, izz, ixy, ixz, iyz (kg m^2) */
} ct_cell_payload;

/* I/O model for waits during playback. */
typedef struct ct_cell_input { int index; int value; } ct_cell_input;
typedef struct ct_cell_io {
    double wait_time;       /* seconds a WAIT on an input takes when its value is not given; default 0.5 */
    int ninput;
    ct_cell_input *input;   /* (ninput) digital input values that waits see at once */
} ct_cell_io;

typedef struct ct_cell_robot {
    char *name;             /* unique in the cell; no '/' */
    char *urdf_file;        /* as written (relative to the cell file) */
    char *urdf_path;        /* resolved (NULL after ct_cell_parse) */
    char *tip;              /* tip frame link name; NULL = automatic (robot.h) */
    ct_xform base;          /* robot base frame in the cell (world) frame */
    int ntool;
    ct_cell_tool *tool;     /* (ntool), numbers unique */
    int nuframe;
    ct_cell_uframe *uframe; /* (nuframe), numbers unique */
    double accuracy[CT_CELL_ACCURACY_LEVELS]; /* corner distance per accuracy level (m) */
    ct_cell_payload payload;
    /* Joint arrays below are SI after ct_cell_load; after ct_cell_parse (no robot to tell joint
     * types) they are converted as if every joint were revolute (deg -> rad). */
    int nvel;               /* 0 or ndof */
    double *vel_limits;     /* (nvel) joint speed limits replacing the URDF's (rad/s or m/s) */
    int nacc;               /* 0 or ndof */
    double *acc_limits;     /* (nacc) joint acceleration limits (rad/s^2 or m/s^2) */
    int nhome;              /* 0 or ndof */
    double *home;           /* (nhome) start/home joint values (rad or m) */
    int nprogram;
    char **program_file;    /* (nprogram) as written (relative to the cell file) */
    char **program_path;    /* (nprogram) resolved; NULL entries after ct_cell_parse */
    int has_io;             /* 1 when the robot overrides the cell's I/O defaults */
    ct_cell_io io;          /* the robot's I/O defaults (a copy of the cell's when has_io = 0) */
    ct_robot *robot;        /* compiled model with the overrides (owned); NULL after ct_cell_parse */
} ct_cell_robot;

typedef struct ct_cell_object {
    char *name;             /* unique in the cell; no '/' */
    ct_cell_group group;
    ct_xform pose;          /* object frame in the cell frame */
    ct_cell_shape shape;    /* in the object frame; never NONE */
} ct_cell_object;

/* A part carried by a robot's tool (moves with the TCP). */
typedef struct ct_cell_part {
    char *name;             /* unique in the cell */
    int robot;              /* index into robot[] */
    int tool;               /* tool number it hangs on */
    ct_xform pose;          /* part frame in the TCP frame */
    ct_cell_shape shape;    /* in the part frame; never NONE */
} ct_cell_part;

/* Bodies are named "object", "part", "robot" (every link), "robot/link" or "robot/tool". */
typedef struct ct_cell_pair {
    char *a, *b;
    double clearance;       /* clearance pairs: threshold (m); allowed-contact pairs: 0 */
} ct_cell_pair;

typedef struct ct_cell {
    int version;            /* format version of the file (1..CT_CELL_VERSION) */
    char *name;
    char *description;      /* free text; NULL when absent */
    char *source_path;      /* the cell file (NULL after ct_cell_parse from memory) */
    int nrobot;
    ct_cell_robot *robot;
    int nobject;
    ct_cell_object *object;
    int npart;
    ct_cell_part *part;
    int nallowed;
    ct_cell_pair *allowed;  /* pairs whose contact is not a finding */
    double clearance;       /* global clearance threshold (m); default 0.010 */
    int nclear;
    ct_cell_pair *clear;    /* per-pair thresholds overriding the global one */
    ct_cell_io io;          /* cell-wide I/O model defaults */
} ct_cell;

typedef enum ct_cell_severity { CT_CELL_WARNING, CT_CELL_ERROR } ct_cell_severity;

/* One diagnostic. message starts with the JSON path ("/robots/1/base: expected 6 numbers"). */
typedef struct ct_cell_diag {
    ct_cell_severity severity;
    const char *file;       /* cell file name as given */
    int line, column;       /* 1-based; 0 when unknown */
    const char *message;
} ct_cell_diag;
typedef void ct_cell_diag_fn(const ct_cell_diag *d, void *user);

typedef struct ct_cell_def {
    ct_mesh_load_mode robot_meshes; /* robot geometry to load; default CT_MESHES_COLLISION */
    int load_meshes;        /* 1: load object/tool/part meshes; default 1 */
    int check_programs;     /* 1: program files must exist; default 1 */
    int strict;             /* 1: unknown keys are errors; default 0 (warnings) */
    int max_errors;         /* stop collecting after this many errors; default 20 */
    ct_cell_diag_fn *diag;  /* receives every error and warning; NULL: warnings and the errors
                               after the first go to ct_log, the first error only to *err */
    void *diag_user;
    int internal_value;     /* DO NOT SET: set by ct_cell_default_def */
} ct_cell_def;

CT_API ct_cell_def ct_cell_default_def(void);

/* Reads, validates and loads a cell: robots through ct_robot_load (tip frame and limit
 * overrides applied, TCP left at identity), meshes through ct_mesh_load, every relative path
 * resolved against the cell file's folder. Validates structure, types, counts, finite numbers,
 * unique names and numbers, references between entries (robots, links, tools, bodies), counts
 * that depend on the robot (limits, home) and that files exist. On failure *out is NULL and err
 * holds the first error. def may be NULL (defaults). */
CT_API ct_status ct_cell_load(const char *path, const ct_cell_def *def, ct_cell **out, ct_error *err);

/* Structure-only validation of cell JSON in memory: every check that needs no file (no robots,
 * meshes or programs are read; paths stay unresolved; robot-dependent counts unchecked).
 * name labels the diagnostics (may be NULL). */
CT_API ct_status ct_cell_parse(const char *text, size_t len, const char *name, const ct_cell_def *def,
                               ct_cell **out, ct_error *err);

/* Writes the cell as JSON text (version CT_CELL_VERSION, mm/deg, paths as written). *text is
 * NUL-terminated and freed with ct_free. Loading the text gives an equal cell. */
CT_API ct_status ct_cell_to_json(const ct_cell *cell, char **text, ct_error *err);

/* ct_cell_to_json written atomically (temporary file in the same folder, then rename). Relative
 * paths are kept as written, so save next to the original cell file to keep them valid. */
CT_API ct_status ct_cell_save(const ct_cell *cell, const char *path, ct_error *err);

CT_API void ct_cell_destroy(ct_cell *cell);

/* Lookups: index or -1. */
CT_API int ct_cell_find_robot(const ct_cell *cell, const char *name);
CT_API int ct_cell_find_object(const ct_cell *cell, const char *name);
/* The robot's tool with this number, or NULL. */
CT_API const ct_cell_tool *ct_cell_robot_tool(const ct_cell_robot *r, int number);
/* The tool a robot carries for collision checking and drawing: its lowest-numbered tool with
 * geometry (cells list one per gun), or NULL when no tool has geometry. */
CT_API const ct_cell_tool *ct_cell_carried_tool(const ct_cell_robot *r);
/* The robot's user frame with this number, or NULL. */
CT_API const ct_cell_uframe *ct_cell_robot_uframe(const ct_cell_robot *r, int number);
/* Clearance threshold (m) between two bodies: the pair's own value, else the global one. */
CT_API double ct_cell_clearance_for(const ct_cell *cell, const char *a, const char *b);
/* 1 when contact between the two bodies is allowed (either order; "robot" covers its links). */
CT_API int ct_cell_contact_allowed(const ct_cell *cell, const char *a, const char *b);

#endif
