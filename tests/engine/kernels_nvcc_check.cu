// Build check: the shared CT_HD kernel headers compile under nvcc and are callable from a kernel.
#include "celltwin/kernels/kmath.h"

__global__ void ct_kernels_nvcc_check(const ct_xff *xf, const ct_v3f *p, ct_v3f *out, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = ct_xff_apply(ct_xff_mul(xf[i], xf[i]), p[i]);
}
