/* sim_query: form decoding, look-ups, reply shapes and the dispatcher of the
 * query protocol (see sim_query.h). */
#include "sim_query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"
#include "sim_cfn.h"
#include "sim_elb.h"
#include "sim_metrics.h"
#include "sim_sts.h"

/* ---- form decoding ---- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decode s[0..n) into a new string; NULL if malformed or holding a NUL. */
static char *decode(const char *s, size_t n)
{
    char *out = xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            c = (char)(hi * 16 + lo);
            i += 2;
        } else if (c == '+') {
            c = ' ';
        } else if (c == '\0') {
            free(out);
            return NULL;
        }
        *o++ = c;
    }
    *o = '\0';
    return out;
}

static int cmp_pair(const void *a, const void *b)
{
    const struct sim_form_pair *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

int sim_query_parse_form(const char *body, size_t len, struct sim_form *out)
{
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    for (size_t i = 0; body && i < len;) {
        const char *amp = memchr(body + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - body) : len;
        if (end > i) {
            const char *eq = memchr(body + i, '=', end - i);
            size_t klen = eq ? (size_t)(eq - (body + i)) : end - i;
            if (out->n == SIM_FORM_MAX_PAIRS)
                goto bad;
            if (out->n == cap) {
                cap = cap ? cap * 2 : 16;
                out->pairs = xreallocarray(out->pairs, cap, sizeof *out->pairs);
            }
            struct sim_form_pair *p = &out->pairs[out->n];
            p->key = decode(body + i, klen);
            p->value = eq ? decode(eq + 1, end - i - klen - 1) : xstrdup("");
            p->order = out->n++;
            if (!p->key || !p->value)
                goto bad;
        }
        i = end + 1;
    }
    if (out->n)
        qsort(out->pairs, out->n, sizeof *out->pairs, cmp_pair);
    return 0;
bad:
    sim_query_form_free(out);
    return -1;
}

void sim_query_form_free(struct sim_form *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->pairs[i].key);
        free(f->pairs[i].value);
    }
    free(f->pairs);
    memset(f, 0, sizeof *f);
}

/* The index of the first pair whose key is not less than key. */
static size_t lower_bound(const struct sim_form *f, const char *key)
{
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(f->pairs[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const char *sim_query_get(const struct sim_form *f, const char *key)
{
    const char *v = NULL;
    for (size_t i = lower_bound(f, key); i < f->n && strcmp(f->pairs[i].key, key) == 0; i++)
        v = f->pairs[i].value;
    return v;
}

const char *sim_query_getf(const struct sim_form *f, const char *fmt, ...)
{
    char key[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(key, sizeof key, fmt, ap);
    va_end(ap);
    return n < 0 || (size_t)n >= sizeof key ? NULL : sim_query_get(f, key);
}

int sim_query_has(const struct sim_form *f, const char *prefix)
{
    size_t pl = strlen(prefix);
    for (size_t i = lower_bound(f, prefix); i < f->n; i++) {
        const char *k = f->pairs[i].key;
        if (strncmp(k, prefix, pl) != 0)
            return 0;
        if (k[pl] == '\0' || k[pl] == '.')
            return 1;
    }
    return 0;
}

int sim_query_members(const struct sim_form *f, const char *prefix)
{
    char p[512];
    int n = 0;
    while (n < 1000) {
        if ((size_t)snprintf(p, sizeof p, "%s.member.%d", prefix, n + 1) >= sizeof p ||
            !sim_query_has(f, p))
            break;
        n++;
    }
    return n;
}

/* ---- replies ---- */

void sim_query_begin(const struct sim_query_ctx *c, struct sim_xml *x)
{
    char tag[96];
    sim_xml_init(x);
    snprintf(tag, sizeof tag, "%sResponse", c->action);
    sim_xml_open_ns(x, tag, c->xmlns);
    snprintf(tag, sizeof tag, "%sResult", c->action);
    sim_xml_open(x, tag);
}

void sim_query_finish(const struct sim_query_ctx *c, struct sim_xml *x)
{
    char tag[96];
    snprintf(tag, sizeof tag, "%sResult", c->action);
    sim_xml_close(x, tag);
    sim_xml_open(x, "ResponseMetadata");
    sim_xml_elem(x, "RequestId", c->request_id);
    sim_xml_close(x, "ResponseMetadata");
    snprintf(tag, sizeof tag, "%sResponse", c->action);
    sim_xml_close(x, tag);
    free(c->r->body);
    c->r->status = 200;
    c->r->body = sim_xml_take(x);
    c->r->content_type = SIM_QUERY_CONTENT_TYPE;
}

void sim_query_fail(const struct sim_query_ctx *c, int status, const char *code,
                    const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    struct sim_xml x;
    sim_xml_init(&x);
    sim_xml_open_ns(&x, "ErrorResponse", c->xmlns);
    sim_xml_open(&x, "Error");
    sim_xml_elem(&x, "Type", status >= 500 ? "Receiver" : "Sender");
    sim_xml_elem(&x, "Code", code);
    sim_xml_elem(&x, "Message", msg);
    sim_xml_close(&x, "Error");
    sim_xml_elem(&x, "RequestId", c->request_id);
    sim_xml_close(&x, "ErrorResponse");
    free(c->r->body);
    c->r->status = status;
    c->r->body = sim_xml_take(&x);
    c->r->content_type = SIM_QUERY_CONTENT_TYPE;
}

void sim_query_time(int64_t ms, int with_ms, char *out, size_t n)
{
    time_t secs = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    char base[32];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    if (with_ms)
        snprintf(out, n, "%s.%03dZ", base, (int)(ms - (int64_t)secs * 1000));
    else
        snprintf(out, n, "%sZ", base);
}

/* ---- dispatch ---- */

typedef int (*action_fn)(struct sim_world *w, const struct sim_form *f,
                         const struct sim_query_ctx *c);

static const struct {
    const char *service, *version, *xmlns;
    action_fn fn;
} services[] = {
    { "sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", sim_sts_handle },
    { "cloudformation", "2010-05-15", "http://cloudformation.amazonaws.com/doc/2010-05-15/",
      sim_cfn_handle },
    { "elasticloadbalancing", "2015-12-01",
      "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", sim_elb_handle },
    { "monitoring", "2010-08-01", "http://monitoring.amazonaws.com/doc/2010-08-01/",
      sim_metrics_query },
};

/* A request id in the UUID shape, the same for the same body at the same ms. */
static void request_id(const struct sim_world *w, const char *body, size_t len, int64_t now,
                       char *out, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)body[i]) * 1099511628211ull;
    uint64_t a = (uint64_t)(sim_world_noise(w, h, (uint64_t)now) * 9007199254740992.0);
    uint64_t b = (uint64_t)(sim_world_noise(w, h ^ 0x5e1a, (uint64_t)now) * 9007199254740992.0);
    snprintf(out, n, "%08x-%04x-4%03x-8%03x-%012llx", (unsigned)(a >> 21), (unsigned)(a & 0xffff),
             (unsigned)((a >> 16) & 0xfff), (unsigned)(b & 0xfff),
             (unsigned long long)(b >> 12) & 0xffffffffffffull);
}

static void dispatch(struct sim_world *w, size_t si, const struct sim_form *f,
                     struct sim_query_ctx *c)
{
    const char *version = sim_query_get(f, "Version");
    c->action = sim_query_get(f, "Action");
    if (!c->action || !*c->action) {
        c->action = "";
        sim_query_fail(c, 400, "MissingAction", "The request must contain the parameter Action.");
    } else if (version && strcmp(version, services[si].version) != 0) {
        sim_query_fail(c, 400, "InvalidAction", "Could not find operation %.64s for version %.32s",
                       c->action, version);
    } else if (services[si].fn(w, f, c) < 0) {
        sim_query_fail(c, 400, "InvalidAction", "The action %.64s is not valid for this web "
                       "service.", c->action);
    }
}

void sim_query_handle(struct sim_world *w, const char *service, const char *body, size_t len,
                      struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    struct sim_query_ctx c = { .action = "", .xmlns = "", .r = r };
    size_t si = 0;
    while (si < sizeof services / sizeof *services &&
           !(service && strcmp(service, services[si].service) == 0))
        si++;
    struct sim_form f;
    int bad_form = sim_query_parse_form(body, len, &f);
    pthread_mutex_lock(&w->mu);
    int64_t now = sim_world_clock(w);
    sim_world_advance(w, now);
    if (*sim_route_request_id()) /* the server's, which its x-amzn-RequestId header carries */
        snprintf(c.request_id, sizeof c.request_id, "%s", sim_route_request_id());
    else
        request_id(w, body ? body : "", body ? len : 0, now, c.request_id, sizeof c.request_id);
    if (si == sizeof services / sizeof *services)
        sim_query_fail(&c, 400, "InvalidAction", "rollwatch sim does not serve %.64s over the "
                       "query protocol.", service ? service : "(none)");
    else if (c.xmlns = services[si].xmlns, bad_form < 0)
        sim_query_fail(&c, 400, "MalformedQueryString", "The request body is not a valid "
                       "form-urlencoded string.");
    else
        dispatch(w, si, &f, &c);
    pthread_mutex_unlock(&w->mu);
    sim_query_form_free(&f);
}
