/* Program interpreter tests: the command sequences of control flow (bounded GOTO loops, GOSUB,
 * IF/ELSEIF/ELSE with inputs from the I/O model, FOR/WHILE, CALL, DRL def), unit and speed
 * conversions, accuracy -> blend, tool and user-frame resolution (checked against frame products
 * computed here), Hyundai circles, variables files, and a Hi5 -> DRL -> replay comparison.
 * Expected values are written out independently in each test. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "celltwin/interp.h"
#include "celltwin/jobfile.h"
#include "celltwin/kin.h"
#include "celltwin/motion.h"
#include "ct_test.h"

#define HI5_HEADER "Program File Format Version : 1.6  MechType: 458(HA006B-01)  TotalAxis: 6  AuxAxis: 0\n"

static ct_robot *load_robot(const char *name) {
    char path[512];
    snprintf(path, sizeof path, "%s/assets/robots/%s/robot.urdf", CT_SOURCE_DIR, name);
    ct_robot_def def = ct_robot_default_def();
    def.meshes = CT_MESHES_NONE;
    ct_robot *r = NULL;
    ct_error err;
    if (ct_robot_load(path, &def, &r, &err) != CT_OK) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.message);
        return NULL;
    }
    return r;
}

static ct_job_program *parse(const char *text, ct_job_format fmt, const char *name) {
    ct_job_parse_def def = ct_job_parse_default_def();
    def.format = fmt;
    def.file_name = name;
    ct_job_program *p = NULL;
    ct_error err;
    if (ct_job_parse(text, strlen(text), &def, &p, &err) != CT_OK) {
        fprintf(stderr, "parse failed: %s\n", err.message);
        return NULL;
    }
    return p;
}

static int run(const ct_job_program *p, const ct_program_context *ctx, ct_interp_output *out) {
    ct_error err;
    if (ct_interp_run(p, ctx, out, &err) != CT_OK) {
        fprintf(stderr, "interp failed: %s\n", err.message);
        return 0;
    }
    return 1;
}

static int has_diag(const ct_interp_output *o, ct_interp_severity sev, int line, const char *needle) {
    for (int i = 0; i < o->ndiag; i++)
        if (o->diag[i].severity == sev && (line <= 0 || o->diag[i].line == line) && strstr(o->diag[i].message, needle)) return 1;
    return 0;
}

static void dump(const ct_interp_output *o) {
    for (int i = 0; i < o->ndiag; i++) ct_interp_diag_print(&o->diag[i], stderr);
    for (int i = 0; i < o->ncmd; i++)
        fprintf(stderr, "  cmd %d type %d line %d step %d label %s dwell %g\n", i, o->cmds[i].type, o->cmds[i].src.line,
                o->cmds[i].src.step, o->cmds[i].label ? o->cmds[i].label : "-", o->cmds[i].dwell);
}

/* Independent rotations for the checks. */
static ct_mat3 rx(double a) { ct_mat3 m = {{1, 0, 0, 0, cos(a), -sin(a), 0, sin(a), cos(a)}}; return m; }
static ct_mat3 ry(double a) { ct_mat3 m = {{cos(a), 0, sin(a), 0, 1, 0, -sin(a), 0, cos(a)}}; return m; }
static ct_mat3 rz(double a) { ct_mat3 m = {{cos(a), -sin(a), 0, sin(a), cos(a), 0, 0, 0, 1}}; return m; }

static double xf_err(ct_xform a, ct_xform b) {
    double e = ct_v3_norm(ct_v3_sub(a.p, b.p));
    for (int i = 0; i < 9; i++) e = fmax(e, fabs(a.R.m[i] - b.R.m[i]));
    return e;
}

/* ---- control flow ---- */

static int test_goto_loop_bounded(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    ct_job_program *p = parse(HI5_HEADER "     *L\n     DELAY 0.1\n     GOTO *L\n     END\n", CT_JOB_FMT_HI5, "loop.JOB");
    CT_ENSURE(p);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ctx.max_steps = 10000;
    ct_interp_output o;
    clock_t t0 = clock();
    CT_ENSURE(run(p, &ctx, &o));
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    /* LABEL once, then DELAY, GOTO pairs: 1 + 2 * 4999.5 -> 5000 delays in 10000 steps */
    CT_ENSURE_MSG(o.ncmd == 5000, "ncmd %d", o.ncmd);
    CT_ENSURE(o.steps == 10000);
    CT_ENSURE(!o.completed);
    CT_ENSURE(o.nerrors == 1);
    CT_ENSURE(has_diag(&o, CT_INTERP_ERROR, 0, "step budget of 10000"));
    CT_ENSURE(o.diag[0].line == 3 || o.diag[0].line == 4);
    CT_ENSURE(secs < 2.0);
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

static const char *flow_prog = HI5_HEADER
    "     V1%=0\n"          /* 2 */
    "     *TOP\n"           /* 3 */
    "     V1%=V1%+1\n"      /* 4 */
    "     IF DI3=1 THEN\n"  /* 5 */
    "       DO1=1\n"        /* 6 */
    "     ELSEIF DI4=1 THEN\n"
    "       DO2=1\n"        /* 8 */
    "     ELSE\n"
    "       DO3=1\n"        /* 10 */
    "     ENDIF\n"
    "     IF V1%<2 THEN *TOP\n"
    "     FOR V2%=1 TO 3\n" /* 13 */
    "       GOSUB *SUB\n"
    "     NEXT\n"
    "     GOTO *FIN\n"
    "     *SUB\n"
    "     DELAY 0.25\n"     /* 18 */
    "     RETURN\n"
    "     *FIN\n"
    "     WAIT DI5\n"       /* 21 */
    "     END\n";

static int check_flow(const ct_robot *r, double di3, const char *expect_out, int expect_line) {
    ct_job_program *p = parse(flow_prog, CT_JOB_FMT_HI5, "flow.JOB");
    CT_ENSURE(p);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ctx.signals[0] = (ct_interp_signal){3, di3, 0};
    ctx.signals[1] = (ct_interp_signal){4, 1, 0};
    ctx.signals[2] = (ct_interp_signal){5, 0, 1.5};
    ctx.nsignals = 3;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    /* two passes through the IF chain, three GOSUBs from the FOR loop, then the WAIT */
    int ok = o.ncmd == 6 && o.completed && o.nerrors == 0 && o.nwarnings == 0;
    for (int i = 0; ok && i < 2; i++)
        ok = o.cmds[i].type == CT_MCMD_EVENT && !strcmp(o.cmds[i].label, expect_out) && o.cmds[i].src.line == expect_line;
    for (int i = 2; ok && i < 5; i++) ok = o.cmds[i].type == CT_MCMD_DWELL && o.cmds[i].dwell == 0.25 && o.cmds[i].src.line == 18;
    ok = ok && o.cmds[5].type == CT_MCMD_DWELL && o.cmds[5].dwell == 1.5 && o.cmds[5].src.line == 21;
    if (!ok) dump(&o);
    CT_ENSURE(ok);
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    return 0;
}

static int test_flow_gosub_if_for(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    CT_ENSURE(check_flow(r, 0, "DO2 = 1", 8) == 0); /* DI3 = 0, DI4 = 1: the ELSEIF branch */
    CT_ENSURE(check_flow(r, 1, "DO1 = 1", 6) == 0); /* DI3 = 1: the IF branch */
    ct_robot_destroy(r);
    return 0;
}

static int test_wait_never(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    ct_job_program *p = parse(HI5_HEADER "     WAIT DI7\n     DELAY 1\n     END\n", CT_JOB_FMT_HI5, "w.JOB");
    CT_ENSURE(p);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ctx.signals[0] = (ct_interp_signal){7, 0, -1}; /* never comes */
    ctx.nsignals = 1;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 0 && !o.completed && has_diag(&o, CT_INTERP_ERROR, 2, "waits forever"));
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

/* ---- units, speeds, accuracy ---- */

static int test_speeds_units_accuracy(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    ct_job_program *p = parse(HI5_HEADER
        "S1   MOVE P,S=50%,A=3,T=0  (0.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "S2   MOVE L,S=200mm/sec,A=0,T=0  (10.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "S3   MOVE L,S=60cm/min,A=7,T=0  (20.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "S4   MOVE L,S=50%,A=1,T=0  (25.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "S5   MOVE P,S=2sec,A=2,T=0  (30.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "     END\n", CT_JOB_FMT_HI5, "spd.JOB");
    CT_ENSURE(p);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ctx.accuracy_blend[1] = 0.003;
    ctx.lin_max_speed = 1.5;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 5 && o.nerrors == 0);
    ct_motion_cmd *c = o.cmds;
    CT_ENSURE(c[0].type == CT_MCMD_PTP && c[0].joint_target);
    CT_ENSURE_NEAR(c[0].speed, 0.5, 1e-12);          /* 50% of the joint limits */
    CT_ENSURE_NEAR(c[0].blend, 0.050, 1e-12);        /* A=3 -> 50 mm (default table) */
    CT_ENSURE_NEAR(c[0].q[1], 90 * CT_PI / 180, 1e-12);
    CT_ENSURE(c[1].type == CT_MCMD_LIN);
    CT_ENSURE_NEAR(c[1].speed, 0.2, 1e-12);          /* 200 mm/sec */
    CT_ENSURE_NEAR(c[1].blend, 0, 0);
    CT_ENSURE_NEAR(c[2].speed, 0.6 / 60, 1e-12);     /* 60 cm/min = 0.01 m/s */
    CT_ENSURE_NEAR(c[2].blend, 0.800, 1e-12);
    CT_ENSURE_NEAR(c[3].speed, 0.5 * 1.5, 1e-12);    /* 50% of lin_max_speed */
    CT_ENSURE_NEAR(c[3].blend, 0.003, 1e-12);        /* custom level 1 */
    CT_ENSURE_NEAR(c[4].time, 2.0, 1e-12);           /* 2sec */
    CT_ENSURE_NEAR(c[4].blend, 0.025, 1e-12);
    for (int i = 0; i < 5; i++) CT_ENSURE(c[i].src.step == i + 1 && c[i].src.line == i + 2);
    /* LIN to a joint target: the pose is the FK of the joint values */
    double q[6] = {10 * CT_DEG, 90 * CT_DEG, 0, 0, -90 * CT_DEG, 0};
    CT_ENSURE(xf_err(c[1].pose, ct_kin_tcp(r, q)) < 1e-9);
    ct_interp_output_free(&o);
    ct_job_program_free(p);

    /* Hi6 speed from a variable: spd=v_spd% with var v_spd=40 */
    p = parse("Hyundai Robot Job File; { version: 2.0, mech_type: \"\", total_axis: 6, aux_axis: 0 }\n"
              "     var v_spd=40\n"
              "S1   move P,spd=v_spd%,accu=0,tool=0  [0.000,90.000,0.000,0.000,-90.000,0.000]\n"
              "     end\n", CT_JOB_FMT_HI6, "0009.job");
    CT_ENSURE(p);
    CT_ENSURE(run(p, &ctx, &o));
    if (o.ncmd != 1) dump(&o);
    CT_ENSURE(o.ncmd == 1 && o.nwarnings == 0);
    CT_ENSURE_NEAR(o.cmds[0].speed, 0.4, 1e-12);
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

/* ---- tools and user frames ---- */

static int test_tool_uframe(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    /* tool 1: 50 mm along x, 250 mm along z, tilted 30 deg about y */
    ct_xform tool = {ry(30 * CT_DEG), {0.05, 0, 0.25}};
    ctx.tool[1] = tool;
    ctx.tool_defined[1] = 1;
    /* user frame 1: at (1.2, -0.3, 0.4), rotated 90 deg about z then 10 deg about x */
    ct_xform uf = {ct_m3_mul(rz(90 * CT_DEG), rx(10 * CT_DEG)), {1.2, -0.3, 0.4}};
    ctx.uframe[1] = uf;
    ctx.uframe_defined[1] = 1;
    /* a reachable target: the TCP at joint values q0, written in U1 as x,y,z,rx,ry,rz (mm, deg) */
    double q0[6] = {15 * CT_DEG, 80 * CT_DEG, 10 * CT_DEG, 20 * CT_DEG, -60 * CT_DEG, 30 * CT_DEG};
    ct_xform flange = ct_xf_mul(ct_kin_tcp(r, q0), ct_xf_inv(r->tool));
    ct_xform tcp = ct_xf_mul(flange, tool);
    ct_xform in_u = ct_xf_mul(ct_xf_inv(uf), tcp);
    double a, b, c;
    ct_m3_to_rpy(in_u.R, &a, &b, &c);
    char text[1024];
    snprintf(text, sizeof text, HI5_HEADER
             "S1   MOVE P,S=100%%,A=0,T=1  (0.000,90.000,0.000,0.000,-90.000,0.000)A\n"
             "S2   MOVE L,S=250mm/sec,A=0,T=1  (%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,&H0000)U1\n"
             "     END\n",
             in_u.p.x * 1e3, in_u.p.y * 1e3, in_u.p.z * 1e3, a / CT_DEG, b / CT_DEG, c / CT_DEG);
    ct_job_program *p = parse(text, CT_JOB_FMT_HI5, "uf.JOB");
    CT_ENSURE(p);
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 2 && o.nerrors == 0);
    /* expected target: U1 * Trans(x,y,z) * Rz(c) Ry(b) Rx(a) computed here from the printed values */
    double v[6], raw[6] = {in_u.p.x * 1e3, in_u.p.y * 1e3, in_u.p.z * 1e3, a / CT_DEG, b / CT_DEG, c / CT_DEG};
    for (int i = 0; i < 6; i++) { /* the values as printed in the job */
        char num[64];
        snprintf(num, sizeof num, "%.6f", raw[i]);
        v[i] = strtod(num, NULL);
    }
    ct_xform local = {ct_m3_mul(rz(v[5] * CT_DEG), ct_m3_mul(ry(v[4] * CT_DEG), rx(v[3] * CT_DEG))), {v[0] * 1e-3, v[1] * 1e-3, v[2] * 1e-3}};
    ct_xform expect = ct_xf_mul(uf, local);
    CT_ENSURE_MSG(xf_err(o.cmds[1].pose, expect) < 1e-8, "err %g", xf_err(o.cmds[1].pose, expect));
    CT_ENSURE(xf_err(o.cmds[1].tool, tool) == 0);
    /* the PTP's pose is the FK of its joint values with tool 1 */
    double qh[6] = {0, 90 * CT_DEG, 0, 0, -90 * CT_DEG, 0};
    CT_ENSURE(xf_err(o.cmds[0].pose, ct_xf_mul(ct_xf_mul(ct_kin_tcp(r, qh), ct_xf_inv(r->tool)), tool)) < 1e-12);
    /* planned: the TCP at the end of the LIN is the frame product */
    ct_plan_options opt = ct_plan_default_options();
    ct_traj *tr = NULL;
    ct_error err;
    CT_ENSURE(ct_traj_plan(r, o.cmds, o.ncmd, &opt, &tr, &err) == CT_OK);
    double q[CT_ROBOT_MAX_DOF];
    ct_traj_eval(tr, ct_traj_duration(tr), q, NULL);
    ct_xform got = ct_xf_mul(ct_xf_mul(ct_kin_tcp(r, q), ct_xf_inv(r->tool)), tool);
    CT_ENSURE_MSG(ct_v3_norm(ct_v3_sub(got.p, expect.p)) < 1e-5, "planned TCP off by %g m", ct_v3_norm(ct_v3_sub(got.p, expect.p)));
    CT_ENSURE(ct_m3_angle_between(got.R, expect.R) < 1e-5);
    ct_traj_destroy(tr);
    ct_interp_output_free(&o);

    /* an undefined user frame is an error at the line, the motion is skipped */
    ctx.uframe_defined[1] = 0;
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 1 && has_diag(&o, CT_INTERP_ERROR, 3, "user frame 1 is not defined"));
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

/* ---- CALL ---- */

static int write_file(const char *dir, const char *name, const char *text) {
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fputs(text, f);
    fclose(f);
    return 1;
}

static int test_call_subprogram(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    char dir[] = "/tmp/ct_interp_callXXXXXX";
    CT_ENSURE(mkdtemp(dir));
    CT_ENSURE(write_file(dir, "0001.JOB", HI5_HEADER
        "S1   MOVE P,S=100%,A=0,T=0  (0.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "     CALL 2\n"
        "S2   MOVE P,S=100%,A=0,T=0  (5.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "     END\n"));
    CT_ENSURE(write_file(dir, "0002.JOB", HI5_HEADER
        "     'subprogram\n"
        "S1   MOVE P,S=50%,A=0,T=0  (10.000,90.000,0.000,0.000,-90.000,0.000)A\n"
        "     DO5=1\n"
        "     END\n"));
    CT_ENSURE(write_file(dir, "0003.JOB", HI5_HEADER "     CALL 3\n     END\n"));
    CT_ENSURE(write_file(dir, "0004.JOB", HI5_HEADER "     JUMP 2\n     DO9=1\n     END\n"));
    char path[600];
    snprintf(path, sizeof path, "%s/0001.JOB", dir);
    ct_job_parse_def def = ct_job_parse_default_def();
    ct_job_program *p = NULL;
    ct_error err;
    CT_ENSURE(ct_job_parse_file(path, &def, &p, &err) == CT_OK);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    int ok = o.ncmd == 4 && o.nerrors == 0 && o.completed;
    struct { const char *file; int line, step; ct_mcmd_type type; } expect[4] = {
        {"0001.JOB", 2, 1, CT_MCMD_PTP}, {"0002.JOB", 3, 1, CT_MCMD_PTP}, {"0002.JOB", 4, 1, CT_MCMD_EVENT}, {"0001.JOB", 4, 2, CT_MCMD_PTP}};
    for (int i = 0; ok && i < 4; i++) {
        const char *f = o.cmds[i].src.file;
        ok = f && strlen(f) >= 8 && !strcmp(f + strlen(f) - 8, expect[i].file) && o.cmds[i].src.line == expect[i].line &&
             o.cmds[i].type == expect[i].type && (expect[i].type == CT_MCMD_EVENT || o.cmds[i].src.step == expect[i].step);
    }
    if (!ok) dump(&o);
    CT_ENSURE(ok);
    CT_ENSURE_NEAR(o.cmds[1].q[0], 10 * CT_DEG, 1e-12);
    ct_interp_output_free(&o);
    ct_job_program_free(p);

    /* endless recursion: bounded by the call depth, reported at the CALL line */
    snprintf(path, sizeof path, "%s/0003.JOB", dir);
    CT_ENSURE(ct_job_parse_file(path, &def, &p, &err) == CT_OK);
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(!o.completed && has_diag(&o, CT_INTERP_ERROR, 2, "nested deeper than 32"));
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    /* JUMP: 0002 runs, nothing after the JUMP does */
    snprintf(path, sizeof path, "%s/0004.JOB", dir);
    CT_ENSURE(ct_job_parse_file(path, &def, &p, &err) == CT_OK);
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 2 && o.completed && o.cmds[1].type == CT_MCMD_EVENT && !strcmp(o.cmds[1].label, "DO5 = 1"));
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    /* missing callee */
    p = parse(HI5_HEADER "     CALL 77\n     END\n", CT_JOB_FMT_HI5, path);
    CT_ENSURE(p && run(p, &ctx, &o));
    CT_ENSURE(has_diag(&o, CT_INTERP_ERROR, 2, "CALL 77: no 0077.JOB"));
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    const char *names[] = {"0001.JOB", "0002.JOB", "0003.JOB", "0004.JOB"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    ct_robot_destroy(r);
    return 0;
}

/* ---- DRL ---- */

static int test_drl_def_loops_settings(void) {
    ct_robot *r = load_robot("ct_m1013");
    CT_ENSURE(r);
    ct_job_program *p = parse(
        "set_velj(30.0)\n"
        "set_velx(100.0, 20.0)\n"
        "set_accx(500.0)\n"
        "N = 2\n"
        "def go(k):\n"
        "    movej(posj(0, 0, 90, 0, 90, k))\n"
        "    return\n"
        "i = 0\n"
        "while i < N:\n"
        "    go(i * 10)\n"
        "    i = i + 1\n"
        "for j in range(1, 3):\n"
        "    wait(0.5)\n"
        "movel(posx(0, 0, 50, 0, 0, 0), ref=DR_TOOL, mod=DR_MV_MOD_REL)\n",
        CT_JOB_FMT_DRL, "t.drl");
    CT_ENSURE(p);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    int ok = o.ncmd == 5 && o.nerrors == 0 && o.nwarnings == 0 && o.completed;
    if (!ok) dump(&o);
    CT_ENSURE(ok);
    ct_motion_cmd *c = o.cmds;
    CT_ENSURE(c[0].type == CT_MCMD_PTP && c[1].type == CT_MCMD_PTP && c[0].src.line == 6 && c[1].src.line == 6);
    CT_ENSURE_NEAR(c[0].q[5], 0, 1e-12);
    CT_ENSURE_NEAR(c[1].q[5], 10 * CT_DEG, 1e-12);
    /* 30 deg/s for the leading axis: from zeros to (0,0,90,0,90,0) the leading axis is the one
       with the largest 90 deg / limit; then only axis 6 moves */
    double lead = 0;
    int li = 2;
    for (int k = 2; k <= 4; k += 2)
        if ((CT_PI / 2) / r->dof_vel[k] > lead) { lead = (CT_PI / 2) / r->dof_vel[k]; li = k; }
    CT_ENSURE_NEAR(c[0].speed, 30 * CT_DEG / r->dof_vel[li], 1e-12);
    CT_ENSURE_NEAR(c[1].speed, 30 * CT_DEG / r->dof_vel[5], 1e-12);
    CT_ENSURE(c[2].type == CT_MCMD_DWELL && c[3].type == CT_MCMD_DWELL && c[2].dwell == 0.5 && c[2].src.line == 13);
    /* tool-relative LIN: 50 mm along the TCP z axis from the last pose */
    CT_ENSURE(c[4].type == CT_MCMD_LIN);
    ct_xform last = ct_kin_tcp(r, c[1].q);
    ct_xform expect = {last.R, ct_v3_add(last.p, ct_v3_scale(ct_m3_col(last.R, 2), 0.05))};
    CT_ENSURE(xf_err(c[4].pose, expect) < 1e-12);
    CT_ENSURE_NEAR(c[4].speed, 0.1, 1e-12);
    CT_ENSURE_NEAR(c[4].orient_speed, 20 * CT_DEG, 1e-12);
    CT_ENSURE_NEAR(c[4].accel, 0.5 / ctx.cart_accel, 1e-12);
    ct_interp_output_free(&o);
    ct_job_program_free(p);

    /* movej without vel and without set_velj: the controller's global is 0 -> a warning */
    p = parse("movej(posj(0, 0, 90, 0, 90, 0))\n", CT_JOB_FMT_DRL, "v.drl");
    CT_ENSURE(p && run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 1 && has_diag(&o, CT_INTERP_WARNING, 1, "no joint velocity"));
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

/* Hi5 WHILE ... WEND (importer + interpreter) and its round trip through the Hi5 exporter. */
static int test_hi5_while(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    const char *text = HI5_HEADER
        "     V1%=0\n"
        "     WHILE V1%<4\n"
        "       V1%=V1%+1\n"
        "       DELAY 0.5\n"
        "       IF V1%=3 THEN *OUT\n"
        "     WEND\n"
        "     *OUT\n"
        "     DELAY 2\n"
        "     END\n";
    ct_job_program *p = parse(text, CT_JOB_FMT_HI5, "wh.JOB");
    CT_ENSURE(p && p->nwarnings == 0);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    /* three passes (the IF leaves at V1% = 3), then DELAY 2 */
    int ok = o.ncmd == 4 && o.nwarnings == 0 && o.nerrors == 0;
    for (int i = 0; ok && i < 3; i++) ok = o.cmds[i].dwell == 0.5 && o.cmds[i].src.line == 5;
    ok = ok && o.cmds[3].dwell == 2 && o.cmds[3].src.line == 9;
    if (!ok) dump(&o);
    CT_ENSURE(ok);
    ct_interp_output_free(&o);
    char *out = NULL;
    size_t len;
    ct_error err;
    ct_job_export_def xd = ct_job_export_default_def();
    CT_ENSURE(ct_job_export(p, CT_JOB_FMT_HI5, &xd, &out, &len, NULL, &err) == CT_OK);
    CT_ENSURE(strstr(out, "WHILE V1%<4") && strstr(out, "WEND"));
    ct_job_program *q = parse(out, CT_JOB_FMT_HI5, "wh2.JOB");
    ct_free(out);
    char why[256];
    CT_ENSURE_MSG(q && ct_job_program_equal(p, q, 1e-9, why, sizeof why), "%s", why);
    ct_job_program_free(q);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

/* DRL moveb: inline segments and a list variable become LIN/CIRC motions with their radii. */
static int test_drl_moveb(void) {
    ct_robot *r = load_robot("ct_m1013");
    CT_ENSURE(r);
    ct_job_program *p = parse(
        "movej(posj(0, 0, 90, 0, 90, 0), vel=30, acc=60)\n"
        "s1 = posb(DR_LINE, posx(500, 0, 500, 0, 180, 0), radius=20)\n"
        "s2 = posb(DR_CIRCLE, posx(550, 50, 500, 0, 180, 0), posx(600, 0, 500, 0, 180, 0), radius=10)\n"
        "segs = [s1, s2]\n"
        "moveb(segs, vel=[150, 30], acc=300)\n"
        "moveb([posb(DR_LINE, posx(500, 0, 450, 0, 180, 0))], v=100, a=200, ref=DR_BASE)\n",
        CT_JOB_FMT_DRL, "mb.drl");
    CT_ENSURE(p);
    CT_ENSURE_MSG(p->nwarnings == 0 && p->nerrors == 0, "%d warnings", p->nwarnings);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    int ok = o.ncmd == 4 && o.nerrors == 0 && o.nwarnings == 0;
    if (!ok) dump(&o);
    CT_ENSURE(ok);
    ct_motion_cmd *c = o.cmds;
    CT_ENSURE(c[1].type == CT_MCMD_LIN && c[2].type == CT_MCMD_CIRC && c[3].type == CT_MCMD_LIN);
    CT_ENSURE(c[1].src.line == 5 && c[2].src.line == 5 && c[3].src.line == 6);
    CT_ENSURE(c[1].src.step == 2 && c[2].src.step == 3 && c[3].src.step == 4);
    CT_ENSURE_NEAR(c[1].blend, 0.020, 1e-12);
    CT_ENSURE_NEAR(c[2].blend, 0.010, 1e-12);
    CT_ENSURE_NEAR(c[1].speed, 0.150, 1e-12);
    CT_ENSURE_NEAR(c[1].orient_speed, 30 * CT_DEG, 1e-12);
    CT_ENSURE_NEAR(c[3].speed, 0.100, 1e-12);
    /* posx ZYZ (0, 180, 0): R = Rz(0) Ry(180) Rz(0) */
    ct_xform e1 = {ry(CT_PI), {0.5, 0, 0.5}}, v2 = {ry(CT_PI), {0.55, 0.05, 0.5}}, e2 = {ry(CT_PI), {0.6, 0, 0.5}};
    CT_ENSURE(xf_err(c[1].pose, e1) < 1e-12 && xf_err(c[2].via, v2) < 1e-12 && xf_err(c[2].pose, e2) < 1e-12);
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

/* ---- variables ---- */

static int test_vars_unresolved(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    ct_job_program *p = parse(HI5_HEADER
        "S1   MOVE L,P1,S=100mm/sec,A=0,T=0\n"
        "S2   MOVE L,P1+R2,S=100mm/sec,A=0,T=0\n"
        "S3   MOVE P,S=100%,A=0,T=0  (&H00404078,&H003FF000,&H00400AB8,&H00400000,&H00400000,&H00400000)E\n"
        "     END\n", CT_JOB_FMT_HI5, "v.JOB");
    CT_ENSURE(p);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 0 && o.nerrors == 3);
    CT_ENSURE(has_diag(&o, CT_INTERP_ERROR, 2, "unresolved pose variable 'P1'"));
    CT_ENSURE(has_diag(&o, CT_INTERP_ERROR, 3, "unresolved pose variable 'P1'"));
    CT_ENSURE(has_diag(&o, CT_INTERP_ERROR, 4, "encoder"));
    ct_interp_output_free(&o);

    const char *json = "{\n  \"P1\": {\"cart\": [1500, 100, 1200, 0, 90, 0]},\n  \"R2\": {\"shift\": [0, 0, 30, 0, 0, 0]}\n}\n";
    ct_interp_vars *vars = NULL;
    ct_error err;
    CT_ENSURE(ct_interp_vars_parse(json, strlen(json), "v.json", &vars, &err) == CT_OK);
    ctx.vars = vars;
    double scale[6], offset[6];
    for (int i = 0; i < 6; i++) { scale[i] = 100000.0; offset[i] = 4194304.0; }
    ctx.encoder_scale = scale;
    ctx.encoder_offset = offset;
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE_MSG(o.ncmd == 3 && o.nerrors == 0, "ncmd %d errors %d", o.ncmd, o.nerrors);
    ct_xform p1 = {ry(90 * CT_DEG), {1.5, 0.1, 1.2}};
    CT_ENSURE(xf_err(o.cmds[0].pose, p1) < 1e-12);
    p1.p.z += 0.030;
    CT_ENSURE(xf_err(o.cmds[1].pose, p1) < 1e-12);
    CT_ENSURE_NEAR(o.cmds[2].q[0], (double)(0x00404078 - 0x400000) / 100000.0, 1e-12);
    CT_ENSURE_NEAR(o.cmds[2].q[1], (double)(0x003FF000 - 0x400000) / 100000.0, 1e-12);
    ct_interp_output_free(&o);
    ct_interp_vars_free(vars);
    ct_job_program_free(p);

    /* bad variables files: file and line in the error */
    const char *bad1 = "{\n  \"P1\": {\"cart\": [1, 2]}\n}\n";
    CT_ENSURE(ct_interp_vars_parse(bad1, strlen(bad1), "bad.json", &vars, &err) == CT_ERR_INVALID);
    CT_ENSURE(err.line == 2 && strstr(err.message, "P1") && !strcmp(err.file, "bad.json"));
    const char *bad2 = "{\n  \"P1\": {\"cart\": [1, 2,\n}\n";
    CT_ENSURE(ct_interp_vars_parse(bad2, strlen(bad2), "bad.json", &vars, &err) == CT_ERR_PARSE && err.line >= 3);
    ct_robot_destroy(r);
    return 0;
}

/* ---- Hyundai circles ---- */

static int test_hyundai_circle(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    /* points on the circle of radius 200 mm around (1500, 0, 1200) in a horizontal plane */
    const double cx = 1500, cy = 0, rad = 200, ang[3] = {-60, 0, 50};
    char text[1024];
    int n = snprintf(text, sizeof text, HI5_HEADER);
    for (int i = 0; i < 3; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "S%d   MOVE %c,S=100mm/sec,A=0,T=0  (%.6f,%.6f,1200.000,0.000,90.000,0.000,&H0000)\n",
                      i + 1, i ? 'C' : 'L', cx + rad * cos(ang[i] * CT_DEG), cy + rad * sin(ang[i] * CT_DEG));
    snprintf(text + n, sizeof text - (size_t)n, "     END\n");
    ct_job_program *p = parse(text, CT_JOB_FMT_HI5, "c.JOB");
    CT_ENSURE(p);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    CT_ENSURE(o.ncmd == 3 && o.nerrors == 0 && o.nwarnings == 0);
    CT_ENSURE(o.cmds[1].type == CT_MCMD_CIRC && o.cmds[2].type == CT_MCMD_CIRC);
    /* via of each arc: the point of the circle at the mid angle */
    for (int i = 1; i <= 2; i++) {
        double am = 0.5 * (ang[i - 1] + ang[i]) * CT_DEG;
        ct_vec3 expect = {(cx + rad * cos(am)) * 1e-3, (cy + rad * sin(am)) * 1e-3, 1.2};
        CT_ENSURE_MSG(ct_v3_norm(ct_v3_sub(o.cmds[i].via.p, expect)) < 1e-9, "via %d off by %g", i,
                      ct_v3_norm(ct_v3_sub(o.cmds[i].via.p, expect)));
    }
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    ct_robot_destroy(r);
    return 0;
}

/* ---- conversion and replay ---- */

static int play(const ct_robot *r, const ct_job_program *p, ct_interp_output *o, ct_traj **tr) {
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    if (!run(p, &ctx, o) || o->nerrors) { dump(o); return 0; }
    ct_plan_options opt = ct_plan_default_options();
    ct_error err;
    if (ct_traj_plan(r, o->cmds, o->ncmd, &opt, tr, &err) != CT_OK) { fprintf(stderr, "plan: %s\n", err.message); return 0; }
    return 1;
}

static int test_hi5_drl_replay(void) {
    ct_robot *r = load_robot("ct_hs220");
    CT_ENSURE(r);
    const char *hi5 = HI5_HEADER
        "S1   MOVE P,S=100%,A=0,T=0  (0.000,90.000,0.000,0.000,-60.000,0.000)A\n"
        "S2   MOVE P,S=50%,A=0,T=0  (20.000,80.000,10.000,10.000,-70.000,20.000)A\n"
        "S3   MOVE L,S=200mm/sec,A=0,T=0  (1500.000,0.000,1300.000,0.000,90.000,0.000,&H0000)\n"
        "S4   MOVE L,S=100mm/sec,A=0,T=0  (1500.000,300.000,1300.000,0.000,90.000,0.000,&H0000)\n"
        "S5   MOVE L,S=100mm/sec,A=0,T=0  (1400.000,300.000,1100.000,0.000,80.000,10.000,&H0000)\n"
        "S6   MOVE P,S=80%,A=0,T=0  (-10.000,85.000,5.000,0.000,-80.000,0.000)A\n"
        "     END\n";
    ct_job_program *a = parse(hi5, CT_JOB_FMT_HI5, "0001.JOB");
    CT_ENSURE(a);
    char *drl = NULL;
    size_t len = 0;
    ct_error err;
    ct_job_export_def xd = ct_job_export_default_def();
    CT_ENSURE(ct_job_export(a, CT_JOB_FMT_DRL, &xd, &drl, &len, NULL, &err) == CT_OK);
    ct_job_program *b = parse(drl, CT_JOB_FMT_DRL, "0001.drl");
    ct_free(drl);
    CT_ENSURE(b);
    ct_interp_output oa, ob;
    ct_traj *ta = NULL, *tb = NULL;
    CT_ENSURE(play(r, a, &oa, &ta));
    CT_ENSURE(play(r, b, &ob, &tb));
    ct_play_step_diff *d = NULL;
    int nd, ma, mb;
    CT_ENSURE(ct_play_compare(r, oa.cmds, oa.ncmd, ta, ob.cmds, ob.ncmd, tb, 0, &d, &nd, &ma, &mb, &err) == CT_OK);
    CT_ENSURE(ma == 6 && mb == 6 && nd == 6);
    for (int i = 0; i < nd; i++) {
        CT_ENSURE_MSG(d[i].max_dev < 1e-5, "step %d: TCP paths differ by %.4f mm", i + 1, d[i].max_dev * 1e3);
        CT_ENSURE(d[i].src_a.step == i + 1);
    }
    ct_free(d);

    /* a program with one point moved by 1 mm is detected on the two steps next to it */
    char moved[2048];
    snprintf(moved, sizeof moved, "%s", hi5);
    char *s4 = strstr(moved, "(1500.000,300.000,1300.000");
    CT_ENSURE(s4);
    memcpy(s4, "(1501.000", 9);
    ct_job_program *c = parse(moved, CT_JOB_FMT_HI5, "moved.JOB");
    ct_interp_output oc;
    ct_traj *tc = NULL;
    CT_ENSURE(c && play(r, c, &oc, &tc));
    CT_ENSURE(ct_play_compare(r, oa.cmds, oa.ncmd, ta, oc.cmds, oc.ncmd, tc, 0, &d, &nd, &ma, &mb, &err) == CT_OK);
    CT_ENSURE(nd == 6);
    CT_ENSURE(d[0].max_dev < 1e-5 && d[1].max_dev < 1e-5 && d[2].max_dev < 1e-5);
    CT_ENSURE_MSG(fabs(d[3].max_dev - 1e-3) < 1e-5, "S4 deviation %.4f mm", d[3].max_dev * 1e3);
    CT_ENSURE(d[4].max_dev > 0.5e-3 && d[4].max_dev <= 1e-3 + 1e-6);
    ct_free(d);
    ct_traj_destroy(ta);
    ct_traj_destroy(tb);
    ct_traj_destroy(tc);
    ct_interp_output_free(&oa);
    ct_interp_output_free(&ob);
    ct_interp_output_free(&oc);
    ct_job_program_free(a);
    ct_job_program_free(b);
    ct_job_program_free(c);
    ct_robot_destroy(r);
    return 0;
}

/* ---- samples ---- */

/* Every sample runs; every diagnostic points at a line; errors only for names or data that the
 * file does not contain (unresolved variables, encoder data, frames, callees). */
static int check_sample(const ct_robot *r, const char *path) {
    ct_job_parse_def def = ct_job_parse_default_def();
    ct_job_program *p = NULL;
    ct_error err;
    CT_ENSURE_MSG(ct_job_parse_file(path, &def, &p, &err) == CT_OK, "%s: %s", path, err.message);
    ct_program_context ctx = ct_program_default_context();
    ctx.robot = r;
    ctx.max_steps = 100000; /* server loops (hi6_7000) and input loops run until the budget */
    ct_interp_output o;
    CT_ENSURE(run(p, &ctx, &o));
    if (getenv("CT_INTERP_VERBOSE")) dump(&o);
    for (int i = 0; i < o.ndiag; i++) {
        const ct_interp_diag *d = &o.diag[i];
        CT_ENSURE_MSG(d->line > 0, "%s: diagnostic without a line: %s", path, d->message);
        if (d->severity == CT_INTERP_ERROR)
            CT_ENSURE_MSG(strstr(d->message, "unresolved") || strstr(d->message, "encoder") || strstr(d->message, "not defined") ||
                              strstr(d->message, "CALL") || strstr(d->message, "step budget"),
                          "%s:%d: unexpected error: %s", path, d->line, d->message);
    }
    for (int i = 0; i < o.ncmd; i++) CT_ENSURE(o.cmds[i].src.line > 0 && o.cmds[i].src.file);
    ct_plan_options opt = ct_plan_default_options();
    ct_traj *tr = NULL;
    CT_ENSURE_MSG(ct_traj_plan(r, o.cmds, o.ncmd, &opt, &tr, &err) == CT_OK, "%s: plan: %s", path, err.message);
    CT_ENSURE(ct_traj_duration(tr) >= 0);
    ct_traj_destroy(tr);
    ct_interp_output_free(&o);
    ct_job_program_free(p);
    return 0;
}

static int test_own_samples(void) {
    ct_robot *hs = load_robot("ct_hs220"), *m = load_robot("ct_m1013");
    CT_ENSURE(hs && m);
    const char *files[] = {"0001.JOB", "0002.JOB", "0003.job", "cell_demo.drl"};
    for (int i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/assets/jobfiles/%s", CT_SOURCE_DIR, files[i]);
        CT_ENSURE(check_sample(i == 3 ? m : hs, path) == 0);
    }
    ct_robot_destroy(hs);
    ct_robot_destroy(m);
    return 0;
}

static int test_shared_samples(void) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s/jobfiles", CT_SHARED_DIR);
    struct stat sb;
    if (stat(dir, &sb) != 0) CT_SKIP("%s is absent", dir);
    ct_robot *hs = load_robot("ct_hs220"), *m = load_robot("ct_m1013");
    CT_ENSURE(hs && m);
    const char *files[] = {"hi6_7000_ethernet.job", "hi6_7001.job", "doosan_movej_test.drl"};
    for (int i = 0; i < 3; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        if (stat(path, &sb) != 0) CT_SKIP("%s is absent", path);
        CT_ENSURE(check_sample(i == 2 ? m : hs, path) == 0);
    }
    ct_robot_destroy(hs);
    ct_robot_destroy(m);
    return 0;
}

CT_TEST_MAIN(CT_TEST(goto_loop_bounded), CT_TEST(flow_gosub_if_for), CT_TEST(wait_never), CT_TEST(speeds_units_accuracy),
             CT_TEST(tool_uframe), CT_TEST(call_subprogram), CT_TEST(drl_def_loops_settings), CT_TEST(vars_unresolved),
             CT_TEST(hyundai_circle), CT_TEST(hi5_drl_replay), CT_TEST(hi5_while), CT_TEST(drl_moveb), CT_TEST(own_samples), CT_TEST(shared_samples))
