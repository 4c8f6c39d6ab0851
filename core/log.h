/* log: the file logger. It never writes to the terminal; every line passes
 * through rw_redact first. Default file: $XDG_STATE_HOME/rollwatch/rollwatch.log
 * (~/.local/state/rollwatch/rollwatch.log when XDG_STATE_HOME is unset). */
#ifndef RW_LOG_H
#define RW_LOG_H

#include <stddef.h>

#include "err.h"

enum rw_log_level { RW_LOG_DEBUG, RW_LOG_INFO, RW_LOG_WARN, RW_LOG_ERROR };

/* The default log path for this environment; caller frees. */
char *rw_log_default_path(void);
/* Open (append) path, or the default when path is NULL; creates parent dirs. */
int rw_log_open(const char *path, enum rw_log_level min, struct rw_err *err);
/* Close the log file (later rw_log calls are dropped). */
void rw_log_close(void);
/* Append one redacted, timestamped line at level. */
void rw_log(enum rw_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The path of the open log, or NULL. */
const char *rw_log_path(void);

#endif
