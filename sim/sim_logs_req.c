/* sim_logs_req: the fake CloudWatch Logs' request parsing and its page
 * tokens. Pure functions over bytes, unit-tested and fuzzed: a member of the
 * wrong JSON type is a SerializationException (RW_E_PARSE), a value outside
 * the API's constraints an InvalidParameterException (RW_E_USAGE), with
 * AWS's wording where it is known. */
#include "sim_logs_ops.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static const struct {
    const char *name;
    int op, max_limit;
} ops[] = {
    { "FilterLogEvents", SIM_LOGS_FILTER, 10000 },
    { "GetLogEvents", SIM_LOGS_GET, 10000 },
    { "DescribeLogStreams", SIM_LOGS_DESCRIBE_STREAMS, 50 },
    { "DescribeLogGroups", SIM_LOGS_DESCRIBE_GROUPS, 50 },
};

static const char *type_name(const cJSON *v)
{
    return cJSON_IsString(v) ? "STRING_VALUE" : cJSON_IsNumber(v) ? "NUMBER_VALUE"
           : cJSON_IsBool(v) ? "BOOLEAN_VALUE" : cJSON_IsArray(v) ? "START_ARRAY"
                             : "START_OBJECT";
}

/* Member key, NULL when absent or null. */
static const cJSON *member(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNull(v) ? NULL : v;
}

static int get_str(const cJSON *o, const char *key, char **out, struct rw_err *err)
{
    const cJSON *v = member(o, key);
    if (v && !cJSON_IsString(v))
        return rw_err_set(err, RW_E_PARSE, "%s can not be converted to a String", type_name(v));
    *out = v ? xstrdup(v->valuestring) : NULL;
    return 0;
}

static int get_i64(const cJSON *o, const char *key, int64_t *out, int *has, struct rw_err *err)
{
    const cJSON *v = member(o, key);
    if (v && !cJSON_IsNumber(v))
        return rw_err_set(err, RW_E_PARSE, "%s can not be converted to a Long", type_name(v));
    if (v && (v->valuedouble != (double)(int64_t)v->valuedouble || v->valuedouble < -9e18 ||
              v->valuedouble > 9e18))
        return rw_err_set(err, RW_E_PARSE, "%s: not an integer", key);
    *out = v ? (int64_t)v->valuedouble : 0;
    if (has)
        *has = v != NULL;
    if (v && *out < 0)
        return rw_err_set(err, RW_E_USAGE, "1 validation error detected: Value '%" PRId64
                          "' at '%s' failed to satisfy constraint: Member must have value "
                          "greater than or equal to 0", *out, key);
    return 0;
}

static int get_bool(const cJSON *o, const char *key, int *out, struct rw_err *err)
{
    const cJSON *v = member(o, key);
    if (v && !cJSON_IsBool(v))
        return rw_err_set(err, RW_E_PARSE, "%s can not be converted to a Boolean",
                          type_name(v));
    *out = cJSON_IsTrue(v);
    return 0;
}

static int get_strs(const cJSON *o, const char *key, struct sim_logs_req *q, struct rw_err *err)
{
    const cJSON *v = member(o, key), *it;
    if (v && !cJSON_IsArray(v))
        return rw_err_set(err, RW_E_PARSE, "%s can not be converted to a List", type_name(v));
    int n = v ? cJSON_GetArraySize(v) : 0;
    if (v && (n < 1 || n > 100))
        return rw_err_set(err, RW_E_USAGE, "1 validation error detected: Value at '%s' failed "
                          "to satisfy constraint: Member must have length between 1 and 100", key);
    q->streams = n ? xcalloc((size_t)n, sizeof *q->streams) : NULL;
    cJSON_ArrayForEach(it, v) {
        if (!cJSON_IsString(it))
            return rw_err_set(err, RW_E_PARSE, "%s can not be converted to a String",
                              type_name(it));
        q->streams[q->nstreams++] = xstrdup(it->valuestring);
    }
    return 0;
}

static int check_group(const char *g, struct rw_err *err)
{
    if (sim_logs_valid_group_name(g))
        return 0;
    return rw_err_set(err, RW_E_USAGE, "1 validation error detected: Value '%.600s' at "
                      "'logGroupName' failed to satisfy constraint: Member must satisfy "
                      "regular expression pattern: [\\.\\-_/#A-Za-z0-9]+", g);
}

/* logGroupName or logGroupIdentifier (a name or an ARN, ":*" allowed) into q->group. */
static int get_group(const cJSON *o, struct sim_logs_req *q, struct rw_err *err)
{
    char *ident = NULL;
    if (get_str(o, "logGroupName", &q->group, err) < 0 ||
        get_str(o, "logGroupIdentifier", &ident, err) < 0)
        return free(ident), -1;
    if (q->group && ident)
        return free(ident), rw_err_set(err, RW_E_USAGE, "LogGroup name and LogGroup ARN are "
                                       "mutually exclusive parameters.");
    if (ident) {
        const char *p = strncmp(ident, "arn:", 4) == 0 ? strstr(ident, ":log-group:") : NULL;
        q->group = xstrdup(p ? p + 11 : ident);
        size_t n = strlen(q->group);
        if (p && n >= 2 && strcmp(q->group + n - 2, ":*") == 0)
            q->group[n - 2] = '\0';
        free(ident);
    }
    if (q->op != SIM_LOGS_DESCRIBE_GROUPS && !q->group)
        return rw_err_set(err, RW_E_USAGE, "1 validation error detected: Value null at "
                          "'logGroupName' failed to satisfy constraint: Member must not be null");
    return q->group ? check_group(q->group, err) : 0;
}

static int check_op(const struct sim_logs_req *q, struct rw_err *err)
{
    if (q->streams && q->prefix)
        return rw_err_set(err, RW_E_USAGE, "logStreamNames and logStreamNamePrefix are mutually "
                          "exclusive parameters.");
    if (q->op == SIM_LOGS_GET && (!q->stream || !*q->stream))
        return rw_err_set(err, RW_E_USAGE, "1 validation error detected: Value null at "
                          "'logStreamName' failed to satisfy constraint: Member must not be null");
    if (q->op == SIM_LOGS_FILTER && q->has_start && q->has_end && q->start > q->end)
        return rw_err_set(err, RW_E_USAGE, "startTime must be less than or equal to endTime");
    if (q->by_time && q->prefix)
        return rw_err_set(err, RW_E_USAGE,
                          "Cannot order by LastEventTime with a logStreamNamePrefix.");
    return 0;
}

static int parse_fields(const cJSON *o, struct sim_logs_req *q, int max_limit,
                        struct rw_err *err)
{
    char *order = NULL;
    int64_t limit = 0;
    int has_limit = 0;
    int isget = q->op == SIM_LOGS_GET, isgroups = q->op == SIM_LOGS_DESCRIBE_GROUPS;
    if (get_group(o, q, err) < 0 || get_str(o, "logStreamName", &q->stream, err) < 0 ||
        get_strs(o, "logStreamNames", q, err) < 0 ||
        get_str(o, isgroups ? "logGroupNamePrefix" : "logStreamNamePrefix", &q->prefix, err) < 0 ||
        get_str(o, "filterPattern", &q->pattern, err) < 0 ||
        get_str(o, "nextToken", &q->token, err) < 0 ||
        get_i64(o, "startTime", &q->start, &q->has_start, err) < 0 ||
        get_i64(o, "endTime", &q->end, &q->has_end, err) < 0 ||
        get_i64(o, "limit", &limit, &has_limit, err) < 0 ||
        get_bool(o, isget ? "startFromHead" : "descending", isget ? &q->from_head
                 : &q->descending, err) < 0 || get_str(o, "orderBy", &order, err) < 0)
        return free(order), -1;
    int bad_order = order && strcmp(order, "LogStreamName") && strcmp(order, "LastEventTime");
    q->by_time = order && strcmp(order, "LastEventTime") == 0;
    free(order);
    if (bad_order)
        return rw_err_set(err, RW_E_USAGE, "1 validation error detected: Value at 'orderBy' "
                          "failed to satisfy constraint: Member must satisfy enum value set: "
                          "[LogStreamName, LastEventTime]");
    q->limit = has_limit && (limit < 1 || limit > max_limit) ? -1 : (int)limit;
    if (q->limit < 0)
        return rw_err_set(err, RW_E_USAGE, "1 validation error detected: Value '%" PRId64
                          "' at 'limit' failed to satisfy constraint: Member must have value "
                          "between 1 and %d", limit, max_limit);
    return check_op(q, err);
}

int sim_logs_parse_req(const char *op, const char *body, size_t len, struct sim_logs_req *q,
                       struct rw_err *err)
{
    memset(q, 0, sizeof *q);
    int max_limit = 0;
    for (size_t i = 0; op && i < sizeof ops / sizeof *ops; i++)
        if (strcmp(op, ops[i].name) == 0)
            q->op = ops[i].op, max_limit = ops[i].max_limit;
    if (!q->op)
        return rw_err_set(err, RW_E_UNAVAILABLE, "unknown operation");
    cJSON *o = len ? cJSON_ParseWithLength(body, len) : cJSON_CreateObject();
    int rc = cJSON_IsObject(o)
                 ? parse_fields(o, q, max_limit, err)
                 : rw_err_set(err, RW_E_PARSE, "Start of structure or map found where not "
                              "expected.");
    cJSON_Delete(o);
    return rc;
}

void sim_logs_req_free(struct sim_logs_req *q)
{
    for (size_t i = 0; i < q->nstreams; i++)
        free(q->streams[i]);
    free(q->streams);
    free(q->group);
    free(q->stream);
    free(q->prefix);
    free(q->pattern);
    free(q->token);
    memset(q, 0, sizeof *q);
}

/* ---- tokens ---- */

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t x = a * 0x9e3779b97f4a7c15ull ^ (b + 0x632be59bd9b4e019ull);
    x = (x ^ (x >> 31)) * 0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 29);
}

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

void sim_logs_token(const char *group, int64_t ts, uint64_t seq, char *out, size_t n)
{
    uint32_t check = (uint32_t)mix(name_hash(group) ^ (uint64_t)ts, seq);
    snprintf(out, n, "%016" PRIx64 "%016" PRIx64 "%08" PRIx32, (uint64_t)ts, seq, check);
}

/* The value of n hex (base 16) or decimal (base 10) digits at s; -1 on a bad digit. */
static int digits(const char *s, int n, int base, uint64_t *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        int d = isdigit(c) ? c - '0' : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0 || *v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return -1;
        *v = *v * (uint64_t)base + (uint64_t)d;
    }
    return 0;
}

int sim_logs_parse_token(const char *group, const char *tok, int64_t *ts, uint64_t *seq)
{
    uint64_t t, check;
    if (!tok || strlen(tok) != 40 || digits(tok, 16, 16, &t) < 0 ||
        digits(tok + 16, 16, 16, seq) < 0 || digits(tok + 32, 8, 16, &check) < 0 ||
        t > INT64_MAX || check != (uint32_t)mix(name_hash(group) ^ t, *seq))
        return -1;
    *ts = (int64_t)t;
    return 0;
}

#define E18 UINT64_C(1000000000000000000)

void sim_logs_get_token(char dir, int64_t ts, uint64_t seq, char *out, size_t n)
{
    snprintf(out, n, "%c/%019" PRId64 "%019" PRIu64 "%018" PRIu64 "/s", dir, ts, seq,
             mix((uint64_t)ts, seq) % E18);
}

int sim_logs_parse_get_token(const char *tok, int64_t *ts, uint64_t *seq)
{
    uint64_t t, check;
    if (!tok || strlen(tok) != 60 || (tok[0] != 'f' && tok[0] != 'b') || tok[1] != '/' ||
        strcmp(tok + 58, "/s") != 0 || digits(tok + 2, 19, 10, &t) < 0 ||
        digits(tok + 21, 19, 10, seq) < 0 || digits(tok + 40, 18, 10, &check) < 0 ||
        t > INT64_MAX || check != mix(t, *seq) % E18)
        return -1;
    *ts = (int64_t)t;
    return tok[0];
}
