/* chart_draw: blit a chart grid into a curses window (see chart_draw.h). */
#include "chart_draw.h"

#include <wchar.h>

#include "color.h"
#include "term.h"

enum rw_role chart_draw_role(const struct chart_cell *c)
{
    switch (c->role) {
    case CHART_LINE:
        return c->series ? ROLE_CHART_ALT : ROLE_CHART;
    case CHART_WARN:
        return ROLE_CHART_WARN;
    case CHART_CRIT:
        return ROLE_CHART_CRIT;
    case CHART_AXIS:
    case CHART_LABEL:
        return ROLE_DIM;
    default:
        return ROLE_NORMAL;
    }
}

/* The one code point of a cell's UTF-8 text ('?' if it is not valid UTF-8). */
static wchar_t cell_char(const char *t)
{
    const unsigned char *u = (const unsigned char *)t;
    if (u[0] < 0x80)
        return u[0] >= 0x20 && u[0] != 0x7f ? (wchar_t)u[0] : L' ';
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80)
        return (wchar_t)((u[0] & 0x1F) << 6 | (u[1] & 0x3F));
    if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
        return (wchar_t)((u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F));
    return L'?';
}

void chart_draw_grid(WINDOW *w, int y, int x, const struct chart_cell *grid, int rows,
                     int cols)
{
    int maxy, maxx;
    getmaxyx(w, maxy, maxx);
    attr_t saved;
    short pair;
    wattr_get(w, &saved, &pair, NULL);
    for (int r = 0; r < rows && y + r < maxy; r++) {
        if (y + r < 0)
            continue;
        for (int c = 0; c < cols && x + c < maxx; c++) {
            if (x + c < 0)
                continue;
            const struct chart_cell *cell = &grid[(size_t)r * (size_t)cols + (size_t)c];
            wchar_t wc = cell_char(cell->text);
            if (wc > 127 && !term_utf8())
                wc = L'?';
            wattrset(w, color_attr(chart_draw_role(cell)));
            mvwaddnwstr(w, y + r, x + c, &wc, 1);
        }
    }
    wattr_set(w, saved, pair, NULL);
}
