/* logline: how one log line looks in the Logs pane: JSON lines compacted
 * (level, event and message first, then the other keys as k=v), seed 003's
 * boot events flagged (runtime_ready, boot_ms over budget), and the colour role
 * the highlight rules give it: ERROR/FATAL/panic, a 5xx status or an error
 * level → error; WARN, a warning level, a slow request (duration_ms over
 * 1000) or a boot over budget → warn; runtime_ready → ok. Text is escaped
 * (core/logfmt) so nothing in it reaches the terminal raw. Pure. */
#ifndef RW_LOGLINE_H
#define RW_LOGLINE_H

#include <stddef.h>

enum logline_role { LOGLINE_PLAIN, LOGLINE_OK, LOGLINE_WARN, LOGLINE_ERROR };

/* Render msg[0..len) into a heap string (caller frees); its role in *role. */
char *logline_render(const char *msg, size_t len, enum logline_role *role);

#endif
