/* sim_logs_pjson: JSON filter patterns ({ $.level = "error" && $.status >= 500 }):
 * a recursive-descent parser into a small node array (|| over && over
 * comparisons and parentheses), and its evaluation over a message parsed with
 * cJSON. Part of the sim_logs_pattern module. */
#include "sim_logs_pattern_int.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct jp {
    struct sim_logs_pattern *p;
    const char *s;
    size_t n, i;
    int depth;
    struct rw_err *err;
};

static int parse_or(struct jp *j);

static void skip_ws(struct jp *j)
{
    while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' ||
                           j->s[j->i] == '\r'))
        j->i++;
}

/* Skip blanks, then consume lit if it comes next. */
static int eat(struct jp *j, const char *lit)
{
    size_t l = strlen(lit);
    skip_ws(j);
    if (j->n - j->i < l || memcmp(j->s + j->i, lit, l) != 0)
        return 0;
    j->i += l;
    return 1;
}

static int new_node(struct jp *j, int kind)
{
    if (j->p->nnodes == PAT_MAX_NODES)
        return pat_invalid(j->err, "JSON pattern too complex");
    struct pat_node *nd = &j->p->nodes[j->p->nnodes];
    memset(nd, 0, sizeof *nd);
    nd->kind = kind;
    return j->p->nnodes++;
}

static int ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '@';
}

/* $.key.key[3]...: at least one step. */
static int parse_selector(struct jp *j, struct pat_node *nd)
{
    struct sim_logs_pattern *p = j->p;
    if (!eat(j, "$"))
        return pat_invalid(j->err, "a JSON condition starts with $.");
    nd->seg0 = p->nsegs;
    for (;;) {
        if (p->nsegs == PAT_MAX_SEGS)
            return pat_invalid(j->err, "selector too long");
        struct pat_seg *g = &p->segs[p->nsegs];
        size_t k = j->i;
        if (k < j->n && j->s[k] == '.') {
            for (k++; k < j->n && ident_char(j->s[k]); k++)
                ;
            if (k == j->i + 1)
                return pat_invalid(j->err, "empty selector key");
            g->off = p->nbuf, g->len = k - j->i - 1, g->index = -1;
            memcpy(p->buf + p->nbuf, j->s + j->i + 1, g->len);
            p->nbuf += g->len;
            p->buf[p->nbuf++] = '\0';
        } else if (k < j->n && j->s[k] == '[') {
            long v = 0;
            for (k++; k < j->n && isdigit((unsigned char)j->s[k]) && v < 100000; k++)
                v = v * 10 + (j->s[k] - '0');
            if (k == j->i + 1 || k >= j->n || j->s[k] != ']')
                return pat_invalid(j->err, "bad array index in selector");
            g->index = v, k++;
        } else {
            break;
        }
        j->i = k;
        p->nsegs++;
    }
    nd->nseg = p->nsegs - nd->seg0;
    return nd->nseg ? 0 : pat_invalid(j->err, "a JSON condition starts with $.");
}

static int parse_op(struct jp *j, struct pat_node *nd)
{
    static const struct { const char *lit; int op; } ops[] = {
        { "!=", OP_NE }, { "<=", OP_LE }, { ">=", OP_GE }, { "=", OP_EQ }, { "<", OP_LT },
        { ">", OP_GT },
    };
    for (size_t k = 0; k < sizeof ops / sizeof *ops; k++)
        if (eat(j, ops[k].lit)) {
            nd->op = ops[k].op;
            return 0;
        }
    if (eat(j, "IS ") || eat(j, "IS\t")) {
        nd->op = eat(j, "NULL")   ? OP_NULL
                 : eat(j, "TRUE")  ? OP_TRUE
                 : eat(j, "FALSE") ? OP_FALSE : -1;
        return nd->op < 0 ? pat_invalid(j->err, "IS takes NULL, TRUE or FALSE") : 0;
    }
    if (eat(j, "NOT ") && eat(j, "EXISTS")) {
        nd->op = OP_ABSENT;
        return 0;
    }
    return pat_invalid(j->err, "expected a comparison operator");
}

/* A bare value: a number (no exponent, as AWS) or a word. */
static int parse_bare(struct jp *j, struct pat_node *nd)
{
    size_t k = j->i;
    while (k < j->n && (ident_char(j->s[k]) || strchr(".*/:", j->s[k])))
        k++;
    if (k == j->i)
        return pat_invalid(j->err, "expected a value");
    const char *v = j->s + j->i;
    size_t l = k - j->i, d = v[0] == '-', dot = 0, digits = 0;
    for (size_t m = d; m < l; m++)
        digits += isdigit((unsigned char)v[m]) != 0, dot += v[m] == '.';
    if (digits && digits + dot == l - d && dot <= 1 && v[l - 1] != '.' && v[d] != '.') {
        char num[64];
        if (l >= sizeof num)
            return pat_invalid(j->err, "number too long");
        memcpy(num, v, l);
        num[l] = '\0';
        nd->vkind = PV_NUM, nd->num = strtod(num, NULL);
    } else {
        nd->vkind = PV_STR, nd->off = j->p->nbuf, nd->len = l;
        memcpy(j->p->buf + j->p->nbuf, v, l);
        j->p->nbuf += l;
        j->p->buf[j->p->nbuf++] = '\0';
    }
    j->i = k;
    return 0;
}

static int parse_value(struct jp *j, struct pat_node *nd)
{
    skip_ws(j);
    if (j->i < j->n && j->s[j->i] == '"') {
        nd->vkind = PV_STR;
        if (pat_quoted(j->p, j->s, j->n, &j->i, &nd->off, &nd->len) < 0)
            return pat_invalid(j->err, "unterminated string");
    } else if (j->i < j->n && j->s[j->i] == '%') {
        const char *end = memchr(j->s + j->i + 1, '%', j->n - j->i - 1);
        if (!end)
            return pat_invalid(j->err, "unterminated regular expression");
        nd->vkind = PV_RE;
        nd->re = pat_regex(j->p, j->s + j->i + 1, (size_t)(end - j->s - j->i - 1), j->err);
        if (nd->re < 0)
            return -1;
        j->i = (size_t)(end - j->s) + 1;
    } else if (parse_bare(j, nd) < 0) {
        return -1;
    }
    if (nd->vkind != PV_NUM && nd->op != OP_EQ && nd->op != OP_NE)
        return pat_invalid(j->err, "only = and != compare strings");
    return 0;
}

static int parse_cmp(struct jp *j)
{
    int k = new_node(j, PN_CMP);
    if (k < 0)
        return -1;
    struct pat_node *nd = &j->p->nodes[k];
    if (parse_selector(j, nd) < 0 || parse_op(j, nd) < 0)
        return -1;
    if (nd->op >= OP_NULL)
        return k;
    return parse_value(j, nd) < 0 ? -1 : k;
}

static int parse_unary(struct jp *j)
{
    if (!eat(j, "("))
        return parse_cmp(j);
    if (++j->depth > PAT_MAX_DEPTH)
        return pat_invalid(j->err, "parentheses nested too deep");
    int k = parse_or(j);
    j->depth--;
    if (k >= 0 && !eat(j, ")"))
        return pat_invalid(j->err, "missing )");
    return k;
}

static int parse_bin(struct jp *j, int kind)
{
    int left = kind == PN_OR ? parse_bin(j, PN_AND) : parse_unary(j);
    while (left >= 0 && eat(j, kind == PN_OR ? "||" : "&&")) {
        int right = kind == PN_OR ? parse_bin(j, PN_AND) : parse_unary(j);
        int k = right < 0 ? -1 : new_node(j, kind);
        if (k < 0)
            return -1;
        j->p->nodes[k].left = left, j->p->nodes[k].right = right;
        left = k;
    }
    return left;
}

static int parse_or(struct jp *j)
{
    return parse_bin(j, PN_OR);
}

int pat_json_compile(struct sim_logs_pattern *p, const char *s, size_t n, struct rw_err *err)
{
    struct jp j = { p, s, n, 0, 0, err };
    if (!eat(&j, "{"))
        return pat_invalid(err, "a JSON pattern starts with {");
    p->root = parse_or(&j);
    if (p->root < 0)
        return -1;
    if (!eat(&j, "}"))
        return pat_invalid(err, "a JSON pattern ends with }");
    skip_ws(&j);
    return j.i == n ? 0 : pat_invalid(err, "text after the JSON pattern");
}

/* ---- evaluation ---- */

/* Whether s matches pat, where '*' in pat matches any run of characters. */
static int glob(const char *pat, size_t pl, const char *s)
{
    size_t pi = 0, si = 0, star = (size_t)-1, mark = 0, sl = strlen(s);
    while (si < sl) {
        if (pi < pl && pat[pi] == '*') {
            star = pi++, mark = si;
        } else if (pi < pl && pat[pi] == s[si]) {
            pi++, si++;
        } else if (star != (size_t)-1) {
            pi = star + 1, si = ++mark;
        } else {
            return 0;
        }
    }
    while (pi < pl && pat[pi] == '*')
        pi++;
    return pi == pl;
}

static const cJSON *select_field(const struct sim_logs_pattern *p, const struct pat_node *nd,
                                 const cJSON *v)
{
    for (int k = 0; v && k < nd->nseg; k++) {
        const struct pat_seg *g = &p->segs[nd->seg0 + k];
        if (g->index >= 0)
            v = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, (int)g->index) : NULL;
        else
            v = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, p->buf + g->off) : NULL;
    }
    return v;
}

static int compare(const struct sim_logs_pattern *p, const struct pat_node *nd, const cJSON *v)
{
    if (nd->op == OP_ABSENT || !v)
        return nd->op == OP_ABSENT && !v;
    if (nd->op == OP_NULL || nd->op == OP_TRUE || nd->op == OP_FALSE)
        return nd->op == OP_NULL ? cJSON_IsNull(v) : nd->op == OP_TRUE ? cJSON_IsTrue(v)
                                                                        : cJSON_IsFalse(v);
    if (nd->vkind == PV_NUM) {
        if (!cJSON_IsNumber(v))
            return 0;
        double a = v->valuedouble, b = nd->num;
        switch (nd->op) {
        case OP_EQ: return a == b;
        case OP_NE: return a != b;
        case OP_LT: return a < b;
        case OP_LE: return a <= b;
        case OP_GT: return a > b;
        default: return a >= b;
        }
    }
    if (!cJSON_IsString(v))
        return 0;
    int m = nd->vkind == PV_RE ? pat_regex_match(p, nd->re, v->valuestring, strlen(v->valuestring))
                               : glob(p->buf + nd->off, nd->len, v->valuestring);
    return nd->op == OP_EQ ? m : !m;
}

static int eval(const struct sim_logs_pattern *p, int k, const cJSON *root)
{
    const struct pat_node *nd = &p->nodes[k];
    if (nd->kind == PN_AND)
        return eval(p, nd->left, root) && eval(p, nd->right, root);
    if (nd->kind == PN_OR)
        return eval(p, nd->left, root) || eval(p, nd->right, root);
    return compare(p, nd, select_field(p, nd, root));
}

int pat_json_match(const struct sim_logs_pattern *p, const char *msg, size_t len)
{
    size_t i = 0;
    while (i < len && (msg[i] == ' ' || msg[i] == '\t'))
        i++;
    if (i == len || msg[i] != '{')
        return 0;
    cJSON *root = cJSON_ParseWithLengthOpts(msg, len, NULL, 0);
    int ok = cJSON_IsObject(root) && eval(p, p->root, root);
    cJSON_Delete(root);
    return ok;
}
