/* loopback: a scripted HTTP server on 127.0.0.1 (libmicrohttpd) for tests
 * that must talk to a real peer: it answers requests in script order (the
 * last entry repeats), can stall, and records what it received. */
#ifndef RW_LOOPBACK_H
#define RW_LOOPBACK_H

#include <stddef.h>

struct lb_response {
    int status;
    const char *body;
    const char *headers;      /* "Name: value\n" lines, may be NULL */
    int delay_ms;             /* stall before answering */
};

struct lb_server;

/* Start a server on a free loopback port answering with script[0..n). */
struct lb_server *lb_start(const struct lb_response *script, size_t n);
/* The port it listens on. */
int lb_port(const struct lb_server *s);
/* "http://127.0.0.1:PORT" (borrowed). */
const char *lb_url(const struct lb_server *s);
/* How many requests it has answered (or begun to answer). */
int lb_requests(const struct lb_server *s);
/* Header name of request i (0-based), or NULL (borrowed until lb_stop). */
const char *lb_header(const struct lb_server *s, int i, const char *name);
/* Body of request i, or NULL (borrowed until lb_stop). */
const char *lb_body(const struct lb_server *s, int i);
/* Path of request i, or NULL (borrowed until lb_stop). */
const char *lb_path(const struct lb_server *s, int i);
/* Stop and free. */
void lb_stop(struct lb_server *s);

#endif
