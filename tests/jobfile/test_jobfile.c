#include "ct_test.h"
static int test_placeholder(void) { return 0; }
CT_TEST_MAIN(CT_TEST(placeholder))
