/* logsrc: where an ECS container's logs go, read from its task definition:
 * the awslogs driver (awslogs-group, awslogs-stream-prefix: streams are
 * PREFIX/CONTAINER/TASK-ID) or FireLens with fluent-bit's CloudWatch output
 * (log_group_name, log_stream_prefix: streams are PREFIX + CONTAINER +
 * "-firelens-" + TASK-ID). So every line maps to its task and container, and a
 * follow can ask for exactly one service's streams. Pure. */
#ifndef RW_LOGSRC_H
#define RW_LOGSRC_H

#include <stddef.h>

#include "clients/aws/ecs.h"
#include "err.h"

enum logsrc_kind { LOGSRC_AWSLOGS, LOGSRC_FIRELENS };

struct logsrc {
    enum logsrc_kind kind;
    char group[512];
    char prefix[256];
    char container[256];
};

/* Where container cd (of td) logs; 0, or -1 with err saying why it cannot be
 * followed (no log driver CloudWatch can read, a missing option). */
int logsrc_for(const struct ecs_container_def *cd, struct logsrc *out, struct rw_err *err);
/* The stream task_id's container writes to, into buf (size n). */
void logsrc_stream(const struct logsrc *s, const char *task_id, char *buf, size_t n);
/* The task id a stream name of this source belongs to, into buf (size n); 0, or -1
 * if the stream is another container's (or not of this source's shape). */
int logsrc_task(const struct logsrc *s, const char *stream, char *buf, size_t n);
/* The index of the container after `after` in td that logs somewhere we can read
 * (wrapping), or -1 if none does: the key that cycles containers uses it. */
int logsrc_next_container(const struct ecs_task_definition *td, int after);

#endif
