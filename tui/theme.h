/* theme: colour roles and the theme-file parser. Pure: no curses here, so the
 * parser is unit-tested and fuzzed on its own (tui/color.c applies themes).
 * A theme file maps roles to styles, one per line:
 *     # comment
 *     name = solarized-dark
 *     title = cyan on default bold
 *     error = #dc322f bold
 * Colours: default, the 8 names, bright-NAME, 0-255, or #rrggbb.
 * Attributes: bold dim underline reverse italic blink. */
#ifndef RW_THEME_H
#define RW_THEME_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum rw_role {
    ROLE_NORMAL, ROLE_DIM, ROLE_TITLE, ROLE_TITLE_FOCUS, ROLE_BORDER, ROLE_BORDER_FOCUS,
    ROLE_SELECTED, ROLE_HEADER, ROLE_FOOTER, ROLE_KEY, ROLE_OK, ROLE_WARN, ROLE_ERROR,
    ROLE_INFO, ROLE_STALE, ROLE_ALERT, ROLE_MATCH, ROLE_CHART, ROLE_CHART_WARN,
    ROLE_CHART_CRIT, ROLE_CHART_ALT, ROLE_CMDLINE, ROLE_READONLY,
    ROLE_COUNT
};

#define THEME_DEFAULT_COLOR (-1)
#define THEME_RGB_FLAG 0x1000000  /* colour value holds 0xRRGGBB */

enum { THEME_BOLD = 1, THEME_DIM = 2, THEME_UNDERLINE = 4, THEME_REVERSE = 8,
       THEME_ITALIC = 16, THEME_BLINK = 32 };

struct theme_style {
    int fg, bg;        /* THEME_DEFAULT_COLOR, 0-255, or THEME_RGB_FLAG|rgb */
    unsigned attrs;
};

struct theme {
    char name[64];
    struct theme_style roles[ROLE_COUNT];
};

/* The role's name as written in theme files ("border_focus"), or NULL. */
const char *theme_role_name(enum rw_role role);
/* Fill t with the built-in fallback (used for roles a file leaves out). */
void theme_init_base(struct theme *t);
/* Parse a theme file over t (roles not mentioned keep their value). */
int theme_parse(const char *buf, size_t len, struct theme *t, struct rw_err *err);
/* Map a colour value onto a palette of ncolors (8, 16 or 256); -1 stays -1. */
int theme_color_index(int color, int ncolors);

#endif
