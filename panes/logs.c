/* logs: the Logs pane: the selected service's live tail (the app keeps it in
 * view->log_tail), newest at the bottom. `f` pauses and follows again (while
 * paused the view stays still and new lines are counted), j/k/PgUp/PgDn/g/G
 * scroll (scrolling up pauses), `/` filters with a PCRE2 regex (an invalid one
 * is shown and the old one stays), n/N jump to the previous/next match when
 * paused, `w` wraps, `t` shows timestamps, `<`/`>` choose the window (1, 5, 15
 * or 60 minutes), `c` follows the next container, `o` only the task selected
 * in Tasks (or all again), `y` copies the visible lines (OSC 52). Lines are rendered by logline (escaped, JSON compacted,
 * highlighted). */
#include "logs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "filter.h"
#include "logline.h"
#include "tui/color.h"

static const int windows[] = { 1, 5, 15, 60 };

struct logs {
    struct pane base;
    struct pane_view *v;
    struct pane_filter filter;
    int paused, wrap, stamps;
    size_t back;            /* ring lines between the newest and the last one shown */
    uint64_t seen_added;    /* ring->added when last drawn */
    size_t new_while_paused;
    int page;
    char **frozen;          /* paused: the rows as drawn, so late lines cannot move them */
    int nfrozen, frozen_rows, frozen_cols;
};

static void thaw(struct logs *p)
{
    for (int i = 0; i < p->nfrozen; i++)
        free(p->frozen[i]);
    free(p->frozen);
    p->frozen = NULL;
    p->nfrozen = 0;
}

static enum rw_role role_of(enum logline_role r)
{
    return r == LOGLINE_ERROR ? ROLE_ERROR : r == LOGLINE_WARN ? ROLE_WARN
           : r == LOGLINE_OK ? ROLE_OK : ROLE_NORMAL;
}

static int matches(const struct logs *p, const struct log_line *l)
{
    if (p->v->log_task_only && p->v->log_task[0] &&
        !strstr(log_ring_stream_name(&p->v->log_tail->ring, l->stream), p->v->log_task))
        return 0; /* lines read before the scope narrowed stay in the ring, unshown */
    return filter_match(&p->filter, l->text, l->len);
}

/* The text shown for line l: [time] task message, rendered. */
static char *shown(const struct logs *p, const struct log_ring *r, const struct log_line *l,
                   enum logline_role *role)
{
    char *body = logline_render(l->text, l->len, role);
    const char *stream = log_ring_stream_name(r, l->stream);
    const char *task = strrchr(stream, '/');
    const char *fl = strstr(stream, "-firelens-");
    task = fl ? fl + 10 : task ? task + 1 : stream;
    char when[16] = "";
    if (p->stamps)
        rw_clock_hms(l->ts_ms, 1, when, sizeof when);
    char *line = xasprintf("%s%s%.8s %s", when, p->stamps ? " " : "", task, body);
    free(body);
    return line;
}

/* Rows a line of this many columns takes. */
static int rows_for(const struct logs *p, const char *s, int cols)
{
    int len = (int)strlen(s); /* bytes: close enough for wrapping ASCII-heavy logs */
    return p->wrap && cols > 0 ? 1 + (len > 0 ? (len - 1) / cols : 0) : 1;
}

/* Draw lines ending at ring index end (inclusive) upwards into rows [0, body). */
static void draw_lines(struct logs *p, WINDOW *w, int body, int cols, size_t end)
{
    const struct log_ring *r = &p->v->log_tail->ring;
    int y = body;
    for (size_t i = end + 1; i-- > 0 && y > 0;) {
        const struct log_line *l = log_ring_at(r, i);
        if (!matches(p, l))
            continue;
        enum logline_role role;
        char *s = shown(p, r, l, &role);
        if (role != LOGLINE_ERROR && p->v->hl_error.re &&
            filter_match(&p->v->hl_error, l->text, l->len))
            role = LOGLINE_ERROR; /* the config's own rules add to the defaults */
        else if (role < LOGLINE_WARN && p->v->hl_warn.re &&
                 filter_match(&p->v->hl_warn, l->text, l->len))
            role = LOGLINE_WARN;
        int need = rows_for(p, s, cols - 2);
        y -= need;
        wattrset(w, color_attr(role_of(role)));
        for (int k = 0; k < need; k++)
            if (y + k >= 0)
                pane_put(w, y + k, 1, cols - 2, s + (size_t)k * (size_t)(cols - 2));
        if (p->paused && y >= 0 && p->nfrozen < body) { /* keep what a paused view shows */
            p->frozen = xreallocarray(p->frozen, (size_t)p->nfrozen + 1, sizeof *p->frozen);
            p->frozen[p->nfrozen++] = xasprintf("%d\x1f%d\x1f%s", y, (int)role, s);
        }
        free(s);
    }
    wattrset(w, color_attr(ROLE_NORMAL));
}

/* Redraw the rows a paused view froze ("y\x1frole\x1ftext" each). */
static void draw_frozen(struct logs *p, WINDOW *w, int cols)
{
    for (int i = 0; i < p->nfrozen; i++) {
        int y, role;
        char *t = p->frozen[i];
        if (sscanf(t, "%d\x1f%d\x1f", &y, &role) != 2)
            continue;
        char *text = strchr(strchr(t, '\x1f') + 1, '\x1f') + 1;
        int need = rows_for(p, text, cols - 2);
        wattrset(w, color_attr(role_of((enum logline_role)role)));
        for (int k = 0; k < need; k++)
            pane_put(w, y + k, 1, cols - 2, text + (size_t)k * (size_t)(cols - 2));
    }
    wattrset(w, color_attr(ROLE_NORMAL));
}

static void status_line(struct logs *p, char *buf, size_t n)
{
    char f[200];
    filter_status(&p->filter, f, sizeof f);
    int since = p->v->log_since_min ? p->v->log_since_min : 5;
    int len = snprintf(buf, n, "%s · last %dm%s%.8s", p->paused ? "paused (f follows)" : "following",
                       since, p->v->log_task_only ? " · task " : " · all tasks",
                       p->v->log_task_only ? p->v->log_task : "");
    if (p->v->log_error[0] && len > 0 && (size_t)len < n) /* e.g. throttled: say so */
        len += snprintf(buf + len, n - (size_t)len, " · %s (retrying)", p->v->log_error);
    if (p->paused && p->new_while_paused && len > 0 && (size_t)len < n)
        len += snprintf(buf + len, n - (size_t)len, " · +%zu new", p->new_while_paused);
    if (f[0] && len > 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, " · %s", f);
}

static void draw(struct pane *pp, WINDOW *w, int h, int cols)
{
    struct logs *p = (struct logs *)pp;
    struct tail *t = p->v->log_tail;
    werase(w);
    p->page = h > 2 ? h - 1 : 1;
    if (!t) {
        pane_draw_empty(w, h, cols, p->v->log_error[0] ? p->v->log_error
                                    : p->v->selected[0] ? "finding the service's log streams…"
                                                        : "no service selected");
        return;
    }
    uint64_t fresh = t->ring.added - p->seen_added;
    p->seen_added = t->ring.added;
    if (p->paused) { /* the view stays still: count what arrived below it */
        p->back += fresh;
        p->new_while_paused += fresh;
    }
    if (p->back >= t->ring.n)
        p->back = t->ring.n ? t->ring.n - 1 : 0;
    char st[300];
    status_line(p, st, sizeof st);
    wattrset(w, color_attr(p->filter.error[0] ? ROLE_ERROR : ROLE_INFO));
    pane_put(w, h - 1, 1, cols - 2, st);
    wattrset(w, color_attr(ROLE_NORMAL));
    if (p->paused && p->frozen && p->frozen_rows == h && p->frozen_cols == cols) {
        draw_frozen(p, w, cols);
    } else if (!t->ring.n) {
        pane_draw_empty(w, h - 1, cols, p->v->log_error[0] ? p->v->log_error
                                                           : "no log lines in the window yet");
    } else {
        thaw(p);
        p->frozen_rows = h, p->frozen_cols = cols;
        draw_lines(p, w, h - 1, cols, t->ring.n - 1 - p->back);
    }
}

/* Move back to the previous (dir 1) or next (dir -1) line matching the filter. */
static void jump(struct logs *p, int dir)
{
    struct tail *t = p->v->log_tail;
    if (!t || !t->ring.n)
        return;
    p->paused = 1;
    size_t b = p->back;
    while ((dir > 0 && b + 1 < t->ring.n) || (dir < 0 && b > 0)) {
        b = dir > 0 ? b + 1 : b - 1;
        if (matches(p, log_ring_at(&t->ring, t->ring.n - 1 - b))) {
            p->back = b;
            return;
        }
    }
}

static void move_view(struct logs *p, enum rw_action act)
{
    size_t n = p->v->log_tail ? p->v->log_tail->ring.n : 0, page = (size_t)p->page;
    if (act == ACT_UP || act == ACT_PGUP || act == ACT_TOP)
        p->paused = 1;
    switch (act) {
    case ACT_UP: p->back++; break;
    case ACT_PGUP: p->back += page; break;
    case ACT_TOP: p->back = n; break;
    case ACT_DOWN: p->back = p->back ? p->back - 1 : 0; break;
    case ACT_PGDN: p->back = p->back > page ? p->back - page : 0; break;
    case ACT_BOTTOM: p->back = 0, p->paused = 0, p->new_while_paused = 0; break;
    default: break;
    }
}

/* Copy the visible lines to the clipboard (the app sends OSC 52). */
static void copy(struct logs *p)
{
    struct tail *t = p->v->log_tail;
    if (!t || !t->ring.n)
        return;
    char *text = xstrdup("");
    size_t end = t->ring.n - 1 - p->back, shown_n = 0;
    size_t first = end + 1 > (size_t)p->page ? end + 1 - (size_t)p->page : 0;
    for (size_t i = first; i <= end && shown_n < (size_t)p->page; i++) {
        const struct log_line *l = log_ring_at(&t->ring, i);
        if (!matches(p, l))
            continue;
        enum logline_role role;
        char *s = shown(p, &t->ring, l, &role);
        char *j = xasprintf("%s%s\n", text, s);
        free(text);
        free(s);
        text = j;
        shown_n++;
    }
    free(p->v->clipboard);
    p->v->clipboard = text;
}

static int window_key(struct logs *p, int k)
{
    int since = p->v->log_since_min ? p->v->log_since_min : 5, i = 0;
    while (i < 3 && windows[i] != since)
        i++;
    i = k == '>' ? (i < 3 ? i + 1 : 3) : (i > 0 ? i - 1 : 0);
    if (windows[i] == since)
        return PANE_HANDLED;
    p->v->log_since_min = windows[i];
    p->v->log_restart = 1;
    p->back = 0;
    return PANE_HANDLED | PANE_REDRAW;
}

static int key(struct pane *pp, int k, enum rw_action act)
{
    struct logs *p = (struct logs *)pp;
    thaw(p); /* whatever the key does, the next frame is drawn afresh */
    if (filter_key(&p->filter, k))
        return PANE_HANDLED | PANE_REDRAW;
    switch (k) {
    case '/': filter_begin(&p->filter); return PANE_HANDLED | PANE_REDRAW;
    case 'f':
        p->paused = !p->paused;
        if (!p->paused)
            p->back = 0, p->new_while_paused = 0;
        return PANE_HANDLED | PANE_REDRAW;
    case 'w': p->wrap = !p->wrap; return PANE_HANDLED | PANE_REDRAW;
    case 't': p->stamps = !p->stamps; return PANE_HANDLED | PANE_REDRAW;
    case 'n': jump(p, -1); return PANE_HANDLED | PANE_REDRAW;
    case 'N': jump(p, 1); return PANE_HANDLED | PANE_REDRAW;
    case '<': case '>': return window_key(p, k);
    case 'c':
        p->v->log_next_container = 1;
        p->v->log_restart = 1;
        return PANE_HANDLED | PANE_REDRAW;
    case 'y': copy(p); return PANE_HANDLED;
    case 'o':
        p->v->log_task_only = !p->v->log_task_only;
        p->v->log_streams_changed = 1;
        return PANE_HANDLED | PANE_REDRAW;
    default: break;
    }
    if (act == ACT_UP || act == ACT_DOWN || act == ACT_PGUP || act == ACT_PGDN ||
        act == ACT_TOP || act == ACT_BOTTOM) {
        move_view(p, act);
        return PANE_HANDLED | PANE_REDRAW;
    }
    return PANE_UNHANDLED;
}

static void title(struct pane *pp, char *buf, size_t n)
{
    struct logs *p = (struct logs *)pp;
    snprintf(buf, n, "Logs%s%s%s%s%s", p->v->selected[0] ? " " : "", p->v->selected,
             p->v->log_source[0] ? " (" : "", p->v->log_source, p->v->log_source[0] ? ")" : "");
}

static const struct keybind binds[] = {
    { 'f', "f", ACT_NONE, "pause, or follow again (paused: new lines are counted)" },
    { '/', "/", ACT_NONE, "filter lines by a PCRE2 regex" },
    { 'n', "n N", ACT_NONE, "the next / previous matching line" },
    { 'w', "w", ACT_NONE, "wrap long lines" },
    { 't', "t", ACT_NONE, "show timestamps (UTC)" },
    { '<', "< >", ACT_NONE, "read back 1, 5, 15 or 60 minutes" },
    { 'c', "c", ACT_NONE, "follow the next container (sidecars too)" },
    { 'y', "y", ACT_NONE, "copy the visible lines (OSC 52)" },
    { 'o', "o", ACT_NONE, "only the task selected in Tasks, or all the service's tasks" },
};

static const struct keybind *help(struct pane *pp, size_t *n)
{
    (void)pp;
    *n = sizeof binds / sizeof *binds;
    return binds;
}

static void destroy(struct pane *pp)
{
    struct logs *p = (struct logs *)pp;
    thaw(p);
    filter_free(&p->filter);
    free(p);
}

static const struct pane_class logs_class = {
    .name = "logs", .draw = draw, .key = key, .title = title, .help = help, .free = destroy,
};

struct pane *pane_logs_new(struct pane_view *v)
{
    struct logs *p = xcalloc(1, sizeof *p);
    p->base.cls = &logs_class;
    p->base.id = PANE_LOGS;
    p->base.dirty = 1;
    p->v = v;
    p->page = 1;
    return &p->base;
}

int pane_logs_filter(struct pane *pp, const char *expr, char *err, size_t n)
{
    struct logs *p = (struct logs *)pp;
    int rc = filter_set(&p->filter, expr);
    snprintf(err, n, "%s", p->filter.error);
    return rc;
}
