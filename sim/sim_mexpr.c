/* sim_mexpr: a recursive-descent parser and a grid evaluator for the metric
 * math subset (see sim_mexpr.h). */
#include "sim_mexpr.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

struct parser {
    const char *s;
    size_t pos;
    struct sim_mexpr *e;
    int depth;
    char *err;
    size_t errlen;
    int failed;
};

static int fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct parser *p, const char *fmt, ...)
{
    if (!p->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err, p->errlen, fmt, ap);
        va_end(ap);
    }
    p->failed = 1;
    return -1;
}

static void skip_space(struct parser *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t')
        p->pos++;
}

static int node(struct parser *p, enum sim_mexpr_kind kind, int a, int b)
{
    if (a < 0 || b < 0)
        return -1;
    if (p->e->n == SIM_MEXPR_MAX_NODES)
        return fail(p, "the expression has more than %d terms", SIM_MEXPR_MAX_NODES);
    struct sim_mexpr_node *n = &p->e->nodes[p->e->n];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->a = a;
    n->b = b;
    return p->e->n++;
}

static int expr(struct parser *p);

static int number(struct parser *p)
{
    char *end;
    double v = strtod(p->s + p->pos, &end);
    if (end == p->s + p->pos || !isfinite(v))
        return fail(p, "a bad number at position %zu", p->pos + 1);
    p->pos = (size_t)(end - p->s);
    int i = node(p, SIM_MX_NUM, 0, 0);
    if (i >= 0)
        p->e->nodes[i].num = v;
    return i;
}

/* FILL(series, number): the name is read already. */
static int fill_call(struct parser *p)
{
    int a = expr(p);
    skip_space(p);
    if (a < 0 || p->s[p->pos] != ',')
        return a < 0 ? -1 : fail(p, "FILL takes a series and a number");
    p->pos++;
    int b = expr(p);
    skip_space(p);
    if (b < 0 || p->s[p->pos] != ')')
        return b < 0 ? -1 : fail(p, "FILL takes a series and a number");
    p->pos++;
    return node(p, SIM_MX_FILL, a, b);
}

static int name(struct parser *p)
{
    size_t start = p->pos;
    while (isalnum((unsigned char)p->s[p->pos]) || p->s[p->pos] == '_')
        p->pos++;
    size_t len = p->pos - start;
    skip_space(p);
    if (p->s[p->pos] == '(') {
        p->pos++;
        if (len == 4 && strncmp(p->s + start, "FILL", 4) == 0)
            return fill_call(p);
        return fail(p, "the function %.*s is not supported by rollwatch sim (only FILL)",
                    (int)(len < 32 ? len : 32), p->s + start);
    }
    if (len >= SIM_MEXPR_MAX_ID || !islower((unsigned char)p->s[start]))
        return fail(p, "unknown name %.*s", (int)(len < 32 ? len : 32), p->s + start);
    int i = node(p, SIM_MX_REF, 0, 0);
    if (i >= 0)
        snprintf(p->e->nodes[i].ref, SIM_MEXPR_MAX_ID, "%.*s", (int)len, p->s + start);
    return i;
}

static int primary(struct parser *p)
{
    skip_space(p);
    char c = p->s[p->pos];
    if (c == '(') {
        p->pos++;
        int i = expr(p);
        skip_space(p);
        if (i < 0)
            return -1;
        if (p->s[p->pos] != ')')
            return fail(p, "a missing ) at position %zu", p->pos + 1);
        p->pos++;
        return i;
    }
    if (isdigit((unsigned char)c) || c == '.')
        return number(p);
    if (isalpha((unsigned char)c))
        return name(p);
    return c ? fail(p, "unexpected '%c' at position %zu", isprint((unsigned char)c) ? c : '?',
                    p->pos + 1)
             : fail(p, "the expression ends too early");
}

static int unary(struct parser *p)
{
    skip_space(p);
    if (p->s[p->pos] != '-')
        return primary(p);
    p->pos++;
    if (++p->depth > SIM_MEXPR_MAX_DEPTH)
        return fail(p, "the expression is nested too deeply");
    int a = unary(p);
    p->depth--;
    return node(p, SIM_MX_NEG, a, 0);
}

static int term(struct parser *p)
{
    int a = unary(p);
    for (skip_space(p); a >= 0 && (p->s[p->pos] == '*' || p->s[p->pos] == '/'); skip_space(p)) {
        enum sim_mexpr_kind k = p->s[p->pos++] == '*' ? SIM_MX_MUL : SIM_MX_DIV;
        a = node(p, k, a, unary(p));
    }
    return a;
}

static int expr(struct parser *p)
{
    if (++p->depth > SIM_MEXPR_MAX_DEPTH)
        return fail(p, "the expression is nested too deeply");
    int a = term(p);
    for (skip_space(p); a >= 0 && (p->s[p->pos] == '+' || p->s[p->pos] == '-'); skip_space(p)) {
        enum sim_mexpr_kind k = p->s[p->pos++] == '+' ? SIM_MX_ADD : SIM_MX_SUB;
        a = node(p, k, a, term(p));
    }
    p->depth--;
    return a;
}

int sim_mexpr_parse(const char *s, struct sim_mexpr *out, char *err, size_t errlen)
{
    struct parser p = { s ? s : "", 0, out, 0, err, errlen, 0 };
    out->n = 0;
    out->root = -1;
    if (strlen(p.s) > SIM_MEXPR_MAX_LEN)
        return fail(&p, "the expression is longer than %d characters", SIM_MEXPR_MAX_LEN);
    int root = expr(&p);
    skip_space(&p);
    if (root >= 0 && p.s[p.pos])
        root = fail(&p, "unexpected '%c' at position %zu",
                    isprint((unsigned char)p.s[p.pos]) ? p.s[p.pos] : '?', p.pos + 1);
    if (root < 0 && !p.failed)
        fail(&p, "a malformed expression");
    out->root = root;
    return root < 0 ? -1 : 0;
}

static double apply(enum sim_mexpr_kind k, double a, double b, int *ok)
{
    switch (k) {
    case SIM_MX_ADD: return a + b;
    case SIM_MX_SUB: return a - b;
    case SIM_MX_MUL: return a * b;
    case SIM_MX_DIV: *ok = b != 0; return b != 0 ? a / b : 0;
    default: return -a;
    }
}

struct evaluator {
    const struct sim_mexpr *e;
    int npoints;
    sim_mexpr_resolve_fn resolve;
    void *ctx;
    char *err;
    size_t errlen;
};

static int eval_node(struct evaluator *ev, int i, struct sim_mexpr_series *out)
{
    const struct sim_mexpr_node *n = &ev->e->nodes[i];
    size_t np = (size_t)ev->npoints;
    if (n->kind == SIM_MX_NUM) {
        for (size_t k = 0; k < np; k++)
            out->v[k] = n->num, out->has[k] = 1;
        return 0;
    }
    if (n->kind == SIM_MX_REF)
        return ev->resolve(ev->ctx, n->ref, out, ev->err, ev->errlen);
    if (eval_node(ev, n->a, out) < 0)
        return -1;
    if (n->kind == SIM_MX_NEG) {
        for (size_t k = 0; k < np; k++)
            out->v[k] = -out->v[k];
        return 0;
    }
    struct sim_mexpr_series b = { xcalloc(np ? np : 1, sizeof *b.v), xcalloc(np ? np : 1, 1) };
    int rc = eval_node(ev, n->b, &b);
    for (size_t k = 0; rc == 0 && k < np; k++) {
        int ok = 1;
        if (n->kind == SIM_MX_FILL) {
            out->v[k] = out->has[k] ? out->v[k] : b.v[k];
            out->has[k] = out->has[k] || b.has[k];
            continue;
        }
        out->v[k] = apply(n->kind, out->v[k], b.v[k], &ok);
        out->has[k] = out->has[k] && b.has[k] && ok && isfinite(out->v[k]);
    }
    free(b.v);
    free(b.has);
    return rc;
}

int sim_mexpr_eval(const struct sim_mexpr *e, int npoints, sim_mexpr_resolve_fn resolve,
                   void *ctx, struct sim_mexpr_series *out, char *err, size_t errlen)
{
    struct evaluator ev = { e, npoints, resolve, ctx, err, errlen };
    if (e->root < 0) {
        snprintf(err, errlen, "an empty expression");
        return -1;
    }
    return eval_node(&ev, e->root, out);
}
