/* color: theme loading and role attributes (see color.h). */
#include "color.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* Generated at build time from the themes/ directory (see the Makefile). */
struct embedded_theme {
    const char *name;
    const char *text;
};
extern const struct embedded_theme rw_embedded_themes[];

static attr_t role_attrs[ROLE_COUNT];

const char *const *color_builtin_names(void)
{
    static const char *names[16];
    size_t n = 0;
    for (size_t i = 0; rw_embedded_themes[i].name && n + 1 < 16; i++)
        names[n++] = rw_embedded_themes[i].name;
    names[n] = NULL;
    return names;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t n;
    *len = 0;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && *len < 1 << 20) {
        buf = xrealloc(buf, *len + n + 1);
        memcpy(buf + *len, chunk, n);
        *len += n;
    }
    fclose(fp);
    if (!buf)
        buf = xcalloc(1, 1);
    return buf;
}

static int parse_named(const char *what, const char *text, size_t len, struct theme *out,
                       struct rw_err *err)
{
    struct theme t;
    theme_init_base(&t);
    if (theme_parse(text, len, &t, err) < 0)
        return rw_err_wrap(err, "theme %s", what);
    *out = t;
    return 0;
}

int color_load_theme(const char *name, struct theme *out, struct rw_err *err)
{
    char *path = NULL;
    if (strchr(name, '/')) {
        path = xstrdup(name);
    } else {
        const char *cfg = getenv("XDG_CONFIG_HOME");
        const char *home = getenv("HOME");
        if (cfg && *cfg)
            path = xasprintf("%s/rollwatch/themes/%s.theme", cfg, name);
        else if (home && *home)
            path = xasprintf("%s/.config/rollwatch/themes/%s.theme", home, name);
    }
    size_t len = 0;
    char *text = path ? read_file(path, &len) : NULL;
    if (text) {
        int rc = parse_named(path, text, len, out, err);
        free(text);
        free(path);
        return rc;
    }
    if (strchr(name, '/')) {
        rw_err_set(err, RW_E_IO, "theme %s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    for (size_t i = 0; rw_embedded_themes[i].name; i++)
        if (strcmp(rw_embedded_themes[i].name, name) == 0)
            return parse_named(name, rw_embedded_themes[i].text,
                               strlen(rw_embedded_themes[i].text), out, err);
    return rw_err_set(err, RW_E_USAGE, "no theme named '%s' (built in: default, light, "
                      "solarized-dark, high-contrast, mono)", name);
}

static attr_t curses_attrs(unsigned a)
{
    attr_t out = A_NORMAL;
    if (a & THEME_BOLD) out |= A_BOLD;
    if (a & THEME_DIM) out |= A_DIM;
    if (a & THEME_UNDERLINE) out |= A_UNDERLINE;
    if (a & THEME_REVERSE) out |= A_REVERSE;
    if (a & THEME_ITALIC) out |= A_ITALIC;
    if (a & THEME_BLINK) out |= A_BLINK;
    return out;
}

void color_apply(const struct theme *t)
{
    const char *nc = getenv("NO_COLOR");
    int use_color = has_colors() && !(nc && *nc);
    int ncolors = COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : 8;
    for (int r = 0; r < ROLE_COUNT; r++) {
        const struct theme_style *s = &t->roles[r];
        role_attrs[r] = curses_attrs(s->attrs);
        if (!use_color || r + 1 >= COLOR_PAIRS)
            continue;
        int fg = theme_color_index(s->fg, ncolors);
        int bg = theme_color_index(s->bg, ncolors);
        if (fg < 0 && bg < 0)
            continue;
        init_pair((short)(r + 1), (short)fg, (short)bg);
        role_attrs[r] |= COLOR_PAIR(r + 1);
    }
}

attr_t color_attr(enum rw_role role)
{
    return (unsigned)role < ROLE_COUNT ? role_attrs[role] : A_NORMAL;
}
