/* sim_logs_pattern: filter patterns: the dispatch on the pattern's first
 * character, plain terms and regular expressions (PCRE2, with match limits so
 * a hostile expression cannot stall the server). JSON patterns are in
 * sim_logs_pjson.c. See sim_logs_pattern.h for the syntax. */
#include "sim_logs_pattern_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

#define RE_MATCH_LIMIT 100000
#define RE_DEPTH_LIMIT 1000

int pat_invalid(struct rw_err *err, const char *why)
{
    return rw_err_set(err, RW_E_USAGE, "Invalid filter pattern: %s", why);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int pat_quoted(struct sim_logs_pattern *p, const char *s, size_t n, size_t *i, size_t *off,
               size_t *len)
{
    size_t k = *i + 1;
    *off = p->nbuf;
    for (; k < n && s[k] != '"'; k++) {
        if (s[k] == '\\' && k + 1 < n)
            k++;
        p->buf[p->nbuf++] = s[k];
    }
    if (k >= n)
        return -1;
    *len = p->nbuf - *off;
    p->buf[p->nbuf++] = '\0';
    *i = k + 1;
    return 0;
}

static int regex_char_ok(unsigned char c)
{
    return c && (isalnum(c) || strchr("_#=@/;,-: ^$?[]{}|\\*+.", c));
}

int pat_regex(struct sim_logs_pattern *p, const char *s, size_t n, struct rw_err *err)
{
    if (p->nre == PAT_MAX_RE)
        return pat_invalid(err, "more than 2 regular expressions");
    if (n == 0)
        return pat_invalid(err, "empty regular expression");
    for (size_t i = 0; i < n; i++)
        if (!regex_char_ok((unsigned char)s[i]))
            return pat_invalid(err, "unsupported character in regular expression");
    int code;
    PCRE2_SIZE at;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)s, n, 0, &code, &at, NULL);
    if (!re)
        return pat_invalid(err, "bad regular expression");
    if (!p->md) {
        p->md = pcre2_match_data_create(1, NULL);
        p->mctx = pcre2_match_context_create(NULL);
        if (!p->md || !p->mctx)
            rw_die("out of memory compiling a filter pattern");
        pcre2_set_match_limit(p->mctx, RE_MATCH_LIMIT);
        pcre2_set_depth_limit(p->mctx, RE_DEPTH_LIMIT);
    }
    p->re[p->nre] = re;
    return p->nre++;
}

int pat_regex_match(const struct sim_logs_pattern *p, int re, const char *subject, size_t len)
{
    return pcre2_match(p->re[re], (PCRE2_SPTR)subject, len, 0, 0, p->md, p->mctx) >= 0;
}

/* The whole pattern is %regex% (trailing blanks allowed). */
static int compile_regex(struct sim_logs_pattern *p, const char *s, size_t n,
                         struct rw_err *err)
{
    while (n && is_space(s[n - 1]))
        n--;
    if (n < 2 || s[n - 1] != '%')
        return pat_invalid(err, "a regular expression must end with %");
    return pat_regex(p, s + 1, n - 2, err) < 0 ? -1 : 0;
}

/* One term at s[*i]: [-|?] then "quoted" or bare letters, digits and '_'. */
static int compile_term(struct sim_logs_pattern *p, const char *s, size_t n, size_t *i,
                        struct rw_err *err)
{
    if (p->nterms == PAT_MAX_TERMS)
        return pat_invalid(err, "too many terms");
    struct pat_term *t = &p->terms[p->nterms];
    size_t k = *i;
    t->mode = s[k] == '-' ? TERM_NOT : s[k] == '?' ? TERM_ANY : TERM_ALL;
    k += t->mode != TERM_ALL;
    if (k < n && s[k] == '"') {
        if (pat_quoted(p, s, n, &k, &t->off, &t->len) < 0)
            return pat_invalid(err, "unterminated quoted term");
        if (k < n && !is_space(s[k]))
            return pat_invalid(err, "a quoted term must be followed by a space");
    } else {
        t->off = p->nbuf;
        for (; k < n && !is_space(s[k]); k++) {
            if (!isalnum((unsigned char)s[k]) && s[k] != '_')
                return pat_invalid(err, "invalid character(s) in term; quote it");
            p->buf[p->nbuf++] = s[k];
        }
        t->len = p->nbuf - t->off;
        p->buf[p->nbuf++] = '\0';
    }
    if (t->len == 0)
        return pat_invalid(err, "empty term");
    p->nany += t->mode == TERM_ANY;
    p->nterms++;
    *i = k;
    return 0;
}

static int compile_terms(struct sim_logs_pattern *p, const char *s, size_t n,
                         struct rw_err *err)
{
    for (size_t i = 0;;) {
        while (i < n && is_space(s[i]))
            i++;
        if (i == n)
            return 0;
        if (compile_term(p, s, n, &i, err) < 0)
            return -1;
    }
}

int sim_logs_pattern_compile(const char *text, size_t len, struct sim_logs_pattern **out,
                             struct rw_err *err)
{
    *out = NULL;
    if (len > SIM_LOGS_PATTERN_MAX)
        return pat_invalid(err, "longer than 1024 characters");
    if (len && memchr(text, '\0', len))
        return pat_invalid(err, "NUL character");
    struct sim_logs_pattern *p = xcalloc(1, sizeof *p);
    p->buf = xmalloc(len * 2 + 2);
    size_t i = 0;
    while (i < len && is_space(text[i]))
        i++;
    int rc = 0;
    if (i == len)
        p->kind = PAT_ALL;
    else if (text[i] == '{')
        p->kind = PAT_JSON, rc = pat_json_compile(p, text + i, len - i, err);
    else if (text[i] == '%')
        p->kind = PAT_REGEX, rc = compile_regex(p, text + i, len - i, err);
    else if (text[i] == '[')
        rc = pat_invalid(err, "space-delimited patterns are not supported");
    else
        p->kind = PAT_TERMS, rc = compile_terms(p, text, len, err);
    if (rc < 0) {
        sim_logs_pattern_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

static int match_terms(const struct sim_logs_pattern *p, const char *msg, size_t len)
{
    int any = 0;
    for (int i = 0; i < p->nterms; i++) {
        const struct pat_term *t = &p->terms[i];
        int found = memmem(msg, len, p->buf + t->off, t->len) != NULL;
        if ((t->mode == TERM_ALL && !found) || (t->mode == TERM_NOT && found))
            return 0;
        any |= t->mode == TERM_ANY && found;
    }
    return p->nany == 0 || any;
}

int sim_logs_pattern_match(const struct sim_logs_pattern *p, const char *msg, size_t len)
{
    switch (p->kind) {
    case PAT_TERMS:
        return match_terms(p, msg, len);
    case PAT_REGEX:
        return pat_regex_match(p, 0, msg, len);
    case PAT_JSON:
        return pat_json_match(p, msg, len);
    default:
        return 1;
    }
}

void sim_logs_pattern_free(struct sim_logs_pattern *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->nre; i++)
        pcre2_code_free(p->re[i]);
    pcre2_match_data_free(p->md);
    pcre2_match_context_free(p->mctx);
    free(p->buf);
    free(p);
}
