/* err: errors as values (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int rw_err_set(struct rw_err *err, enum rw_err_code code, const char *fmt, ...)
{
    if (!err)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    err->code = code;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int rw_err_wrap(struct rw_err *err, const char *fmt, ...)
{
    if (!err)
        return -1;
    char prefix[256];
    char old[sizeof err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    size_t pn = strlen(prefix), on = strnlen(old, sizeof old - 1);
    size_t room = sizeof err->msg - 1;
    size_t n = 0;
    memcpy(err->msg, prefix, pn < room ? pn : room);
    n = pn < room ? pn : room;
    if (n + 2 <= room) {
        memcpy(err->msg + n, ": ", 2);
        n += 2;
    }
    size_t take = on < room - n ? on : room - n;
    memcpy(err->msg + n, old, take);
    err->msg[n + take] = '\0';
    return -1;
}

void rw_err_clear(struct rw_err *err)
{
    if (!err)
        return;
    err->code = RW_OK;
    err->msg[0] = '\0';
}

int rw_err_exit_code(enum rw_err_code code)
{
    switch (code) {
    case RW_OK: return 0;
    case RW_E_USAGE: return 64;
    case RW_E_CREDS: return 77;
    case RW_E_REFUSED: return 4;
    case RW_E_UNAVAILABLE: return 69;
    default: return 3;
    }
}

const char *rw_err_code_name(enum rw_err_code code)
{
    static const char *const names[] = {
        "ok", "usage", "parse", "io", "network", "aws", "credentials",
        "refused", "unavailable", "internal",
    };
    if ((unsigned)code < sizeof names / sizeof names[0])
        return names[code];
    return "unknown";
}
