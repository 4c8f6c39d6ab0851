/* color: the theme loader and colour roles for drawing. Code asks for a role
 * (ROLE_ERROR); the loaded theme decides what that looks like. NO_COLOR, 8-
 * and 256-colour terminals degrade gracefully. */
#ifndef RW_COLOR_H
#define RW_COLOR_H

#include <curses.h>

#include "core/err.h"
#include "theme.h"

/* Load theme NAME (a path, $XDG_CONFIG_HOME/rollwatch/themes/NAME.theme, or
 * a built-in) into out, over the base theme. */
int color_load_theme(const char *name, struct theme *out, struct rw_err *err);
/* Make t the active theme (init_pair for each role); NO_COLOR forces attributes only. */
void color_apply(const struct theme *t);
/* The curses attributes for a role under the active theme. */
attr_t color_attr(enum rw_role role);
/* Names of the built-in themes, NULL-terminated. */
const char *const *color_builtin_names(void);

#endif
