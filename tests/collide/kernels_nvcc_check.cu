// The collision kernels must stay valid CUDA C++: this file compiles them with nvcc as device
// code (a kernel calling each traversal) when CUDA is enabled.
#include "celltwin/kernels/bvh.h"
#include "celltwin/kernels/proxy.h"

__global__ void ct_collide_kernels_check(ct_bvh_view a, ct_bvh_view b, ct_xff x, float *out) {
    int ta, tb;
    ct_v3f pa, pb;
    out[0] = (float)ct_bvh_collide(a, b, x, 1e-6f, &ta, &tb);
    ta = tb = -1;
    out[1] = ct_bvh_distance(a, b, x, 1.0f, &pa, &pb, &ta, &tb);
    out[2] = ct_bvh_seg_distance(a, pa, pb, 1.0f, 0.0f, &pa, &pb, &ta);
    ct_capsule_f c;
    c.p0 = pa; c.p1 = pb; c.r = 0.1f;
    out[3] = ct_capsule_distance(c, ct_capsule_xform(c, x));
    float h[3] = {1, 1, 1};
    out[4] = ct_box_box_separation(h, h, x);
}
