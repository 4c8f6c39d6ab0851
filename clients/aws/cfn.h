/* cfn: AWS CloudFormation over the query protocol (Version 2010-05-15): the
 * DescribeStacks request body, its response parser, and lookups of a stack's
 * outputs and parameters by key (a deploy stack's outputs name the ECS
 * cluster, service and log group). Pure: no network, no global state. The
 * parser rejects an <ErrorResponse> (clients/aws/awserr reads those) and any
 * document that is not <DescribeStacksResponse><DescribeStacksResult> with
 * RW_E_PARSE. Fields marked "required" are never NULL; the others are NULL
 * when the response leaves them out. */
#ifndef RW_CFN_H
#define RW_CFN_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define CFN_VERSION "2010-05-15"

struct cfn_output {
    char *key;                  /* OutputKey: required */
    char *value;                /* OutputValue */
    char *description;
    char *export_name;
};

struct cfn_parameter {
    char *key;                  /* ParameterKey: required */
    char *value;                /* ParameterValue ("****" for NoEcho parameters) */
};

struct cfn_stack {
    char *name;                 /* StackName: required */
    char *id;                   /* StackId (an ARN): required */
    char *status;               /* StackStatus: required ("UPDATE_COMPLETE", ...) */
    char *status_reason;        /* StackStatusReason */
    int64_t created_ms;         /* CreationTime, epoch ms: required */
    int64_t updated_ms;         /* LastUpdatedTime, epoch ms; 0 if never updated */
    struct cfn_output *outputs;
    size_t noutputs;
    struct cfn_parameter *params;
    size_t nparams;
};

struct cfn_stacks {
    struct cfn_stack *items;
    size_t n;
    char *next_token;           /* NULL on the last page */
};

/* DescribeStacks request body; stack_name (a name or stack ARN) and
 * next_token may be NULL; never NULL; caller frees. */
char *cfn_describe_stacks_body(const char *stack_name, const char *next_token);

/* Parse a DescribeStacksResponse into out (caller frees with
 * cfn_stacks_free); on error out is zeroed and err is RW_E_PARSE. */
int cfn_parse_describe_stacks(const char *body, size_t len, struct cfn_stacks *out,
                              struct rw_err *err);
/* Free a page of stacks and zero it. */
void cfn_stacks_free(struct cfn_stacks *l);

/* The first output of s with OutputKey key, or NULL (borrowed from s). */
const struct cfn_output *cfn_stack_output(const struct cfn_stack *s, const char *key);
/* The OutputValue of the output with key, or NULL (borrowed from s). */
const char *cfn_stack_output_value(const struct cfn_stack *s, const char *key);
/* The first parameter of s with ParameterKey key, or NULL (borrowed from s). */
const struct cfn_parameter *cfn_stack_parameter(const struct cfn_stack *s, const char *key);

#endif
