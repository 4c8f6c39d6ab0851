/* help: the key-binding overlay (see help.h). */
#include "help.h"

#include <stdio.h>

#include "pane.h"
#include "tui/color.h"

/* Draw (or just count, when w is NULL) one section; returns lines used. */
static int section(WINDOW *w, int y, int h, int cols, const char *heading,
                   const struct keybind *tab, size_t n)
{
    size_t nh;
    struct keyhelp *kh = keymap_help(tab, n, &nh);
    int lines = 0;
    if (w && y >= 0 && y < h) {
        wattrset(w, color_attr(ROLE_TITLE));
        pane_put(w, y, 1, cols - 2, heading);
    }
    lines++;
    for (size_t i = 0; i < nh; i++, lines++) {
        int row = y + lines;
        if (!w || row < 0 || row >= h)
            continue;
        wattrset(w, color_attr(ROLE_KEY));
        pane_put(w, row, 2, 18, kh[i].keys);
        wattrset(w, color_attr(ROLE_NORMAL));
        pane_put(w, row, 21, cols - 22, kh[i].what);
    }
    keymap_help_free(kh, nh);
    return lines + 1;
}

int help_lines(const struct keybind *pane_keys, size_t npane)
{
    size_t n;
    const struct keybind *g = keymap_table(&n);
    int lines = section(NULL, 0, 0, 0, "", g, n);
    if (pane_keys && npane)
        lines += section(NULL, 0, 0, 0, "", pane_keys, npane);
    return lines;
}

void help_draw(WINDOW *w, int h, int cols, const char *pane_name,
               const struct keybind *pane_keys, size_t npane, int scroll)
{
    size_t n;
    const struct keybind *g = keymap_table(&n);
    int y = -scroll;
    y += section(w, y, h, cols, "Everywhere", g, n);
    if (pane_keys && npane) {
        char head[64];
        snprintf(head, sizeof head, "In %s", pane_name);
        section(w, y, h, cols, head, pane_keys, npane);
    }
}
