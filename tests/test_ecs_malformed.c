/* Tests for clients/aws/ecs on malformed input: every parse error names its
 * path, and every truncation of a real response fails cleanly. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs.h"
#include "support/fixture.h"

#define ARN "arn:aws:ecs:us-east-1:123456789012:"

#define LOAD(name, var, len)                       \
    size_t len;                                    \
    char *var = fixture_load("ecs", name, &len);                  \
    CU_ASSERT_PTR_NOT_NULL_FATAL(var)

#define WRAP(fn, type, free_fn)                                      \
    static int run_##fn(const char *b, size_t n, struct rw_err *err) \
    {                                                                \
        type out;                                                    \
        int rc = ecs_parse_##fn(b, n, &out, err);                    \
        free_fn(&out);                                               \
        return rc;                                                   \
    }
WRAP(list_clusters, struct ecs_arn_page, ecs_arn_page_free)
WRAP(list_tasks, struct ecs_arn_page, ecs_arn_page_free)
WRAP(describe_clusters, struct ecs_clusters, ecs_clusters_free)
WRAP(describe_services, struct ecs_services, ecs_services_free)
WRAP(describe_tasks, struct ecs_tasks, ecs_tasks_free)
WRAP(describe_task_definition, struct ecs_task_definition, ecs_task_definition_free)
WRAP(list_service_deployments, struct ecs_service_deployments, ecs_service_deployments_free)
WRAP(describe_service_deployments, struct ecs_service_deployments,
     ecs_service_deployments_free)
WRAP(describe_service_revisions, struct ecs_service_revisions, ecs_service_revisions_free)
WRAP(update_service, struct ecs_service, ecs_service_free)
WRAP(stop_task, struct ecs_task, ecs_task_free)

static const struct {
    const char *op;
    int (*run)(const char *, size_t, struct rw_err *);
} parsers[] = {
    {"ListClusters", run_list_clusters},
    {"ListTasks", run_list_tasks},
    {"DescribeClusters", run_describe_clusters},
    {"DescribeServices", run_describe_services},
    {"DescribeTasks", run_describe_tasks},
    {"DescribeTaskDefinition", run_describe_task_definition},
    {"ListServiceDeployments", run_list_service_deployments},
    {"DescribeServiceDeployments", run_describe_service_deployments},
    {"DescribeServiceRevisions", run_describe_service_revisions},
    {"UpdateService", run_update_service},
    {"StopTask", run_stop_task},
};

/* One malformed.tsv case: "op <TAB> body <TAB> expected message". */
static void expect_parse_error(char *line, int lineno)
{
    char *body = strchr(line, '\t'), *want = body ? strchr(body + 1, '\t') : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    *body++ = '\0';
    *want++ = '\0';
    for (size_t i = 0; i < sizeof parsers / sizeof parsers[0]; i++) {
        if (strcmp(parsers[i].op, line) != 0)
            continue;
        struct rw_err err = {0};
        CU_ASSERT_EQUAL(parsers[i].run(body, strlen(body), &err), -1);
        CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
        if (!strstr(err.msg, want))
            fprintf(stderr, "\nmalformed.tsv:%d: got \"%s\"\n", lineno, err.msg);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
        return;
    }
    CU_FAIL("malformed.tsv names an unknown operation");
}

static void test_ecs_malformed_input_is_a_parse_error_with_its_path(void)
{
    LOAD("malformed.tsv", text, len);
    text[len < (1 << 20) ? len : len - 1] = '\0';
    int lineno = 0, cases = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (line[0] != '#') {
            expect_parse_error(line, lineno);
            cases++;
        }
    }
    CU_ASSERT(cases >= 30);
    free(text);
}

static void test_ecs_every_truncation_of_a_response_fails_cleanly(void)
{
    LOAD("describe_tasks_stopped.json", body, len);
    while (len > 0 && (body[len - 1] == '\n' || body[len - 1] == ' '))
        len--;
    for (size_t cut = 0; cut < len; cut++) {
        struct rw_err err = {0};
        CU_ASSERT_EQUAL(run_describe_tasks(body, cut, &err), -1);
        CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    }
    free(body);
}

/* The body as JSON (frees body). */
void test_ecs_malformed_register(void)
{
    CU_pSuite s = CU_add_suite("ecs_malformed", NULL, NULL);
#define T(fn) CU_add_test(s, #fn, fn)
    T(test_ecs_malformed_input_is_a_parse_error_with_its_path);
    T(test_ecs_every_truncation_of_a_response_fails_cleanly);
#undef T
}
