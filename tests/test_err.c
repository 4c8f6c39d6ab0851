/* Tests for core/err: typed errors and exit codes. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/err.h"

static void test_err_set_formats_message(void)
{
    struct rw_err e;
    CU_ASSERT_EQUAL(rw_err_set(&e, RW_E_PARSE, "line %d: %s", 7, "bad"), -1);
    CU_ASSERT_EQUAL(e.code, RW_E_PARSE);
    CU_ASSERT_STRING_EQUAL(e.msg, "line 7: bad");
    CU_ASSERT_EQUAL(rw_err_set(NULL, RW_E_IO, "ignored"), -1);
}

static void test_err_wrap_prefixes_context(void)
{
    struct rw_err e;
    rw_err_set(&e, RW_E_IO, "no such file");
    rw_err_wrap(&e, "config %s", "/x");
    CU_ASSERT_STRING_EQUAL(e.msg, "config /x: no such file");
    CU_ASSERT_EQUAL(e.code, RW_E_IO);
    char big[600];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    rw_err_set(&e, RW_E_IO, "%s", big);
    rw_err_wrap(&e, "ctx");
    CU_ASSERT_EQUAL(strlen(e.msg), sizeof e.msg - 1);
    CU_ASSERT_EQUAL(strncmp(e.msg, "ctx: aaa", 8), 0);
}

static void test_err_exit_codes_match_design(void)
{
    CU_ASSERT_EQUAL(rw_err_exit_code(RW_OK), 0);
    CU_ASSERT_EQUAL(rw_err_exit_code(RW_E_USAGE), 64);
    CU_ASSERT_EQUAL(rw_err_exit_code(RW_E_UNAVAILABLE), 69);
    CU_ASSERT_EQUAL(rw_err_exit_code(RW_E_CREDS), 77);
    CU_ASSERT_EQUAL(rw_err_exit_code(RW_E_REFUSED), 4);
    CU_ASSERT_EQUAL(rw_err_exit_code(RW_E_AWS), 3);
    CU_ASSERT_EQUAL(rw_err_exit_code(RW_E_NET), 3);
    CU_ASSERT_STRING_EQUAL(rw_err_code_name(RW_E_PARSE), "parse");
}

void test_err_register(void)
{
    CU_pSuite s = CU_add_suite("err", NULL, NULL);
    CU_add_test(s, "set formats message", test_err_set_formats_message);
    CU_add_test(s, "wrap prefixes context", test_err_wrap_prefixes_context);
    CU_add_test(s, "exit codes match DESIGN.md", test_err_exit_codes_match_design);
}
