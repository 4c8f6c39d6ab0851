/* sim_metrics_req: GetMetricData and ListMetrics request decoding and
 * checking (see sim_metrics_req.h). */
#include "sim_metrics_req.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/credparse.h"
#include "core/xmalloc.h"

static int fail(struct sim_md_err *err, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct sim_md_err *err, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
    return -1;
}

#define SERIAL "SerializationException"

/* ---- JSON 1.0 ---- */

/* The string member key of o into *dst (a copy, or NULL when absent). */
static int json_str(const cJSON *o, const char *key, char **dst, struct sim_md_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (v && !cJSON_IsNull(v) && !cJSON_IsString(v))
        return fail(err, SERIAL, "%s: expected a string", key);
    *dst = cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
    return 0;
}

/* The integer member key of o into *dst (0 when absent). */
static int json_int(const cJSON *o, const char *key, long *dst, struct sim_md_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    *dst = 0;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsNumber(v) || !(fabs(v->valuedouble) < 1e12) ||
        v->valuedouble != floor(v->valuedouble))
        return fail(err, SERIAL, "%s: expected an integer", key);
    *dst = (long)v->valuedouble;
    return 0;
}

/* A timestamp: epoch seconds (maybe fractional) or an ISO-8601 string. */
static int json_time(const cJSON *o, const char *key, int64_t *ms, int *has,
                     struct sim_md_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    *has = v && !cJSON_IsNull(v);
    if (!*has)
        return 0;
    if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e11)
        *ms = (int64_t)llround(v->valuedouble * 1000);
    else if (!cJSON_IsString(v) || (*ms = credparse_iso8601(v->valuestring)) < 0)
        return fail(err, SERIAL, "%s: expected epoch seconds", key);
    return 0;
}

static int json_dims(const cJSON *metric, struct sim_md_dim **dims, int *n, int need_value,
                     struct sim_md_err *err)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(metric, "Dimensions"), *d;
    if (a && !cJSON_IsNull(a) && !cJSON_IsArray(a))
        return fail(err, SERIAL, "Dimensions: expected a list");
    int size = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
    if (size > SIM_MD_MAX_DIMS)
        return fail(err, "InvalidParameterValue", "At most %d dimensions are allowed.",
                    SIM_MD_MAX_DIMS);
    *dims = size ? xcalloc((size_t)size, sizeof **dims) : NULL;
    const cJSON *list = cJSON_IsArray(a) ? a : NULL;
    cJSON_ArrayForEach(d, list) {
        struct sim_md_dim *x = &(*dims)[(*n)++];
        if (!cJSON_IsObject(d))
            return fail(err, SERIAL, "Dimensions: expected objects");
        if (json_str(d, "Name", &x->name, err) < 0 || json_str(d, "Value", &x->value, err) < 0)
            return -1;
        if (!x->name || (need_value && !x->value))
            return fail(err, "MissingParameter", "A dimension needs a Name%s.",
                        need_value ? " and a Value" : "");
    }
    return 0;
}

static int json_query(const cJSON *o, struct sim_md_query *q, struct sim_md_err *err)
{
    long period = 0, stat_period = 0;
    if (!cJSON_IsObject(o))
        return fail(err, SERIAL, "MetricDataQueries: expected objects");
    if (json_str(o, "Id", &q->id, err) < 0 || json_str(o, "Label", &q->label, err) < 0 ||
        json_str(o, "Expression", &q->expression, err) < 0 || json_int(o, "Period", &period, err))
        return -1;
    const cJSON *rd = cJSON_GetObjectItemCaseSensitive(o, "ReturnData");
    if (rd && !cJSON_IsNull(rd) && !cJSON_IsBool(rd))
        return fail(err, SERIAL, "ReturnData: expected a boolean");
    q->return_data = !cJSON_IsFalse(rd);
    const cJSON *ms = cJSON_GetObjectItemCaseSensitive(o, "MetricStat");
    q->has_stat = ms && !cJSON_IsNull(ms);
    if (q->has_stat) {
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(ms, "Metric");
        if (!cJSON_IsObject(ms) || (m && !cJSON_IsObject(m)))
            return fail(err, SERIAL, "MetricStat: expected an object");
        if (json_str(ms, "Stat", &q->stat, err) < 0 ||
            json_int(ms, "Period", &stat_period, err) < 0 ||
            json_str(m, "Namespace", &q->ns, err) < 0 ||
            json_str(m, "MetricName", &q->metric, err) < 0 ||
            json_dims(m, &q->dims, &q->ndims, 1, err) < 0)
            return -1;
        period = stat_period;
    }
    q->period = period > 0 && period < 100000000 ? (int)period : period ? -1 : 0;
    return 0;
}

int sim_md_parse_json(const char *body, size_t len, struct sim_md_req *out,
                      struct sim_md_err *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = len ? cJSON_ParseWithLength(body, len) : NULL;
    const cJSON *qs = cJSON_GetObjectItemCaseSensitive(root, "MetricDataQueries"), *it;
    const cJSON *scan = cJSON_GetObjectItemCaseSensitive(root, "ScanBy");
    int rc = 0;
    if (!cJSON_IsObject(root))
        rc = fail(err, SERIAL, "The request body is not a JSON object.");
    else if (qs && !cJSON_IsNull(qs) && !cJSON_IsArray(qs))
        rc = fail(err, SERIAL, "MetricDataQueries: expected a list");
    else if (cJSON_GetArraySize(qs) > SIM_MD_MAX_QUERIES)
        rc = fail(err, "InvalidParameterValue", "At most %d MetricDataQueries are allowed.",
                  SIM_MD_MAX_QUERIES);
    else if (scan && !cJSON_IsNull(scan) && !cJSON_IsString(scan))
        rc = fail(err, SERIAL, "ScanBy: expected a string");
    if (rc == 0 && cJSON_IsArray(qs) && cJSON_GetArraySize(qs) > 0)
        out->q = xcalloc((size_t)cJSON_GetArraySize(qs), sizeof *out->q);
    const cJSON *list = rc == 0 && cJSON_IsArray(qs) ? qs : NULL;
    cJSON_ArrayForEach(it, list)
        if ((rc = json_query(it, &out->q[out->nq++], err)) < 0)
            break;
    if (rc == 0 && (json_time(root, "StartTime", &out->start_ms, &out->has_start, err) < 0 ||
                    json_time(root, "EndTime", &out->end_ms, &out->has_end, err) < 0 ||
                    json_int(root, "MaxDatapoints", &out->max_dp, err) < 0 ||
                    json_str(root, "NextToken", &out->next_token, err) < 0))
        rc = -1;
    if (rc == 0 && cJSON_IsString(scan)) {
        out->ascending = strcmp(scan->valuestring, "TimestampAscending") == 0;
        if (!out->ascending && strcmp(scan->valuestring, "TimestampDescending") != 0)
            rc = fail(err, "InvalidParameterValue", "The value %.40s for parameter ScanBy is "
                      "not TimestampDescending or TimestampAscending.", scan->valuestring);
    }
    cJSON_Delete(root);
    if (rc < 0)
        sim_md_req_free(out);
    return rc;
}

int sim_lm_parse_json(const char *body, size_t len, struct sim_lm_req *out,
                      struct sim_md_err *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = len ? cJSON_ParseWithLength(body, len) : cJSON_CreateObject();
    int rc = cJSON_IsObject(root) ? 0 : fail(err, SERIAL, "The request body is not a JSON object.");
    if (rc == 0 && (json_str(root, "Namespace", &out->ns, err) < 0 ||
                    json_str(root, "MetricName", &out->metric, err) < 0 ||
                    json_str(root, "NextToken", &out->next_token, err) < 0 ||
                    json_dims(root, &out->dims, &out->ndims, 0, err) < 0))
        rc = -1;
    cJSON_Delete(root);
    if (rc < 0)
        sim_lm_req_free(out);
    return rc;
}

/* ---- query protocol ---- */

static char *form_dup(const struct sim_form *f, const char *prefix, const char *key)
{
    return xstrdup(sim_query_getf(f, "%s%s", prefix, key));
}

/* A whole number in s into *v (s NULL: 0); -1 if it is not one. */
static int form_long(const char *s, long *v)
{
    char *end;
    *v = 0;
    if (!s)
        return 0;
    errno = 0;
    *v = strtol(s, &end, 10);
    return !*s || *end || errno || *v < -100000000 || *v > 100000000 ? -1 : 0;
}

static int form_dims(const struct sim_form *f, const char *prefix, struct sim_md_dim **dims,
                     int *n, int need_value, struct sim_md_err *err)
{
    char list[160];
    snprintf(list, sizeof list, "%sDimensions", prefix);
    int size = sim_query_members(f, list);
    if (size > SIM_MD_MAX_DIMS)
        return fail(err, "InvalidParameterValue", "At most %d dimensions are allowed.",
                    SIM_MD_MAX_DIMS);
    *dims = size ? xcalloc((size_t)size, sizeof **dims) : NULL;
    for (*n = 0; *n < size;) {
        struct sim_md_dim *d = &(*dims)[(*n)++]; /* counted at once: freed on failure too */
        d->name = xstrdup(sim_query_getf(f, "%s.member.%d.Name", list, *n));
        d->value = xstrdup(sim_query_getf(f, "%s.member.%d.Value", list, *n));
        if (!d->name || (need_value && !d->value))
            return fail(err, "MissingParameter", "The parameter %s.member.%d.%s is required.",
                        list, *n, d->name ? "Value" : "Name");
    }
    return 0;
}

static int form_query(const struct sim_form *f, int i, struct sim_md_query *q,
                      struct sim_md_err *err)
{
    char p[96], ms[128], m[160];
    snprintf(p, sizeof p, "MetricDataQueries.member.%d.", i);
    snprintf(ms, sizeof ms, "%sMetricStat", p);
    snprintf(m, sizeof m, "%s.Metric.", ms);
    q->id = form_dup(f, p, "Id");
    q->label = form_dup(f, p, "Label");
    q->expression = form_dup(f, p, "Expression");
    const char *rd = sim_query_getf(f, "%sReturnData", p);
    q->return_data = !rd || strcmp(rd, "false") != 0;
    q->has_stat = sim_query_has(f, ms);
    long period;
    const char *ps = q->has_stat ? sim_query_getf(f, "%s.Period", ms)
                                 : sim_query_getf(f, "%sPeriod", p);
    if (form_long(ps, &period) < 0 || (rd && strcmp(rd, "true") && strcmp(rd, "false")))
        return fail(err, "InvalidParameterValue", "Invalid %s for %.90s.",
                    rd && strcmp(rd, "true") && strcmp(rd, "false") ? "ReturnData" : "Period", p);
    q->period = period > 0 ? (int)period : period ? -1 : 0;
    if (!q->has_stat)
        return 0;
    q->stat = form_dup(f, ms, ".Stat");
    q->ns = form_dup(f, m, "Namespace");
    q->metric = form_dup(f, m, "MetricName");
    return form_dims(f, m, &q->dims, &q->ndims, 1, err);
}

/* An ISO-8601 time (or epoch seconds) at key into *ms. */
static int form_time(const struct sim_form *f, const char *key, int64_t *ms, int *has,
                     struct sim_md_err *err)
{
    const char *s = sim_query_get(f, key);
    long secs;
    *has = s != NULL;
    if (!s)
        return 0;
    if (form_long(s, &secs) == 0 && secs >= 0)
        *ms = (int64_t)secs * 1000; /* whole seconds, as a few tools send */
    else if (strlen(s) < 11 || (*ms = credparse_iso8601(s)) < 0)
        return fail(err, "InvalidParameterValue", "The value %.40s for parameter %s is not a "
                    "valid timestamp.", s, key);
    return 0;
}

int sim_md_parse_form(const struct sim_form *f, struct sim_md_req *out, struct sim_md_err *err)
{
    memset(out, 0, sizeof *out);
    int n = sim_query_members(f, "MetricDataQueries"), rc = 0;
    if (n > SIM_MD_MAX_QUERIES)
        rc = fail(err, "InvalidParameterValue", "At most %d MetricDataQueries are allowed.",
                  SIM_MD_MAX_QUERIES);
    out->q = rc == 0 && n ? xcalloc((size_t)n, sizeof *out->q) : NULL;
    for (int i = 0; rc == 0 && i < n; i++)
        rc = form_query(f, i + 1, &out->q[out->nq++], err);
    const char *scan = sim_query_get(f, "ScanBy");
    if (rc == 0 && (form_time(f, "StartTime", &out->start_ms, &out->has_start, err) < 0 ||
                    form_time(f, "EndTime", &out->end_ms, &out->has_end, err) < 0))
        rc = -1;
    if (rc == 0 && form_long(sim_query_get(f, "MaxDatapoints"), &out->max_dp) < 0)
        rc = fail(err, "InvalidParameterValue", "MaxDatapoints must be a whole number.");
    if (rc == 0 && scan && strcmp(scan, "TimestampAscending") != 0 &&
        strcmp(scan, "TimestampDescending") != 0)
        rc = fail(err, "InvalidParameterValue", "The value %.40s for parameter ScanBy is not "
                  "TimestampDescending or TimestampAscending.", scan);
    out->ascending = scan && strcmp(scan, "TimestampAscending") == 0;
    out->next_token = xstrdup(sim_query_get(f, "NextToken"));
    if (rc < 0)
        sim_md_req_free(out);
    return rc;
}

int sim_lm_parse_form(const struct sim_form *f, struct sim_lm_req *out, struct sim_md_err *err)
{
    memset(out, 0, sizeof *out);
    out->ns = xstrdup(sim_query_get(f, "Namespace"));
    out->metric = xstrdup(sim_query_get(f, "MetricName"));
    out->next_token = xstrdup(sim_query_get(f, "NextToken"));
    if (form_dims(f, "", &out->dims, &out->ndims, 0, err) < 0) {
        sim_lm_req_free(out);
        return -1;
    }
    return 0;
}

/* ---- freeing ---- */

static void free_dims(struct sim_md_dim *d, int n)
{
    for (int i = 0; i < n; i++) {
        free(d[i].name);
        free(d[i].value);
    }
    free(d);
}

void sim_md_req_free(struct sim_md_req *r)
{
    for (int i = 0; i < r->nq; i++) {
        struct sim_md_query *q = &r->q[i];
        free(q->id), free(q->label), free(q->expression);
        free(q->ns), free(q->metric), free(q->stat);
        free_dims(q->dims, q->ndims);
    }
    free(r->q);
    free(r->next_token);
    memset(r, 0, sizeof *r);
}

void sim_lm_req_free(struct sim_lm_req *r)
{
    free(r->ns), free(r->metric), free(r->next_token);
    free_dims(r->dims, r->ndims);
    memset(r, 0, sizeof *r);
}
