/* app: console state, keys, signals and the main loop (see app.h). */
#include "app.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "color.h"
#include "core/clock.h"
#include "core/log.h"
#include "keymap.h"
#include "term.h"

#define MESSAGE_MS 4000


static void wake(struct rw_loop *loop, void *ud)
{
    (void)loop, (void)ud; /* the turn hook redraws the expired message */
}

void app_message(struct app *a, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_error = error;
    a->msg_until = rw_mono_ms() + MESSAGE_MS;
    a->footer_dirty = 1;
    rw_loop_timer_add(a->loop, MESSAGE_MS + 10, 0, wake, NULL); /* wake to clear it */
}

int app_set_theme(struct app *a, const char *name)
{
    struct rw_err err;
    struct theme t;
    if (color_load_theme(name, &t, &err) < 0) {
        app_message(a, 1, "%s", err.msg);
        return -1;
    }
    a->theme = t;
    color_apply(&a->theme);
    rw_log(RW_LOG_DEBUG, "theme %s: header attrs %#lx", t.name, (unsigned long)color_attr(ROLE_HEADER));
    a->full_redraw = 1;
    const char *nc = getenv("NO_COLOR");
    app_message(a, 0, "theme: %s%s", t.name, nc && *nc ? " (NO_COLOR: attributes only)" : "");
    return 0;
}

void app_tick(struct app *a)
{
    a->header_dirty = 1;
    char m[200];
    int stale = app_fleet_stale(a, m, sizeof m);
    if (stale || a->stale_shown) { /* "stale 42s" counts up; and clears once fresh */
        a->panes[PANE_SERVICES]->dirty = 1;
        a->panes[PANE_TASKS]->dirty = 1;
    }
    a->stale_shown = stale;
}

void app_focus(struct app *a, int p)
{
    if (p == a->focus)
        return;
    int was_hidden = !layout_pane_visible(a->lay.cols, p) ||
                     !layout_pane_visible(a->lay.cols, a->focus);
    a->panes[a->focus]->dirty = 1;
    a->focus = p;
    a->panes[p]->dirty = 1;
    if (a->zoom >= 0)
        a->zoom = p; /* zoomed: the zoom follows focus */
    if (was_hidden || a->zoom >= 0)
        app_relayout(a);
}

static void toggle_zoom(struct app *a)
{
    a->zoom = a->zoom >= 0 ? -1 : a->focus;
    app_relayout(a);
}

static int global_action(struct app *a, enum rw_action act)
{
    switch (act) {
    case ACT_QUIT: a->quit = 1; return 1;
    case ACT_HELP: a->help_open = 1; a->help_scroll = 0; a->full_redraw = 1; return 1;
    case ACT_CMDLINE:
        a->cmd_active = 1;
        cmdline_open(&a->cmd);
        a->footer_dirty = 1;
        return 1;
    case ACT_FOCUS_NEXT: app_focus(a, (a->focus + 1) % PANE_COUNT); return 1;
    case ACT_FOCUS_PREV: app_focus(a, (a->focus + PANE_COUNT - 1) % PANE_COUNT); return 1;
    case ACT_FOCUS_1: case ACT_FOCUS_2: case ACT_FOCUS_3:
    case ACT_FOCUS_4: case ACT_FOCUS_5: case ACT_FOCUS_6:
        app_focus(a, act - ACT_FOCUS_1);
        return 1;
    case ACT_ZOOM: toggle_zoom(a); return 1;
    case ACT_BACK:
        if (a->zoom >= 0)
            toggle_zoom(a);
        return 1;
    case ACT_REDRAW: clearok(curscr, TRUE); a->full_redraw = 1; return 1;
    default: return 0;
    }
}

static void help_key(struct app *a, enum rw_action act, int key)
{
    if (act == ACT_DOWN || act == ACT_PGDN)
        a->help_scroll += act == ACT_DOWN ? 1 : 10;
    else if (act == ACT_UP || act == ACT_PGUP)
        a->help_scroll -= act == ACT_UP ? 1 : 10;
    else if (act == ACT_TOP)
        a->help_scroll = 0;
    else if (act == ACT_QUIT || act == ACT_BACK || act == ACT_HELP || key == 'q')
        a->help_open = 0;
    if (a->help_scroll < 0)
        a->help_scroll = 0;
    a->full_redraw = 1;
}

static void cmdline_feed(struct app *a, int key)
{
    enum cmdline_result r = cmdline_key(&a->cmd, key);
    a->footer_dirty = 1;
    if (r == CMDLINE_EDITING)
        return;
    a->cmd_active = 0;
    if (r == CMDLINE_SUBMIT)
        app_command(a, cmdline_text(&a->cmd));
}

static void mouse_event(struct app *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || a->help_open)
        return;
    int p = layout_pane_at(&a->lay, ev.y, ev.x);
    if (p < 0)
        return;
    if (ev.bstate & BUTTON1_PRESSED) {
        app_focus(a, p);
        const struct rect *r = &a->lay.panes[a->zoom >= 0 ? a->zoom : p];
        struct pane *pp = a->panes[p];
        if (pp->cls->click && pp->cls->click(pp, ev.y - r->y - 1, ev.x - r->x - 1) & PANE_REDRAW)
            pp->dirty = 1;
        app_fleet_sync(a);
    }
    else if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
        a->panes[p]->cls->key(a->panes[p], 0,
                              ev.bstate & BUTTON4_PRESSED ? ACT_UP : ACT_DOWN);
}

void app_key(struct app *a, int key)
{
    if (key == TERM_KEY_PASTE_BEGIN || key == TERM_KEY_PASTE_END) {
        a->in_paste = key == TERM_KEY_PASTE_BEGIN;
        return;
    }
    if (a->in_paste) { /* pasted text goes to the command line, never to actions */
        if (a->cmd_active && key >= 32 && key < 256) {
            char ch = (char)key;
            cmdline_insert(&a->cmd, &ch, 1);
            a->footer_dirty = 1;
        }
        return;
    }
    if (a->cmd_active) {
        cmdline_feed(a, key);
        return;
    }
    if (key == KEY_MOUSE) {
        mouse_event(a);
        return;
    }
    enum rw_action act = keymap_lookup(key);
    if (a->help_open) {
        help_key(a, act, key);
        return;
    }
    struct pane *p = a->panes[a->focus];
    int r = p->cls->key(p, key, act);
    if (r & PANE_REDRAW)
        p->dirty = 1;
    if (!(r & PANE_HANDLED))
        global_action(a, act);
    app_fleet_sync(a);
}
