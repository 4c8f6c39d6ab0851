/* ecs_internal: private to the ecs module (clients/aws/ecs*.c); other modules
 * include ecs.h only. Typed cJSON field readers that report the operation and
 * the JSON path of whatever is malformed, and the shared sub-parsers. */
#ifndef RW_ECS_INTERNAL_H
#define RW_ECS_INTERNAL_H

#include <cjson/cJSON.h>

#include "clients/aws/ecs.h"

#define EJ_PATH_MAX 160

/* One parse: the operation's name (message prefix) and the error sink. */
struct ej {
    const char *op;
    struct rw_err *err;
};

/* Parse body as a JSON object; NULL (RW_E_PARSE set) if it is not one. Caller
 * cJSON_Deletes the result. */
cJSON *ej_parse(struct ej *c, const char *body, size_t len);
/* Report "op: path is not <what>" as RW_E_PARSE; returns -1. */
int ej_fail(struct ej *c, const char *path, const char *what);
/* Write "parent.key" (or "key" when parent is empty) into buf; returns buf. */
const char *ej_join(char *buf, size_t size, const char *parent, const char *key);
/* Write "parent.key[i]" (or "key[i]" when parent is empty) into buf; returns buf. */
const char *ej_item(char *buf, size_t size, const char *parent, const char *key, size_t i);

/* Field readers. obj is a JSON object, path its location. An absent or null
 * field leaves *out untouched and returns 0; a field of the wrong type sets
 * RW_E_PARSE and returns -1. */
int ej_str(struct ej *c, const cJSON *obj, const char *path, const char *key, char **out);
int ej_int(struct ej *c, const cJSON *obj, const char *path, const char *key, int *out);
int ej_bool(struct ej *c, const cJSON *obj, const char *path, const char *key, bool *out);
/* Epoch seconds (possibly fractional) to milliseconds. */
int ej_time(struct ej *c, const cJSON *obj, const char *path, const char *key, int64_t *out);
/* *out = the array (NULL if absent), *n = its length. */
int ej_array(struct ej *c, const cJSON *obj, const char *path, const char *key,
             const cJSON **out, size_t *n);
/* *out = the object (NULL if absent). */
int ej_object(struct ej *c, const cJSON *obj, const char *path, const char *key,
              const cJSON **out);
/* An array of strings: heap vector (free with ej_strv_free). */
int ej_strings(struct ej *c, const cJSON *obj, const char *path, const char *key,
               char ***out, size_t *n);
/* A string-to-string map (e.g. logConfiguration.options) as name/value pairs; a
 * null value gives a NULL value. */
int ej_map(struct ej *c, const cJSON *obj, const char *path, const char *key,
           struct ecs_kv **out, size_t *n);
/* Parses one array element (an object at path) into item; 0 or -1. */
typedef int (*ej_item_fn)(struct ej *c, const cJSON *el, const char *path, void *item);
/* An array of objects: *items = heap array of *n elements of elem_size, each
 * filled by fn. Allocated and counted before filling, so on error the caller
 * frees a partly filled, zero-padded array as usual. */
int ej_objects(struct ej *c, const cJSON *obj, const char *path, const char *key,
               size_t elem_size, ej_item_fn fn, void **items, size_t *n);
/* An element of an array that must be an object. */
int ej_need_object(struct ej *c, const cJSON *item, const char *path);

/* failures[] {arn, reason, detail}. */
int ej_failures(struct ej *c, const cJSON *root, struct ecs_failure **out, size_t *n);
/* tags[] {key, value} under obj at path. */
int ej_tags(struct ej *c, const cJSON *obj, const char *path, struct ecs_tag **out, size_t *n);
/* [{name, value}] pairs (environment, attachment details). */
int ej_kvs(struct ej *c, const cJSON *obj, const char *path, const char *key,
           struct ecs_kv **out, size_t *n);

void ej_strv_free(char **v, size_t n);
void ej_failures_free(struct ecs_failure *f, size_t n);
void ej_tags_free(struct ecs_tag *t, size_t n);
void ej_kvs_free(struct ecs_kv *kv, size_t n);

/* Sub-parsers shared by more than one operation. */
int ecs_service_from_json(struct ej *c, const cJSON *obj, const char *path,
                          struct ecs_service *out);
int ecs_task_from_json(struct ej *c, const cJSON *obj, const char *path, struct ecs_task *out);

#endif
