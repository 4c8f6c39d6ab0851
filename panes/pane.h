/* pane: the small class every pane implements. The app draws the frame and
 * title; a pane draws its inside from the model and turns keys into intents.
 * Panes never touch the network. */
#ifndef RW_PANE_H
#define RW_PANE_H

#include <curses.h>
#include <stddef.h>

#include "tui/keymap.h"
#include "tui/layout.h"

/* What a key handler tells the app. */
enum { PANE_UNHANDLED = 0, PANE_HANDLED = 1, PANE_REDRAW = 2 };

struct pane;

struct pane_class {
    const char *name;
    /* Draw the inside of the pane into w (h rows, cols columns, frame excluded). */
    void (*draw)(struct pane *p, WINDOW *w, int h, int cols);
    /* Handle a key (act is its global action, or ACT_NONE); returns PANE_* flags. */
    int (*key)(struct pane *p, int key, enum rw_action act);
    /* Write the pane's title (without its number) into buf. */
    void (*title)(struct pane *p, char *buf, size_t n);
    /* The pane's own bindings, shown in help; may return NULL. */
    const struct keybind *(*help)(struct pane *p, size_t *n);
    /* Free the pane. */
    void (*free)(struct pane *p);
    /* A click at (y, x) inside the pane (frame excluded); NULL if it has no rows
     * to pick. Returns PANE_* flags like key. */
    int (*click)(struct pane *p, int y, int x);
};

struct pane {
    const struct pane_class *cls;
    enum pane_id id;
    int dirty;
};

/* Draw a centred, dimmed empty-state message inside w. */
void pane_draw_empty(WINDOW *w, int h, int cols, const char *msg);
/* Write s into w at (y, x), clipped to width columns, escaping control characters. */
void pane_put(WINDOW *w, int y, int x, int width, const char *s);

/* A pane whose data has not been built yet; it shows title and msg. */
struct pane *pane_placeholder_new(enum pane_id id, const char *title, const char *msg);

#endif
