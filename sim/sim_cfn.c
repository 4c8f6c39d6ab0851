/* sim_cfn: DescribeStacks of the one stack (see sim_cfn.h). */
#include "sim_cfn.h"

#include <stdio.h>
#include <string.h>

#include "sim_elb.h"

#define DAY_MS (24 * 3600 * 1000LL)

void sim_cfn_stack_id(const struct sim_world *w, char *out, size_t n)
{
    snprintf(out, n, "arn:aws:cloudformation:%s:%s:stack/%s/8a1f3c20-0b4e-11f0-9d2a-5e1a7a96e700",
             w->region, w->account, SIM_CFN_STACK);
}

static void output(struct sim_xml *x, const char *key, const char *value, const char *desc)
{
    sim_xml_open(x, "member");
    sim_xml_elem(x, "OutputKey", key);
    sim_xml_elem(x, "OutputValue", value);
    sim_xml_elem(x, "Description", desc);
    sim_xml_close(x, "member");
}

static void parameter(struct sim_xml *x, const char *key, const char *value)
{
    sim_xml_open(x, "member");
    sim_xml_elem(x, "ParameterKey", key);
    sim_xml_elem(x, "ParameterValue", value);
    sim_xml_close(x, "member");
}

static void outputs(const struct sim_world *w, struct sim_xml *x)
{
    char dns[160], url[200];
    sim_elb_dns_name(w, dns, sizeof dns);
    snprintf(url, sizeof url, "http://%s", dns);
    int si = sim_world_find_service(w, "consumer-agent");
    const struct sim_td *td =
        si < 0 ? NULL : sim_world_find_td(w, w->services[si].family, w->services[si].td_revision);
    const char *group = td ? td->containers[0].log_group : "/ecs/consumer-agent";
    sim_xml_open(x, "Outputs");
    output(x, "AgentWebURL", url, "Public-facing solution URL (ALB)");
    output(x, "AgentManagementEndpoint", dns, "ALB DNS name");
    output(x, "ECSClusterName", w->cluster, "ECS cluster name");
    output(x, "ECSServiceName", "consumer-agent", "ECS service name");
    output(x, "LogGroupName", group, "CloudWatch log group");
    sim_xml_close(x, "Outputs");
}

static void stack(const struct sim_world *w, struct sim_xml *x)
{
    char id[200], created[40], updated[40];
    sim_cfn_stack_id(w, id, sizeof id);
    sim_query_time(w->start_ms - 30 * DAY_MS, 1, created, sizeof created);
    sim_query_time(w->start_ms - DAY_MS, 1, updated, sizeof updated);
    sim_xml_open(x, "member");
    sim_xml_elem(x, "StackName", SIM_CFN_STACK);
    sim_xml_elem(x, "StackId", id);
    sim_xml_elem(x, "Description", "CAP Agent (PDA) runtime on ECS Fargate behind an ALB");
    sim_xml_elem(x, "CreationTime", created);
    sim_xml_elem(x, "LastUpdatedTime", updated);
    sim_xml_elem(x, "StackStatus", "UPDATE_COMPLETE");
    sim_xml_elem(x, "DisableRollback", "false");
    sim_xml_open(x, "Capabilities");
    sim_xml_elem(x, "member", "CAPABILITY_IAM");
    sim_xml_close(x, "Capabilities");
    outputs(w, x);
    sim_xml_open(x, "Parameters");
    parameter(x, "WebAccessCidr", "0.0.0.0/0");
    parameter(x, "DBPassword", "****");
    parameter(x, "AgentName", "Agent");
    sim_xml_close(x, "Parameters");
    sim_xml_elem(x, "EnableTerminationProtection", "true");
    sim_xml_open(x, "DriftInformation");
    sim_xml_elem(x, "StackDriftStatus", "NOT_CHECKED");
    sim_xml_close(x, "DriftInformation");
    sim_xml_close(x, "member");
}

int sim_cfn_handle(struct sim_world *w, const struct sim_form *f, const struct sim_query_ctx *c)
{
    if (strcmp(c->action, "DescribeStacks") != 0)
        return -1;
    const char *name = sim_query_get(f, "StackName");
    char id[200];
    sim_cfn_stack_id(w, id, sizeof id);
    if (name && *name && strcmp(name, SIM_CFN_STACK) != 0 && strcmp(name, id) != 0) {
        sim_query_fail(c, 400, "ValidationError", "Stack with id %.200s does not exist", name);
        return 0;
    }
    struct sim_xml x;
    sim_query_begin(c, &x);
    sim_xml_open(&x, "Stacks");
    stack(w, &x);
    sim_xml_close(&x, "Stacks");
    sim_query_finish(c, &x);
    return 0;
}
