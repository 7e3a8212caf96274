/* Jobfile import/export tests: per-statement values written independently here, round trips
 * (parse -> export -> parse gives an equal IR) for every sample, JSON round trips, encodings,
 * and hostile input (truncation, binary garbage, huge files, deep nesting). */
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "celltwin/jobfile.h"
#include "ct_test.h"

#define PI 3.14159265358979323846
#define DEG (PI / 180.0)

static void quiet_log(ct_log_level l, const char *f, int line, const char *m, void *u) { (void)l; (void)f; (void)line; (void)m; (void)u; }

static ct_job_program *parse_text(const char *text, ct_job_format fmt) {
    ct_job_parse_def d = ct_job_parse_default_def();
    d.format = fmt;
    d.file_name = "t.job";
    ct_job_program *p = NULL;
    ct_error err;
    if (ct_job_parse(text, strlen(text), &d, &p, &err) != CT_OK) {
        char b[1200];
        ct_error_format(&err, b, sizeof b);
        fprintf(stderr, "parse failed: %s\n", b);
    }
    return p;
}

/* First instruction of a kind. */
static const ct_job_instr *first(const ct_job_program *p, ct_job_kind k, int nth) {
    for (int i = 0; i < p->ninstr; i++)
        if (p->instr[i].kind == k && nth-- == 0) return &p->instr[i];
    return NULL;
}

/* parse file -> export same format -> parse -> equal; also JSON dump -> load -> equal. */
static int roundtrip_file(const char *path) {
    ct_set_log_fn(quiet_log, NULL);
    int64_t live0 = ct_live_allocations();
    ct_job_program *a = NULL, *b = NULL, *c = NULL;
    ct_error err;
    CT_ENSURE_MSG(ct_job_parse_file(path, NULL, &a, &err) == CT_OK, "%s: %s", path, err.message);
    CT_ENSURE(a->ninstr > 0);
    CT_ENSURE_MSG(a->nerrors == 0, "%s has %d errors", path, a->nerrors);
    char *text;
    size_t len;
    int lossy = -1;
    CT_ENSURE(ct_job_export(a, a->format, NULL, &text, &len, &lossy, &err) == CT_OK);
    CT_ENSURE_MSG(lossy == 0, "%s: %d lossy constructs in a same-format export", path, lossy);
    ct_job_parse_def d = ct_job_parse_default_def();
    d.file_name = "roundtrip";
    CT_ENSURE_MSG(ct_job_parse(text, len, &d, &b, &err) == CT_OK, "re-parse: %s line %d", err.message, err.line);
    char why[300];
    int eq = ct_job_program_equal(a, b, 1e-9, why, sizeof why);
    if (!eq) fprintf(stderr, "exported text:\n%s\n", text);
    ct_free(text);
    CT_ENSURE_MSG(eq, "%s: %s", path, why);
    CT_ENSURE(!strcmp(a->encoding, b->encoding));
    char *json;
    CT_ENSURE(ct_job_to_json(a, &json, &err) == CT_OK);
    CT_ENSURE_MSG(ct_job_from_json(json, strlen(json), &c, &err) == CT_OK, "%s", err.message);
    ct_free(json);
    CT_ENSURE_MSG(ct_job_program_equal(a, c, 1e-12, why, sizeof why), "json: %s", why);
    CT_ENSURE(c->ndiag == a->ndiag && c->instr[0].src.line == a->instr[0].src.line);
    /* every other format: the export parses again without errors */
    for (int f = CT_JOB_FMT_HI5; f <= CT_JOB_FMT_DRL; f++) {
        ct_job_program *x = NULL;
        CT_ENSURE(ct_job_export(a, (ct_job_format)f, NULL, &text, &len, NULL, &err) == CT_OK);
        d.format = (ct_job_format)f;
        ct_status s = ct_job_parse(text, len, &d, &x, &err);
        if (s != CT_OK || x->nerrors) fprintf(stderr, "%s as %s:\n%s\n", path, ct_job_format_name((ct_job_format)f), text);
        ct_free(text);
        CT_ENSURE_MSG(s == CT_OK, "%s -> %s: %s", path, ct_job_format_name((ct_job_format)f), err.message);
        CT_ENSURE_MSG(x->nerrors == 0, "%s -> %s: %d errors", path, ct_job_format_name((ct_job_format)f), x->nerrors);
        ct_job_program_free(x);
    }
    ct_job_program_free(a);
    ct_job_program_free(b);
    ct_job_program_free(c);
    CT_ENSURE(ct_live_allocations() == live0);
    ct_set_log_fn(NULL, NULL);
    return 0;
}

static int test_roundtrip_own_samples(void) {
    static const char *const files[] = {"0001.JOB", "0002.JOB", "0003.job", "cell_demo.drl"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/assets/jobfiles/%s", CT_SOURCE_DIR, files[i]);
        if (roundtrip_file(path)) return 1;
    }
    return 0;
}

static int test_roundtrip_shared_samples(void) {
    static const char *const files[] = {"hi6_7000_ethernet.job", "hi6_7001.job", "doosan_movej_test.drl"};
    char path[1024];
    snprintf(path, sizeof path, "%s/jobfiles/hi6_7001.job", CT_SHARED_DIR);
    FILE *f = fopen(path, "rb");
    if (!f) CT_SKIP("shared jobfiles not found at %s/jobfiles (fresh clone without ../shared)", CT_SHARED_DIR);
    fclose(f);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/jobfiles/%s", CT_SHARED_DIR, files[i]);
        if (roundtrip_file(path)) return 1;
    }
    /* the official DRL sample: two joint moves, values checked independently */
    ct_job_program *p;
    ct_error err;
    snprintf(path, sizeof path, "%s/jobfiles/doosan_movej_test.drl", CT_SHARED_DIR);
    CT_ENSURE(ct_job_parse_file(path, NULL, &p, &err) == CT_OK);
    const ct_job_instr *m = first(p, CT_JOB_MOTION, 1);
    CT_ENSURE(m && m->motion->type == CT_JOB_PTP && m->motion->target[0].kind == CT_JOB_TGT_JOINT);
    CT_ENSURE_NEAR(m->motion->target[0].v[2], 90 * DEG, 1e-12);
    CT_ENSURE(!strcmp(m->motion->target[0].var, "p2"));
    CT_ENSURE(m->src.line == 11 && m->src.step == 2);
    const char *kc = first(p, CT_JOB_COMMENT, 0)->comment; /* Korean UTF-8 comment kept */
    CT_ENSURE(strstr(kc, "(movej movel movec") && (unsigned char)kc[11] >= 0x80);
    ct_job_program_free(p);
    return 0;
}

static int test_hi5_statements(void) {
    const char *src =
        "Program File Format Version : 1.6  MechType: 458(HA006B-01)  TotalAxis: 7  AuxAxis: 1\r\n"
        "S1   MOVE L,S=200mm/sec,A=3,T=2  (1500.000,-20.5,1200.000,10.000,90.000,-45.000,100.000,&H0601)U3\r\n"
        "S2   MOVE P,S=50%,A=0,T=1  (0.000,90.000,0.000,0.000,-90.000,180.000,0.000)A\r\n"
        "S3   MOVE C,S=60cm/min,A=7,T=0  (1,2,3,4,5,6,&H0001)R\r\n"
        "S4   MOVE SL,S=2.5sec,A=1,T=1,P7+R2\r\n"
        "     DOW5=3000\r\n"
        "     WAIT DI16=0 'wait for clamp\r\n"
        "     DELAY 0.6\r\n"
        "     CALL 600\r\n"
        "     GOTO *DONE\r\n"
        "     IF DI1=0 THEN DO64=1\r\n"
        "     V1%=V1%+1\r\n"
        "     ARCON ASF#=1\r\n"
        "     *DONE\r\n"
        "     END\r\n";
    ct_job_program *p = parse_text(src, CT_JOB_FMT_AUTO);
    CT_ENSURE(p && p->format == CT_JOB_FMT_HI5 && p->crlf);
    CT_ENSURE(!strcmp(p->mech_type, "458(HA006B-01)") && p->total_axis == 7 && p->aux_axis == 1);
    const ct_job_motion *m = first(p, CT_JOB_MOTION, 0)->motion;
    CT_ENSURE(m->type == CT_JOB_LIN && m->speed.kind == CT_JOB_SPD_LINEAR);
    CT_ENSURE_NEAR(m->speed.value, 0.2, 1e-12);
    CT_ENSURE(m->accuracy == 3 && m->tool == 2);
    const ct_job_target *t = &m->target[0];
    CT_ENSURE(t->kind == CT_JOB_TGT_CART && t->frame == CT_JOB_FRAME_USER && t->user_frame == 3 && t->cfg == 0x601);
    CT_ENSURE(t->n == 7);
    CT_ENSURE_NEAR(t->v[0], 1.5, 1e-12);
    CT_ENSURE_NEAR(t->v[1], -0.0205, 1e-12);
    CT_ENSURE_NEAR(t->v[5], -PI / 4, 1e-12);
    CT_ENSURE(first(p, CT_JOB_MOTION, 0)->src.step == 1 && first(p, CT_JOB_MOTION, 0)->src.line == 2);
    m = first(p, CT_JOB_MOTION, 1)->motion;
    CT_ENSURE(m->type == CT_JOB_PTP && m->speed.kind == CT_JOB_SPD_PERCENT && m->target[0].kind == CT_JOB_TGT_JOINT);
    CT_ENSURE_NEAR(m->speed.value, 0.5, 1e-12);
    CT_ENSURE_NEAR(m->target[0].v[1], PI / 2, 1e-12);
    CT_ENSURE_NEAR(m->target[0].v[5], PI, 1e-12);
    m = first(p, CT_JOB_MOTION, 2)->motion;
    CT_ENSURE(m->type == CT_JOB_CIRC && m->target[0].frame == CT_JOB_FRAME_ROBOT && m->accuracy == 7);
    CT_ENSURE_NEAR(m->speed.value, 0.6 / 60.0, 1e-12); /* 60 cm/min = 0.01 m/s */
    m = first(p, CT_JOB_MOTION, 3)->motion;
    CT_ENSURE(m->type == CT_JOB_LIN && m->stationary_tool && m->speed.kind == CT_JOB_SPD_TIME);
    CT_ENSURE_NEAR(m->speed.value, 2.5, 1e-12);
    CT_ENSURE(!strcmp(m->target[0].var, "P7") && !strcmp(m->target[0].shift, "+R2"));
    const ct_job_instr *in = first(p, CT_JOB_IO_SET, 0);
    CT_ENSURE(!strcmp(in->name, "DOW") && in->index == 5 && in->value == 3000);
    in = first(p, CT_JOB_WAIT, 0);
    CT_ENSURE(!strcmp(in->name, "DI") && in->index == 16 && in->value == 0 && !strcmp(in->comment, "wait for clamp"));
    CT_ENSURE_NEAR(first(p, CT_JOB_DELAY, 0)->value, 0.6, 1e-12);
    CT_ENSURE(!strcmp(first(p, CT_JOB_CALL, 0)->name, "600"));
    CT_ENSURE(!strcmp(first(p, CT_JOB_GOTO, 0)->name, "*DONE"));
    in = first(p, CT_JOB_IF, 0);
    CT_ENSURE(in->index == 1 && !strcmp(in->text, "DI1=0") && !strcmp(in->name, "DO64=1"));
    in = first(p, CT_JOB_ASSIGN, 0);
    CT_ENSURE(!strcmp(in->name, "V1%") && !strcmp(in->text, "V1%+1"));
    in = first(p, CT_JOB_EVENT, 0);
    CT_ENSURE(!strcmp(in->name, "ARCON") && !strcmp(in->text, "ASF#=1"));
    CT_ENSURE(!strcmp(first(p, CT_JOB_LABEL, 0)->name, "*DONE") && first(p, CT_JOB_END, 0));
    CT_ENSURE(p->nwarnings == 0 && p->nerrors == 0);
    ct_job_program_free(p);
    return 0;
}

static int test_hi6_statements(void) {
    const char *src =
        "\xEF\xBB\xBFHyundai Robot Job File; { version: 2.0, mech_type: \"458(HA006B-01)\", total_axis: 6, aux_axis: 0 }\n"
        "S1   move P,spd=60%,accu=0,tool=1  [0.000,90.000,0.000,0.000,0.000,0.000]\n"
        "S2   move L,spd=30mm/s,accu=2,tool=3  [1850,0,2010.5,0,-90,0,\"base\",\"fl;r2\"]\n"
        "S3   move L,tg=Pose(100,200,300,0,0,90,\"u2\",\"nf\"),spd=1sec,accu=0,tool=1\n"
        "     wait di1\n"
        "     do20=0\n"
        "  10 delay 0.01\n"
        "     goto 10\n";
    ct_job_program *p = parse_text(src, CT_JOB_FMT_AUTO);
    CT_ENSURE(p && p->format == CT_JOB_FMT_HI6 && !strcmp(p->encoding, "utf-8-bom"));
    const ct_job_motion *m = first(p, CT_JOB_MOTION, 1)->motion;
    CT_ENSURE(m->type == CT_JOB_LIN && m->accuracy == 2 && m->tool == 3);
    CT_ENSURE_NEAR(m->speed.value, 0.03, 1e-12);
    CT_ENSURE(m->target[0].kind == CT_JOB_TGT_CART && m->target[0].frame == CT_JOB_FRAME_BASE && !strcmp(m->target[0].cfg_flags, "fl;r2"));
    CT_ENSURE_NEAR(m->target[0].v[2], 2.0105, 1e-12);
    CT_ENSURE_NEAR(m->target[0].v[4], -PI / 2, 1e-12);
    m = first(p, CT_JOB_MOTION, 2)->motion;
    CT_ENSURE(m->speed.kind == CT_JOB_SPD_TIME && m->speed.value == 1.0);
    CT_ENSURE(m->target[0].frame == CT_JOB_FRAME_USER && m->target[0].user_frame == 2);
    CT_ENSURE_NEAR(m->target[0].v[1], 0.2, 1e-12);
    CT_ENSURE(first(p, CT_JOB_WAIT, 0)->index == 1);
    CT_ENSURE(!strcmp(first(p, CT_JOB_LABEL, 0)->name, "10") && first(p, CT_JOB_DELAY, 0)->src.line == 7);
    CT_ENSURE(!strcmp(first(p, CT_JOB_GOTO, 0)->name, "10"));
    ct_job_program_free(p);
    return 0;
}

static int test_drl_statements(void) {
    const char *src =
        "p1 = posx(500, 0, 300, 90, 180, 0)\n"
        "movel(p1, vel=[100, 30], acc=500, radius=10, ref=DR_TOOL, mod=DR_MV_MOD_REL)\n"
        "amovej(posj(0, 0, 90, 0, 90, 0), v=60, a=30, t=2)\n"
        "movec(posx(1,2,3,0,0,0), posx(4,5,6,0,0,0),\n"
        "      vel=50, acc=100)  # arc\n"
        "set_digital_output(3, ON); wait(1.5)\n"
        "wait_digital_input(2, OFF)\n"
        "for i in range(4):\n"
        "    movej(System_home)\n";
    ct_set_log_fn(quiet_log, NULL);
    ct_job_program *p = parse_text(src, CT_JOB_FMT_AUTO);
    ct_set_log_fn(NULL, NULL);
    CT_ENSURE(p && p->format == CT_JOB_FMT_DRL);
    const ct_job_motion *m = first(p, CT_JOB_MOTION, 0)->motion;
    CT_ENSURE(m->type == CT_JOB_LIN && m->relative && m->target[0].frame == CT_JOB_FRAME_TOOL);
    CT_ENSURE_NEAR(m->speed.value, 0.1, 1e-12);
    CT_ENSURE_NEAR(m->speed.value2, 30 * DEG, 1e-12);
    CT_ENSURE_NEAR(m->accel.value, 0.5, 1e-12);
    CT_ENSURE_NEAR(m->radius, 0.01, 1e-12);
    CT_ENSURE(m->target[0].euler == CT_JOB_EULER_ZYZ);
    /* ZYZ (90,180,0): R = Rz(90) Ry(180): x axis -> (0,-1,0)... check one column independently */
    double R[9];
    ct_job_target_rotation(&m->target[0], R);
    CT_ENSURE_NEAR(R[0], 0, 1e-12);  /* Rz(90)Ry(180) first column = Rz(90) * (-1,0,0) = (0,-1,0) */
    CT_ENSURE_NEAR(R[3], -1, 1e-12);
    CT_ENSURE_NEAR(R[8], -1, 1e-12);
    m = first(p, CT_JOB_MOTION, 1)->motion;
    CT_ENSURE(m->async && m->type == CT_JOB_PTP && m->speed.kind == CT_JOB_SPD_JOINT);
    CT_ENSURE_NEAR(m->speed.value, 60 * DEG, 1e-12);
    CT_ENSURE_NEAR(m->time, 2.0, 0);
    const ct_job_instr *ci = first(p, CT_JOB_MOTION, 2);
    CT_ENSURE(ci->motion->type == CT_JOB_CIRC && ci->motion->ntarget == 2 && ci->src.line == 4 && !strcmp(ci->comment, "arc"));
    CT_ENSURE_NEAR(ci->motion->target[1].v[2], 0.006, 1e-12);
    const ct_job_instr *in = first(p, CT_JOB_IO_SET, 0);
    CT_ENSURE(in->index == 3 && in->value == 1);
    CT_ENSURE_NEAR(first(p, CT_JOB_DELAY, 0)->value, 1.5, 0);
    CT_ENSURE(first(p, CT_JOB_WAIT, 0)->value == 0);
    in = first(p, CT_JOB_LOOP, 0);
    CT_ENSURE(in->index == 4 && first(p, CT_JOB_ENDLOOP, 0));
    /* pendant variable: reported as unresolved with its line */
    const ct_job_motion *u = first(p, CT_JOB_MOTION, 3)->motion;
    CT_ENSURE(u->target[0].kind == CT_JOB_TGT_NONE && !strcmp(u->target[0].var, "System_home"));
    int found = 0;
    for (int i = 0; i < p->ndiag; i++)
        if (p->diag[i].line == 9 && p->diag[i].column == 11 && strstr(p->diag[i].message, "unresolved")) found = 1;
    CT_ENSURE(found);
    ct_job_program_free(p);
    return 0;
}

static int test_unknown_statement_diagnostic(void) {
    const char *src = "Program File Format Version : 1.6  MechType: 1(X)  TotalAxis: 6  AuxAxis: 0\n"
                      "     DELAY 1\n"
                      "     FROBNICATE 3,4\n";
    ct_job_program *p = parse_text(src, CT_JOB_FMT_AUTO);
    CT_ENSURE(p && p->ndiag == 1 && p->diag[0].severity == CT_JOB_WARNING);
    CT_ENSURE(p->diag[0].line == 3 && p->diag[0].column == 6);
    const ct_job_instr *u = first(p, CT_JOB_UNSUPPORTED, 0);
    CT_ENSURE(u && !strcmp(u->text, "FROBNICATE 3,4") && u->src.line == 3);
    /* the printed form carries file:line:col and a caret under the statement */
    FILE *f = tmpfile();
    CT_ENSURE(f);
    ct_job_diag_print(p, 0, f);
    rewind(f);
    char buf[512] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    CT_ENSURE_MSG(strstr(buf, "t.job:3:6: warning:") && strstr(buf, "\n     ^\n"), "%s", buf);
    ct_job_program_free(p);
    return 0;
}

static int test_cp949_comment_roundtrip(void) {
    const char *utf8 = "Program File Format Version : 1.6  MechType: 1(X)  TotalAxis: 6  AuxAxis: 0\r\n"
                       "     '\xEC\x9A\xA9\xEC\xA0\x91 \xEC\x8B\x9C\xEC\x9E\x91\r\n" /* 용접 시작 */
                       "S1   MOVE P,S=10%,A=0,T=0  (0.000,0.000,0.000,0.000,0.000,0.000)A '\xED\x99\x88\r\n" /* 홈 */
                       "     END\r\n";
    iconv_t cd = iconv_open("CP949", "UTF-8");
    CT_ENSURE(cd != (iconv_t)-1);
    char cp[512];
    char *in = (char *)utf8, *out = cp;
    size_t il = strlen(utf8), ol = sizeof cp;
    CT_ENSURE(iconv(cd, &in, &il, &out, &ol) != (size_t)-1);
    iconv_close(cd);
    size_t cplen = (size_t)(out - cp);
    CT_ENSURE(cplen < strlen(utf8)); /* Hangul is 2 bytes in CP949, 3 in UTF-8 */
    ct_job_program *a = NULL, *b = NULL;
    ct_error err;
    CT_ENSURE(ct_job_parse(cp, cplen, NULL, &a, &err) == CT_OK);
    CT_ENSURE(!strcmp(a->encoding, "cp949"));
    CT_ENSURE(!strcmp(first(a, CT_JOB_COMMENT, 0)->comment, "\xEC\x9A\xA9\xEC\xA0\x91 \xEC\x8B\x9C\xEC\x9E\x91"));
    CT_ENSURE(!strcmp(first(a, CT_JOB_MOTION, 0)->comment, "\xED\x99\x88"));
    char *text;
    size_t len;
    CT_ENSURE(ct_job_export(a, CT_JOB_FMT_HI5, NULL, &text, &len, NULL, &err) == CT_OK);
    CT_ENSURE(len == cplen && memcmp(text, cp, len) == 0); /* byte-identical CP949 output */
    CT_ENSURE(ct_job_parse(text, len, NULL, &b, &err) == CT_OK);
    ct_free(text);
    CT_ENSURE(ct_job_program_equal(a, b, 1e-12, NULL, 0));
    ct_job_program_free(a);
    ct_job_program_free(b);
    return 0;
}

static int test_json_roundtrip(void) {
    const char *src = "p = posx(1, 2, 3, 4, 5, 6)\nmovel(p, vel=10, acc=20, app_type=DR_MV_APP_NONE)\n";
    ct_job_program *a = parse_text(src, CT_JOB_FMT_DRL), *b = NULL;
    CT_ENSURE(a);
    char *json;
    ct_error err;
    CT_ENSURE(ct_job_to_json(a, &json, &err) == CT_OK);
    CT_ENSURE(strstr(json, "\"ir_version\":\t1") || strstr(json, "\"ir_version\": 1"));
    CT_ENSURE(ct_job_from_json(json, strlen(json), &b, &err) == CT_OK);
    CT_ENSURE(ct_job_program_equal(a, b, 1e-12, NULL, 0));
    CT_ENSURE(!strcmp(b->instr[1].motion->options, "app_type=DR_MV_APP_NONE"));
    CT_ENSURE(b->instr[1].src.line == 2);
    /* malformed JSON and wrong versions are errors, not crashes */
    ct_job_program *c = NULL;
    CT_ENSURE(ct_job_from_json(json, strlen(json) / 2, &c, &err) != CT_OK && !c);
    CT_ENSURE(ct_job_from_json("{\"ir_version\": 99}", 18, &c, &err) == CT_ERR_UNSUPPORTED);
    CT_ENSURE(ct_job_from_json("{\"ir_version\": 1, \"instructions\": [{\"kind\": \"motion\"}]}", 54, &c, &err) != CT_OK);
    ct_free(json);
    ct_job_program_free(a);
    ct_job_program_free(b);
    return 0;
}

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static int test_truncated_and_garbage(void) {
    ct_set_log_fn(quiet_log, NULL);
    int64_t live0 = ct_live_allocations();
    static const char *const files[] = {"0001.JOB", "0003.job", "cell_demo.drl"};
    for (size_t k = 0; k < 3; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/assets/jobfiles/%s", CT_SOURCE_DIR, files[k]);
        size_t len;
        char *buf = read_all(path, &len);
        CT_ENSURE(buf);
        for (size_t cut = 0; cut <= len; cut += 7) { /* every truncation parses or fails cleanly */
            ct_job_program *p = NULL;
            ct_error err;
            ct_job_parse_def d = ct_job_parse_default_def();
            d.format = k == 0 ? CT_JOB_FMT_HI5 : k == 1 ? CT_JOB_FMT_HI6 : CT_JOB_FMT_DRL;
            ct_status s = ct_job_parse(buf, cut, &d, &p, &err);
            CT_ENSURE((s == CT_OK) == (p != NULL));
            ct_job_program_free(p);
        }
        free(buf);
    }
    /* binary garbage: NUL bytes are rejected with a position; other random bytes never crash */
    unsigned seed = 12345;
    char junk[4096];
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof junk; i++) { seed = seed * 1103515245u + 12345u; junk[i] = (char)(seed >> 16); }
        for (int f = 0; f <= 3; f++) {
            ct_job_program *p = NULL;
            ct_error err;
            ct_job_parse_def d = ct_job_parse_default_def();
            d.format = (ct_job_format)f;
            ct_status s = ct_job_parse(junk, sizeof junk, &d, &p, &err);
            if (round == 0) CT_ENSURE(s == CT_ERR_PARSE && strstr(err.message, "binary"));
            ct_job_program_free(p);
        }
        for (size_t i = 0; i < sizeof junk; i++) if (!junk[i]) junk[i] = '\n';
        ct_job_program *p = NULL;
        ct_error err;
        ct_job_parse_def d = ct_job_parse_default_def();
        d.format = (ct_job_format)(1 + round % 3);
        ct_job_parse(junk, sizeof junk, &d, &p, &err);
        ct_job_program_free(p);
    }
    CT_ENSURE(ct_live_allocations() == live0);
    ct_set_log_fn(NULL, NULL);
    return 0;
}

static int test_limits(void) {
    /* an over-long line is a limit error with its line number */
    size_t n = CT_JOB_MAX_LINE_BYTES + 100;
    char *big = malloc(n + 200);
    strcpy(big, "Program File Format Version : 1.6  MechType: 1(X)  TotalAxis: 6  AuxAxis: 0\n     '");
    size_t l = strlen(big);
    memset(big + l, 'x', n);
    big[l + n] = 0;
    ct_job_program *p = NULL;
    ct_error err;
    CT_ENSURE(ct_job_parse(big, strlen(big), NULL, &p, &err) == CT_ERR_LIMIT && !p && err.line == 2);
    free(big);
    /* nesting deeper than the limit */
    size_t cap = 200 * 40;
    char *deep = malloc(cap);
    strcpy(deep, "Hyundai Robot Job File; { version: 2.0, mech_type: \"\", total_axis: 6, aux_axis: 0 }\n");
    for (int i = 0; i < 100; i++) strcat(deep, "     if di1==1\n");
    CT_ENSURE(ct_job_parse(deep, strlen(deep), NULL, &p, &err) == CT_ERR_LIMIT && !p);
    CT_ENSURE(err.line == 2 + CT_JOB_MAX_NESTING);
    strcpy(deep, "x = 1\n");
    for (int i = 0; i < 100; i++) { size_t k = strlen(deep); snprintf(deep + k, cap - k, "%*sif x:\n", 2 * i, ""); }
    ct_job_parse_def d = ct_job_parse_default_def();
    d.format = CT_JOB_FMT_DRL;
    CT_ENSURE(ct_job_parse(deep, strlen(deep), &d, &p, &err) == CT_ERR_LIMIT && !p);
    free(deep);
    /* deep GOTO loops are data, not execution: a label jumping to itself parses instantly */
    p = parse_text("Program File Format Version : 1.6  MechType: 1(X)  TotalAxis: 6  AuxAxis: 0\n     *A\n     GOTO *A\n", CT_JOB_FMT_AUTO);
    CT_ENSURE(p && p->ninstr == 2);
    ct_job_program_free(p);
    /* unknown format */
    CT_ENSURE(ct_job_parse("hello world\n", 12, NULL, &p, &err) == CT_ERR_PARSE && !p);
    return 0;
}

static int test_million_lines_bounded_time(void) {
    const char *line = "S1   MOVE L,S=200mm/sec,A=1,T=1  (1500.000,0.000,1200.000,0.000,90.000,0.000,&H0001)\r\n";
    size_t ll = strlen(line), nlines = 1000000;
    const char *hdr = "Program File Format Version : 1.6  MechType: 1(X)  TotalAxis: 6  AuxAxis: 0\r\n";
    size_t len = strlen(hdr) + ll * nlines;
    char *buf = malloc(len + 1);
    CT_ENSURE(buf);
    memcpy(buf, hdr, strlen(hdr));
    for (size_t i = 0; i < nlines; i++) memcpy(buf + strlen(hdr) + i * ll, line, ll);
    buf[len] = 0;
    clock_t t0 = clock();
    ct_job_program *p = NULL;
    ct_error err;
    CT_ENSURE(ct_job_parse(buf, len, NULL, &p, &err) == CT_OK);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CT_ENSURE(p->ninstr == (int)nlines);
    printf("parsed %zu lines (%.1f MB) in %.2f s: %.0f lines/s\n", nlines, len / 1e6, secs, nlines / secs);
    CT_ENSURE_MSG(secs < 30.0, "took %.1f s", secs); /* bounded, generous for sanitizer builds */
    char *text;
    size_t tl;
    t0 = clock();
    ct_set_log_fn(quiet_log, NULL);
    CT_ENSURE(ct_job_export(p, CT_JOB_FMT_DRL, NULL, &text, &tl, NULL, &err) == CT_OK);
    ct_set_log_fn(NULL, NULL);
    CT_ENSURE((double)(clock() - t0) / CLOCKS_PER_SEC < 30.0);
    ct_free(text);
    ct_job_program_free(p);
    free(buf);
    return 0;
}

static int test_conversion_hi5_to_drl(void) {
    char path[1024];
    snprintf(path, sizeof path, "%s/assets/jobfiles/0002.JOB", CT_SOURCE_DIR);
    ct_job_program *a = NULL, *b = NULL;
    ct_error err;
    CT_ENSURE(ct_job_parse_file(path, NULL, &a, &err) == CT_OK);
    char *text;
    size_t len;
    ct_set_log_fn(quiet_log, NULL);
    int lossy = 0;
    CT_ENSURE(ct_job_export(a, CT_JOB_FMT_DRL, NULL, &text, &len, &lossy, &err) == CT_OK);
    ct_set_log_fn(NULL, NULL);
    CT_ENSURE(ct_job_parse(text, len, NULL, &b, &err) == CT_OK);
    ct_free(text);
    /* same motions: targets equal as poses (Hyundai XYZ angles -> Doosan ZYZ -> same rotation) */
    for (int k = 0; k < 2; k++) {
        const ct_job_motion *x = first(a, CT_JOB_MOTION, k)->motion, *y = first(b, CT_JOB_MOTION, k)->motion;
        CT_ENSURE(x->type == y->type && x->target[0].kind == y->target[0].kind);
        for (int i = 0; i < 3; i++) CT_ENSURE_NEAR(x->target[0].v[i], y->target[0].v[i], 1e-9);
        double r1[9], r2[9];
        ct_job_target_rotation(&x->target[0], r1);
        ct_job_target_rotation(&y->target[0], r2);
        for (int i = 0; i < 9; i++) CT_ENSURE_NEAR(r1[i], r2[i], 1e-6);
    }
    CT_ENSURE_NEAR(first(b, CT_JOB_MOTION, 1)->motion->speed.value, 0.15, 1e-12);
    CT_ENSURE(lossy > 0); /* accuracy/tool/percent have no DRL form and are reported */
    ct_job_program_free(a);
    ct_job_program_free(b);
    return 0;
}

CT_TEST_MAIN(CT_TEST(hi5_statements), CT_TEST(hi6_statements), CT_TEST(drl_statements),
             CT_TEST(unknown_statement_diagnostic), CT_TEST(roundtrip_own_samples), CT_TEST(roundtrip_shared_samples),
             CT_TEST(cp949_comment_roundtrip), CT_TEST(json_roundtrip), CT_TEST(truncated_and_garbage),
             CT_TEST(limits), CT_TEST(million_lines_bounded_time), CT_TEST(conversion_hi5_to_drl))
