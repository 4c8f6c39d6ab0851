/* logsrc: log configuration to stream names and back. */
#include "logsrc.h"

#include <stdio.h>
#include <string.h>

#include "clients/aws/logs.h"

static const char *opt(const struct ecs_container_def *cd, const char *key)
{
    for (size_t i = 0; i < cd->nlog_options; i++)
        if (cd->log_options[i].name && strcmp(cd->log_options[i].name, key) == 0)
            return cd->log_options[i].value;
    return NULL;
}

/* FireLens outputs that land in CloudWatch Logs. */
static int cloudwatch_output(const char *name)
{
    return name && (strcmp(name, "cloudwatch") == 0 || strcmp(name, "cloudwatch_logs") == 0);
}

int logsrc_for(const struct ecs_container_def *cd, struct logsrc *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    const char *driver = cd->log_driver, *group = NULL, *prefix = NULL;
    if (driver && strcmp(driver, "awslogs") == 0) {
        out->kind = LOGSRC_AWSLOGS;
        group = opt(cd, "awslogs-group");
        prefix = opt(cd, "awslogs-stream-prefix");
    } else if (driver && strcmp(driver, "awsfirelens") == 0) {
        out->kind = LOGSRC_FIRELENS;
        if (!cloudwatch_output(opt(cd, "Name")))
            return rw_err_set(err, RW_E_USAGE, "container %s sends FireLens output '%s', not "
                              "to CloudWatch Logs", cd->name, opt(cd, "Name") ? opt(cd, "Name")
                              : "(none)");
        group = opt(cd, "log_group_name");
        prefix = opt(cd, "log_stream_prefix");
        if (!prefix)
            prefix = "";
    } else {
        return rw_err_set(err, RW_E_USAGE, "container %s logs with '%s', which CloudWatch "
                          "Logs does not receive", cd->name ? cd->name : "?",
                          driver ? driver : "no log driver");
    }
    if (!group || !prefix)
        return rw_err_set(err, RW_E_USAGE, "container %s: its %s options name no %s",
                          cd->name ? cd->name : "?", driver, group ? "stream prefix"
                          : "log group");
    snprintf(out->group, sizeof out->group, "%s", group);
    snprintf(out->prefix, sizeof out->prefix, "%s", prefix);
    snprintf(out->container, sizeof out->container, "%s", cd->name ? cd->name : "");
    return 0;
}

void logsrc_stream(const struct logsrc *s, const char *task_id, char *buf, size_t n)
{
    if (s->kind == LOGSRC_AWSLOGS)
        snprintf(buf, n, "%s/%s/%s", s->prefix, s->container, task_id);
    else
        snprintf(buf, n, "%s%s-firelens-%s", s->prefix, s->container, task_id);
}

int logsrc_task(const struct logsrc *s, const char *stream, char *buf, size_t n)
{
    struct logs_stream_id id;
    struct rw_err err;
    int rc = s->kind == LOGSRC_AWSLOGS ? logs_split_awslogs(stream, s->prefix, &id, &err)
                                       : logs_split_firelens(stream, s->prefix, &id, &err);
    if (rc < 0 || id.container_len != strlen(s->container) ||
        strncmp(id.container, s->container, id.container_len) != 0)
        return -1;
    snprintf(buf, n, "%.*s", (int)id.task_id_len, id.task_id);
    return 0;
}

int logsrc_next_container(const struct ecs_task_definition *td, int after)
{
    for (size_t k = 1; k <= td->ncontainers; k++) {
        size_t i = (size_t)(after + (int)k) % td->ncontainers;
        struct logsrc s;
        struct rw_err err;
        if (logsrc_for(&td->containers[i], &s, &err) == 0)
            return (int)i;
    }
    return -1;
}
