/* sim_route: X-Amz-Target splitting, error bodies, form parameters and
 * pagination tokens for the fake cloud. Pure functions over strings (but the
 * request id, which is per thread), unit-tested and fuzzed. */
#include "sim_route.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static _Thread_local char request_id[48];

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

/* s with &, <, >, " escaped for XML text; caller frees. */
static char *xml_escape(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == '&' ? 5 : *p == '<' || *p == '>' ? 4 : *p == '"' ? 6 : 1;
    char *out = xmalloc(n + 1), *o = out;
    for (const char *p = s; *p; p++) {
        const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
                        : *p == '"' ? "&quot;" : NULL;
        if (e)
            o += sprintf(o, "%s", e);
        else
            *o++ = *p;
    }
    *o = '\0';
    return out;
}

const char *sim_route_xml_namespace(const char *service)
{
    static const struct { const char *svc, *ns; } ns[] = {
        { "cloudformation", "http://cloudformation.amazonaws.com/doc/2010-05-15/" },
        { "elasticloadbalancing", "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/" },
        { "monitoring", "http://monitoring.amazonaws.com/doc/2010-08-01/" },
    };
    for (size_t i = 0; service && i < sizeof ns / sizeof *ns; i++)
        if (strcmp(service, ns[i].svc) == 0)
            return ns[i].ns;
    return "https://sts.amazonaws.com/doc/2011-06-15/";
}

void sim_route_xml_error(struct sim_reply *r, int status, const char *service,
                         const char *code, const char *msg)
{
    char *m = xml_escape(msg ? msg : code);
    const char *rid = sim_route_request_id();
    r->status = status;
    r->content_type = "text/xml";
    r->body = xasprintf("<ErrorResponse xmlns=\"%s\"><Error><Type>%s</Type><Code>%s</Code>"
                        "<Message>%s</Message></Error><RequestId>%s</RequestId>"
                        "</ErrorResponse>", sim_route_xml_namespace(service),
                        status < 500 ? "Sender" : "Receiver", code, m,
                        *rid ? rid : "00000000-0000-4000-8000-000000000000");
    free(m);
}

const char *sim_route_xml_code(const char *type)
{
    static const struct { const char *json, *xml; } map[] = {
        { "UnrecognizedClientException", "InvalidClientTokenId" },
        { "InvalidSignatureException", "SignatureDoesNotMatch" },
        { "ServiceUnavailable", "ServiceUnavailable" },
        { "InternalFailure", "InternalFailure" },
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(type, map[i].json) == 0)
            return map[i].xml;
    static _Thread_local char buf[64];
    size_t n = strlen(type), sfx = strlen("Exception");
    if (n > sfx && n - sfx < sizeof buf && strcmp(type + n - sfx, "Exception") == 0) {
        memcpy(buf, type, n - sfx);
        buf[n - sfx] = '\0';
        return buf;
    }
    return type;
}

void sim_route_fail(struct sim_reply *r, int xml, const char *service, int status,
                    const char *type, const char *msg)
{
    if (xml)
        sim_route_xml_error(r, status, service, sim_route_xml_code(type), msg);
    else
        sim_route_error(r, status, type, msg);
}

const char *sim_route_request_id(void)
{
    return request_id;
}

void sim_route_set_request_id(const char *rid)
{
    snprintf(request_id, sizeof request_id, "%s", rid ? rid : "");
}

static int hexval(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

/* Decode [s, s+n) ('+' is a space, %XX a byte) into out (size cap); 0 or -1. */
static int form_decode(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (n - i < 3)
                return -1;
            int hi = hexval((unsigned char)s[i + 1]), lo = hexval((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            c = hi * 16 + lo;
            i += 2;
        }
        if (c == 0 || o + 1 >= cap)
            return -1;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return 0;
}

int sim_route_param(const char *s, size_t len, const char *key, char *out, size_t n)
{
    if (!s || !key || !n)
        return -1;
    size_t kn = strlen(key);
    const char *end = s + len;
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        const char *pe = amp ? amp : end;
        const char *eq = memchr(s, '=', (size_t)(pe - s));
        size_t name_len = (size_t)((eq ? eq : pe) - s);
        if (name_len == kn && memcmp(s, key, kn) == 0)
            return eq ? form_decode(eq + 1, (size_t)(pe - eq - 1), out, n)
                      : form_decode("", 0, out, n);
        s = amp ? amp + 1 : end;
    }
    return -1;
}

int sim_route_health_service(const char *path, char *out, size_t n)
{
    static const char pre[] = "/svc/", post[] = "/health";
    if (!path || strncmp(path, pre, sizeof pre - 1) != 0)
        return -1;
    const char *svc = path + sizeof pre - 1;
    size_t len = strspn(svc, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
    if (len == 0 || len > 63 || len >= n || strcmp(svc + len, post) != 0)
        return -1;
    memcpy(out, svc, len);
    out[len] = '\0';
    return 0;
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
