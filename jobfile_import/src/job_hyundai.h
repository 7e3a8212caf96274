/* Private: Hyundai Hi5/Hi6 argument parsing shared by both dialects. */
#ifndef CELLTWIN_JOB_HYUNDAI_H
#define CELLTWIN_JOB_HYUNDAI_H

#include "job_internal.h"

/* Speed "200mm/sec", "60cm/min", "50%", "2sec", "cmd%" into out (SI). 0 when the unit is unknown. */
int ct_job_hy_speed(ct_job_pctx *c, const char *s, const char *e, ct_job_speed *out);
/* Hidden pose "(...)A|E|R|T|U<n>|" (Hi5) or "[...]" (Hi6) into t. 0 on error (diagnosed). */
int ct_job_hy_hidden_pose(ct_job_pctx *c, const char *s, const char *e, ct_job_target *t, int hi6);
/* Pose expression: "P1", "P1+R2", "Pose(...)", "+Shift(...)", "(...)U1". */
int ct_job_hy_pose_expr(ct_job_pctx *c, const char *s, const char *e, ct_job_target *t);
int ct_job_atoi_n(const char *s, const char *e);

#endif
