/* Tests for core/xmalloc: allocation helpers and the die hook. */
#include <CUnit/CUnit.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xmalloc.h"

static int hook_fd = -1;

static void hook(void)
{
    ssize_t n = write(hook_fd, "restored", 8);
    (void)n;
}

static void test_xmalloc_die_runs_hook_then_aborts(void)
{
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        hook_fd = p[1];
        if (!freopen("/dev/null", "w", stderr))
            _exit(99);
        rw_set_die_hook(hook);
        rw_die("impossible state %d", 42);
    }
    close(p[1]);
    char buf[16] = { 0 };
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    int status;
    waitpid(pid, &status, 0);
    CU_ASSERT_EQUAL(n, 8);
    CU_ASSERT_STRING_EQUAL(buf, "restored");
    CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

static void test_xmalloc_helpers_copy(void)
{
    char *s = xstrdup("hello");
    CU_ASSERT_STRING_EQUAL(s, "hello");
    free(s);
    CU_ASSERT_PTR_NULL(xstrdup(NULL));
    s = xstrndup("abcdef", 3);
    CU_ASSERT_STRING_EQUAL(s, "abc");
    free(s);
    s = xasprintf("%s-%d", "a", 5);
    CU_ASSERT_STRING_EQUAL(s, "a-5");
    free(s);
    int *v = xcalloc(4, sizeof *v);
    CU_ASSERT_EQUAL(v[3], 0);
    v = xreallocarray(v, 8, sizeof *v);
    v[7] = 1;
    free(v);
}

void test_xmalloc_register(void)
{
    CU_pSuite s = CU_add_suite("xmalloc", NULL, NULL);
    CU_add_test(s, "rw_die runs the restore hook, then aborts", test_xmalloc_die_runs_hook_then_aborts);
    CU_add_test(s, "helpers copy", test_xmalloc_helpers_copy);
}
