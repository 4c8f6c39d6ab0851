/* Tests for clients/aws/ecs_history: the rollback target from the deployment
 * history, and the fallback when an endpoint does not know that API. Talks to
 * a scripted loopback server through the real client. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs_history.h"
#include "core/clock.h"
#include "support/loopback.h"

#define TD "arn:aws:ecs:us-east-1:123456789012:task-definition/consumer-agent:"
#define REV "arn:aws:ecs:us-east-1:123456789012:service-revision/demo/consumer-agent/"

static int creds(void *ud, struct aws_creds *out, struct rw_err *err)
{
    (void)ud, (void)err;
    out->access_key = strdup("AKIDEXAMPLE");
    out->secret_key = strdup("secret");
    return 0;
}

static double zero(void) { return 0; }

struct got { int done; char td[256]; char source[64]; int had_error; struct rw_err err; };

static void on_done(const struct ecs_last_good *r, const struct rw_err *err, void *ud)
{
    struct got *g = ud;
    g->done = 1;
    if (err) {
        g->err = *err;
        return;
    }
    snprintf(g->td, sizeof g->td, "%s", r->task_definition ? r->task_definition : "");
    snprintf(g->source, sizeof g->source, "%s", r->source ? r->source : "");
    g->had_error = r->history_error != NULL;
}

/* A service whose PRIMARY runs :42, with an ACTIVE deployment on active_rev (0: none). */
static struct got lookup(const char *url, int active_rev)
{
    struct ecs_deployment deps[2];
    memset(deps, 0, sizeof deps);
    char primary[128], active[128];
    snprintf(primary, sizeof primary, TD "42");
    snprintf(active, sizeof active, TD "%d", active_rev);
    deps[0].status = "PRIMARY";
    deps[0].task_definition = primary;
    deps[1].status = "ACTIVE";
    deps[1].task_definition = active;
    struct ecs_service svc;
    memset(&svc, 0, sizeof svc);
    svc.service_name = "consumer-agent";
    svc.cluster_arn = "arn:aws:ecs:us-east-1:123456789012:cluster/demo";
    svc.task_definition = primary;
    svc.deployments = deps;
    svc.ndeployments = active_rev ? 2 : 1;
    struct rw_loop *loop = rw_loop_new();
    struct aws_client_config cfg = { .loop = loop, .region = "us-east-1", .rand01 = zero,
                                     .creds = { creds, NULL, NULL } };
    for (int i = 0; i < AWS_SVC_COUNT; i++)
        cfg.endpoints[i] = url;
    struct aws_client *c = aws_client_new(&cfg);
    struct got g;
    memset(&g, 0, sizeof g);
    ecs_last_good_start(c, &svc, on_done, &g);
    CU_ASSERT_EQUAL(g.done, 0);
    int64_t start = rw_mono_ms();
    while (!g.done && rw_mono_ms() - start < 5000)
        rw_loop_run_once(loop, 100);
    aws_client_free(c);
    rw_loop_free(loop);
    return g;
}

static void test_ecs_history_picks_newest_successful_other_revision(void)
{
    static const struct lb_response script[] = {
        { 200, "{\"serviceDeployments\":["
               "{\"targetServiceRevisionArn\":\"" REV "42\",\"status\":\"SUCCESSFUL\",\"createdAt\":1.79E9},"
               "{\"targetServiceRevisionArn\":\"" REV "41\",\"status\":\"SUCCESSFUL\",\"createdAt\":1.78E9},"
               "{\"targetServiceRevisionArn\":\"" REV "40\",\"status\":\"SUCCESSFUL\",\"createdAt\":1.77E9}]}",
          NULL, 0 },
        { 200, "{\"serviceRevisions\":["
               "{\"serviceRevisionArn\":\"" REV "40\",\"taskDefinition\":\"" TD "40\"},"
               "{\"serviceRevisionArn\":\"" REV "42\",\"taskDefinition\":\"" TD "42\"},"
               "{\"serviceRevisionArn\":\"" REV "41\",\"taskDefinition\":\"" TD "41\"}]}", NULL, 0 } };
    struct lb_server *s = lb_start(script, 2);
    struct got g = lookup(lb_url(s), 0);
    CU_ASSERT_STRING_EQUAL(g.td, TD "41"); /* not the PRIMARY's :42, newer than :40 */
    CU_ASSERT_STRING_EQUAL(g.source, "deployment history");
    CU_ASSERT_EQUAL(lb_requests(s), 2);
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "X-Amz-Target"),
                           "AmazonEC2ContainerServiceV20141113.ListServiceDeployments");
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(s, 0), "SUCCESSFUL"));
    lb_stop(s);
}

#define UNKNOWN { 400, "{\"__type\":\"UnknownOperationException\"}", NULL, 0 }

static void test_ecs_history_unknown_operation_falls_back_to_active_deployment(void)
{
    static const struct lb_response script[] = { UNKNOWN };
    struct lb_server *s = lb_start(script, 1);
    struct got g = lookup(lb_url(s), 41);
    CU_ASSERT_STRING_EQUAL(g.td, TD "41");
    CU_ASSERT_STRING_EQUAL(g.source, "active deployment");
    CU_ASSERT(g.had_error);
    CU_ASSERT_EQUAL(lb_requests(s), 1); /* UnknownOperation is not retried */
    lb_stop(s);
}

static void test_ecs_history_falls_back_to_the_family(void)
{
    static const struct lb_response script[] = { UNKNOWN,
        { 200, "{\"taskDefinitionArns\":[\"" TD "43\",\"" TD "42\",\"" TD "39\",\"" TD "41\"]}", NULL, 0 } };
    struct lb_server *s = lb_start(script, 2);
    struct got g = lookup(lb_url(s), 0);
    CU_ASSERT_STRING_EQUAL(g.td, TD "41"); /* the newest below :42, whatever the order */
    CU_ASSERT_STRING_EQUAL(g.source, "task definition family");
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(s, 1), "\"familyPrefix\":\"consumer-agent\""));
    lb_stop(s);
}

static void test_ecs_history_no_earlier_revision_is_no_target(void)
{
    static const struct lb_response script[] = { UNKNOWN,
        { 200, "{\"taskDefinitionArns\":[\"" TD "42\"]}", NULL, 0 } };
    struct lb_server *s = lb_start(script, 2);
    struct got g = lookup(lb_url(s), 0);
    CU_ASSERT(g.done);
    CU_ASSERT_EQUAL(g.err.code, RW_OK);
    CU_ASSERT_STRING_EQUAL(g.td, "");
    lb_stop(s);
}

void test_ecs_history_register(void)
{
    CU_pSuite s = CU_add_suite("ecs_history", NULL, NULL);
    CU_add_test(s, "newest successful revision other than the PRIMARY's", test_ecs_history_picks_newest_successful_other_revision);
    CU_add_test(s, "UnknownOperation: the ACTIVE deployment", test_ecs_history_unknown_operation_falls_back_to_active_deployment);
    CU_add_test(s, "then the task definition family", test_ecs_history_falls_back_to_the_family);
    CU_add_test(s, "no earlier revision: no target", test_ecs_history_no_earlier_revision_is_no_target);
}
