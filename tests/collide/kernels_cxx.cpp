// The shared collision kernels compiled as C++ (the subset CUDA C++ accepts): a wrapper the C
// test compares bit for bit with the C build.
#include "celltwin/kernels/bvh.h"
#include "celltwin/kernels/proxy.h"

extern "C" int ct_test_kernels_cxx(const float *t1, const float *t2, float *d2, float *c) {
    ct_v3f c1, c2;
    *d2 = ct_k_tri_tri(t1, t2, &c1, &c2);
    c[0] = c1.x; c[1] = c1.y; c[2] = c1.z; c[3] = c2.x; c[4] = c2.y; c[5] = c2.z;
    return ct_k_tri_overlap(t1, t2, 1e-6f);
}
