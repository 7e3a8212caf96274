/* libFuzzer target: the Doosan DRL .drl parser (see fuzz_job_common.h). */
#include "fuzz_job_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return ct_fuzz_job(data, size, CT_JOB_FMT_DRL); }
