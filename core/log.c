/* log: append-only, redacted file logger (see log.h). */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "redact.h"
#include "xmalloc.h"

static FILE *log_fp;
static char *log_file;
static enum rw_log_level log_min = RW_LOG_INFO;

char *rw_log_default_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    if (state && *state == '/')
        return xasprintf("%s/rollwatch/rollwatch.log", state);
    const char *home = getenv("HOME");
    return xasprintf("%s/.local/state/rollwatch/rollwatch.log", home && *home ? home : "/tmp");
}

/* mkdir -p for every parent directory of path. */
static int make_parents(const char *path, struct rw_err *err)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            rw_err_set(err, RW_E_IO, "cannot create %s: %s", p, strerror(errno));
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

int rw_log_open(const char *path, enum rw_log_level min, struct rw_err *err)
{
    char *file = path ? xstrdup(path) : rw_log_default_path();
    if (make_parents(file, err) < 0) {
        free(file);
        return -1;
    }
    FILE *fp = fopen(file, "a");
    if (!fp) {
        rw_err_set(err, RW_E_IO, "cannot open log %s: %s", file, strerror(errno));
        free(file);
        return -1;
    }
    rw_log_close();
    setvbuf(fp, NULL, _IOLBF, 0);
    log_fp = fp;
    log_file = file;
    log_min = min;
    return 0;
}

void rw_log_close(void)
{
    if (log_fp)
        fclose(log_fp);
    log_fp = NULL;
    free(log_file);
    log_file = NULL;
}

const char *rw_log_path(void)
{
    return log_file;
}

void rw_log(enum rw_log_level level, const char *fmt, ...)
{
    static const char *const names[] = { "debug", "info", "warn", "error" };
    if (!log_fp || level < log_min)
        return;
    char *msg = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    char *clean = rw_redact(msg, (size_t)n);
    free(msg);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(log_fp, "%s.%03ldZ %-5s %s\n", stamp, ts.tv_nsec / 1000000, names[level], clean);
    free(clean);
}
