/* URDF validation after parsing: joint references, one parent per link, exactly one root,
 * no cycles, mimic targets exist and mimic chains end. Fills the index fields of the joints. */
#include "urdf_internal.h"

#include <stdio.h>
#include <string.h>

/* Resolves joint parent/child link names; rejects self-loops and links with two parents. */
static ct_status check_refs(ct_urdf_model *m, const char *file, const ct_name_map *links,
                           char *const *parent_name, char *const *child_name, int *parent_joint,
                           ct_error *err) {
    for (int i = 0; i < m->nlink; i++) parent_joint[i] = -1;
    for (int j = 0; j < m->njoint; j++) {
        ct_urdf_joint *jt = &m->joints[j];
        jt->parent = ct_name_map_get(links, parent_name[j]);
        jt->child = ct_name_map_get(links, child_name[j]);
        if (jt->parent < 0)
            return ct_error_set(err, CT_ERR_NOT_FOUND, file, jt->line, 0,
                                "joint '%s': parent link '%s' does not exist", jt->name, parent_name[j]);
        if (jt->child < 0)
            return ct_error_set(err, CT_ERR_NOT_FOUND, file, jt->line, 0,
                                "joint '%s': child link '%s' does not exist", jt->name, child_name[j]);
        if (jt->parent == jt->child)
            return ct_error_set(err, CT_ERR_INVALID, file, jt->line, 0,
                                "joint '%s': link '%s' is its own parent (cycle)", jt->name, child_name[j]);
        int prev = parent_joint[jt->child];
        if (prev >= 0)
            return ct_error_set(err, CT_ERR_INVALID, file, jt->line, 0,
                                "joint '%s': link '%s' already has parent joint '%s' (line %d); a link "
                                "may have only one parent", jt->name, child_name[j], m->joints[prev].name,
                                m->joints[prev].line);
        parent_joint[jt->child] = j;
    }
    return CT_OK;
}

/* Exactly one link without a parent joint; every link reachable from it (else a cycle). */
static ct_status check_tree(ct_urdf_model *m, const char *file, const int *parent_joint, ct_error *err) {
    int root = -1, nroot = 0;
    for (int i = 0; i < m->nlink; i++) {
        if (parent_joint[i] >= 0) continue;
        if (nroot++ == 0) root = i;
        else
            return ct_error_set(err, CT_ERR_INVALID, file, m->links[i].line, 0,
                                "several root links: '%s' (line %d) and '%s' have no parent joint; "
                                "a URDF must form one tree", m->links[root].name, m->links[root].line,
                                m->links[i].name);
    }
    if (nroot == 0) {
        int line = m->njoint ? m->joints[0].line : 0;
        return ct_error_set(err, CT_ERR_INVALID, file, line, 0,
                            "no root link: every link has a parent joint (joint cycle)");
    }
    /* With one parent per link and one root, a link is unreachable only when its ancestor walk
     * loops. Walk up from each link, marking links 1 (on this walk) then 2 (reaches the root):
     * meeting a 1 is a cycle. Linear time. */
    unsigned char *state = ct_alloc((size_t)m->nlink);
    if (!state) return ct_error_set(err, CT_ERR_NO_MEMORY, file, 0, 0, "out of memory");
    state[root] = 2;
    ct_status st = CT_OK;
    for (int i = 0; i < m->nlink && st == CT_OK; i++) {
        int l = i;
        while (state[l] == 0) {
            state[l] = 1;
            l = m->joints[parent_joint[l]].parent;
        }
        if (state[l] == 1) {
            const ct_urdf_joint *jt = &m->joints[parent_joint[l]];
            st = ct_error_set(err, CT_ERR_INVALID, file, jt->line, 0,
                              "joint cycle: link '%s' (child of joint '%s') is its own ancestor",
                              m->links[l].name, jt->name);
        }
        for (l = i; state[l] == 1; l = m->joints[parent_joint[l]].parent) state[l] = 2;
    }
    ct_free(state);
    if (st != CT_OK) return st;
    m->root = root;
    return CT_OK;
}

/* Mimic targets exist, are not the joint itself and mimic chains terminate. */
static ct_status check_mimic(ct_urdf_model *m, const char *file, char *const *mimic_name, ct_error *err) {
    ct_name_map joints = {0};
    for (int j = 0; j < m->njoint; j++)
        if (ct_name_map_put(&joints, m->joints[j].name, j) == -2) {
            ct_name_map_free(&joints);
            return ct_error_set(err, CT_ERR_NO_MEMORY, file, 0, 0, "out of memory");
        }
    ct_status st = CT_OK;
    for (int j = 0; j < m->njoint && st == CT_OK; j++) {
        ct_urdf_joint *jt = &m->joints[j];
        jt->mimic = -1;
        if (!mimic_name[j]) continue;
        jt->mimic = ct_name_map_get(&joints, mimic_name[j]);
        if (jt->mimic < 0)
            st = ct_error_set(err, CT_ERR_NOT_FOUND, file, jt->line, 0,
                              "joint '%s': mimic joint '%s' does not exist", jt->name, mimic_name[j]);
    }
    ct_name_map_free(&joints);
    /* Follow each chain marking joints 1 (on this walk) then 2 (chain ends): meeting a 1 is a
     * cycle. Linear time. */
    unsigned char *state = st == CT_OK ? ct_alloc((size_t)m->njoint + 1) : NULL;
    if (st == CT_OK && !state) st = ct_error_set(err, CT_ERR_NO_MEMORY, file, 0, 0, "out of memory");
    for (int j = 0; j < m->njoint && st == CT_OK; j++) {
        int k = j;
        while (k >= 0 && state[k] == 0) {
            state[k] = 1;
            k = m->joints[k].mimic;
        }
        if (k >= 0 && state[k] == 1)
            st = ct_error_set(err, CT_ERR_INVALID, file, m->joints[k].line, 0,
                              "joint '%s': mimic cycle (it follows itself through mimic '%s')",
                              m->joints[k].name, mimic_name[k]);
        for (k = j; k >= 0 && state[k] == 1; k = m->joints[k].mimic) state[k] = 2;
    }
    ct_free(state);
    return st;
}

ct_status ct_urdf_check(ct_urdf_model *m, const char *file, char *const *parent_name,
                        char *const *child_name, char *const *mimic_name, ct_error *err) {
    if (m->nlink == 0) return ct_error_set(err, CT_ERR_INVALID, file, 0, 0, "the robot has no <link>");
    ct_name_map links = {0};
    int *parent_joint = ct_alloc(sizeof *parent_joint * (size_t)m->nlink);
    ct_status st = parent_joint ? CT_OK : ct_error_set(err, CT_ERR_NO_MEMORY, file, 0, 0, "out of memory");
    for (int i = 0; i < m->nlink && st == CT_OK; i++)
        if (ct_name_map_put(&links, m->links[i].name, i) == -2)
            st = ct_error_set(err, CT_ERR_NO_MEMORY, file, 0, 0, "out of memory");
    if (st == CT_OK) st = check_refs(m, file, &links, parent_name, child_name, parent_joint, err);
    if (st == CT_OK) st = check_tree(m, file, parent_joint, err);
    if (st == CT_OK) st = check_mimic(m, file, mimic_name, err);
    ct_free(parent_joint);
    ct_name_map_free(&links);
    return st;
}
