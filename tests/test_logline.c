/* Tests for panes/logline: JSON lines compacted with level, event and message
 * first; seed 003's boot events flagged; highlight roles; escapes. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "panes/logline.h"

static char *r(const char *s, enum logline_role *role)
{
    return logline_render(s, strlen(s), role);
}

static void test_logline_json_and_boot(void)
{
    enum logline_role role;
    char *s = r("{\"path\":\"/x\",\"status\":504,\"event\":\"request\",\"level\":\"info\"}", &role);
    CU_ASSERT_STRING_EQUAL(s, "info request path=/x status=504");
    CU_ASSERT_EQUAL(role, LOGLINE_ERROR); /* a 5xx */
    free(s);
    s = r("{\"event\":\"runtime_ready\",\"level\":\"info\",\"boot_ms\":1234}", &role);
    CU_ASSERT_STRING_EQUAL(s, "info runtime_ready boot_ms=1234 [ready]");
    CU_ASSERT_EQUAL(role, LOGLINE_OK);
    free(s);
    s = r("{\"level\":\"warning\",\"boot_ms\":7500,\"budget_ms\":5000,"
          "\"event\":\"Boot time exceeded budget\"}", &role);
    CU_ASSERT_STRING_EQUAL(s, "warning Boot time exceeded budget boot_ms=7500 budget_ms=5000 "
                              "[boot over budget]");
    CU_ASSERT_EQUAL(role, LOGLINE_WARN);
    free(s);
    s = r("{\"level\":\"info\",\"duration_ms\":1500,\"msg\":\"slow\"}", &role);
    CU_ASSERT_EQUAL(role, LOGLINE_WARN); /* a slow request */
    free(s);
}

static void test_logline_text_and_escapes(void)
{
    enum logline_role role;
    char *s = r("ERROR upstream timeout", &role);
    CU_ASSERT_EQUAL(role, LOGLINE_ERROR);
    free(s);
    s = r("WARN disk 91%", &role);
    CU_ASSERT_EQUAL(role, LOGLINE_WARN);
    free(s);
    s = r("GET / status=200", &role);
    CU_ASSERT_EQUAL(role, LOGLINE_PLAIN);
    free(s);
    s = r("x\x1b]52;c;ZXZpbA==\x07y\xc2\x9b" "2J", &role);
    CU_ASSERT_STRING_EQUAL(s, "x\\x1b]52;c;ZXZpbA==\\x07y\\u009b2J");
    free(s);
    s = r("{\"level\":\"error\",\"message\":\"\\u001b[2Jgone\"}", &role); /* escaped in JSON too */
    CU_ASSERT_STRING_EQUAL(s, "error \\x1b[2Jgone");
    CU_ASSERT_EQUAL(role, LOGLINE_ERROR);
    free(s);
    s = r("{not json", &role);
    CU_ASSERT_STRING_EQUAL(s, "{not json");
    free(s);
}

void test_logline_register(void)
{
    CU_pSuite s = CU_add_suite("logline", NULL, NULL);
    CU_add_test(s, "JSON compacted, boot events flagged, roles", test_logline_json_and_boot);
    CU_add_test(s, "plain lines, roles and escapes", test_logline_text_and_escapes);
}
