/* xmalloc: allocation that dies loudly (see xmalloc.h). */
#include "xmalloc.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*die_hook)(void);

void rw_set_die_hook(void (*hook)(void))
{
    die_hook = hook;
}

void rw_die(const char *fmt, ...)
{
    void (*hook)(void) = die_hook;
    die_hook = NULL; /* never recurse */
    if (hook)
        hook();
    va_list ap;
    va_start(ap, fmt);
    fputs("rollwatch: fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    signal(SIGABRT, SIG_DFL);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        rw_die("out of memory (%zu bytes)", n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        rw_die("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        rw_die("out of memory (%zu bytes)", n);
    return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        rw_die("allocation overflow (%zu x %zu)", n, size);
    return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
    if (!s)
        return NULL;
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = NULL;
    int rc = vasprintf(&out, fmt, ap);
    va_end(ap);
    if (rc < 0)
        rw_die("out of memory formatting a string");
    return out;
}
