/* cJSON helpers shared by the tests that read JSON (dumps, reports): load a file, read a number,
 * a string or a 3-vector member. Header-only; the test links cJSON. */
#ifndef CT_TEST_JSON_H
#define CT_TEST_JSON_H

#include <math.h>

#include <cjson/cJSON.h>

#include "test_util.h"

/* The parsed file (cJSON_Delete it), or NULL when it cannot be read or parsed. */
static inline cJSON *json_load(const char *path) {
    char *text = read_file(path, NULL);
    cJSON *j = text ? cJSON_Parse(text) : NULL;
    free(text);
    return j;
}

/* Member `key` of o as a number, NAN when absent or not a number. */
static inline double jnum(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* Member `key` of o as a string, "" when absent or not a string. */
static inline const char *jstr(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Member `key` of o, an array of 3 numbers, into v; 0 when it is not one. */
static inline int jvec(const cJSON *o, const char *key, double v[3]) {
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != 3) return 0;
    for (int k = 0; k < 3; k++) v[k] = cJSON_GetArrayItem(a, k)->valuedouble;
    return 1;
}

#endif
