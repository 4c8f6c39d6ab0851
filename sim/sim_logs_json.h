/* sim_logs_json: a small JSON text builder for the fake CloudWatch Logs'
 * replies, which can hold hundreds of thousands of events: text is appended
 * to one growing buffer instead of building a cJSON tree. Strings are
 * escaped byte-exactly (NULs too); bytes that are not valid UTF-8 become
 * U+FFFD, as CloudWatch replaces them at ingestion. */
#ifndef RW_SIM_LOGS_JSON_H
#define RW_SIM_LOGS_JSON_H

#include <stddef.h>
#include <stdint.h>

struct sim_logs_json {
    char *p;
    size_t n, cap;
};

/* Append n raw bytes (already JSON). */
void sim_logs_json_raw(struct sim_logs_json *b, const char *s, size_t n);
/* Append a NUL-terminated raw string (already JSON). */
void sim_logs_json_lit(struct sim_logs_json *b, const char *s);
/* Append s (n bytes) as a quoted, escaped JSON string. */
void sim_logs_json_str(struct sim_logs_json *b, const char *s, size_t n);
/* Append "key": (key is trusted: no escaping). */
void sim_logs_json_key(struct sim_logs_json *b, const char *key);
/* Append an integer. */
void sim_logs_json_i64(struct sim_logs_json *b, int64_t v);
/* The text (NUL-terminated, caller frees); b is emptied. */
char *sim_logs_json_take(struct sim_logs_json *b);

#endif
