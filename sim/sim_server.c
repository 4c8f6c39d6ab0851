/* sim_server: libmicrohttpd plumbing. The raw request-target is captured with
 * MHD_OPTION_URI_LOG_CALLBACK (MHD hands the handler a decoded URL, but SigV4
 * signs the bytes as sent), the body is collected up to SIM_MAX_BODY, then the
 * request is verified, routed and answered with an AWS JSON 1.1 reply. */
#include "sim_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/xmalloc.h"
#include "sim_auth.h"
#include "sim_ecs.h"

#define MAX_HEADERS 48

struct sim_server {
    struct MHD_Daemon *d;
    struct sim_world *w;
    int port;
    pthread_mutex_t mu;
    unsigned long requests;
};

struct conn {
    char *raw_target;
    int started;
    char *body;
    size_t len;
    int too_large;
    struct sigv4_header hs[MAX_HEADERS];
    size_t nh;
};

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
    (void)cls, (void)mc;
    struct conn *c = xcalloc(1, sizeof *c);
    c->raw_target = xstrdup(uri ? uri : "/");
    return c;
}

static void on_done(void *cls, struct MHD_Connection *mc, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)mc, (void)toe;
    struct conn *c = *con_cls;
    if (c) {
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
    if (c->nh < MAX_HEADERS)
        c->hs[c->nh++] = (struct sigv4_header){ k, v ? v : "" };
    return MHD_YES;
}

static enum MHD_Result send_reply(struct sim_server *s, struct MHD_Connection *mc,
                                  struct sim_reply *r)
{
    char rid[48];
    pthread_mutex_lock(&s->mu);
    unsigned long n = ++s->requests;
    pthread_mutex_unlock(&s->mu);
    snprintf(rid, sizeof rid, "5e1a0000-%04lx-4000-8000-%012lx", n & 0xffff, n);
    const char *body = r->body ? r->body : "";
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(resp, "Content-Type",
                            r->content_type ? r->content_type : "application/x-amz-json-1.1");
    MHD_add_response_header(resp, "x-amzn-RequestId", rid);
    enum MHD_Result rc = MHD_queue_response(mc, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    free(r->body);
    return rc;
}

/* Fill r for a failed signature check; 0 if the request is authentic. */
static int check_auth(const struct conn *c, const char *method, struct sim_reply *r)
{
    struct sim_http_req hr = { method, c->raw_target, c->hs, c->nh,
                               (const unsigned char *)c->body, c->len };
    struct sim_auth auth;
    switch (sim_auth_verify(&hr, SIM_ACCESS_KEY, SIM_SECRET_KEY, time(NULL), &auth)) {
    case SIM_AUTH_OK:
        return 0;
    case SIM_AUTH_MISSING:
        sim_route_error(r, 400, "MissingAuthenticationTokenException",
                        "Missing Authentication Token");
        return -1;
    case SIM_AUTH_MALFORMED:
        sim_route_error(r, 400, "IncompleteSignatureException",
                        "Authorization header requires 'Credential', 'Signature' and "
                        "'SignedHeaders' parameters, and an X-Amz-Date header.");
        return -1;
    case SIM_AUTH_UNKNOWN_KEY:
        sim_route_error(r, 403, "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
        return -1;
    case SIM_AUTH_EXPIRED:
        sim_route_error(r, 400, "InvalidSignatureException",
                        "Signature expired: the X-Amz-Date is more than 15 minutes from "
                        "the server's time.");
        return -1;
    default:
        sim_route_error(r, 400, "InvalidSignatureException",
                        "The request signature we calculated does not match the signature "
                        "you provided. Check your AWS Secret Access Key and signing method. "
                        "Consult the service documentation for details.");
        return -1;
    }
}

static void handle(struct sim_server *s, struct conn *c, const char *url, const char *method,
                   struct sim_reply *r)
{
    if (c->too_large) {
        sim_route_error(r, 413, "SerializationException", "Request body too large.");
        return;
    }
    if (strncmp(url, "/_sim", 5) == 0) {
        if (strcmp(url, "/_sim/health") == 0 && strcmp(method, "GET") == 0) {
            r->status = 200;
            r->body = xstrdup("{\"status\":\"ok\"}");
        } else {
            sim_route_error(r, 404, "NotFound", "no such control endpoint");
        }
        return;
    }
    if (check_auth(c, method, r) < 0)
        return;
    const char *target = NULL;
    for (size_t i = 0; i < c->nh; i++)
        if (strcasecmp(c->hs[i].name, "X-Amz-Target") == 0)
            target = c->hs[i].value;
    const char *op = sim_route_op(target, SIM_ECS_TARGET_PREFIX);
    if (!op || strcmp(method, "POST") != 0) {
        sim_route_error(r, 400, "UnknownOperationException", NULL);
        return;
    }
    sim_ecs_handle(s->w, op, c->body, c->len, r);
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
    MHD_get_connection_values(mc, MHD_HEADER_KIND, keep_header, c);
    struct sim_reply r = { 0, NULL, NULL, 0 };
    handle(s, c, url, method, &r);
    return send_reply(s, mc, &r);
}

struct sim_server *sim_server_start(struct sim_world *w, int port, struct rw_err *err)
{
    struct sim_server *s = xcalloc(1, sizeof *s);
    s->w = w;
    pthread_mutex_init(&s->mu, NULL);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port,
                            NULL, NULL, answer, s, MHD_OPTION_SOCK_ADDR, &sa,
                            MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
                            MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (!s->d) {
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
    MHD_stop_daemon(s->d);
    pthread_mutex_destroy(&s->mu);
    free(s);
}
