/* query: shared pieces of the query-protocol clients (see query.h). */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sigv4.h"

char *query_form_start(const char *action, const char *version)
{
    return xasprintf("Action=%s&Version=%s", action, version);
}

char *query_form_add(char *body, const char *key, const char *val)
{
    char *enc = sigv4_uri_encode(val, strlen(val), 1);
    char *next = xasprintf("%s&%s=%s", body, key, enc);
    explicit_bzero(enc, strlen(enc));
    explicit_bzero(body, strlen(body));
    free(enc);
    free(body);
    return next;
}

static void wipe(struct xml_node *n)
{
    explicit_bzero(n->text, n->text_len);
    for (size_t i = 0; i < n->nkids; i++)
        wipe(n->kids[i]);
}

void query_free_wiped(struct xml_node *root)
{
    if (root)
        wipe(root);
    xml_free(root);
}

const struct xml_node *query_open_result(const char *body, size_t len, const char *action,
                                         struct xml_node **root, struct rw_err *err)
{
    if (xml_parse(body, len, root, err) < 0) {
        rw_err_wrap(err, "%s response", action);
        return NULL;
    }
    char want[80], result[80];
    snprintf(want, sizeof want, "%sResponse", action);
    snprintf(result, sizeof result, "%sResult", action);
    const struct xml_node *res = NULL;
    if (strcmp((*root)->name, "ErrorResponse") == 0)
        rw_err_set(err, RW_E_PARSE, "%s response: an AWS error document, not <%s>", action, want);
    else if (strcmp((*root)->name, want) != 0)
        rw_err_set(err, RW_E_PARSE, "%s response: root element is <%.64s>, expected <%s>",
                   action, (*root)->name, want);
    else if (!(res = xml_child(*root, result)))
        rw_err_set(err, RW_E_PARSE, "%s response: no <%s> element", action, result);
    if (!res) {
        query_free_wiped(*root);
        *root = NULL;
    }
    return res;
}

char *query_opt_text(const struct xml_node *n, const char *path)
{
    return xstrdup(xml_path_text(n, path));
}

int query_req_text(const struct xml_node *n, const char *path, char **dst, const char *what,
                   struct rw_err *err)
{
    const char *t = xml_path_text(n, path);
    if (!t || !*t)
        return rw_err_set(err, RW_E_PARSE, "%s: %s is missing or empty", what, path);
    *dst = xstrdup(t);
    return 0;
}

int query_list_at(const struct xml_node *n, const char *path, const struct xml_node **list,
                  const char *what, struct rw_err *err)
{
    *list = xml_path(n, path);
    for (size_t i = 0; *list && i < (*list)->nkids; i++)
        if (strcmp((*list)->kids[i]->name, "member") != 0)
            return rw_err_set(err, RW_E_PARSE, "%s: <%.64s> in %s, expected <member>", what,
                              (*list)->kids[i]->name, path);
    return 0;
}
