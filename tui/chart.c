/* chart: the line-chart renderer (see chart.h). The plot is a field of dots:
 * 2x4 per cell in braille (U+2800 + bits), 1x2 per cell in ASCII ('\'' upper
 * half, '.' lower half, '|' both). Dot y 0 is the bottom of the plot. */
#include "chart_int.h"

#include <math.h>
#include <string.h>

struct plot {
    struct chart_cell *grid;
    int rows, cols;
    int x0, w;          /* plot columns x0 .. x0 + w - 1, every row */
    int utf8;
    int px, py;         /* the plot in dots */
    double lo, hi;      /* the y range */
    size_t nb;          /* the time window in buckets */
};

static struct chart_cell *at(const struct plot *p, int row, int col)
{
    return &p->grid[(size_t)row * (size_t)p->cols + (size_t)col];
}

/* The dot height of v (unrounded), clamped to the plot. */
static double to_dot(const struct plot *p, double v)
{
    double f = (v - p->lo) / (p->hi - p->lo);
    if (!(f > 0))
        f = 0;
    if (f > 1)
        f = 1;
    return f * (p->py - 1);
}

static unsigned braille_bits(const struct chart_cell *c)
{
    const unsigned char *t = (const unsigned char *)c->text;
    if (c->role != CHART_LINE || t[0] != 0xE2 || (t[1] & 0xFC) != 0xA0)
        return 0;
    return (unsigned)((t[1] & 3) << 6 | (t[2] & 0x3F));
}

static void put_braille(struct chart_cell *c, unsigned bits)
{
    /* U+2800 + bits is E2 A0..A3 80..BF in UTF-8 */
    c->text[0] = (char)0xE2;
    c->text[1] = (char)(0xA0 | bits >> 6);
    c->text[2] = (char)(0x80 | (bits & 0x3F));
    c->text[3] = '\0';
    c->role = CHART_LINE;
}

/* Set the dot at (x, y) for series idx; the data wins over whatever was there. */
static void put_dot(const struct plot *p, int x, int y, unsigned char idx)
{
    static const unsigned char bit[2][4] = { { 0x01, 0x02, 0x04, 0x40 },
                                             { 0x08, 0x10, 0x20, 0x80 } };
    int down = p->py - 1 - y;
    if (p->utf8) {
        struct chart_cell *c = at(p, down / 4, p->x0 + x / 2);
        put_braille(c, braille_bits(c) | bit[x % 2][down % 4]);
        c->series = idx;
        return;
    }
    struct chart_cell *c = at(p, down / 2, p->x0 + x);
    char ch = down % 2 ? '.' : '\'';
    if (c->role == CHART_LINE && c->series == idx && c->text[0] != ch)
        ch = '|';      /* both halves of the cell: a vertical stroke */
    char s[2] = { ch, '\0' };
    chart_cell_set(c, s, CHART_LINE);
    c->series = idx;
}

/* The dot column bucket k of a stretched window (nb <= px) sits on. */
static int bucket_column(const struct plot *p, size_t k)
{
    return (int)((double)k * (p->px - 1) / (double)(p->nb - 1) + 0.5);
}

/* The value shown in dot column x, or NaN for a gap (see chart.h). */
static double column_value(const struct plot *p, const struct chart_series *s, int x)
{
    size_t nb = p->nb, px = (size_t)p->px, ux = (size_t)x;
    if (nb > px)
        return chart_bucket_max(s, nb, ux * nb / px, (ux + 1) * nb / px);
    if (nb == 1)
        return x == p->px - 1 ? chart_bucket(s, 1, 0) : NAN;
    double t = (double)x * (double)(nb - 1) / (double)(px - 1);
    size_t k = (size_t)t;
    if (k >= nb - 1)
        return chart_bucket(s, nb, nb - 1);
    double a = chart_bucket(s, nb, k), b = chart_bucket(s, nb, k + 1);
    if (!isnan(a) && !isnan(b))
        return a + (b - a) * (t - (double)k);
    size_t j = t - (double)k < 0.5 ? k : k + 1;   /* next to a gap: the point only */
    double v = j == k ? a : b;
    return bucket_column(p, j) == x ? v : NAN;
}

static void draw_series(const struct plot *p, const struct chart_series *s, unsigned char idx)
{
    int prev = -1;
    for (int x = 0; x < p->px; x++) {
        double v = column_value(p, s, x);
        if (isnan(v)) {
            prev = -1;
            continue;
        }
        int y = (int)(to_dot(p, v) + 0.5);
        if (prev >= 0 && prev != y) {   /* join the previous column vertically */
            int dir = y > prev ? 1 : -1;
            for (int k = prev + dir; k != y; k += dir)
                put_dot(p, x, k, idx);
        }
        put_dot(p, x, y, idx);
        prev = y;
    }
}

static void draw_threshold(const struct plot *p, double t, enum chart_role role)
{
    if (!(t > 0) || !isfinite(t) || t < p->lo || t > p->hi)
        return;
    int y = (int)(to_dot(p, t) + 0.5);
    int row = (p->py - 1 - y) / (p->utf8 ? 4 : 2);
    const char *dash = role == CHART_CRIT ? (p->utf8 ? "╍" : "=") : (p->utf8 ? "╌" : "-");
    for (int c = 0; c < p->w; c++)
        chart_cell_set(at(p, row, p->x0 + c), dash, role);
}

/* Rows that carry a y label: top and bottom, the middle from 5 rows, quarters from 9. */
static int label_rows(int rows, int out[5])
{
    int n = 0;
    out[n++] = 0;
    if (rows >= 9)
        out[n++] = (rows - 1) / 4;
    if (rows >= 5)
        out[n++] = (rows - 1) / 2;
    if (rows >= 9)
        out[n++] = 3 * (rows - 1) / 4;
    out[n++] = rows - 1;
    return n;
}

/* Draw the y labels and axis; returns the first plot column. */
static int draw_axis(const struct chart_spec *spec, const struct plot *p)
{
    char lab[5][24];
    int lr[5], n = label_rows(p->rows, lr);
    size_t lw = 0;
    for (int i = 0; i < n; i++) {
        double v = p->lo + (p->hi - p->lo) * (p->rows - 1 - lr[i]) / (p->rows - 1);
        chart_fmt(v, spec->unit, lab[i], sizeof lab[i]);
        size_t len = strlen(lab[i]);
        lw = len > lw ? len : lw;
    }
    if (lw > (size_t)p->cols / 2)
        lw = 0;   /* no room for labels: the axis alone */
    for (int r = 0; r < p->rows; r++)
        chart_cell_set(at(p, r, (int)lw), p->utf8 ? "│" : "|", CHART_AXIS);
    for (int i = 0; i < n && lw; i++) {
        size_t len = strlen(lab[i]);
        chart_cell_set(at(p, lr[i], (int)lw), p->utf8 ? "┤" : "+", CHART_AXIS);
        for (size_t k = 0; k < len; k++) {
            char s[2] = { lab[i][k], '\0' };
            chart_cell_set(at(p, lr[i], (int)(lw - len + k)), s, CHART_LABEL);
        }
    }
    return (int)lw + 1;
}

static int has_data(const struct plot *p, const struct chart_series *series, size_t nseries)
{
    for (size_t i = 0; i < nseries; i++)
        if (!isnan(chart_bucket_max(&series[i], p->nb, 0, p->nb)))
            return 1;
    return 0;
}

static void draw_no_data(const struct plot *p)
{
    static const char msg[] = "no data";
    int len = (int)sizeof msg - 1, start = p->x0 + (p->w > len ? (p->w - len) / 2 : 0);
    for (int k = 0; k < len && start + k < p->cols; k++) {
        char s[2] = { msg[k], '\0' };
        chart_cell_set(at(p, p->rows / 2, start + k), s, CHART_LABEL);
    }
}

int chart_render(const struct chart_spec *spec, const struct chart_series *series,
                 size_t nseries, struct chart_cell *grid, int rows, int cols)
{
    static const struct chart_spec zero;
    if (rows < 0 || cols < 0 || (!grid && rows && cols))
        return -1;
    if (!spec)
        spec = &zero;
    if (!series)
        nseries = 0;
    chart_clear(grid, (size_t)rows * (size_t)cols);
    if (cols < 10 || rows < 3) {
        if (!rows || !cols || !nseries)
            return CHART_DREW_NOTHING;
        chart_sparkline(spec, &series[0], grid, cols);
        return CHART_DREW_SPARKLINE;
    }
    struct plot p = { .grid = grid, .rows = rows, .cols = cols, .utf8 = spec->utf8 != 0 };
    chart_range(spec, series, nseries, &p.lo, &p.hi);
    p.nb = chart_window(spec, series, nseries);
    p.x0 = spec->bare ? 0 : draw_axis(spec, &p);
    p.w = cols - p.x0;
    p.px = p.utf8 ? 2 * p.w : p.w;
    p.py = p.utf8 ? 4 * rows : 2 * rows;
    draw_threshold(&p, spec->warn, CHART_WARN);
    draw_threshold(&p, spec->crit, CHART_CRIT);
    if (!has_data(&p, series, nseries)) {
        draw_no_data(&p);
        return CHART_DREW_CHART;
    }
    for (size_t i = 0; i < nseries; i++)
        draw_series(&p, &series[i], (unsigned char)(i < 255 ? i : 255));
    return CHART_DREW_CHART;
}
