/* awsjson: shared cJSON helpers for the JSON-protocol clients (see awsjson.h). */
#include "awsjson.h"

#include <inttypes.h>
#include <stdio.h>

#include "core/xmalloc.h"

int awsjson_set(const char *s)
{
    return s && *s;
}

void *awsjson_need(void *p)
{
    if (!p)
        rw_die("out of memory building a JSON request");
    return p;
}

void awsjson_put_str(cJSON *o, const char *key, const char *v)
{
    if (awsjson_set(v))
        awsjson_need(cJSON_AddStringToObject(o, key, v));
}

void awsjson_put_i64(cJSON *o, const char *key, int64_t v)
{
    char num[24];
    snprintf(num, sizeof num, "%" PRId64, v);
    awsjson_need(cJSON_AddRawToObject(o, key, num));
}

void awsjson_put_i64_set(cJSON *o, const char *key, int64_t v)
{
    if (v)
        awsjson_put_i64(o, key, v);
}

const cJSON *awsjson_member(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNull(v) ? NULL : v;
}

int awsjson_opt_str(const cJSON *o, const char *key, const char **out, struct rw_err *err)
{
    const cJSON *v = awsjson_member(o, key);
    *out = NULL;
    if (v && !cJSON_IsString(v))
        return rw_err_set(err, RW_E_PARSE, "%s: expected a string", key);
    *out = v ? v->valuestring : NULL;
    return 0;
}

int awsjson_opt_dup(const cJSON *o, const char *key, char **out, struct rw_err *err)
{
    const char *s;
    *out = NULL;
    if (awsjson_opt_str(o, key, &s, err) < 0)
        return -1;
    *out = xstrdup(s);
    return 0;
}

int awsjson_opt_i64(const cJSON *o, const char *key, int64_t *out, struct rw_err *err)
{
    const cJSON *v = awsjson_member(o, key);
    *out = 0;
    if (v && !(cJSON_IsNumber(v) && v->valuedouble >= -9.2e18 && v->valuedouble <= 9.2e18))
        return rw_err_set(err, RW_E_PARSE, "%s: expected an integer", key);
    *out = v ? (int64_t)v->valuedouble : 0;
    return 0;
}

int awsjson_opt_arr(const cJSON *o, const char *key, const cJSON **out, size_t *n,
                    struct rw_err *err)
{
    *out = awsjson_member(o, key);
    *n = 0;
    if (*out && !cJSON_IsArray(*out))
        return rw_err_set(err, RW_E_PARSE, "%s: expected an array", key);
    *n = *out ? (size_t)cJSON_GetArraySize(*out) : 0;
    return 0;
}
