/* sim_route: X-Amz-Target splitting, error bodies and pagination tokens for
 * the fake cloud. Pure functions over strings, unit-tested and fuzzed. */
#include "sim_route.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

const char *sim_route_op(const char *target, const char *prefix)
{
    if (!target || !prefix)
        return NULL;
    size_t n = strlen(prefix);
    if (strncmp(target, prefix, n) != 0 || !target[n])
        return NULL;
    for (const char *p = target + n; *p; p++)
        if (!isalnum((unsigned char)*p))
            return NULL;
    return target + n;
}

void sim_route_error(struct sim_reply *r, int status, const char *type, const char *msg)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "__type", type);
    if (msg)
        cJSON_AddStringToObject(o, "message", msg);
    r->status = status;
    r->body = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!r->body)
        r->body = xstrdup("{}");
}

long sim_route_parse_token(const char *token)
{
    static const char pre[] = "rwsim-";
    if (!token || strncmp(token, pre, sizeof pre - 1) != 0)
        return -1;
    const char *d = token + sizeof pre - 1;
    if (!isdigit((unsigned char)*d) || strlen(d) > 6)
        return -1;
    char *end;
    long v = strtol(d, &end, 10);
    return *end ? -1 : v;
}

void sim_route_token(long offset, char *out, size_t n)
{
    snprintf(out, n, "rwsim-%ld", offset);
}

int sim_route_max_results(double v, int present, int dflt, int max)
{
    if (!present)
        return dflt;
    if (!(v >= 1 && v <= max))
        return -1;
    return (int)v;
}
