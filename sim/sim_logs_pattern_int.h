/* sim_logs_pattern_int: private to the sim_logs_pattern module
 * (sim/sim_logs_pattern.c for terms and regular expressions,
 * sim/sim_logs_pjson.c for JSON patterns); others include sim_logs_pattern.h. */
#ifndef RW_SIM_LOGS_PATTERN_INT_H
#define RW_SIM_LOGS_PATTERN_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

#include "sim_logs_pattern.h"

#define PAT_MAX_TERMS 64
#define PAT_MAX_NODES 96
#define PAT_MAX_SEGS 128
#define PAT_MAX_RE 2      /* AWS: at most two regular expressions per pattern */
#define PAT_MAX_DEPTH 16  /* nested parentheses */

enum pat_kind { PAT_ALL, PAT_TERMS, PAT_REGEX, PAT_JSON };
enum pat_mode { TERM_ALL, TERM_ANY, TERM_NOT };
enum pat_node_kind { PN_AND, PN_OR, PN_CMP };
enum pat_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_NULL, OP_TRUE, OP_FALSE, OP_ABSENT };
enum pat_value { PV_NONE, PV_NUM, PV_STR, PV_RE };

struct pat_term {
    size_t off, len; /* in buf */
    int mode;
};

/* A selector step: an object key (off/len in buf, NUL after) or an array index. */
struct pat_seg {
    size_t off, len;
    long index;      /* -1 for a key */
};

struct pat_node {
    int kind, left, right;          /* PN_AND / PN_OR: children */
    int op, vkind, seg0, nseg, re;  /* PN_CMP */
    double num;
    size_t off, len;                /* PV_STR: the value in buf */
};

struct sim_logs_pattern {
    int kind;
    char *buf;                      /* decoded strings, NUL-separated */
    size_t nbuf;
    struct pat_term terms[PAT_MAX_TERMS];
    int nterms, nany;
    struct pat_node nodes[PAT_MAX_NODES];
    int nnodes, root;
    struct pat_seg segs[PAT_MAX_SEGS];
    int nsegs;
    pcre2_code *re[PAT_MAX_RE];
    int nre;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
};

/* Set err to "Invalid filter pattern: why" (RW_E_USAGE); returns -1. */
int pat_invalid(struct rw_err *err, const char *why);
/* Decode the "quoted" string starting at s[*i] (a '"') into p->buf; its
 * offset and length in *off and *len, *i past the closing quote. 0 or -1. */
int pat_quoted(struct sim_logs_pattern *p, const char *s, size_t n, size_t *i, size_t *off,
               size_t *len);
/* Compile the regular expression s[0, n) into a new slot of p; the slot or -1. */
int pat_regex(struct sim_logs_pattern *p, const char *s, size_t n, struct rw_err *err);
/* Whether regex slot re finds a match in subject[0, len). */
int pat_regex_match(const struct sim_logs_pattern *p, int re, const char *subject, size_t len);
/* Compile the JSON pattern s[0, n) (starting at '{') into p. 0 or -1. */
int pat_json_compile(struct sim_logs_pattern *p, const char *s, size_t n, struct rw_err *err);
/* Whether msg[0, len) is a JSON object the compiled JSON pattern accepts. */
int pat_json_match(const struct sim_logs_pattern *p, const char *msg, size_t len);

#endif
