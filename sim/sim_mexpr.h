/* sim_mexpr: the part of CloudWatch metric math the fake cloud evaluates:
 * numbers, ids of other queries, + - * / with the usual precedence, unary
 * minus, parentheses and FILL(series, number). A series is a value and a
 * presence flag per point of the request's time grid; a number is present
 * everywhere. An operation is present where all its operands are (x/0 is
 * absent); FILL makes every point present. Parsing is pure and bounded. */
#ifndef RW_SIM_MEXPR_H
#define RW_SIM_MEXPR_H

#include <stddef.h>

#define SIM_MEXPR_MAX_LEN 1024
#define SIM_MEXPR_MAX_NODES 128
#define SIM_MEXPR_MAX_DEPTH 32
#define SIM_MEXPR_MAX_ID 64

enum sim_mexpr_kind {
    SIM_MX_NUM, SIM_MX_REF, SIM_MX_ADD, SIM_MX_SUB, SIM_MX_MUL, SIM_MX_DIV, SIM_MX_NEG,
    SIM_MX_FILL
};

struct sim_mexpr_node {
    enum sim_mexpr_kind kind;
    double num;                      /* SIM_MX_NUM */
    char ref[SIM_MEXPR_MAX_ID];      /* SIM_MX_REF */
    int a, b;                        /* operands (node indexes), 0 when unused */
};

/* A parsed expression: nodes[root] is the top. */
struct sim_mexpr {
    struct sim_mexpr_node nodes[SIM_MEXPR_MAX_NODES];
    int n, root;
};

/* A series on a grid of npoints: v[i] counts where has[i]. */
struct sim_mexpr_series {
    double *v;
    unsigned char *has;
};

/* Fill out->v/has (allocated for npoints by the caller) with the series named
 * id; 0, or -1 with a message in err (size errlen). */
typedef int (*sim_mexpr_resolve_fn)(void *ctx, const char *id, struct sim_mexpr_series *out,
                                    char *err, size_t errlen);

/* Parse s into *out; 0, or -1 with a message in err (size errlen). */
int sim_mexpr_parse(const char *s, struct sim_mexpr *out, char *err, size_t errlen);
/* Evaluate e over npoints into out (allocated by the caller), looking ids up
 * with resolve; 0, or -1 with a message in err. */
int sim_mexpr_eval(const struct sim_mexpr *e, int npoints, sim_mexpr_resolve_fn resolve,
                   void *ctx, struct sim_mexpr_series *out, char *err, size_t errlen);

#endif
