/* draw: layout of windows and the once-per-turn render (see app.h). Only
 * dirty panes are drawn; everything goes out in one doupdate(). */
#include "app.h"

#include <openssl/evp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "color.h"
#include "core/clock.h"
#include "clients/aws/session.h"
#include "panes/help.h"
#include "term.h"

static WINDOW *remake(WINDOW *old, const struct rect *r)
{
    if (old)
        delwin(old);
    return r->h ? newwin(r->h, r->w, r->y, r->x) : NULL;
}

void app_relayout(struct app *a)
{
    layout_compute(COLS, LINES, a->zoom, a->focus, 0, &a->lay);
    for (int p = 0; p < PANE_COUNT; p++) {
        a->wins[p] = remake(a->wins[p], &a->lay.panes[p]);
        a->panes[p]->dirty = 1;
    }
    a->header = remake(a->header, &a->lay.header);
    a->footer = remake(a->footer, &a->lay.footer);
    a->full_redraw = 1;
}

static void draw_frame(struct app *a, int p)
{
    WINDOW *w = a->wins[p];
    int focused = p == a->focus;
    int h, cols;
    getmaxyx(w, h, cols);
    (void)h;
    wattrset(w, color_attr(focused ? ROLE_BORDER_FOCUS : ROLE_BORDER));
    term_box(w);
    char t[96], title[128];
    a->panes[p]->cls->title(a->panes[p], t, sizeof t);
    /* the focus marker is visible without colour too: [1 Services] */
    snprintf(title, sizeof title, focused ? "[%d %s%s]" : " %d %s%s ", p + 1, t,
             a->zoom == p ? " (zoom)" : "");
    wattrset(w, color_attr(focused ? ROLE_TITLE_FOCUS : ROLE_TITLE));
    pane_put(w, 0, 2, cols - 4, title);
    wattrset(w, color_attr(ROLE_NORMAL));
}

static void draw_pane(struct app *a, int p)
{
    WINDOW *w = a->wins[p];
    int h, cols;
    getmaxyx(w, h, cols);
    wbkgdset(w, ' ' | color_attr(ROLE_NORMAL));
    werase(w);
    draw_frame(a, p);
    if (h > 2 && cols > 2) {
        WINDOW *in = derwin(w, h - 2, cols - 2, 1, 1);
        if (in) {
            a->panes[p]->cls->draw(a->panes[p], in, h - 2, cols - 2);
            delwin(in);
        }
    }
    wnoutrefresh(w);
    a->panes[p]->dirty = 0;
}

static void context_text(const struct app *a, char *buf, size_t n)
{
    const struct rw_cli *c = a->cli;
    const char *profile = c->profile ? c->profile : getenv("AWS_PROFILE");
    const char *region = c->region ? c->region : getenv("AWS_REGION");
    if (!region)
        region = getenv("AWS_DEFAULT_REGION");
    const char *sep = term_sep();
    char account[800];
    app_account_text(a, account, sizeof account);
    if (c->demo) {
        snprintf(buf, n, " rollwatch%sdemo%sfake cloud%s%s", sep, sep, sep, account);
        return;
    }
    if (a->aws) { /* what the session resolved, not just the flags */
        profile = a->aws->profile;
        region = a->aws->region;
    }
    snprintf(buf, n, " rollwatch%s%s%s%s%s%s%s%s", sep, profile ? profile : "default", sep,
             region ? region : "no region", sep, c->cluster ? c->cluster : "no cluster", sep,
             account);
}

static void draw_header(struct app *a)
{
    WINDOW *w = a->header;
    int cols = getmaxx(w);
    wbkgdset(w, ' ' | color_attr(ROLE_HEADER));
    werase(w);
    char left[1100], right[64], utc[16], local[16];
    context_text(a, left, sizeof left);
    int64_t now = rw_wall_ms();
    rw_clock_hms(now, 1, utc, sizeof utc);
    rw_clock_hms(now, 0, local, sizeof local);
    snprintf(right, sizeof right, "%s UTC (%.5s local) ", utc, local);
    int rx = cols - (int)strlen(right);
    wattrset(w, color_attr(ROLE_HEADER));
    pane_put(w, 0, 0, rx > 1 ? rx - 1 : cols, left); /* never over the clock */
    int mx = rx;
    if (a->cli->read_only) {
        mx -= 12;
        wattrset(w, color_attr(ROLE_READONLY));
        pane_put(w, 0, mx, 11, " READ-ONLY ");
        wattrset(w, color_attr(ROLE_HEADER));
    }
    char stale[200];
    if (app_fleet_stale(a, stale, sizeof stale) && mx > 9) { /* the panes say why */
        mx -= 8;
        wattrset(w, color_attr(ROLE_STALE) | A_BOLD);
        pane_put(w, 0, mx, 7, " STALE ");
        wattrset(w, color_attr(ROLE_HEADER));
    }
    if (rx > 0)
        pane_put(w, 0, rx, cols - rx, right);
    wnoutrefresh(w);
    a->header_dirty = 0;
}

static void draw_footer(struct app *a)
{
    WINDOW *w = a->footer;
    int cols = getmaxx(w);
    wbkgdset(w, ' ' | color_attr(ROLE_FOOTER));
    werase(w);
    if (a->cmd_active) {
        wattrset(w, color_attr(ROLE_CMDLINE));
        const char *t = cmdline_text(&a->cmd);
        mvwaddch(w, 0, 0, ':');
        pane_put(w, 0, 1, cols - 2, t);
        wattrset(w, color_attr(ROLE_SELECTED));
        char at[2] = { t[a->cmd.cur] ? t[a->cmd.cur] : ' ', 0 };
        if (1 + (int)a->cmd.cur < cols)
            pane_put(w, 0, 1 + (int)a->cmd.cur, 1, at);
    } else if (a->msg[0] && rw_mono_ms() < a->msg_until) {
        wattrset(w, color_attr(a->msg_error ? ROLE_ERROR : ROLE_INFO));
        pane_put(w, 0, 1, cols - 2, a->msg);
    } else {
        a->msg[0] = '\0';
        static const char *const hints[][2] = {
            { "q", "quit" }, { "?", "help" }, { "Tab", "focus" }, { "1-6", "pane" },
            { "z", "zoom" }, { ":", "command" },
        };
        int x = 1;
        for (size_t i = 0; i < sizeof hints / sizeof *hints && x < cols - 12; i++) {
            wattrset(w, color_attr(ROLE_KEY));
            pane_put(w, 0, x, cols - x, hints[i][0]);
            x += (int)strlen(hints[i][0]) + 1;
            wattrset(w, color_attr(ROLE_FOOTER));
            pane_put(w, 0, x, cols - x, hints[i][1]);
            x += (int)strlen(hints[i][1]) + 2;
        }
    }
    wnoutrefresh(w);
    a->footer_dirty = 0;
}

static void draw_help(struct app *a)
{
    int h = LINES - 4, cols = COLS - 8;
    if (cols > 90)
        cols = 90;
    if (a->overlay)
        delwin(a->overlay);
    a->overlay = newwin(h, cols, 2, (COLS - cols) / 2);
    if (!a->overlay)
        return;
    WINDOW *w = a->overlay;
    struct pane *p = a->panes[a->focus];
    size_t npk = 0;
    const struct keybind *pk = p->cls->help ? p->cls->help(p, &npk) : NULL;
    char name[96];
    p->cls->title(p, name, sizeof name);
    int total = help_lines(pk, npk);
    if (a->help_scroll > total - (h - 2))
        a->help_scroll = total - (h - 2) > 0 ? total - (h - 2) : 0;
    wbkgdset(w, ' ' | color_attr(ROLE_NORMAL));
    werase(w);
    wattrset(w, color_attr(ROLE_BORDER_FOCUS));
    term_box(w);
    wattrset(w, color_attr(ROLE_TITLE_FOCUS));
    pane_put(w, 0, 2, cols - 4, "[Help: j/k scroll, Esc or q closes]");
    WINDOW *in = derwin(w, h - 2, cols - 2, 1, 1);
    if (in) {
        help_draw(in, h - 2, cols - 2, name, pk, npk, a->help_scroll);
        delwin(in);
    }
    wnoutrefresh(w);
}

static void draw_too_small(void)
{
    char msg[96];
    snprintf(msg, sizeof msg, "terminal too small: %dx%d (need %dx%d)", COLS, LINES,
             LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
    wbkgdset(stdscr, ' ' | color_attr(ROLE_NORMAL));
    werase(stdscr);
    wattrset(stdscr, color_attr(ROLE_WARN));
    int len = (int)strlen(msg);
    pane_put(stdscr, LINES / 2, len < COLS ? (COLS - len) / 2 : 0, COLS, msg);
    if (LINES > 2)
        pane_put(stdscr, LINES / 2 + 1, 0, COLS, "q quits");
    wattrset(stdscr, color_attr(ROLE_NORMAL));
    wnoutrefresh(stdscr);
}

/* A pane's copy goes to the terminal's clipboard as OSC 52 (base64, so nothing in
 * the text can end the sequence early). */
static void send_clipboard(struct app *a)
{
    char *text = a->view.clipboard;
    if (!text)
        return;
    a->view.clipboard = NULL;
    size_t len = strlen(text);
    unsigned char *b64 = malloc(4 * ((len + 2) / 3) + 1);
    if (b64) {
        int n = EVP_EncodeBlock(b64, (const unsigned char *)text, (int)len);
        fputs("\033]52;c;", stdout);
        fwrite(b64, 1, (size_t)n, stdout);
        fputs("\a", stdout);
        fflush(stdout);
        app_message(a, 0, "copied %zu bytes (OSC 52)", len);
    }
    free(b64);
    free(text);
}

void app_render(struct app *a)
{
    if (a->msg[0] && rw_mono_ms() >= a->msg_until)
        a->footer_dirty = 1;
    int any = a->full_redraw || a->header_dirty || a->footer_dirty;
    for (int p = 0; p < PANE_COUNT && !any; p++)
        any = a->wins[p] && a->panes[p]->dirty;
    if (!any)
        return;
    if (a->lay.too_small) {
        if (a->full_redraw)
            draw_too_small();
        a->header_dirty = a->footer_dirty = 0;
    } else {
        if (a->full_redraw) {
            werase(stdscr);
            wnoutrefresh(stdscr);
        }
        for (int p = 0; p < PANE_COUNT; p++)
            if (a->wins[p] && (a->full_redraw || a->panes[p]->dirty))
                draw_pane(a, p);
        if (a->full_redraw || a->header_dirty)
            draw_header(a);
        if (a->full_redraw || a->footer_dirty)
            draw_footer(a);
        if (a->help_open)
            draw_help(a);
    }
    doupdate();
    send_clipboard(a);
    a->full_redraw = 0;
    a->frames++;
    app_fleet_sync(a); /* drawing may have picked the first service: follow it now */
}
