/* query: what the AWS query-protocol modules (STS, ELBv2, CloudFormation)
 * share: form-encoded request bodies and the walk into a response's
 * <ActionResponse><ActionResult>. */
#ifndef RW_QUERY_H
#define RW_QUERY_H

#include <stddef.h>

#include "core/err.h"
#include "xml.h"

/* "Action=A&Version=V"; caller frees. */
char *query_form_start(const char *action, const char *version);
/* body + "&key=value", value form-URL-encoded (RFC 3986 unreserved kept);
 * frees body, wiping it and the encoded value (values may be tokens); returns
 * the new body (caller frees). */
char *query_form_add(char *body, const char *key, const char *val);
/* Parse body and find <ActionResponse><ActionResult>; *root is the caller's on
 * success, NULL on failure (a rejected tree's text is wiped before it is freed). */
const struct xml_node *query_open_result(const char *body, size_t len, const char *action,
                                         struct xml_node **root, struct rw_err *err);
/* Wipe every text in the tree (secrets in responses), then free it. */
void query_free_wiped(struct xml_node *root);
/* Copy of the text at path under n, or NULL if there is no such element; caller frees. */
char *query_opt_text(const struct xml_node *n, const char *path);
/* Copy the non-empty text at path under n into *dst (caller frees), or fail
 * with RW_E_PARSE naming what and path. */
int query_req_text(const struct xml_node *n, const char *path, char **dst, const char *what,
                   struct rw_err *err);
/* The list element at path under n (NULL when absent: an empty list); -1 with
 * err if one of its children is not a <member>. */
int query_list_at(const struct xml_node *n, const char *path, const struct xml_node **list,
                  const char *what, struct rw_err *err);

#endif
