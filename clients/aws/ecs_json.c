/* ecs_json: the typed cJSON readers every ECS parser uses (see
 * ecs_internal.h). Each reader names the operation and the JSON path of a
 * malformed field, so a bad response says exactly what was wrong with it. */
#include "clients/aws/ecs_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

int ej_fail(struct ej *c, const char *path, const char *what)
{
    return rw_err_set(c->err, RW_E_PARSE, "%s: %s is not %s", c->op, path, what);
}

const char *ej_join(char *buf, size_t size, const char *parent, const char *key)
{
    if (snprintf(buf, size, "%s%s%s", parent, parent[0] ? "." : "", key) < 0)
        buf[0] = '\0';
    return buf;
}

const char *ej_item(char *buf, size_t size, const char *parent, const char *key, size_t i)
{
    if (snprintf(buf, size, "%s%s%s[%zu]", parent, parent[0] ? "." : "", key, i) < 0)
        buf[0] = '\0';
    return buf;
}

cJSON *ej_parse(struct ej *c, const char *body, size_t len)
{
    if (!body || len == 0) {
        rw_err_set(c->err, RW_E_PARSE, "%s: empty response body", c->op);
        return NULL;
    }
    /* a NUL-terminated copy: cJSON never reads past what we own */
    char *copy = xmalloc(len + 1);
    memcpy(copy, body, len);
    copy[len] = '\0';
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len, &end, 0);
    size_t at = end ? (size_t)(end - copy) : 0;
    if (root) { /* nothing but whitespace may follow the value */
        while (at < len && copy[at] && strchr(" \t\r\n", copy[at]))
            at++;
        if (at < len) {
            cJSON_Delete(root);
            root = NULL;
            rw_err_set(c->err, RW_E_PARSE, "%s: unexpected data after the JSON value "
                       "at byte %zu", c->op, at);
        }
    } else if (at + 1 >= len) { /* cJSON reports running out as the last byte */
        rw_err_set(c->err, RW_E_PARSE, "%s: response is truncated JSON (%zu bytes)",
                   c->op, len);
    } else {
        rw_err_set(c->err, RW_E_PARSE, "%s: response is not valid JSON (at byte %zu)",
                   c->op, at);
    }
    free(copy);
    if (root && !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        rw_err_set(c->err, RW_E_PARSE, "%s: response is not a JSON object", c->op);
        return NULL;
    }
    return root;
}

/* The field, or NULL when it is absent or JSON null. */
static const cJSON *field(const cJSON *obj, const char *key)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, key);
    return f && !cJSON_IsNull(f) ? f : NULL;
}

static int fail_field(struct ej *c, const char *path, const char *key, const char *what)
{
    char p[EJ_PATH_MAX];
    return ej_fail(c, ej_join(p, sizeof p, path, key), what);
}

int ej_str(struct ej *c, const cJSON *obj, const char *path, const char *key, char **out)
{
    const cJSON *f = field(obj, key);
    if (!f)
        return 0;
    if (!cJSON_IsString(f) || !f->valuestring)
        return fail_field(c, path, key, "a string");
    free(*out);
    *out = xstrdup(f->valuestring);
    return 0;
}

int ej_int(struct ej *c, const cJSON *obj, const char *path, const char *key, int *out)
{
    const cJSON *f = field(obj, key);
    if (!f)
        return 0;
    if (!cJSON_IsNumber(f))
        return fail_field(c, path, key, "a number");
    double d = f->valuedouble;
    if (!(d >= (double)INT_MIN && d <= (double)INT_MAX) || d != (double)(int)d)
        return fail_field(c, path, key, "an integer");
    *out = (int)d;
    return 0;
}

int ej_bool(struct ej *c, const cJSON *obj, const char *path, const char *key, bool *out)
{
    const cJSON *f = field(obj, key);
    if (!f)
        return 0;
    if (!cJSON_IsBool(f))
        return fail_field(c, path, key, "a boolean");
    *out = cJSON_IsTrue(f);
    return 0;
}

int ej_time(struct ej *c, const cJSON *obj, const char *path, const char *key, int64_t *out)
{
    const cJSON *f = field(obj, key);
    if (!f)
        return 0;
    if (!cJSON_IsNumber(f))
        return fail_field(c, path, key, "a timestamp (epoch seconds)");
    double ms = f->valuedouble * 1000.0;
    if (!(ms > -9.0e18 && ms < 9.0e18)) /* also rejects NaN and infinities */
        return fail_field(c, path, key, "a timestamp in range");
    *out = (int64_t)(ms < 0 ? ms - 0.5 : ms + 0.5);
    return 0;
}

int ej_array(struct ej *c, const cJSON *obj, const char *path, const char *key,
             const cJSON **out, size_t *n)
{
    const cJSON *f = field(obj, key);
    *out = NULL;
    *n = 0;
    if (!f)
        return 0;
    if (!cJSON_IsArray(f))
        return fail_field(c, path, key, "an array");
    *out = f;
    int size = cJSON_GetArraySize(f);
    *n = size > 0 ? (size_t)size : 0;
    return 0;
}

int ej_object(struct ej *c, const cJSON *obj, const char *path, const char *key,
              const cJSON **out)
{
    const cJSON *f = field(obj, key);
    *out = NULL;
    if (!f)
        return 0;
    if (!cJSON_IsObject(f))
        return fail_field(c, path, key, "an object");
    *out = f;
    return 0;
}

int ej_need_object(struct ej *c, const cJSON *item, const char *path)
{
    return cJSON_IsObject(item) ? 0 : ej_fail(c, path, "an object");
}

int ej_strings(struct ej *c, const cJSON *obj, const char *path, const char *key,
               char ***out, size_t *n)
{
    const cJSON *arr, *el;
    size_t count, i = 0;
    if (ej_array(c, obj, path, key, &arr, &count) < 0)
        return -1;
    if (!arr || count == 0)
        return 0;
    *out = xcalloc(count, sizeof **out);
    *n = count;
    cJSON_ArrayForEach(el, arr) {
        if (i >= count)
            break;
        if (!cJSON_IsString(el) || !el->valuestring) {
            char p[EJ_PATH_MAX];
            return ej_fail(c, ej_item(p, sizeof p, path, key, i), "a string");
        }
        (*out)[i++] = xstrdup(el->valuestring);
    }
    return 0;
}

int ej_objects(struct ej *c, const cJSON *obj, const char *path, const char *key,
               size_t elem_size, ej_item_fn fn, void **items, size_t *n)
{
    const cJSON *arr, *el;
    size_t count, i = 0;
    if (ej_array(c, obj, path, key, &arr, &count) < 0)
        return -1;
    if (!arr || count == 0)
        return 0;
    /* allocated and counted first: on a failure half-way the caller's _free
     * releases what was filled, the rest is zero */
    char *base = xcalloc(count, elem_size);
    *items = base;
    *n = count;
    cJSON_ArrayForEach(el, arr) {
        char p[EJ_PATH_MAX];
        if (i >= count)
            break;
        ej_item(p, sizeof p, path, key, i);
        if (ej_need_object(c, el, p) < 0 || fn(c, el, p, base + i * elem_size) < 0)
            return -1;
        i++;
    }
    return 0;
}

int ej_map(struct ej *c, const cJSON *obj, const char *path, const char *key,
           struct ecs_kv **out, size_t *n)
{
    const cJSON *map, *el;
    char p[EJ_PATH_MAX];
    if (ej_object(c, obj, path, key, &map) < 0)
        return -1;
    int size = map ? cJSON_GetArraySize(map) : 0;
    if (size <= 0)
        return 0;
    *out = xcalloc((size_t)size, sizeof **out);
    *n = (size_t)size;
    size_t i = 0;
    ej_join(p, sizeof p, path, key);
    cJSON_ArrayForEach(el, map) {
        if (i >= *n)
            break;
        bool null = cJSON_IsNull(el); /* a null value is an absent one */
        if (!el->string || (!null && (!cJSON_IsString(el) || !el->valuestring)))
            return fail_field(c, p, el->string ? el->string : "?", "a string");
        (*out)[i].name = xstrdup(el->string);
        (*out)[i++].value = null ? NULL : xstrdup(el->valuestring);
    }
    return 0;
}

static int kv_from_json(struct ej *c, const cJSON *el, const char *p, void *item)
{
    struct ecs_kv *kv = item;
    return ej_str(c, el, p, "name", &kv->name) < 0 || ej_str(c, el, p, "value", &kv->value) < 0
               ? -1 : 0;
}

int ej_kvs(struct ej *c, const cJSON *obj, const char *path, const char *key,
           struct ecs_kv **out, size_t *n)
{
    void *items = NULL;
    int rc = ej_objects(c, obj, path, key, sizeof **out, kv_from_json, &items, n);
    *out = items;
    return rc;
}

static int failure_from_json(struct ej *c, const cJSON *el, const char *p, void *item)
{
    struct ecs_failure *f = item;
    if (ej_str(c, el, p, "arn", &f->arn) < 0 || ej_str(c, el, p, "reason", &f->reason) < 0 ||
        ej_str(c, el, p, "detail", &f->detail) < 0)
        return -1;
    return 0;
}

int ej_failures(struct ej *c, const cJSON *root, struct ecs_failure **out, size_t *n)
{
    void *items = NULL;
    int rc = ej_objects(c, root, "", "failures", sizeof **out, failure_from_json, &items, n);
    *out = items;
    return rc;
}

static int tag_from_json(struct ej *c, const cJSON *el, const char *p, void *item)
{
    struct ecs_tag *t = item;
    return ej_str(c, el, p, "key", &t->key) < 0 || ej_str(c, el, p, "value", &t->value) < 0
               ? -1 : 0;
}

int ej_tags(struct ej *c, const cJSON *obj, const char *path, struct ecs_tag **out, size_t *n)
{
    void *items = NULL;
    int rc = ej_objects(c, obj, path, "tags", sizeof **out, tag_from_json, &items, n);
    *out = items;
    return rc;
}

void ej_strv_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

void ej_failures_free(struct ecs_failure *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++) {
        free(f[i].arn);
        free(f[i].reason);
        free(f[i].detail);
    }
    free(f);
}

void ej_tags_free(struct ecs_tag *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) {
        free(t[i].key);
        free(t[i].value);
    }
    free(t);
}

void ej_kvs_free(struct ecs_kv *kv, size_t n)
{
    for (size_t i = 0; kv && i < n; i++) {
        free(kv[i].name);
        free(kv[i].value);
    }
    free(kv);
}
