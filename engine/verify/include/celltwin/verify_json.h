/* The verification result as JSON (the document `celltwin verify --json` writes, schema in
 * docs/verify-report.schema.json): verdict, programs with cycle times, findings with bodies, times,
 * distances (mm), witness points (mm) and program positions, closest approaches, statistics.
 * Shared by `celltwin verify` and the report (report.json embeds it, so every number is the same). */
#ifndef CELLTWIN_VERIFY_JSON_H
#define CELLTWIN_VERIFY_JSON_H

#include "celltwin/cell.h"
#include "celltwin/verify.h"
#include "celltwin/verify_program.h"

struct cJSON;

/* Builds the document. progs: (cell->nrobot) entries, those with traj == NULL played nothing.
 * sampled: 1 when the run used the sampled check (vo.sampled_m > 0). Returns a new cJSON tree
 * (cJSON_Delete) or NULL when out of memory. */
CT_API struct cJSON *ct_verify_report_json(const ct_cell *cell, const ct_robot_program *progs,
                                           const ct_verify_report *rep, int sampled);

#endif
