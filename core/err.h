/* err: errors as values. Functions return 0 on success or a negative number
 * on failure and fill a struct rw_err with a typed code and a message. */
#ifndef RW_ERR_H
#define RW_ERR_H

#include <stddef.h>

/* What kind of failure; maps onto the exit codes in DESIGN.md. */
enum rw_err_code {
    RW_OK = 0,
    RW_E_USAGE,      /* bad flag or value (exit 64) */
    RW_E_PARSE,      /* malformed input bytes */
    RW_E_IO,         /* file or pipe error */
    RW_E_NET,        /* connection, timeout */
    RW_E_AWS,        /* error returned by the service */
    RW_E_CREDS,      /* no credentials or access denied (exit 77) */
    RW_E_REFUSED,    /* read-only or confirmation missing (exit 4) */
    RW_E_UNAVAILABLE,/* not in this build yet (exit 69) */
    RW_E_INTERNAL
};

struct rw_err {
    enum rw_err_code code;
    char msg[512];
};

/* Fill err (if not NULL) with code and a printf-style message; returns -1. */
int rw_err_set(struct rw_err *err, enum rw_err_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix err->msg with "what: " to add context; returns -1. */
int rw_err_wrap(struct rw_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reset err to RW_OK with an empty message. */
void rw_err_clear(struct rw_err *err);

/* The process exit code (DESIGN.md table) for an error code. */
int rw_err_exit_code(enum rw_err_code code);

/* A short stable name for a code, e.g. "usage", "parse". */
const char *rw_err_code_name(enum rw_err_code code);

#endif
