/* sim_server: libmicrohttpd plumbing. The raw request-target is captured with
 * MHD_OPTION_URI_LOG_CALLBACK (MHD hands the handler a decoded URL, but SigV4
 * signs the bytes as sent), the body is collected up to SIM_MAX_BODY, then the
 * request is routed (sim_dispatch) and answered, at once or, when the reply
 * asks for a delay, after suspending the connection until the delay thread
 * resumes it; the next call of the handler then queues the prepared reply. */
#include "sim_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"
#include "sim_control.h"
#include "sim_delay.h"
#include "sim_dispatch.h"

#define STOP_WAIT_MS 2000

struct sim_server {
    struct MHD_Daemon *d;
    struct sim_world *w;
    struct sim_state *st;
    struct sim_delay *delay;
    int port;
    pthread_mutex_t mu;      /* guards the fields below */
    pthread_cond_t idle;     /* nsuspended fell */
    unsigned long requests;
    int nsuspended, stopping;
};

struct conn {
    char *raw_target;
    int started;
    char *body;
    size_t len;
    int too_large;
    struct sigv4_header hs[SIM_DISPATCH_MAX_HEADERS];
    size_t nh;
    struct MHD_Response *ready; /* a delayed reply, queued when resumed */
    unsigned ready_status;
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
    (void)cls, (void)mc;
    struct conn *c = xcalloc(1, sizeof *c);
    c->raw_target = xstrdup(uri ? uri : "/");
    return c;
}

static void unsuspended(struct sim_server *s)
{
    pthread_mutex_lock(&s->mu);
    s->nsuspended--;
    pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->mu);
}

static void on_done(void *cls, struct MHD_Connection *mc, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)mc, (void)toe;
    struct conn *c = *con_cls;
    if (c) {
        if (c->ready) { /* closed while parked: nothing to send any more */
            MHD_destroy_response(c->ready);
            unsuspended(cls);
        }
        free(c->raw_target);
        free(c->body);
        free(c);
    }
    *con_cls = NULL;
}

static enum MHD_Result keep_header(void *cls, enum MHD_ValueKind kind, const char *k,
                                   const char *v)
{
    (void)kind;
    struct conn *c = cls;
    if (c->nh < SIM_DISPATCH_MAX_HEADERS)
        c->hs[c->nh++] = (struct sigv4_header){ k, v ? v : "" };
    return MHD_YES;
}

static struct MHD_Response *make_response(const struct sim_reply *r, const char *rid)
{
    const char *body = r->body ? r->body : "";
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(resp, "Content-Type",
                            r->content_type ? r->content_type : "application/x-amz-json-1.1");
    MHD_add_response_header(resp, "x-amzn-RequestId", rid);
    return resp;
}

/* Park the reply and the connection for delay_ms; 0 if not parked (stopping). */
static int park(struct sim_server *s, struct conn *c, struct MHD_Connection *mc,
                struct MHD_Response *resp, int status, int delay_ms)
{
    pthread_mutex_lock(&s->mu);
    int parked = !s->stopping && s->delay;
    if (parked) {
        c->ready = resp;
        c->ready_status = (unsigned)status;
        s->nsuspended++;
        MHD_suspend_connection(mc);
        sim_delay_add(s->delay, delay_ms, mc);
    }
    pthread_mutex_unlock(&s->mu);
    return parked;
}

static void on_due(void *p, void *ud)
{
    (void)ud;
    MHD_resume_connection(p);
}

/* The request is complete: route it and answer (or park the answer). */
static enum MHD_Result respond(struct sim_server *s, struct conn *c, struct MHD_Connection *mc,
                               const char *url, const char *method)
{
    MHD_get_connection_values(mc, MHD_HEADER_KIND, keep_header, c);
    char rid[48];
    pthread_mutex_lock(&s->mu);
    unsigned long n = ++s->requests;
    pthread_mutex_unlock(&s->mu);
    snprintf(rid, sizeof rid, "5e1a0000-%04lx-4000-8000-%012lx", n & 0xffff, n);
    sim_route_set_request_id(rid);
    struct sim_reply r = { 0, NULL, NULL, 0 };
    struct sim_dispatch_req q = { method, url, c->raw_target, c->hs, c->nh, c->body, c->len,
                                  c->too_large };
    sim_dispatch(s->w, s->st, &q, &r);
    sim_route_set_request_id(NULL);
    struct MHD_Response *resp = make_response(&r, rid);
    free(r.body);
    if (r.delay_ms > 0 && park(s, c, mc, resp, r.status, r.delay_ms))
        return MHD_YES;
    enum MHD_Result rc = MHD_queue_response(mc, (unsigned)r.status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *mc, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    struct sim_server *s = cls;
    struct conn *c = *con_cls;
    if (!c) /* the URI callback always runs first; be safe anyway */
        *con_cls = c = on_uri(NULL, url, mc);
    if (!c->started) {
        c->started = 1;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!c->too_large && c->len + *upload_size <= SIM_MAX_BODY) {
            c->body = xrealloc(c->body, c->len + *upload_size + 1);
            memcpy(c->body + c->len, upload, *upload_size);
            c->len += *upload_size;
            c->body[c->len] = '\0';
        } else {
            c->too_large = 1;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (c->ready) { /* resumed after a delay: send what was prepared */
        struct MHD_Response *resp = c->ready;
        c->ready = NULL;
        enum MHD_Result rc = MHD_queue_response(mc, c->ready_status, resp);
        MHD_destroy_response(resp);
        unsuspended(s);
        return rc;
    }
    return respond(s, c, mc, url, method);
}

struct sim_server *sim_server_start(struct sim_world *w, int port, const struct sim_faults *f,
                                    uint64_t seed, struct rw_err *err)
{
    struct sim_server *s = xcalloc(1, sizeof *s);
    s->w = w;
    s->st = sim_state_new(f, seed);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->idle, NULL);
    s->delay = sim_delay_start(on_due, s);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_ALLOW_SUSPEND_RESUME |
                            MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, answer, s,
                            MHD_OPTION_SOCK_ADDR, &sa,
                            MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
                            MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (!s->d || !s->delay) {
        if (s->d)
            MHD_stop_daemon(s->d);
        sim_delay_stop(s->delay);
        sim_state_free(s->st);
        pthread_cond_destroy(&s->idle);
        pthread_mutex_destroy(&s->mu);
        free(s);
        rw_err_set(err, RW_E_IO, "cannot listen on 127.0.0.1:%d", port);
        return NULL;
    }
    s->port = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT)->port;
    return s;
}

int sim_server_port(const struct sim_server *s)
{
    return s->port;
}

void sim_server_stop(struct sim_server *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->stopping = 1; /* from now on nothing is parked */
    pthread_mutex_unlock(&s->mu);
    sim_delay_stop(s->delay); /* resumes every parked connection at once */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += STOP_WAIT_MS / 1000;
    pthread_mutex_lock(&s->mu);
    while (s->nsuspended > 0) /* MHD must not stop with suspended connections */
        if (pthread_cond_timedwait(&s->idle, &s->mu, &until) != 0)
            break;
    pthread_mutex_unlock(&s->mu);
    MHD_stop_daemon(s->d);
    sim_state_free(s->st);
    pthread_cond_destroy(&s->idle);
    pthread_mutex_destroy(&s->mu);
    free(s);
}
