/* theme: role names, the fallback theme and the theme-file parser. */
#include "theme.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[ROLE_COUNT] = {
    "normal", "dim", "title", "title_focus", "border", "border_focus", "selected",
    "header", "footer", "key", "ok", "warn", "error", "info", "stale", "alert", "match",
    "chart", "chart_warn", "chart_crit", "chart_alt", "cmdline", "readonly",
};

static const char *const color_names[8] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct { const char *name; unsigned bit; } attr_names[] = {
    { "bold", THEME_BOLD }, { "dim", THEME_DIM }, { "underline", THEME_UNDERLINE },
    { "reverse", THEME_REVERSE }, { "italic", THEME_ITALIC }, { "blink", THEME_BLINK },
};

const char *theme_role_name(enum rw_role role)
{
    return (unsigned)role < ROLE_COUNT ? role_names[role] : NULL;
}

void theme_init_base(struct theme *t)
{
    memset(t, 0, sizeof *t);
    strcpy(t->name, "base");
    for (int i = 0; i < ROLE_COUNT; i++)
        t->roles[i] = (struct theme_style){ THEME_DEFAULT_COLOR, THEME_DEFAULT_COLOR, 0 };
    t->roles[ROLE_DIM].attrs = THEME_DIM;
    t->roles[ROLE_TITLE_FOCUS].attrs = THEME_BOLD | THEME_REVERSE;
    t->roles[ROLE_BORDER_FOCUS].attrs = THEME_BOLD;
    t->roles[ROLE_SELECTED].attrs = THEME_REVERSE;
    t->roles[ROLE_HEADER].attrs = THEME_REVERSE;
    t->roles[ROLE_KEY].attrs = THEME_BOLD;
    t->roles[ROLE_ERROR].attrs = THEME_BOLD;
    t->roles[ROLE_ALERT].attrs = THEME_BOLD | THEME_REVERSE;
    t->roles[ROLE_MATCH].attrs = THEME_UNDERLINE;
    t->roles[ROLE_STALE].attrs = THEME_BOLD;
    t->roles[ROLE_READONLY].attrs = THEME_BOLD;
}

static int word_eq(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parse one colour word; returns 0 and sets *out, or -1. */
static int parse_color(const char *s, size_t n, int *out)
{
    if (word_eq(s, n, "default") || word_eq(s, n, "none")) {
        *out = THEME_DEFAULT_COLOR;
        return 0;
    }
    int bright = 0;
    if (n > 7 && (strncasecmp(s, "bright-", 7) == 0 || strncasecmp(s, "bright_", 7) == 0)) {
        bright = 8;
        s += 7;
        n -= 7;
    }
    for (int i = 0; i < 8; i++)
        if (word_eq(s, n, color_names[i])) {
            *out = i + bright;
            return 0;
        }
    if (bright)
        return -1;
    if (n == 7 && s[0] == '#') {
        int rgb = 0;
        for (size_t i = 1; i < 7; i++) {
            int h = hexval(s[i]);
            if (h < 0)
                return -1;
            rgb = rgb * 16 + h;
        }
        *out = THEME_RGB_FLAG | rgb;
        return 0;
    }
    if (n == 0 || n > 3)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v > 255)
        return -1;
    *out = v;
    return 0;
}

/* Apply "fg [on bg] [attr...]" to st. */
static int parse_style(const char *s, size_t n, struct theme_style *st, int line,
                       struct rw_err *err)
{
    struct theme_style out = { THEME_DEFAULT_COLOR, THEME_DEFAULT_COLOR, 0 };
    int have_fg = 0, want_bg = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        size_t j = i;
        while (j < n && !isspace((unsigned char)s[j]))
            j++;
        if (j == i)
            break;
        const char *w = s + i;
        size_t wn = j - i;
        i = j;
        int matched = 0;
        for (size_t a = 0; a < sizeof attr_names / sizeof *attr_names && want_bg != 1; a++)
            if (word_eq(w, wn, attr_names[a].name)) {
                out.attrs |= attr_names[a].bit;
                matched = 1;
            }
        if (matched)
            continue;
        if (word_eq(w, wn, "on") && !want_bg) {
            want_bg = 1;
            continue;
        }
        int c;
        if (parse_color(w, wn, &c) < 0 || (have_fg && !want_bg))
            return rw_err_set(err, RW_E_PARSE, "line %d: unknown colour or attribute '%.*s'",
                              line, (int)(wn > 40 ? 40 : wn), w);
        if (want_bg) {
            out.bg = c;
            want_bg = 2; /* only one background */
        } else {
            out.fg = c;
            have_fg = 1;
        }
    }
    if (want_bg == 1)
        return rw_err_set(err, RW_E_PARSE, "line %d: 'on' needs a background colour", line);
    *st = out;
    return 0;
}

static int parse_line(const char *s, size_t n, struct theme *t, int line, struct rw_err *err)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0 || s[0] == '#' || s[0] == ';')
        return 0;
    const char *eq = memchr(s, '=', n);
    if (!eq)
        return rw_err_set(err, RW_E_PARSE, "line %d: expected 'role = style'", line);
    size_t kn = (size_t)(eq - s);
    while (kn && isspace((unsigned char)s[kn - 1]))
        kn--;
    const char *v = eq + 1;
    size_t vn = n - (size_t)(v - s);
    while (vn && isspace((unsigned char)*v)) {
        v++;
        vn--;
    }
    if (word_eq(s, kn, "name")) {
        size_t m = vn < sizeof t->name - 1 ? vn : sizeof t->name - 1;
        memcpy(t->name, v, m);
        t->name[m] = '\0';
        return 0;
    }
    for (int r = 0; r < ROLE_COUNT; r++)
        if (word_eq(s, kn, role_names[r]))
            return parse_style(v, vn, &t->roles[r], line, err);
    return rw_err_set(err, RW_E_PARSE, "line %d: unknown role '%.*s'", line,
                      (int)(kn > 40 ? 40 : kn), s);
}

int theme_parse(const char *buf, size_t len, struct theme *t, struct rw_err *err)
{
    struct theme work = *t;
    size_t i = 0;
    int line = 0;
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;
        line++;
        if (memchr(buf + i, '\0', n))
            return rw_err_set(err, RW_E_PARSE, "line %d: NUL byte in theme file", line);
        if (parse_line(buf + i, n, &work, line, err) < 0)
            return -1;
        i += n + 1;
    }
    *t = work;
    return 0;
}

static void palette_rgb(int idx, int *r, int *g, int *b)
{
    static const int basic[16][3] = {
        { 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 },
        { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 },
        { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 },
        { 0, 255, 255 }, { 255, 255, 255 },
    };
    static const int steps[6] = { 0, 95, 135, 175, 215, 255 };
    if (idx < 16) {
        *r = basic[idx][0], *g = basic[idx][1], *b = basic[idx][2];
    } else if (idx < 232) {
        idx -= 16;
        *r = steps[idx / 36], *g = steps[idx / 6 % 6], *b = steps[idx % 6];
    } else {
        *r = *g = *b = 8 + (idx - 232) * 10;
    }
}

static int nearest(int r, int g, int b, int ncolors)
{
    int best = 0;
    long best_d = -1;
    int limit = ncolors >= 256 ? 256 : ncolors >= 16 ? 16 : 8;
    for (int i = 0; i < limit; i++) {
        int pr, pg, pb;
        palette_rgb(i, &pr, &pg, &pb);
        long d = (long)(pr - r) * (pr - r) + (long)(pg - g) * (pg - g) + (long)(pb - b) * (pb - b);
        if (best_d < 0 || d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

int theme_color_index(int color, int ncolors)
{
    if (color == THEME_DEFAULT_COLOR)
        return -1;
    if (color & THEME_RGB_FLAG) {
        int rgb = color & 0xffffff;
        return nearest(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff, ncolors);
    }
    if (color < ncolors)
        return color;
    if (color < 16 && ncolors >= 8)
        return color - 8; /* bright-X on an 8-colour terminal: plain X */
    int r, g, b;
    palette_rgb(color, &r, &g, &b);
    return nearest(r, g, b, ncolors);
}
