/* Tests for tui/demo's env-file reader (the rest of --demo runs in the screen
 * tests: it forks the real sim). */
#include <CUnit/CUnit.h>
#include <string.h>

#include "tui/demo.h"

static int line(const char *s, char *k, char *v)
{
    return demo_env_line(s, strlen(s), k, 64, v, 128);
}

static void test_demo_env_lines(void)
{
    char k[64], v[128];
    CU_ASSERT_EQUAL(line("export AWS_ENDPOINT_URL=http://127.0.0.1:4566\n", k, v), 0);
    CU_ASSERT_STRING_EQUAL(k, "AWS_ENDPOINT_URL");
    CU_ASSERT_STRING_EQUAL(v, "http://127.0.0.1:4566");
    CU_ASSERT_EQUAL(line("export AWS_REGION=us-east-1", k, v), 0);
    CU_ASSERT_STRING_EQUAL(v, "us-east-1");
    CU_ASSERT_EQUAL(line("export EMPTY=\r\n", k, v), 0);
    CU_ASSERT_STRING_EQUAL(v, "");
    const char *bad[] = { "AWS_REGION=us-east-1", "export =x", "export aws_region=x",
                          "export A B=x", "export A=x y", "export A=\"x\"", "export A='x'",
                          "export A", "export ", "", "export A=$(rm -rf /)",
                          "export A=x\\y" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_EQUAL(line(bad[i], k, v), -1);
    char longv[300];
    memset(longv, 'a', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    memcpy(longv, "export A=", 9);
    CU_ASSERT_EQUAL(line(longv, k, v), -1); /* longer than the value buffer */
}

void test_demo_register(void)
{
    CU_pSuite s = CU_add_suite("demo", NULL, NULL);
    CU_add_test(s, "env-file lines", test_demo_env_lines);
}
