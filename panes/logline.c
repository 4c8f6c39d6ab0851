/* logline: compact JSON, boot flags and highlight roles for log lines. */
#include "logline.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/logfmt.h"
#include "core/xmalloc.h"

#define BOOT_BUDGET_MS 5000 /* seed 003's BOOT_BUDGET_MS default */

static const char *str_of(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num_of(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

/* Append "s" (escaped) to *buf. */
static void add(char **buf, const char *s)
{
    char *e = logfmt_escape(s, strlen(s));
    char *j = xasprintf("%s%s%s", *buf, **buf ? " " : "", e);
    free(*buf);
    free(e);
    *buf = j;
}

static enum logline_role json_role(const cJSON *o)
{
    const char *level = str_of(o, "level");
    double status = num_of(o, "status"), dur = num_of(o, "duration_ms");
    double boot = num_of(o, "boot_ms");
    const char *event = str_of(o, "event");
    if ((level && (!strcmp(level, "error") || !strcmp(level, "fatal"))) ||
        (status >= 500 && status < 600))
        return LOGLINE_ERROR;
    if ((level && (!strcmp(level, "warn") || !strcmp(level, "warning"))) || dur > 1000 ||
        boot > BOOT_BUDGET_MS)
        return LOGLINE_WARN;
    return event && !strcmp(event, "runtime_ready") ? LOGLINE_OK : LOGLINE_PLAIN;
}

/* level, event and message first, then the rest as k=v; boot events flagged. */
static char *render_json(const cJSON *o, enum logline_role *role)
{
    char *out = xstrdup("");
    static const char *const first[] = { "level", "event", "message", "msg" };
    for (size_t i = 0; i < 4; i++)
        if (str_of(o, first[i]))
            add(&out, str_of(o, first[i]));
    const cJSON *it;
    cJSON_ArrayForEach(it, o) {
        int skip = 0;
        for (size_t i = 0; i < 4; i++)
            skip |= it->string && !strcmp(it->string, first[i]) && cJSON_IsString(it);
        if (skip || !it->string)
            continue;
        char *v = cJSON_IsString(it) ? xstrdup(it->valuestring) : cJSON_PrintUnformatted(it);
        char *kv = xasprintf("%s=%s", it->string, v ? v : "");
        add(&out, kv);
        free(kv);
        free(v);
    }
    double boot = num_of(o, "boot_ms");
    const char *event = str_of(o, "event");
    if (event && !strcmp(event, "runtime_ready"))
        add(&out, "[ready]");
    if (boot > BOOT_BUDGET_MS)
        add(&out, "[boot over budget]");
    *role = json_role(o);
    return out;
}

static enum logline_role text_role(const char *s)
{
    if (strstr(s, "ERROR") || strstr(s, "FATAL") || strstr(s, "panic") || strstr(s, "status=5"))
        return LOGLINE_ERROR;
    return strstr(s, "WARN") ? LOGLINE_WARN : LOGLINE_PLAIN;
}

char *logline_render(const char *msg, size_t len, enum logline_role *role)
{
    cJSON *o = len && msg[0] == '{' ? cJSON_ParseWithLength(msg, len) : NULL;
    char *out;
    if (cJSON_IsObject(o)) {
        out = render_json(o, role);
    } else {
        out = logfmt_escape(msg, len);
        *role = text_role(out);
    }
    cJSON_Delete(o);
    return out;
}
