/* sim_route: pure helpers for routing a request to a handler and for shaping
 * replies: X-Amz-Target splitting, AWS JSON error bodies, pagination tokens. */
#ifndef RW_SIM_ROUTE_H
#define RW_SIM_ROUTE_H

#include <stddef.h>

/* A reply: HTTP status and a heap body (JSON); free body with free(). */
struct sim_reply {
    int status;
    char *body;
    const char *content_type;
    int delay_ms;
};

/* The operation named by an X-Amz-Target value with this prefix (which includes
 * the '.'), e.g. "ListClusters"; NULL if target is NULL, lacks the prefix or
 * the operation name is empty or not alphanumeric. Points into target. */
const char *sim_route_op(const char *target, const char *prefix);
/* Fill r with status and the AWS JSON error {"__type": type, "message": msg}. */
void sim_route_error(struct sim_reply *r, int status, const char *type, const char *msg);
/* Parse a pagination token made by sim_route_token; the offset, or -1 if bad. */
long sim_route_parse_token(const char *token);
/* Write the token for a page starting at offset into out (size n). */
void sim_route_token(long offset, char *out, size_t n);
/* Clamp a maxResults value: absent (0) gives dflt, else 1..max; -1 if out of range. */
int sim_route_max_results(double v, int present, int dflt, int max);

#endif
