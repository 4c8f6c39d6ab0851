/* keymap: the global key table and help generation (see keymap.h). */
#include "keymap.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static const struct keybind table[] = {
    { 'q', "q", ACT_QUIT, NULL },
    { '?', "?", ACT_HELP, NULL },
    { ':', ":", ACT_CMDLINE, NULL },
    { '\t', "Tab", ACT_FOCUS_NEXT, NULL },
    { KEY_BTAB, "S-Tab", ACT_FOCUS_PREV, NULL },
    { '1', "1", ACT_FOCUS_1, NULL }, { '2', "2", ACT_FOCUS_2, NULL }, { '3', "3", ACT_FOCUS_3, NULL },
    { '4', "4", ACT_FOCUS_4, NULL }, { '5', "5", ACT_FOCUS_5, NULL }, { '6', "6", ACT_FOCUS_6, NULL },
    { 'z', "z", ACT_ZOOM, NULL },
    { 27, "Esc", ACT_BACK, NULL },
    { '\n', "Enter", ACT_SELECT, NULL }, { '\r', NULL, ACT_SELECT, NULL }, { KEY_ENTER, NULL, ACT_SELECT, NULL },
    { 12, "^L", ACT_REDRAW, NULL },
    { 'k', "k", ACT_UP, NULL }, { KEY_UP, "Up", ACT_UP, NULL },
    { 'j', "j", ACT_DOWN, NULL }, { KEY_DOWN, "Down", ACT_DOWN, NULL },
    { KEY_PPAGE, "PgUp", ACT_PGUP, NULL }, { KEY_NPAGE, "PgDn", ACT_PGDN, NULL },
    { 'g', "g", ACT_TOP, NULL }, { KEY_HOME, "Home", ACT_TOP, NULL },
    { 'G', "G", ACT_BOTTOM, NULL }, { KEY_END, "End", ACT_BOTTOM, NULL },
};

static const char *const action_help[ACT_COUNT] = {
    [ACT_QUIT] = "quit (Ctrl-C too)",
    [ACT_HELP] = "show this help",
    [ACT_CMDLINE] = "command line: :svc NAME, :theme NAME, :q",
    [ACT_FOCUS_NEXT] = "focus the next pane",
    [ACT_FOCUS_PREV] = "focus the previous pane",
    [ACT_FOCUS_1] = "focus Services",
    [ACT_FOCUS_2] = "focus Deployments/Tasks",
    [ACT_FOCUS_3] = "focus Logs",
    [ACT_FOCUS_4] = "focus Health",
    [ACT_FOCUS_5] = "focus Metrics",
    [ACT_FOCUS_6] = "focus Events",
    [ACT_ZOOM] = "zoom the focused pane (again to restore)",
    [ACT_BACK] = "back: close help, leave zoom",
    [ACT_SELECT] = "drill into the selection",
    [ACT_REDRAW] = "redraw the screen",
    [ACT_UP] = "move up",
    [ACT_DOWN] = "move down",
    [ACT_PGUP] = "page up",
    [ACT_PGDN] = "page down",
    [ACT_TOP] = "go to the top",
    [ACT_BOTTOM] = "go to the bottom",
};

enum rw_action keymap_lookup(int key)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (table[i].key == key)
            return table[i].action;
    return ACT_NONE;
}

const struct keybind *keymap_table(size_t *n)
{
    *n = sizeof table / sizeof *table;
    return table;
}

const char *keymap_action_help(enum rw_action act)
{
    const char *s = (unsigned)act < ACT_COUNT ? action_help[act] : NULL;
    return s ? s : "";
}

struct keyhelp *keymap_help(const struct keybind *tab, size_t n, size_t *nout)
{
    struct keyhelp *out = xcalloc(n ? n : 1, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!tab[i].label)
            continue;
        const char *what = tab[i].what ? tab[i].what : keymap_action_help(tab[i].action);
        size_t j = 0;
        while (j < k && strcmp(out[j].what, what) != 0)
            j++;
        if (j == k) {
            out[k].keys = xstrdup(tab[i].label);
            out[k].what = what;
            k++;
        } else {
            char *joined = xasprintf("%s %s", out[j].keys, tab[i].label);
            free((char *)out[j].keys);
            out[j].keys = joined;
        }
    }
    *nout = k;
    return out;
}

void keymap_help_free(struct keyhelp *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((char *)h[i].keys);
    free(h);
}
