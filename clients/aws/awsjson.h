/* awsjson: small cJSON helpers the AWS JSON-protocol modules share (Logs,
 * CloudWatch): request members that are left out when unset, and typed
 * response members where absent or null reads as zero/NULL and a wrong type
 * is an error naming the key. */
#ifndef RW_AWSJSON_H
#define RW_AWSJSON_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Whether s is a non-empty string. */
int awsjson_set(const char *s);
/* p, or die: cJSON returns NULL only when out of memory. */
void *awsjson_need(void *p);
/* Add key: v when v is set (non-NULL, non-empty). */
void awsjson_put_str(cJSON *o, const char *key, const char *v);
/* Add key: v as an exact integer. */
void awsjson_put_i64(cJSON *o, const char *key, int64_t v);
/* Add key: v as an exact integer when v is not 0 (0 means "not set"). */
void awsjson_put_i64_set(cJSON *o, const char *key, int64_t v);
/* Member key of o, or NULL when absent or null. */
const cJSON *awsjson_member(const cJSON *o, const char *key);
/* Optional string member, borrowed from o (NULL when absent). */
int awsjson_opt_str(const cJSON *o, const char *key, const char **out, struct rw_err *err);
/* Optional string member, copied (caller frees; NULL when absent). */
int awsjson_opt_dup(const cJSON *o, const char *key, char **out, struct rw_err *err);
/* Optional integer member (0 when absent). */
int awsjson_opt_i64(const cJSON *o, const char *key, int64_t *out, struct rw_err *err);
/* Optional array member and its size (NULL and 0 when absent). */
int awsjson_opt_arr(const cJSON *o, const char *key, const cJSON **out, size_t *n,
                    struct rw_err *err);

#endif
