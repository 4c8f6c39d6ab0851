/* sim_route: pure helpers for routing a request to a handler and for shaping
 * replies: X-Amz-Target splitting, AWS JSON and query-protocol XML error
 * bodies, form and query parameters, pagination tokens, and the handler
 * signatures the server's routing tables hold. */
#ifndef RW_SIM_ROUTE_H
#define RW_SIM_ROUTE_H

#include <stddef.h>

struct sim_world;

/* A reply: HTTP status and a heap body; free body with free(). */
struct sim_reply {
    int status;
    char *body;
    const char *content_type; /* static; NULL means "application/x-amz-json-1.1" */
    int delay_ms;             /* > 0: the server sends the reply this much later */
};

/* An X-Amz-Target handler: op is the part after the prefix ("ListClusters"). */
typedef void (*sim_target_fn)(struct sim_world *w, const char *op, const char *body,
                              size_t len, struct sim_reply *r);
/* An AWS query-protocol handler (form body "Action=...&..."); service is the
 * SigV4 credential scope's ("sts", "cloudformation", ...). */
typedef void (*sim_query_fn)(struct sim_world *w, const char *service, const char *body,
                             size_t len, struct sim_reply *r);
/* A health endpoint: GET /svc/<service>/health (unsigned). */
typedef void (*sim_health_fn)(struct sim_world *w, const char *service, struct sim_reply *r);

/* The operation named by an X-Amz-Target value with this prefix (which includes
 * the '.'), e.g. "ListClusters"; NULL if target is NULL, lacks the prefix or
 * the operation name is empty or not alphanumeric. Points into target. */
const char *sim_route_op(const char *target, const char *prefix);
/* Fill r with status and the AWS JSON error {"__type": type, "message": msg}. */
void sim_route_error(struct sim_reply *r, int status, const char *type, const char *msg);
/* Fill r with status and the query-protocol XML error (ErrorResponse, Type Sender
 * for 4xx else Receiver) for service's namespace; content type text/xml. */
void sim_route_xml_error(struct sim_reply *r, int status, const char *service,
                         const char *code, const char *msg);
/* An error in the request's protocol: XML (xml != 0) or JSON. type is the JSON
 * name ("ThrottlingException"); XML gets the query name ("Throttling"). */
void sim_route_fail(struct sim_reply *r, int xml, const char *service, int status,
                    const char *type, const char *msg);
/* The query-protocol name of a JSON error type ("ExpiredTokenException" ->
 * "ExpiredToken"); static or points into type. */
const char *sim_route_xml_code(const char *type);
/* The XML namespace of a query-protocol service (sts's for unknown ones). */
const char *sim_route_xml_namespace(const char *service);
/* The request id of the request being answered on this thread (set by the
 * server before it calls a handler; "" outside a request). */
const char *sim_route_request_id(void);
/* Set this thread's current request id (the server does, per request). */
void sim_route_set_request_id(const char *rid);
/* Find key in a form body or query string ("a=1&b=x%20y"), percent- and
 * '+'-decoded into out (size n); 0, or -1 if absent, malformed or too long. */
int sim_route_param(const char *s, size_t len, const char *key, char *out, size_t n);
/* The service of a health path "/svc/<service>/health" into out (size n);
 * 0, or -1 if path is not one (service: 1-63 of [A-Za-z0-9_-]). */
int sim_route_health_service(const char *path, char *out, size_t n);
/* Parse a pagination token made by sim_route_token; the offset, or -1 if bad. */
long sim_route_parse_token(const char *token);
/* Write the token for a page starting at offset into out (size n). */
void sim_route_token(long offset, char *out, size_t n);
/* Clamp a maxResults value: absent (0) gives dflt, else 1..max; -1 if out of range. */
int sim_route_max_results(double v, int present, int dflt, int max);

#endif
