/* redact: remove secrets (AWS secret keys, session tokens, bearer and Fly
 * tokens, signatures) from text before it is logged or shown. */
#ifndef RW_REDACT_H
#define RW_REDACT_H

#include <stddef.h>

#define RW_REDACTED "[REDACTED]"

/* Remember an exact secret value so it is always redacted (copied; values
 * shorter than 8 bytes are ignored). */
void rw_redact_register(const char *secret);
/* Forget every registered secret (wiping the copies). */
void rw_redact_reset(void);
/* Return a copy of text[0..len) with secrets replaced by [REDACTED]; caller frees. */
char *rw_redact(const char *text, size_t len);

#endif
