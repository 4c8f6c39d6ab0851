/* cfn: CloudFormation DescribeStacks request body, response parser and
 * output/parameter lookups (see cfn.h). Responses are walked as an expat tree. */
#include "cfn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "credparse.h"
#include "sigv4.h"
#include "query.h"
#include "xml.h"

#define WHAT "DescribeStacks response"

char *cfn_describe_stacks_body(const char *stack_name, const char *next_token)
{
    char *b = xasprintf("Action=DescribeStacks&Version=%s", CFN_VERSION);
    if (stack_name && *stack_name)
        b = query_form_add(b, "StackName", stack_name);
    if (next_token && *next_token)
        b = query_form_add(b, "NextToken", next_token);
    return b;
}

/* The ISO-8601 time at path under n into *ms (0 when absent and optional). */
static int time_at(const struct xml_node *n, const char *path, int required, int64_t *ms,
                   struct rw_err *err)
{
    const char *t = xml_path_text(n, path);
    *ms = 0;
    if (!t && !required)
        return 0;
    if (!t)
        return rw_err_set(err, RW_E_PARSE, WHAT ": Stacks/member: %s is missing", path);
    *ms = credparse_iso8601(t);
    if (*ms < 0)
        return rw_err_set(err, RW_E_PARSE, WHAT ": Stacks/member: %s \"%.40s\" is not an "
                          "ISO-8601 time", path, t);
    return 0;
}

static int parse_outputs(const struct xml_node *m, struct cfn_stack *st, struct rw_err *err)
{
    const struct xml_node *list;
    if (query_list_at(m, "Outputs", &list, WHAT ": Stacks/member", err) < 0)
        return -1;
    if (list && list->nkids)
        st->outputs = xcalloc(list->nkids, sizeof *st->outputs);
    for (; list && st->noutputs < list->nkids; st->noutputs++) {
        const struct xml_node *o = list->kids[st->noutputs];
        struct cfn_output *out = &st->outputs[st->noutputs];
        if (query_req_text(o, "OutputKey", &out->key, WHAT ": Outputs/member", err) < 0)
            return -1;
        out->value = query_opt_text(o, "OutputValue");
        out->description = query_opt_text(o, "Description");
        out->export_name = query_opt_text(o, "ExportName");
    }
    return 0;
}

static int parse_params(const struct xml_node *m, struct cfn_stack *st, struct rw_err *err)
{
    const struct xml_node *list;
    if (query_list_at(m, "Parameters", &list, WHAT ": Stacks/member", err) < 0)
        return -1;
    if (list && list->nkids)
        st->params = xcalloc(list->nkids, sizeof *st->params);
    for (; list && st->nparams < list->nkids; st->nparams++) {
        const struct xml_node *p = list->kids[st->nparams];
        struct cfn_parameter *out = &st->params[st->nparams];
        if (query_req_text(p, "ParameterKey", &out->key, WHAT ": Parameters/member", err) < 0)
            return -1;
        out->value = query_opt_text(p, "ParameterValue");
    }
    return 0;
}

static int parse_stack(const struct xml_node *m, struct cfn_stack *st, struct rw_err *err)
{
    static const char what[] = WHAT ": Stacks/member";
    if (query_req_text(m, "StackName", &st->name, what, err) < 0 ||
        query_req_text(m, "StackId", &st->id, what, err) < 0 ||
        query_req_text(m, "StackStatus", &st->status, what, err) < 0 ||
        time_at(m, "CreationTime", 1, &st->created_ms, err) < 0 ||
        time_at(m, "LastUpdatedTime", 0, &st->updated_ms, err) < 0)
        return -1;
    st->status_reason = query_opt_text(m, "StackStatusReason");
    return parse_outputs(m, st, err) < 0 || parse_params(m, st, err) < 0 ? -1 : 0;
}

int cfn_parse_describe_stacks(const char *body, size_t len, struct cfn_stacks *out,
                              struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    struct xml_node *root;
    const struct xml_node *res = query_open_result(body, len, "DescribeStacks", &root, err), *list;
    if (!res)
        return -1;
    int rc = query_list_at(res, "Stacks", &list, WHAT, err);
    if (rc == 0 && list && list->nkids) {
        out->items = xcalloc(list->nkids, sizeof *out->items);
        for (; rc == 0 && out->n < list->nkids; out->n++)
            rc = parse_stack(list->kids[out->n], &out->items[out->n], err);
    }
    if (rc == 0)
        out->next_token = query_opt_text(res, "NextToken");
    xml_free(root);
    if (rc < 0)
        cfn_stacks_free(out);
    return rc;
}

static void stack_free(struct cfn_stack *st)
{
    free(st->name);
    free(st->id);
    free(st->status);
    free(st->status_reason);
    for (size_t i = 0; i < st->noutputs; i++) {
        free(st->outputs[i].key);
        free(st->outputs[i].value);
        free(st->outputs[i].description);
        free(st->outputs[i].export_name);
    }
    free(st->outputs);
    for (size_t i = 0; i < st->nparams; i++) {
        free(st->params[i].key);
        free(st->params[i].value);
    }
    free(st->params);
}

void cfn_stacks_free(struct cfn_stacks *l)
{
    for (size_t i = 0; i < l->n; i++)
        stack_free(&l->items[i]);
    free(l->items);
    free(l->next_token);
    memset(l, 0, sizeof *l);
}

const struct cfn_output *cfn_stack_output(const struct cfn_stack *s, const char *key)
{
    for (size_t i = 0; s && key && i < s->noutputs; i++)
        if (strcmp(s->outputs[i].key, key) == 0)
            return &s->outputs[i];
    return NULL;
}

const char *cfn_stack_output_value(const struct cfn_stack *s, const char *key)
{
    const struct cfn_output *o = cfn_stack_output(s, key);
    return o ? o->value : NULL;
}

const struct cfn_parameter *cfn_stack_parameter(const struct cfn_stack *s, const char *key)
{
    for (size_t i = 0; s && key && i < s->nparams; i++)
        if (strcmp(s->params[i].key, key) == 0)
            return &s->params[i];
    return NULL;
}
