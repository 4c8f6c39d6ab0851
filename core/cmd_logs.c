/* cmd_logs: `rollwatch logs SERVICE|--group G [--since 10m] [--follow]
 * [--filter REGEX] [--filter-pattern P] [--stream-prefix X] [--container C]
 * [--format short|detailed|json]`. A service's lines are exactly its tasks'
 * streams (core/logs_target); with --follow the task list is read again every
 * 5 s, so streams of tasks started during a rollout join. Lines come out in
 * timestamp order: the window's first read at once, then a follow holds each
 * new line back until no poll can add an earlier one (the overlap, 3-5 s), so
 * late events take their place. Output matches
 * `aws logs tail`; on a terminal, log text is escaped. A closed pipe ends the
 * command quietly. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <pcre2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "clients/aws/session.h"
#include "clock.h"
#include "follow.h"
#include "logfmt.h"
#include "logs_target.h"
#include "prompt.h"
#include "redact.h"

#define RETARGET_MS 5000

struct logs_opts {
    const char *service, *group, *prefix, *pattern, *regex, *container;
    int64_t since_ms;
    int follow;
    enum logfmt fmt;
};

struct logs_run {
    struct logs_opts o;
    struct rw_loop *loop;
    struct aws_session *sess;
    const struct rw_cli *cli;
    FILE *out, *errout;
    int escape, rc, started;
    int polled;                 /* the first poll (the window's read) is over */
    int holding;                /* ... and, during it, lines are held back from here on */
    int64_t poll_mark;          /* wall time before the current poll began */
    pcre2_code *re;
    pcre2_match_data *md;
    struct logfmt_buf fb;       /* the line being printed */
    struct follow *f;
    struct logs_target *target;
    uint64_t retarget_timer;
    int64_t printed_ts;         /* lines up to this timestamp are out ... */
    size_t printed_at_ts;       /* ... and this many of those stamped exactly then */
};

/* "10m", "90s", "2h", "1d" → ms; -1 if malformed. */
static int64_t parse_duration(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v < 0 || end[0] == '\0' || end[1] != '\0')
        return -1;
    switch (*end) {
    case 's': return v * 1000;
    case 'm': return v * 60000;
    case 'h': return v * 3600000;
    case 'd': return v * 86400000;
    default: return -1;
    }
}

static int usage(FILE *errout, const char *what)
{
    fprintf(errout, "rollwatch logs: %s\n", what);
    return 64;
}

static int parse_opts(int argc, char **argv, struct logs_opts *o, FILE *errout)
{
    static const struct option opts[] = {
        { "group", required_argument, NULL, 'g' }, { "since", required_argument, NULL, 's' },
        { "follow", no_argument, NULL, 'f' }, { "filter", required_argument, NULL, 'r' },
        { "filter-pattern", required_argument, NULL, 'p' },
        { "stream-prefix", required_argument, NULL, 'x' },
        { "container", required_argument, NULL, 'c' },
        { "format", required_argument, NULL, 'o' }, { 0, 0, 0, 0 } };
    memset(o, 0, sizeof *o);
    o->since_ms = 10 * 60000;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "-", opts, NULL)) != -1) { /* "-": SERVICE anywhere */
        switch (c) {
        case 1:
            if (o->service)
                return usage(errout, "name one SERVICE or --group G");
            o->service = optarg;
            break;
        case 'g': o->group = optarg; break;
        case 's':
            if ((o->since_ms = parse_duration(optarg)) < 0)
                return usage(errout, "bad --since (use e.g. 90s, 10m, 2h, 1d)");
            break;
        case 'f': o->follow = 1; break;
        case 'r': o->regex = optarg; break;
        case 'p': o->pattern = optarg; break;
        case 'x': o->prefix = optarg; break;
        case 'c': o->container = optarg; break;
        case 'o':
            if (logfmt_parse(optarg, &o->fmt) < 0)
                return usage(errout, "bad --format (short, detailed or json)");
            break;
        default: return usage(errout, "unknown or incomplete option (see rollwatch --help)");
        }
    }
    if (!o->service == !o->group)
        return usage(errout, "name one SERVICE or --group G");
    if (o->service && o->prefix)
        return usage(errout, "--stream-prefix goes with --group (a service's streams are known)");
    return 0;
}

static void fatal(struct logs_run *r, const struct rw_err *err)
{
    char *clean = rw_redact(err->msg, strlen(err->msg));
    char *safe = logfmt_escape(clean, strlen(clean));
    fprintf(r->errout, "rollwatch logs: %s\n", safe);
    free(safe);
    free(clean);
    r->rc = rw_err_exit_code(err->code);
    rw_loop_stop(r->loop);
}

static void print_line(struct logs_run *r, const struct log_line *l, const char *stream)
{
    if (r->re && pcre2_match(r->re, (PCRE2_SPTR)l->text, l->len, 0, 0, r->md, NULL) < 0)
        return;
    r->fb.len = 0;
    size_t n = logfmt_append(&r->fb, r->o.fmt, l->ts_ms, stream, l->text, l->len, r->escape);
    if (fwrite(r->fb.text, 1, n, r->out) < n && errno == EPIPE)
        rw_loop_stop(r->loop); /* | head: the reader is gone, end quietly */
}

/* A one-shot read prints each line as it is stored: its pages come in
 * timestamp order, and the ring (capped) need not hold the whole window. So
 * does a follow's first read, up to the last overlap before now (where a late
 * event may still land): from there on, it holds lines back like every later
 * poll. After that, a line older than what is already out (a stream read from
 * the window's start after others had moved on) is printed at once: late,
 * but never lost. */
static void on_line(void *ud, const struct log_line *l, const char *stream)
{
    struct logs_run *r = ud;
    if (r->o.follow && !r->polled) {
        if (r->holding || l->ts_ms >= r->poll_mark - tail_overlap(follow_tail(r->f))) {
            r->holding = 1; /* print_final takes it from here, in order */
            return;
        }
        if (l->ts_ms >= r->printed_ts) { /* in order: what is out moves on with it */
            r->printed_at_ts = l->ts_ms == r->printed_ts ? r->printed_at_ts + 1 : 1;
            r->printed_ts = l->ts_ms;
        }
    } else if (r->o.follow && !(r->printed_ts && l->ts_ms < r->printed_ts)) {
        return; /* held back until no poll can put a line before it */
    }
    print_line(r, l, stream);
}

/* Print, in timestamp order, the lines no later poll can put anything before:
 * those older than the next poll's start (all of them once a read is over). */
static void print_final(struct logs_run *r, int all)
{
    struct tail *t = follow_tail(r->f);
    /* final: older than the next poll's start, or than any event not yet seen
     * can be (this poll began after everything older than its start minus the
     * overlap was ingested), so a quiet stream's last lines come out too */
    int64_t since = tail_since(t), quiet = r->poll_mark - tail_overlap(t);
    int64_t bound = all ? INT64_MAX : since > quiet ? since : quiet;
    size_t i = t->ring.n, same = 0;
    while (i > 0 && log_ring_at(&t->ring, i - 1)->ts_ms >= r->printed_ts)
        i--; /* back to the first line at or after what is out */
    for (; i < t->ring.n && log_ring_at(&t->ring, i)->ts_ms == r->printed_ts; i++)
        if (++same > r->printed_at_ts)
            break;
    for (; i < t->ring.n; i++) {
        const struct log_line *l = log_ring_at(&t->ring, i);
        if (l->ts_ms >= bound)
            break;
        r->printed_at_ts = l->ts_ms == r->printed_ts ? r->printed_at_ts + 1 : 1;
        r->printed_ts = l->ts_ms;
        print_line(r, l, log_ring_stream_name(&t->ring, l->stream));
    }
}

static void on_poll(void *ud, size_t n, const struct rw_err *err, int done)
{
    struct logs_run *r = ud;
    (void)n;
    if (!err)
        r->polled = 1;
    if (r->o.follow)
        print_final(r, done);
    r->poll_mark = rw_wall_ms(); /* the next poll starts after this */
    if (fflush(r->out) == EOF && errno == EPIPE) {
        rw_loop_stop(r->loop);
        return;
    }
    if (err && (!r->o.follow || err->code == RW_E_CREDS)) {
        fatal(r, err);
        return;
    }
    if (err) /* following: say so and keep going; the next poll retries */
        fprintf(r->errout, "rollwatch logs: %s (retrying)\n", err->msg);
    if (done)
        rw_loop_stop(r->loop);
}

static void start_follow(struct logs_run *r, const char *group, const char *prefix)
{
    int64_t now = rw_wall_ms();
    r->poll_mark = now;
    struct follow_opts fo = { r->loop, r->sess->client, group, prefix, r->o.pattern,
                              now - r->o.since_ms, r->o.follow ? 0 : now, 0, !r->o.follow };
    r->f = follow_start(&fo, on_poll, r);
    follow_on_line(r->f, on_line, r);
}

static void retarget(struct rw_loop *loop, void *ud);

static void on_target(void *ud, const struct logs_target_result *res, const struct rw_err *err)
{
    struct logs_run *r = ud;
    r->target = NULL;
    if (err && !r->started) {
        fatal(r, err);
        return;
    }
    if (!err) {
        if (!r->started) {
            start_follow(r, res->src->group, NULL);
            r->started = 1;
        }
        /* no task: nothing of this service to read */
        follow_set_streams(r->f, res->streams, res->nstreams);
    }
    if (r->o.follow)
        r->retarget_timer = rw_loop_timer_add(r->loop, RETARGET_MS, 0, retarget, r);
}

static void retarget(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct logs_run *r = ud;
    r->retarget_timer = 0;
    r->target = logs_target_start(r->sess->client, r->cli->cluster, r->o.service,
                                  r->o.container, on_target, r);
}

static int compile_regex(struct logs_run *r)
{
    if (!r->o.regex)
        return 0;
    int code;
    PCRE2_SIZE off;
    r->re = pcre2_compile((PCRE2_SPTR)r->o.regex, PCRE2_ZERO_TERMINATED,
                          PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
    if (!r->re) {
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(code, msg, sizeof msg);
        fprintf(r->errout, "rollwatch logs: bad --filter at %zu: %s\n", (size_t)off, (char *)msg);
        return -1;
    }
    pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
    r->md = pcre2_match_data_create_from_pattern(r->re, NULL);
    return 0;
}

int rw_cmd_logs(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout)
{
    struct logs_run r = { .cli = cli, .out = out, .errout = errout };
    if (parse_opts(argc, argv, &r.o, errout) != 0)
        return 64;
    if (compile_regex(&r) < 0)
        return 64;
    signal(SIGPIPE, SIG_IGN);
    if (!r.o.follow) {
        /* a one-shot read is a run of ~1 MB pages, each with a body and an
         * arena: keep the freed ones for the next page rather than mapping
         * fresh memory each time (a follow, which lives long, keeps the default) */
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 64 << 20);
    }
    r.escape = isatty(fileno(out));
    static char outbuf[1 << 16]; /* a pipe or file: 64 KB writes, not 4 KB */
    if (!r.escape)
        setvbuf(out, outbuf, _IOFBF, sizeof outbuf);
    r.loop = rw_loop_new();
    struct rw_err err;
    struct aws_session_options so = { .loop = r.loop, .profile = cli->profile,
                                      .region = cli->region, .mfa = rw_prompt_mfa };
    if (aws_session_open(&so, &r.sess, &err) < 0) {
        fatal(&r, &err);
    } else {
        if (r.o.group)
            start_follow(&r, r.o.group, r.o.prefix);
        else
            retarget(r.loop, &r);
        rw_loop_run(r.loop);
    }
    logs_target_cancel(r.target);
    if (r.retarget_timer)
        rw_loop_timer_cancel(r.loop, r.retarget_timer);
    follow_free(r.f);
    aws_session_free(r.sess);
    rw_loop_free(r.loop);
    pcre2_match_data_free(r.md);
    pcre2_code_free(r.re);
    logfmt_buf_free(&r.fb);
    return r.rc;
}
