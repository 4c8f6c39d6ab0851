/* runner: the one CUnit runner. Suites mirror modules (tests/test_<module>.c,
 * each exporting test_<module>_register). Exit status: failed tests, capped at 125. */
#include <CUnit/Basic.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

#define SUITE(fn) void fn(void);
#include "test_suites.h"
#undef SUITE

int main(void)
{
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1); /* tests never leave loopback */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 125;
#define SUITE(fn) fn();
#include "test_suites.h"
#undef SUITE
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_tests_failed() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    curl_global_cleanup();
    return failed > 125 ? 125 : (int)failed;
}
