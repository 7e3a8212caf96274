/* `celltwin verify --json` output validated against docs/verify-report.schema.json with a small
 * JSON Schema validator (the subset the schema uses: type, enum, required, properties,
 * additionalProperties, items, minItems, maxItems, $ref to #/$defs), plus the content a user relies
 * on: the planted collision of the sample cell on weld_right.drl line 21, witness points 0 mm apart
 * at contact, exit code 1. The validator itself is checked on a document that breaks the schema. */
#include "ct_test.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <cjson/cJSON.h>

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) { free(s); s = NULL; }
    if (s) s[n] = 0;
    fclose(f);
    return s;
}

static int type_ok(const char *t, const cJSON *v) {
    if (!strcmp(t, "object")) return cJSON_IsObject(v);
    if (!strcmp(t, "array")) return cJSON_IsArray(v);
    if (!strcmp(t, "string")) return cJSON_IsString(v);
    if (!strcmp(t, "number")) return cJSON_IsNumber(v);
    if (!strcmp(t, "integer")) return cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble;
    if (!strcmp(t, "boolean")) return cJSON_IsBool(v);
    if (!strcmp(t, "null")) return cJSON_IsNull(v);
    return 0;
}

/* Validates v against schema s; prints the first violation with its path. */
static int validate(const cJSON *root_schema, const cJSON *s, const cJSON *v, const char *path) {
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(s, "$ref");
    if (cJSON_IsString(ref)) {
        const char *name = strrchr(ref->valuestring, '/') + 1;
        s = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root_schema, "$defs"), name);
        if (!s) { fprintf(stderr, "%s: unknown $ref %s\n", path, ref->valuestring); return 0; }
    }
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(s, "type");
    if (cJSON_IsString(type) && !type_ok(type->valuestring, v)) {
        fprintf(stderr, "%s: expected %s\n", path, type->valuestring);
        return 0;
    }
    if (cJSON_IsArray(type)) {
        int any = 0;
        const cJSON *t;
        cJSON_ArrayForEach(t, type) any |= type_ok(t->valuestring, v);
        if (!any) { fprintf(stderr, "%s: type not allowed\n", path); return 0; }
        if (cJSON_IsNull(v)) return 1;
    }
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(s, "enum");
    if (en) {
        int any = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, en) any |= cJSON_IsString(e) && cJSON_IsString(v) && !strcmp(e->valuestring, v->valuestring);
        if (!any) { fprintf(stderr, "%s: value not in enum\n", path); return 0; }
    }
    char sub[512];
    if (cJSON_IsObject(v)) {
        const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required"), *r;
        cJSON_ArrayForEach(r, req)
            if (!cJSON_GetObjectItemCaseSensitive(v, r->valuestring)) {
                fprintf(stderr, "%s: missing %s\n", path, r->valuestring);
                return 0;
            }
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
        const cJSON *extra = cJSON_GetObjectItemCaseSensitive(s, "additionalProperties");
        const cJSON *m;
        cJSON_ArrayForEach(m, v) {
            const cJSON *ps = props ? cJSON_GetObjectItemCaseSensitive(props, m->string) : NULL;
            snprintf(sub, sizeof sub, "%s/%s", path, m->string);
            if (!ps) {
                if (cJSON_IsFalse(extra)) { fprintf(stderr, "%s: not allowed\n", sub); return 0; }
                continue;
            }
            if (!validate(root_schema, ps, m, sub)) return 0;
        }
    }
    if (cJSON_IsArray(v)) {
        const cJSON *items = cJSON_GetObjectItemCaseSensitive(s, "items");
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(s, "minItems"), *mx = cJSON_GetObjectItemCaseSensitive(s, "maxItems");
        int n = cJSON_GetArraySize(v);
        if ((mn && n < mn->valueint) || (mx && n > mx->valueint)) { fprintf(stderr, "%s: %d items\n", path, n); return 0; }
        for (int i = 0; items && i < n; i++) {
            snprintf(sub, sizeof sub, "%s/%d", path, i);
            if (!validate(root_schema, items, cJSON_GetArrayItem(v, i), sub)) return 0;
        }
    }
    return 1;
}

static int test_sample_cell_report(void) {
    char cmd[2048];
    const char *out = "/tmp/ct_test_verify_report.json";
    remove(out);
    snprintf(cmd, sizeof cmd, "%s/app/celltwin verify %s/assets/cells/spot_weld/cell.json --json %s > /dev/null 2>&1",
             CT_BUILD_DIR, CT_SOURCE_DIR, out);
    int status = system(cmd);
    CT_ENSURE(WIFEXITED(status) && WEXITSTATUS(status) == 1); /* findings */
    char *schema_text = read_all(CT_SOURCE_DIR "/docs/verify-report.schema.json"), *report_text = read_all(out);
    CT_ENSURE(schema_text && report_text);
    cJSON *schema = cJSON_Parse(schema_text), *report = cJSON_Parse(report_text);
    CT_ENSURE(schema && report);
    CT_ENSURE(validate(schema, schema, report, ""));
    /* content: the planted collision with its source line, witnesses at contact */
    const cJSON *f, *findings = cJSON_GetObjectItemCaseSensitive(report, "findings");
    int planted = 0;
    cJSON_ArrayForEach(f, findings) {
        if (strcmp(cJSON_GetObjectItemCaseSensitive(f, "kind")->valuestring, "collision")) continue;
        const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(f, "witness_a_mm"), *b = cJSON_GetObjectItemCaseSensitive(f, "witness_b_mm");
        double d = 0;
        for (int k = 0; k < 3; k++) {
            double x = cJSON_GetArrayItem(a, k)->valuedouble - cJSON_GetArrayItem(b, k)->valuedouble;
            d += x * x;
        }
        if (strstr(cJSON_GetObjectItemCaseSensitive(src, "file")->valuestring, "weld_right.drl") &&
            cJSON_GetObjectItemCaseSensitive(src, "line")->valueint == 21 && sqrt(d) < 0.05)
            planted = 1;
    }
    CT_ENSURE(planted);
    /* the validator rejects a broken report */
    cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetArrayItem(findings, 0), "time_s");
    CT_ENSURE(!validate(schema, schema, report, ""));
    cJSON_Delete(schema);
    cJSON_Delete(report);
    free(schema_text);
    free(report_text);
    return 0;
}

CT_TEST_MAIN(CT_TEST(sample_cell_report))
