/* Tests for core/log: a redacted file log, never the terminal. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static void test_log_writes_redacted_lines_to_file(void)
{
    char dir[] = "/tmp/rwlogXXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/a/b/rollwatch.log", dir);
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(rw_log_open(path, RW_LOG_INFO, &err), 0);
    rw_log(RW_LOG_DEBUG, "debug is below the level");
    rw_log(RW_LOG_WARN, "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY ok");
    CU_ASSERT_STRING_EQUAL(rw_log_path(), path);
    rw_log_close();
    char *text = slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_PTR_NULL(strstr(text, "debug is below"));
    CU_ASSERT_PTR_NULL(strstr(text, "wJalrXUtnFEMI"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "warn  aws_secret_access_key=[REDACTED] ok"));
    unlink(path);
}

static void test_log_default_path_follows_xdg(void)
{
    char *old = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
    setenv("XDG_STATE_HOME", "/srv/state", 1);
    char *p = rw_log_default_path();
    CU_ASSERT_STRING_EQUAL(p, "/srv/state/rollwatch/rollwatch.log");
    free(p);
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", getenv("HOME") ? getenv("HOME") : "/root", 1);
    p = rw_log_default_path();
    CU_ASSERT_PTR_NOT_NULL(strstr(p, "/.local/state/rollwatch/rollwatch.log"));
    free(p);
    if (old)
        setenv("XDG_STATE_HOME", old, 1);
    free(old);
}

static void test_log_open_fails_cleanly(void)
{
    struct rw_err err;
    CU_ASSERT_EQUAL(rw_log_open("/proc/nope/x.log", RW_LOG_INFO, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_IO);
}

void test_log_register(void)
{
    CU_pSuite s = CU_add_suite("log", NULL, NULL);
    CU_add_test(s, "writes redacted lines to the file", test_log_writes_redacted_lines_to_file);
    CU_add_test(s, "default path follows XDG_STATE_HOME", test_log_default_path_follows_xdg);
    CU_add_test(s, "open failure is an error value", test_log_open_fails_cleanly);
}
