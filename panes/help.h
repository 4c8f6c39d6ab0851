/* help: the '?' overlay, generated from the key tables (global and the
 * focused pane's), so it always lists every binding. */
#ifndef RW_HELP_H
#define RW_HELP_H

#include <curses.h>
#include <stddef.h>

#include "tui/keymap.h"

/* Number of lines help_draw produces for these tables. */
int help_lines(const struct keybind *pane_keys, size_t npane);
/* Draw the help text into w (h x cols), starting at line scroll. */
void help_draw(WINDOW *w, int h, int cols, const char *pane_name,
               const struct keybind *pane_keys, size_t npane, int scroll);

#endif
