/* Sampled distances on the verifier's own bodies and pairs (same geometry, same allowed contacts
 * and exclusions as ct_verify_run): the smallest distance between one robot's bodies and every
 * body it is checked against, at a given time of the common timeline. For plots (the report's
 * clearance curve), not a proof: between samples anything may happen. Units: m, s. */
#ifndef CELLTWIN_VERIFY_SAMPLE_H
#define CELLTWIN_VERIFY_SAMPLE_H

#include "celltwin/verify.h"

typedef struct ct_verify_sampler ct_verify_sampler;

/* Builds bodies and pairs as ct_verify_run does for the same input and options (clearance,
 * self_collision). The sampler borrows the cell and the trajectories. */
CT_API ct_status ct_verify_sampler_create(const ct_verify_input *in, const ct_verify_options *opt,
                                          ct_verify_sampler **out, ct_error *err);
CT_API void ct_verify_sampler_destroy(ct_verify_sampler *s);

/* Smallest distance (m, >= 0; a lower bound within the query's float margin, 0 at contact) at
 * time t between robot `robot`'s bodies (links, tool, parts) and every body of a checked pair with
 * them: objects and other robots at t, and with self = 1 also its own links (self-collision pairs,
 * when the options check them). Distances at or above `cap` (m) are returned as cap; INFINITY when
 * the robot has no such pair. Not thread safe (keeps warm-start hints between calls). */
CT_API double ct_verify_sampler_robot_distance(ct_verify_sampler *s, int robot, double t, double cap, int self);

#endif
