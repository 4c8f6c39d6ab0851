/* loopback: scripted libmicrohttpd server for tests (see loopback.h). */
#include "loopback.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define LB_MAX_REQ 64
#define LB_MAX_HDR 24

struct lb_req {
    char *path, *body;
    size_t body_len;
    char *names[LB_MAX_HDR], *values[LB_MAX_HDR];
    int nh;
};

struct lb_server {
    struct MHD_Daemon *d;
    const struct lb_response *script;
    size_t n;
    int port;
    char url[64];
    pthread_mutex_t mu;
    int count;
    struct lb_req reqs[LB_MAX_REQ];
};

static enum MHD_Result keep_header(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    (void)kind;
    struct lb_req *r = cls;
    if (r->nh < LB_MAX_HDR) {
        r->names[r->nh] = strdup(k);
        r->values[r->nh++] = strdup(v ? v : "");
    }
    return MHD_YES;
}

static void add_headers(struct MHD_Response *resp, const char *lines)
{
    char *copy = strdup(lines ? lines : ""), *save = NULL;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char *colon = strchr(l, ':');
        if (!colon)
            continue;
        *colon = '\0';
        char *v = colon + 1;
        while (*v == ' ')
            v++;
        MHD_add_response_header(resp, l, v);
    }
    free(copy);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)method, (void)version;
    struct lb_server *s = cls;
    struct lb_req *r = *con_cls;
    if (!r) { /* first call: headers only */
        r = calloc(1, sizeof *r);
        r->path = strdup(url);
        MHD_get_connection_values(conn, MHD_HEADER_KIND, keep_header, r);
        *con_cls = r;
        return MHD_YES;
    }
    if (*upload_size) {
        r->body = realloc(r->body, r->body_len + *upload_size + 1);
        memcpy(r->body + r->body_len, upload, *upload_size);
        r->body_len += *upload_size;
        r->body[r->body_len] = '\0';
        *upload_size = 0;
        return MHD_YES;
    }
    pthread_mutex_lock(&s->mu);
    int i = s->count++;
    if (i < LB_MAX_REQ)
        s->reqs[i] = *r;
    else
        free(r->path), free(r->body);
    pthread_mutex_unlock(&s->mu);
    free(r);
    *con_cls = NULL;
    const struct lb_response *sc = &s->script[(size_t)i < s->n ? (size_t)i : s->n - 1];
    if (sc->delay_ms) {
        struct timespec ts = { sc->delay_ms / 1000, (long)(sc->delay_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
    }
    const char *body = sc->body ? sc->body : "";
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    add_headers(resp, sc->headers);
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)sc->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

struct lb_server *lb_start(const struct lb_response *script, size_t n)
{
    struct lb_server *s = calloc(1, sizeof *s);
    s->script = script;
    s->n = n;
    pthread_mutex_init(&s->mu, NULL);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0,
                            NULL, NULL, answer, s, MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_END);
    if (!s->d) {
        free(s);
        return NULL;
    }
    s->port = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT)->port;
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d", s->port);
    return s;
}

int lb_port(const struct lb_server *s) { return s->port; }
const char *lb_url(const struct lb_server *s) { return s->url; }

int lb_requests(const struct lb_server *s)
{
    pthread_mutex_lock((pthread_mutex_t *)&s->mu);
    int n = s->count;
    pthread_mutex_unlock((pthread_mutex_t *)&s->mu);
    return n;
}

const char *lb_header(const struct lb_server *s, int i, const char *name)
{
    if (i < 0 || i >= lb_requests(s) || i >= LB_MAX_REQ)
        return NULL;
    for (int h = 0; h < s->reqs[i].nh; h++)
        if (strcasecmp(s->reqs[i].names[h], name) == 0)
            return s->reqs[i].values[h];
    return NULL;
}

const char *lb_body(const struct lb_server *s, int i)
{
    return i >= 0 && i < lb_requests(s) && i < LB_MAX_REQ ? s->reqs[i].body : NULL;
}

const char *lb_path(const struct lb_server *s, int i)
{
    return i >= 0 && i < lb_requests(s) && i < LB_MAX_REQ ? s->reqs[i].path : NULL;
}

void lb_stop(struct lb_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->d);
    for (int i = 0; i < s->count && i < LB_MAX_REQ; i++) {
        for (int h = 0; h < s->reqs[i].nh; h++)
            free(s->reqs[i].names[h]), free(s->reqs[i].values[h]);
        free(s->reqs[i].path);
        free(s->reqs[i].body);
    }
    pthread_mutex_destroy(&s->mu);
    free(s);
}
