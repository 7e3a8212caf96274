/* libFuzzer target: the Hyundai Hi6 HRScript .job parser (see fuzz_job_common.h). */
#include "fuzz_job_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return ct_fuzz_job(data, size, CT_JOB_FMT_HI6); }
