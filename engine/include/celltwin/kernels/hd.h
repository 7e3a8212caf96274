/* CT_HD: marks per-element functions shared by the CPU path and CUDA kernels.
 * Expands to `__host__ __device__ static inline` under nvcc and `static inline` under a C compiler.
 * Headers under kernels/ use only the common subset of C11 and CUDA C++: no restrict, no VLAs,
 * no implicit void* conversions, no compound literals. */
#ifndef CELLTWIN_KERNELS_HD_H
#define CELLTWIN_KERNELS_HD_H

#ifdef __CUDACC__
#define CT_HD __host__ __device__ static inline
#define CT_RESTRICT __restrict__
#else
#define CT_HD static inline
#define CT_RESTRICT restrict
#endif

#endif
