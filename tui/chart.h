/* chart: line charts and sparklines rendered into a grid of character cells.
 * Pure: no curses here (tui/chart_draw blits a grid into a window), so charts
 * are unit-tested on synthetic series. Time runs left to right, oldest left.
 *
 * Resampling. The time window is spec->buckets buckets (0: the longest
 * series); a series shorter than the window is right-aligned (its last value
 * is the newest bucket), a longer one shows its last buckets. The plot has px
 * dot columns (2 per cell in braille, 1 per cell in ASCII):
 *   - more buckets than dot columns: each dot column shows the MAX of the
 *     buckets that fall in it, so a spike is never hidden;
 *   - otherwise the buckets are spread from the left edge to the right edge
 *     and joined by straight lines.
 * A bucket with no datapoint (NaN, +-Inf, or a non-zero missing[] flag) is a
 * gap: nothing is drawn there, and no line crosses it.
 *
 * Values. These metrics are never negative: values below 0 are drawn as 0.
 * The y axis runs from 0 to max(data max, crit * 1.1) (warn * 1.1 without a
 * crit; 1 when everything is 0), so threshold lines are always visible, or
 * over spec->y_min..y_max when spec->fixed (values outside are clamped). */
#ifndef RW_CHART_H
#define RW_CHART_H

#include <stddef.h>

/* What a cell shows; the curses adapter maps these to theme roles. */
enum chart_role {
    CHART_NONE,   /* empty cell, or a gap in the data */
    CHART_AXIS,   /* the y axis */
    CHART_LINE,   /* a data line or sparkline mark (see cell.series) */
    CHART_WARN,   /* the warning threshold line: '╌', ASCII '-' */
    CHART_CRIT,   /* the critical threshold line: '╍', ASCII '=' (told apart without colour) */
    CHART_LABEL,  /* axis labels, "no data" */
};

struct chart_cell {
    char text[5];                /* UTF-8 of one cell, NUL-terminated; " " when empty */
    unsigned char role;          /* enum chart_role */
    unsigned char series;        /* CHART_LINE: index of the series drawn there last */
};

/* How values are labelled (see chart_fmt). */
enum chart_unit {
    CHART_UNIT_COUNT,    /* 950, 1.4k, 2.1M */
    CHART_UNIT_SECONDS,  /* 85us, 120ms, 1.21s, 2.5m, 1.2h */
    CHART_UNIT_RATIO,    /* 0.072 -> 7.2% */
};

/* A zeroed spec is valid: ASCII, auto range, no thresholds, axis and labels. */
struct chart_spec {
    enum chart_unit unit;
    int utf8;            /* braille line, '╌' warn '╍' crit, '│' axis; 0: ASCII ('-' '=' '|') */
    int bare;            /* 1: no axis or labels, the whole grid is plot */
    double warn, crit;   /* threshold lines; <= 0 or NaN: none */
    int fixed;           /* 1: y runs over y_min..y_max (if y_max > y_min >= 0) */
    double y_min, y_max;
    size_t buckets;      /* the time window in buckets; 0: the longest series */
};

struct chart_series {
    const double *v;                /* n values, oldest first */
    const unsigned char *missing;   /* optional: non-zero = no datapoint */
    size_t n;
};

/* What chart_render drew. */
enum { CHART_DREW_CHART = 0, CHART_DREW_SPARKLINE = 1, CHART_DREW_NOTHING = 2 };

/* Render the series as a line chart into grid (rows x cols cells, row-major).
 * Every cell is rewritten and none outside the grid is touched. Threshold
 * lines are drawn under the data; with no datapoint at all the axis, labels
 * and thresholds are drawn with a "no data" label. Below 10 columns or 3 rows
 * it draws a sparkline of series[0] in row 0 instead. Returns CHART_DREW_*,
 * or -1 for bad arguments (grid NULL with cells, negative sizes). */
int chart_render(const struct chart_spec *spec, const struct chart_series *series,
                 size_t nseries, struct chart_cell *grid, int rows, int cols);

/* Render one series as a one-row sparkline into row[0..cols): ▁▂▃▄▅▆▇█ in
 * UTF-8, " .:-=+*#" in ASCII, over the same y range as chart_render. One
 * cell per bucket (right-aligned) or the max of the buckets of each cell;
 * gaps are blank CHART_NONE cells. Returns 0, or -1 for bad arguments. */
int chart_sparkline(const struct chart_spec *spec, const struct chart_series *s,
                    struct chart_cell *row, int cols);

/* The y range chart_render would use for these series, into *lo and *hi. */
void chart_range(const struct chart_spec *spec, const struct chart_series *series,
                 size_t nseries, double *lo, double *hi);

/* Format v compactly in unit (3 significant digits, trailing zeros dropped:
 * 0.1204 s "120ms", 1.21 s "1.21s", ratio 0.072 "7.2%", 1400 "1.4k"; NaN "-").
 * Returns the length written, like snprintf. */
int chart_fmt(double v, enum chart_unit unit, char *buf, size_t n);

/* Concatenate row[0..cols) into buf as UTF-8 (truncated to fit); returns its length. */
size_t chart_row_text(const struct chart_cell *row, int cols, char *buf, size_t n);

#endif
