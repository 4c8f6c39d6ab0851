/* keymap: keys are data. One table maps keys to actions; the same table
 * generates the '?' help overlay, so help cannot drift from the bindings. */
#ifndef RW_KEYMAP_H
#define RW_KEYMAP_H

#include <stddef.h>

enum rw_action {
    ACT_NONE, ACT_QUIT, ACT_HELP, ACT_CMDLINE, ACT_FOCUS_NEXT, ACT_FOCUS_PREV,
    ACT_FOCUS_1, ACT_FOCUS_2, ACT_FOCUS_3, ACT_FOCUS_4, ACT_FOCUS_5, ACT_FOCUS_6,
    ACT_ZOOM, ACT_BACK, ACT_SELECT, ACT_REDRAW,
    ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM,
    ACT_COUNT
};

struct keybind {
    int key;              /* curses key code or character */
    const char *label;    /* as shown in help: "Tab", "S-Tab", "^L" */
    enum rw_action action;
    const char *what;     /* help text; NULL: the action's own */
};

struct keyhelp {
    const char *keys;     /* labels of every key bound to the action */
    const char *what;     /* what the action does */
};

/* The action bound to key in the global table, or ACT_NONE. */
enum rw_action keymap_lookup(int key);
/* The global binding table; *n receives its length. */
const struct keybind *keymap_table(size_t *n);
/* One help line per action of table (labels joined); caller frees with keymap_help_free. */
struct keyhelp *keymap_help(const struct keybind *table, size_t n, size_t *nout);
/* Free what keymap_help returned. */
void keymap_help_free(struct keyhelp *h, size_t n);
/* What an action does, for help. */
const char *keymap_action_help(enum rw_action act);

#endif
