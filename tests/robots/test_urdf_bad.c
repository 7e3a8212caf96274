/* URDF parser error tests: each bad input is written to a temp file and must fail with the
 * expected status, a line number (the line marked <!--E--> in the text) and a meaningful word;
 * plus size limits, entity attacks and line numbers beyond 65535. */
#include "celltwin/urdf.h"
#include "ct_test.h"

#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

typedef struct bad_case {
    const char *name;
    ct_status status;
    const char *word;  /* must appear in the message (case-sensitive) */
    const char *xml;   /* lines marked <!--E--> are the acceptable error lines; none = line 0 */
} bad_case;

#define R0 "<robot name='r'>\n"
#define L(n) "<link name='" n "'/>\n"
#define J(n, t, p, c) "<joint name='" n "' type='" t "'><parent link='" p "'/><child link='" c "'/></joint>"
#define LIM "<limit lower='-1' upper='1' velocity='1' effort='1'/>"

/* The cycle case needs the cycle away from the root: r alone, b <-> c. */
static const char cycle_xml[] = R0 L("r") L("b") L("c") J("j1", "fixed", "b", "c") "<!--E-->\n"
                                J("j2", "fixed", "c", "b") "<!--E-->\n</robot>\n";

static const bad_case cases[] = {
    {"malformed", CT_ERR_PARSE, "malformed XML", R0 "<link name='a'>\n</robot><!--E-->\n"},
    {"unclosed_attr", CT_ERR_PARSE, "malformed XML", R0 "<link name='a/>\n<!--E-->"},
    {"empty", CT_ERR_PARSE, "empty", ""},
    {"blank", CT_ERR_PARSE, "empty", "  \n\n  \n"},
    {"not_robot", CT_ERR_PARSE, "<robot>", "<?xml version='1.0'?>\n<model name='x'/><!--E-->\n"},
    {"robot_no_name", CT_ERR_PARSE, "name", "<robot><!--E-->\n<link name='a'/></robot>\n"},
    {"no_links", CT_ERR_INVALID, "link", "<robot name='r'><!--E-->\n</robot>\n"},
    {"nan", CT_ERR_INVALID, "finite", R0 L("a") L("b")
        "<joint name='j' type='fixed'><parent link='a'/><child link='b'/>\n"
        "<origin xyz='0 nan 0'/><!--E-->\n</joint></robot>\n"},
    {"inf", CT_ERR_INVALID, "finite", R0 "<link name='a'><inertial>\n<mass value='1e999'/><!--E-->\n"
        "<inertia ixx='1' ixy='0' ixz='0' iyy='1' iyz='0' izz='1'/></inertial></link></robot>\n"},
    {"xyz_count", CT_ERR_PARSE, "3 numbers", R0 L("a") L("b")
        "<joint name='j' type='fixed'><parent link='a'/><child link='b'/>\n"
        "<origin xyz='0 0' rpy='0 0 0'/><!--E-->\n</joint></robot>\n"},
    {"rpy_count", CT_ERR_PARSE, "rpy", R0 L("a") L("b")
        "<joint name='j' type='fixed'><parent link='a'/><child link='b'/>\n"
        "<origin rpy='0 0 0 0'/><!--E-->\n</joint></robot>\n"},
    {"not_number", CT_ERR_PARSE, "number", R0 "<link name='a'><visual><geometry>\n"
        "<sphere radius='abc'/><!--E-->\n</geometry></visual></link></robot>\n"},
    {"joint_no_type", CT_ERR_PARSE, "type", R0 L("a") L("b")
        "<joint name='j'><!--E-->\n<parent link='a'/><child link='b'/></joint></robot>\n"},
    {"link_no_name", CT_ERR_PARSE, "name", R0 "<link/><!--E-->\n</robot>\n"},
    {"mesh_no_filename", CT_ERR_PARSE, "filename", R0 "<link name='a'><collision><geometry>\n"
        "<mesh scale='1 1 1'/><!--E-->\n</geometry></collision></link></robot>\n"},
    {"inertia_missing", CT_ERR_PARSE, "izz", R0 "<link name='a'><inertial><mass value='1'/>\n"
        "<inertia ixx='1' ixy='0' ixz='0' iyy='1' iyz='0'/><!--E-->\n</inertial></link></robot>\n"},
    {"joint_no_child", CT_ERR_PARSE, "child", R0 L("a") L("b")
        "<joint name='j' type='fixed'><!--E-->\n<parent link='a'/></joint></robot>\n"},
    {"unknown_type", CT_ERR_UNSUPPORTED, "ball", R0 L("a") L("b")
        "<joint name='j' type='ball'><!--E-->\n<parent link='a'/><child link='b'/></joint></robot>\n"},
    {"unknown_geometry", CT_ERR_UNSUPPORTED, "capsule", R0 "<link name='a'><visual><geometry>\n"
        "<capsule radius='1' length='1'/><!--E-->\n</geometry></visual></link></robot>\n"},
    {"empty_geometry", CT_ERR_PARSE, "empty", R0 "<link name='a'><visual>\n<geometry/><!--E-->\n</visual></link></robot>\n"},
    {"no_geometry", CT_ERR_PARSE, "geometry", R0 "<link name='a'>\n<collision/><!--E-->\n</link></robot>\n"},
    {"bad_rgba", CT_ERR_INVALID, "rgba", R0 "<material name='m'>\n<color rgba='2 0 0 1'/><!--E-->\n</material>"
        L("a") "</robot>\n"},
    {"negative_mass", CT_ERR_INVALID, "mass", R0 "<link name='a'><inertial>\n<mass value='-1'/><!--E-->\n"
        "<inertia ixx='1' ixy='0' ixz='0' iyy='1' iyz='0' izz='1'/></inertial></link></robot>\n"},
    {"missing_parent_link", CT_ERR_NOT_FOUND, "parent link 'x'", R0 L("a") L("b")
        J("j", "fixed", "x", "b") "<!--E-->\n</robot>\n"},
    {"missing_child_link", CT_ERR_NOT_FOUND, "child link 'y'", R0 L("a") L("b")
        J("j", "fixed", "a", "y") "<!--E-->\n</robot>\n"},
    {"two_parents", CT_ERR_INVALID, "only one parent", R0 L("a") L("b") L("c")
        J("j1", "fixed", "a", "c") "\n" J("j2", "fixed", "b", "c") "<!--E-->\n</robot>\n"},
    {"self_parent", CT_ERR_INVALID, "cycle", R0 L("a") L("b") J("j1", "fixed", "a", "b") "\n"
        J("j2", "fixed", "b", "b") "<!--E-->\n</robot>\n"},
    {"cycle", CT_ERR_INVALID, "cycle", cycle_xml},
    {"no_root", CT_ERR_INVALID, "root", R0 L("a") L("b") J("j1", "fixed", "a", "b") "<!--E-->\n"
        J("j2", "fixed", "b", "a") "\n</robot>\n"},
    {"several_roots", CT_ERR_INVALID, "root", R0 L("a") L("b") "<link name='c'/><!--E-->\n"
        J("j1", "fixed", "a", "b") "\n</robot>\n"},
    {"duplicate_link", CT_ERR_INVALID, "duplicate link", R0 L("a") "<link name='a'/><!--E-->\n</robot>\n"},
    {"duplicate_joint", CT_ERR_INVALID, "duplicate joint", R0 L("a") L("b") L("c")
        J("j", "fixed", "a", "b") "\n" J("j", "fixed", "b", "c") "<!--E-->\n</robot>\n"},
    {"mimic_unknown", CT_ERR_NOT_FOUND, "mimic joint 'nope'", R0 L("a") L("b")
        "<joint name='j' type='revolute'><parent link='a'/><child link='b'/>" LIM "<mimic joint='nope'/></joint><!--E-->\n</robot>\n"},
    {"mimic_cycle", CT_ERR_INVALID, "mimic cycle", R0 L("a") L("b") L("c")
        "<joint name='j1' type='revolute'><parent link='a'/><child link='b'/>" LIM "<mimic joint='j2'/></joint><!--E-->\n"
        "<joint name='j2' type='revolute'><parent link='b'/><child link='c'/>" LIM "<mimic joint='j1'/></joint><!--E-->\n</robot>\n"},
    {"mimic_self", CT_ERR_INVALID, "mimic cycle", R0 L("a") L("b")
        "<joint name='j1' type='revolute'><parent link='a'/><child link='b'/>" LIM "<mimic joint='j1'/></joint><!--E-->\n</robot>\n"},
    {"mimic_no_joint", CT_ERR_PARSE, "joint", R0 L("a") L("b")
        "<joint name='j1' type='revolute'><parent link='a'/><child link='b'/>" LIM "\n<mimic multiplier='2'/><!--E-->\n</joint></robot>\n"},
    {"lower_gt_upper", CT_ERR_INVALID, "lower", R0 L("a") L("b")
        "<joint name='j' type='revolute'><parent link='a'/><child link='b'/>\n"
        "<limit lower='1' upper='-1' velocity='1' effort='1'/><!--E-->\n</joint></robot>\n"},
    {"zero_axis", CT_ERR_INVALID, "axis", R0 L("a") L("b")
        "<joint name='j' type='revolute'><parent link='a'/><child link='b'/>" LIM "\n<axis xyz='0 0 0'/><!--E-->\n</joint></robot>\n"},
    {"revolute_no_limit", CT_ERR_PARSE, "limit", R0 L("a") L("b")
        "<joint name='j' type='revolute'><!--E-->\n<parent link='a'/><child link='b'/></joint></robot>\n"},
};

static int write_file(const char *path, const char *text, size_t n) {
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    int bad = fwrite(text, 1, n, f) != n;
    return fclose(f) != 0 || bad;
}

/* Is `line` one of the lines marked <!--E--> in xml (or 0 when none is marked)? */
static int line_ok(const char *xml, int line) {
    int cur = 1, any = 0;
    for (const char *p = xml; *p; p++) {
        if (strncmp(p, "<!--E-->", 8) == 0) {
            any = 1;
            if (cur == line) return 1;
        }
        if (*p == '\n') cur++;
    }
    return !any && line == 0;
}

static int test_bad_inputs(void) {
    char path[] = "/tmp/ct_urdf_bad_XXXXXX";
    int fd = mkstemp(path);
    CT_ENSURE(fd >= 0);
    close(fd);
    int failed = 0, n = (int)(sizeof cases / sizeof cases[0]);
    for (int i = 0; i < n; i++) {
        const char *xml = cases[i].xml;
        CT_ENSURE(write_file(path, xml, strlen(xml)) == 0);
        ct_urdf_model *m = (ct_urdf_model *)1;
        ct_error err;
        ct_status st = ct_urdf_load(path, &m, &err);
        char buf[1200];
        ct_error_format(&err, buf, sizeof buf);
        int ok = st == cases[i].status && err.code == st && m == NULL && strcmp(err.file, path) == 0 &&
                 line_ok(xml, err.line) && strstr(err.message, cases[i].word) != NULL;
        if (!ok) {
            fprintf(stderr, "case %s: got %s, expected %s with '%s': %s\n", cases[i].name, ct_status_name(st),
                    ct_status_name(cases[i].status), cases[i].word, buf);
            failed++;
        } else {
            printf("  %-20s %s\n", cases[i].name, buf);
        }
        if (st == CT_OK) ct_urdf_free(m);
    }
    remove(path);
    printf("%d of %d bad inputs rejected as expected\n", n - failed, n);
    CT_ENSURE(failed == 0);
    CT_ENSURE(ct_live_allocations() == 0);
    return 0;
}

/* A 100 MB file (sparse) is refused from its size, without reading it. */
static int test_huge_file(void) {
    char path[] = "/tmp/ct_urdf_huge_XXXXXX";
    int fd = mkstemp(path);
    CT_ENSURE(fd >= 0);
    CT_ENSURE(ftruncate(fd, 100L * 1024 * 1024) == 0);
    close(fd);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ct_urdf_model *m;
    ct_error err;
    ct_status st = ct_urdf_load(path, &m, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    remove(path);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    CT_ENSURE_MSG(st == CT_ERR_LIMIT && m == NULL, "%s", err.message);
    CT_ENSURE_MSG(strstr(err.message, "limit") != NULL, "%s", err.message);
    CT_ENSURE_MSG(dt < 0.5, "took %.3f s", dt);
    /* the in-memory entry point applies the same limit */
    CT_ENSURE(ct_urdf_parse("<robot/>", (size_t)CT_URDF_MAX_BYTES + 1, "mem", NULL, &m, &err) == CT_ERR_LIMIT);
    return 0;
}

/* Nested entities must neither expand nor blow up. */
static int test_billion_laughs(void) {
    static const char xml[] =
        "<?xml version='1.0'?>\n<!DOCTYPE robot [\n<!ENTITY a 'aaaaaaaaaa'>\n"
        "<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>\n"
        "<!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\n<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>\n"
        "<!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>\n<!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>\n"
        "<!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>\n<!ENTITY i '&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;'>\n]>\n"
        "<robot name='&i;'><link name='&i;'/></robot>\n";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ct_urdf_model *m;
    ct_error err;
    ct_status st = ct_urdf_parse(xml, sizeof xml - 1, "laughs.urdf", NULL, &m, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    printf("billion laughs: %s: %s (line %d, %.3f s)\n", ct_status_name(st), err.message, err.line, dt);
    CT_ENSURE(st != CT_OK && m == NULL && err.line > 0);
    CT_ENSURE(dt < 1.0);
    return 0;
}

/* An external entity (XXE) must not read the file system or the network. */
static int test_external_entity(void) {
    static const char xml[] = "<?xml version='1.0'?>\n<!DOCTYPE robot [\n<!ENTITY x SYSTEM 'file:///etc/hostname'>\n]>\n"
                              "<robot name='r'><link name='&x;'/></robot>\n";
    ct_urdf_model *m;
    ct_error err;
    ct_status st = ct_urdf_parse(xml, sizeof xml - 1, "xxe.urdf", NULL, &m, &err);
    printf("external entity: %s: %s (line %d)\n", ct_status_name(st), err.message, err.line);
    CT_ENSURE(st != CT_OK && m == NULL && err.line > 0 && strstr(err.message, "entity"));
    return 0;
}

/* Errors after line 65535 keep their true line number. */
static int test_big_line_numbers(void) {
    size_t n = 70000;
    char *xml = malloc(n + 200);
    CT_ENSURE(xml);
    size_t k = (size_t)sprintf(xml, "<robot name='r'>");
    memset(xml + k, '\n', n - 1);
    k += n - 1;
    k += (size_t)sprintf(xml + k, "<link name='a'/><link name='a'/></robot>\n");
    ct_urdf_model *m;
    ct_error err;
    ct_status st = ct_urdf_parse(xml, k, "big.urdf", NULL, &m, &err);
    free(xml);
    CT_ENSURE_MSG(st == CT_ERR_INVALID && err.line == 70000, "%s line %d", err.message, err.line);
    return 0;
}

static int test_missing_file(void) {
    ct_urdf_model *m;
    ct_error err;
    CT_ENSURE(ct_urdf_load("/nonexistent/dir/robot.urdf", &m, &err) == CT_ERR_IO && m == NULL);
    CT_ENSURE(strstr(err.message, "No such file") && strcmp(err.file, "/nonexistent/dir/robot.urdf") == 0);
    return 0;
}

CT_TEST_MAIN(CT_TEST(bad_inputs), CT_TEST(huge_file), CT_TEST(billion_laughs), CT_TEST(external_entity),
             CT_TEST(big_line_numbers), CT_TEST(missing_file))
