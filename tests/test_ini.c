/* Tests for core/ini: ~/.aws/config, credentials and our own config. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/ini.h"

static const char aws_config[] =
    "# comment\n"
    "[default]\n"
    "region = us-east-1\n"
    "output=json\n"
    "\n"
    "[profile  stage]\n"
    "role_arn = arn:aws:iam::123456789012:role/oncall\n"
    "source_profile = default\n"
    "s3 =\n"
    "  max_concurrent_requests = 10\n"
    "  addressing_style = path\n"
    "; another comment\n"
    "[services local]\n"
    "ecs =\n"
    "    endpoint_url = http://127.0.0.1:4566\n"
    "[sso-session corp]\n"
    "sso_start_url: https://corp.awsapps.com/start\n"
    "Sso_Region = us-west-2\n";

static void test_ini_reads_aws_config(void)
{
    struct ini ini;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ini_parse(aws_config, strlen(aws_config), &ini, &err), 0);
    CU_ASSERT_EQUAL(ini.nsections, 4);
    const struct ini_section *d = ini_profile(&ini, "default", 1);
    CU_ASSERT_STRING_EQUAL(ini_get(d, "region"), "us-east-1");
    CU_ASSERT_STRING_EQUAL(ini_get(d, "output"), "json");
    const struct ini_section *st = ini_profile(&ini, "stage", 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_STRING_EQUAL(ini_get(st, "source_profile"), "default");
    CU_ASSERT_STRING_EQUAL(ini_get(st, "s3"), "");
    CU_ASSERT_STRING_EQUAL(ini_get(st, "s3.max_concurrent_requests"), "10");
    CU_ASSERT_STRING_EQUAL(ini_get(st, "s3.addressing_style"), "path");
    CU_ASSERT_STRING_EQUAL(ini_get(ini_section(&ini, "services local"), "ecs.endpoint_url"),
                           "http://127.0.0.1:4566");
    const struct ini_section *sso = ini_section(&ini, "sso-session corp");
    CU_ASSERT_STRING_EQUAL(ini_get(sso, "sso_start_url"), "https://corp.awsapps.com/start");
    CU_ASSERT_STRING_EQUAL(ini_get(sso, "sso_region"), "us-west-2"); /* keys lower-cased */
    CU_ASSERT_PTR_NULL(ini_profile(&ini, "stage", 0)); /* credentials files use [stage] */
    ini_free(&ini);
}

static void test_ini_credentials_file_sections(void)
{
    const char *c = "\xEF\xBB\xBF[default]\r\naws_access_key_id = AKID\r\n[stage]\r\n"
                    "aws_access_key_id=AKID2\r\naws_session_token = a\n  b\n";
    struct ini ini;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ini_parse(c, strlen(c), &ini, &err), 0);
    CU_ASSERT_STRING_EQUAL(ini_get(ini_profile(&ini, "default", 0), "aws_access_key_id"), "AKID");
    CU_ASSERT_STRING_EQUAL(ini_get(ini_profile(&ini, "stage", 0), "aws_access_key_id"), "AKID2");
    /* an indented line under a non-empty value continues it */
    CU_ASSERT_STRING_EQUAL(ini_get(ini_profile(&ini, "stage", 0), "aws_session_token"), "a\nb");
    ini_free(&ini);
}

static void test_ini_later_values_win_and_sections_merge(void)
{
    const char *c = "[a]\nx=1\n[b]\ny=2\n[a]\nx=3\nz=4\n";
    struct ini ini;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ini_parse(c, strlen(c), &ini, &err), 0);
    CU_ASSERT_EQUAL(ini.nsections, 2);
    CU_ASSERT_STRING_EQUAL(ini_get(ini_section(&ini, "a"), "x"), "3");
    CU_ASSERT_STRING_EQUAL(ini_get(ini_section(&ini, "a"), "z"), "4");
    ini_free(&ini);
}

static void expect_error(const char *text, const char *needle)
{
    struct ini ini;
    struct rw_err err;
    CU_ASSERT_EQUAL(ini_parse(text, strlen(text), &ini, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_EQUAL(ini.nsections, 0);
}

static void test_ini_rejects_malformed_input_with_line(void)
{
    expect_error("x = 1\n", "line 1: key outside");
    expect_error("[ok]\na=1\n[broken\n", "line 3: section header");
    expect_error("[ok]\njust words\n", "line 2: expected");
    expect_error("[ok]\n = value\n", "line 2");
}

static void test_ini_missing_file_is_empty(void)
{
    struct ini ini;
    struct rw_err err;
    CU_ASSERT_EQUAL(ini_load_file("/nonexistent/rollwatch/config", &ini, &err), 0);
    CU_ASSERT_EQUAL(ini.nsections, 0);
    ini_free(&ini);
}

void test_ini_register(void)
{
    CU_pSuite s = CU_add_suite("ini", NULL, NULL);
    CU_add_test(s, "reads ~/.aws/config with profiles and sub-sections", test_ini_reads_aws_config);
    CU_add_test(s, "credentials file sections, CRLF, BOM, continuation", test_ini_credentials_file_sections);
    CU_add_test(s, "later values win, sections merge", test_ini_later_values_win_and_sections_merge);
    CU_add_test(s, "malformed input gives the line", test_ini_rejects_malformed_input_with_line);
    CU_add_test(s, "missing file is empty", test_ini_missing_file_is_empty);
}
