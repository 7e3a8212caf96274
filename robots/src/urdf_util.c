/* URDF parser utilities: locale-independent number lists and a name -> index hash map. */
#define _GNU_SOURCE /* strtod_l */
#include "urdf_internal.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One "C" numeric locale for strtod_l, created once (the process locale may use ',' decimals). */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void make_c_locale(void) { c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0); }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int ct_urdf_parse_numbers(const char *s, double *out, int n) {
    pthread_once(&c_locale_once, make_c_locale);
    int count = 0, nonfinite = 0;
    const char *p = s ? s : "";
    for (;;) {
        while (is_space(*p)) p++;
        if (!*p) break;
        /* Only plain decimal numbers: reject hex floats and words strtod would take ("nan"). */
        const char *q = p;
        if (*q == '+' || *q == '-') q++;
        int word = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z');
        if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) return 1;
        if (count >= n) return 1;
        char *end = NULL;
        double v = c_locale ? strtod_l(p, &end, c_locale) : strtod(p, &end);
        if (end == p || (*end && !is_space(*end))) return 1;
        if (word || !isfinite(v)) nonfinite = 1;
        out[count++] = v;
        p = end;
    }
    if (count != n) return 1;
    return nonfinite ? 2 : 0;
}

/* ---- name map (FNV-1a, linear probing, grows at 50 % load) ---- */
static unsigned hash_str(const char *s) {
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int map_grow(ct_name_map *m) {
    int cap = m->cap ? m->cap * 2 : 64;
    const char **keys = ct_alloc(sizeof *keys * (size_t)cap);
    int *vals = ct_alloc(sizeof *vals * (size_t)cap);
    if (!keys || !vals) {
        ct_free(keys);
        ct_free(vals);
        return -1;
    }
    for (int i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        unsigned j = hash_str(m->keys[i]) & (unsigned)(cap - 1);
        while (keys[j]) j = (j + 1) & (unsigned)(cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    ct_free(m->keys);
    ct_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 0;
}

int ct_name_map_put(ct_name_map *m, const char *name, int val) {
    if ((m->count + 1) * 2 > m->cap && map_grow(m) != 0) return -2;
    unsigned j = hash_str(name) & (unsigned)(m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], name) == 0) return m->vals[j];
        j = (j + 1) & (unsigned)(m->cap - 1);
    }
    m->keys[j] = name;
    m->vals[j] = val;
    m->count++;
    return -1;
}

int ct_name_map_get(const ct_name_map *m, const char *name) {
    if (!m->cap || !name) return -1;
    unsigned j = hash_str(name) & (unsigned)(m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], name) == 0) return m->vals[j];
        j = (j + 1) & (unsigned)(m->cap - 1);
    }
    return -1;
}

void ct_name_map_free(ct_name_map *m) {
    ct_free(m->keys);
    ct_free(m->vals);
    memset(m, 0, sizeof *m);
}
