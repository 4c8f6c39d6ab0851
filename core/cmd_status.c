/* cmd_status: `rollwatch status [--json]`: clusters, services, deployments
 * and tasks as they are now, read through the AWS client (so retries,
 * credentials and endpoint overrides apply), printed as JSON or a table. */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clients/aws/ecs_snapshot.h"
#include "clients/aws/session.h"
#include "clock.h"
#include "prompt.h"
#include "redact.h"
#include "xmalloc.h"

struct status_run {
    struct rw_loop *loop;
    struct ecs_snapshot *snap;
    struct rw_err err;
    int done;
};

static void add_time(cJSON *o, const char *key, int64_t ms)
{
    char b[32];
    if (ms <= 0)
        return;
    rw_clock_iso(ms, b, sizeof b);
    cJSON_AddStringToObject(o, key, b);
}

static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
}

static cJSON *deployment_json(const struct ecs_deployment *d)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "id", d->id);
    add_str(o, "status", d->status);
    add_str(o, "rollout_state", d->rollout_state);
    add_str(o, "rollout_state_reason", d->rollout_state_reason);
    add_str(o, "task_definition", ecs_task_definition_ref(d->task_definition));
    cJSON_AddNumberToObject(o, "revision", ecs_task_definition_revision(d->task_definition));
    cJSON_AddNumberToObject(o, "desired", d->desired_count);
    cJSON_AddNumberToObject(o, "running", d->running_count);
    cJSON_AddNumberToObject(o, "pending", d->pending_count);
    cJSON_AddNumberToObject(o, "failed", d->failed_tasks);
    add_time(o, "created_at", d->created_at_ms);
    return o;
}

static cJSON *task_json(const struct ecs_task *t)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "id", ecs_task_id(t->task_arn));
    add_str(o, "task_definition", ecs_task_definition_ref(t->task_definition_arn));
    add_str(o, "last_status", t->last_status);
    add_str(o, "desired_status", t->desired_status);
    add_str(o, "health", t->health_status);
    add_str(o, "availability_zone", t->availability_zone);
    add_str(o, "private_ip", t->private_ipv4);
    add_time(o, "started_at", t->started_at_ms);
    add_time(o, "stopped_at", t->stopped_at_ms);
    add_str(o, "stopped_reason", t->stopped_reason);
    cJSON *cs = cJSON_AddArrayToObject(o, "containers");
    for (size_t i = 0; i < t->ncontainers; i++) {
        cJSON *c = cJSON_CreateObject();
        add_str(c, "name", t->containers[i].name);
        add_str(c, "last_status", t->containers[i].last_status);
        if (t->containers[i].has_exit_code)
            cJSON_AddNumberToObject(c, "exit_code", t->containers[i].exit_code);
        add_str(c, "reason", t->containers[i].reason);
        cJSON_AddItemToArray(cs, c);
    }
    return o;
}

static cJSON *service_json(const struct ecs_snap_service *ss)
{
    const struct ecs_service *s = ss->svc;
    cJSON *o = cJSON_CreateObject();
    add_str(o, "name", s->service_name);
    add_str(o, "status", s->status);
    cJSON_AddNumberToObject(o, "desired", s->desired_count);
    cJSON_AddNumberToObject(o, "running", s->running_count);
    cJSON_AddNumberToObject(o, "pending", s->pending_count);
    add_str(o, "task_definition", ecs_task_definition_ref(s->task_definition));
    const struct ecs_deployment *p = ecs_service_primary_deployment(s);
    add_str(o, "rollout_state", p ? p->rollout_state : NULL);
    cJSON_AddBoolToObject(o, "circuit_breaker", s->circuit_breaker_enable);
    cJSON *ds = cJSON_AddArrayToObject(o, "deployments");
    for (size_t i = 0; i < s->ndeployments; i++)
        cJSON_AddItemToArray(ds, deployment_json(&s->deployments[i]));
    cJSON *ts = cJSON_AddArrayToObject(o, "tasks");
    for (size_t b = 0; b < ss->nbatches; b++)
        for (size_t i = 0; i < ss->task_batches[b].ntasks; i++)
            cJSON_AddItemToArray(ts, task_json(&ss->task_batches[b].tasks[i]));
    cJSON *ev = cJSON_AddArrayToObject(o, "events");
    for (size_t i = 0; i < s->nevents && i < 10; i++) {
        cJSON *e = cJSON_CreateObject();
        add_time(e, "at", s->events[i].created_at_ms);
        add_str(e, "message", s->events[i].message);
        cJSON_AddItemToArray(ev, e);
    }
    return o;
}

static char *snapshot_json(const struct aws_session *sess, const struct ecs_snapshot *snap)
{
    cJSON *root = cJSON_CreateObject();
    add_str(root, "profile", sess->profile);
    add_str(root, "region", sess->region);
    add_time(root, "fetched_at", rw_wall_ms());
    cJSON *cl = cJSON_AddArrayToObject(root, "clusters");
    for (size_t i = 0; i < snap->nclusters; i++) {
        const struct ecs_snap_cluster *c = &snap->clusters[i];
        cJSON *co = cJSON_CreateObject();
        add_str(co, "name", c->name);
        add_str(co, "arn", c->arn);
        cJSON *sv = cJSON_AddArrayToObject(co, "services");
        for (size_t k = 0; k < c->nservices; k++)
            cJSON_AddItemToArray(sv, service_json(&c->services[k]));
        cJSON *miss = cJSON_AddArrayToObject(co, "missing_services");
        for (size_t m = 0; m < c->nmissing; m++)
            cJSON_AddItemToArray(miss, cJSON_CreateString(c->missing[m]));
        cJSON_AddItemToArray(cl, co);
    }
    char *out = cJSON_Print(root);
    cJSON_Delete(root);
    return out;
}

/* Print s with control characters shown as '?': network text never reaches a terminal raw. */
static void put_safe(FILE *out, const char *s, int width)
{
    int n = 0;
    for (; s && *s; s++, n++)
        fputc((unsigned char)*s < 32 || *s == 127 ? '?' : *s, out);
    for (; n < width; n++)
        fputc(' ', out);
}

static void print_service(FILE *out, const struct ecs_snap_service *ss)
{
    const struct ecs_service *s = ss->svc;
    const struct ecs_deployment *p = ecs_service_primary_deployment(s);
    put_safe(out, s->service_name, 28);
    put_safe(out, s->status, 9);
    fprintf(out, "%3d/%-3d pend %-3d ", s->running_count, s->desired_count, s->pending_count);
    put_safe(out, p && p->rollout_state ? p->rollout_state : "-", 12);
    put_safe(out, ecs_task_definition_ref(s->task_definition), 0);
    fputc('\n', out);
    for (size_t i = 0; i < s->ndeployments; i++) {
        const struct ecs_deployment *d = &s->deployments[i];
        fprintf(out, "    deployment ");
        put_safe(out, d->status, 8);
        fprintf(out, ":%-4d %d/%d running, %d pending, %d failed  ",
                ecs_task_definition_revision(d->task_definition), d->running_count,
                d->desired_count, d->pending_count, d->failed_tasks);
        put_safe(out, d->rollout_state, 0);
        fputc('\n', out);
    }
    for (size_t b = 0; b < ss->nbatches; b++)
        for (size_t i = 0; i < ss->task_batches[b].ntasks; i++) {
            const struct ecs_task *t = &ss->task_batches[b].tasks[i];
            fprintf(out, "    task ");
            put_safe(out, ecs_task_id(t->task_arn), 38);
            put_safe(out, t->last_status, 10);
            put_safe(out, t->health_status ? t->health_status : "-", 10);
            put_safe(out, t->private_ipv4 ? t->private_ipv4 : "-", 16);
            put_safe(out, t->stopped_reason, 0);
            fputc('\n', out);
        }
}

static void print_table(FILE *out, const struct aws_session *sess, const struct ecs_snapshot *snap)
{
    for (size_t i = 0; i < snap->nclusters; i++) {
        const struct ecs_snap_cluster *c = &snap->clusters[i];
        fprintf(out, "cluster ");
        put_safe(out, c->name, 0);
        fprintf(out, "  (%s, profile %s)\n", sess->region, sess->profile);
        if (!c->nservices)
            fprintf(out, "  no services\n");
        for (size_t k = 0; k < c->nservices; k++) {
            fputs("  ", out);
            print_service(out, &c->services[k]);
        }
        for (size_t m = 0; m < c->nmissing; m++) {
            fprintf(out, "  missing: ");
            put_safe(out, c->missing[m], 0);
            fputc('\n', out);
        }
    }
    if (!snap->nclusters)
        fprintf(out, "no ECS clusters in %s\n", sess->region);
}

/* Errors may quote a command line or a response: never a secret on the terminal. */
static void print_error(FILE *errout, const struct rw_err *err)
{
    char *clean = rw_redact(err->msg, strlen(err->msg));
    fprintf(errout, "rollwatch status: ");
    put_safe(errout, clean, 0);
    fputc('\n', errout);
    free(clean);
}

static void on_snapshot(struct ecs_snapshot *snap, const struct rw_err *err, void *ud)
{
    struct status_run *run = ud;
    run->snap = snap;
    if (err)
        run->err = *err;
    run->done = 1;
    rw_loop_stop(run->loop);
}

int rw_cmd_status(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout)
{
    static const struct option opts[] = { { "json", no_argument, NULL, 'j' }, { 0, 0, 0, 0 } };
    int json = 0, c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
        if (c != 'j') {
            fprintf(errout, "rollwatch status: unknown option '%s'\n", argv[optind - 1]);
            return 64;
        }
        json = 1;
    }
    struct status_run run = { .loop = rw_loop_new() };
    struct aws_session *sess;
    struct aws_session_options so = { .loop = run.loop, .profile = cli->profile,
                                      .region = cli->region, .mfa = rw_prompt_mfa };
    if (aws_session_open(&so, &sess, &run.err) < 0) {
        print_error(errout, &run.err);
        rw_loop_free(run.loop);
        return rw_err_exit_code(run.err.code);
    }
    struct ecs_snapshot_req req = { cli->cluster, cli->services, cli->nservices, 1 };
    ecs_snapshot_start(sess->client, &req, on_snapshot, &run); /* ends by calling on_snapshot */
    rw_loop_run(run.loop);
    int rc = 0;
    if (!run.snap) {
        print_error(errout, &run.err);
        rc = rw_err_exit_code(run.err.code);
    } else if (json) {
        char *text = snapshot_json(sess, run.snap);
        fprintf(out, "%s\n", text);
        free(text);
    } else {
        print_table(out, sess, run.snap);
    }
    ecs_snapshot_free(run.snap);
    aws_session_free(sess);
    rw_loop_free(run.loop);
    return rc;
}
