/* Tests for tui/chart: the grid renderer, the sparkline and label formatting,
 * on synthetic series. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <string.h>

#include "tui/chart.h"

#define MAXC 4096
static struct chart_cell g[MAXC];

static const struct chart_cell *at(int cols, int r, int c)
{
    return &g[r * cols + c];
}

/* The code point of a cell (its text is one UTF-8 character). */
static unsigned cp(const struct chart_cell *c)
{
    const unsigned char *t = (const unsigned char *)c->text;
    if (t[0] < 0x80)
        return t[0];
    if ((t[0] & 0xF0) == 0xE0)
        return (unsigned)(t[0] & 0x0F) << 12 | (unsigned)(t[1] & 0x3F) << 6 | (t[2] & 0x3F);
    return 0xFFFD;
}

static const char *row(int cols, int r)
{
    static char buf[1024];
    chart_row_text(&g[r * cols], cols, buf, sizeof buf);
    return buf;
}

/* The first column of the plot: one right of the axis. */
static int plot_x0(int cols)
{
    for (int c = 0; c < cols; c++)
        if (at(cols, 0, c)->role == CHART_AXIS)
            return c + 1;
    return -1;
}

static int col_has_line(int rows, int cols, int c)
{
    for (int r = 0; r < rows; r++)
        if (at(cols, r, c)->role == CHART_LINE)
            return 1;
    return 0;
}

static void expect_fmt(double v, enum chart_unit u, const char *want)
{
    char buf[32];
    int n = chart_fmt(v, u, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, want);
    CU_ASSERT_EQUAL(n, (int)strlen(want));
}

static void test_chart_fmt_is_compact(void)
{
    expect_fmt(0.1204, CHART_UNIT_SECONDS, "120ms");
    expect_fmt(1.21, CHART_UNIT_SECONDS, "1.21s");
    expect_fmt(0.5, CHART_UNIT_SECONDS, "500ms");
    expect_fmt(1.0, CHART_UNIT_SECONDS, "1s");
    expect_fmt(0.9996, CHART_UNIT_SECONDS, "1s");       /* rounds up across units */
    expect_fmt(0.00085, CHART_UNIT_SECONDS, "850us");
    expect_fmt(59.96, CHART_UNIT_SECONDS, "1m");
    expect_fmt(5 * 3600, CHART_UNIT_SECONDS, "5h");
    expect_fmt(0, CHART_UNIT_SECONDS, "0s");
    expect_fmt(0.072, CHART_UNIT_RATIO, "7.2%");
    expect_fmt(0.05, CHART_UNIT_RATIO, "5%");
    expect_fmt(1, CHART_UNIT_RATIO, "100%");
    expect_fmt(1400, CHART_UNIT_COUNT, "1.4k");
    expect_fmt(999.6, CHART_UNIT_COUNT, "1k");
    expect_fmt(123456, CHART_UNIT_COUNT, "123k");
    expect_fmt(2.1e6, CHART_UNIT_COUNT, "2.1M");
    expect_fmt(950, CHART_UNIT_COUNT, "950");
    expect_fmt(0.0012, CHART_UNIT_COUNT, "0.0012");
    expect_fmt(-1400, CHART_UNIT_COUNT, "-1.4k");
    expect_fmt(1e300, CHART_UNIT_COUNT, "1e300");
    expect_fmt(NAN, CHART_UNIT_SECONDS, "-");
    char small[4];
    CU_ASSERT_EQUAL(chart_fmt(0.1204, CHART_UNIT_SECONDS, small, sizeof small), 5);
    CU_ASSERT_STRING_EQUAL(small, "120");                /* truncated like snprintf */
}

static void test_chart_braille_two_points_exact(void)
{
    /* 10x3 cells = 20x12 dots; 0 -> 11 is a straight line y = round(11x / 19) */
    double v[] = { 0, 11 };
    struct chart_series s = { v, NULL, 2 };
    struct chart_spec sp = { .utf8 = 1, .bare = 1 };
    CU_ASSERT_EQUAL_FATAL(chart_render(&sp, &s, 1, g, 3, 10), CHART_DREW_CHART);
    static const unsigned want[3][10] = {
        { ' ', ' ', ' ', ' ', ' ', ' ', 0x2880, 0x2860, 0x2814, 0x280A },
        { ' ', ' ', ' ', 0x2880, 0x2824, 0x2812, 0x2801, ' ', ' ', ' ' },
        { 0x2860, 0x2814, 0x280A, 0x2801, ' ', ' ', ' ', ' ', ' ', ' ' },
    };
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 10; c++) {
            CU_ASSERT_EQUAL(cp(at(10, r, c)), want[r][c]);
            CU_ASSERT_EQUAL(at(10, r, c)->role, want[r][c] == ' ' ? CHART_NONE : CHART_LINE);
        }
}

static void test_chart_ascii_rows_exact(void)
{
    /* 8 buckets on 8 plot columns; y 0..7 is 8 half-rows in 4 rows */
    double v[] = { 0, 1, 2, 3, 7, 7, NAN, 4 };
    struct chart_series s = { v, NULL, 8 };
    struct chart_spec sp = { .fixed = 1, .y_min = 0, .y_max = 7, .warn = 5, .crit = 6 };
    CU_ASSERT_EQUAL_FATAL(chart_render(&sp, &s, 1, g, 4, 10), CHART_DREW_CHART);
    CU_ASSERT_STRING_EQUAL(row(10, 0), "7+====|'==");
    CU_ASSERT_STRING_EQUAL(row(10, 1), " |----|--.");
    CU_ASSERT_STRING_EQUAL(row(10, 2), " |  .'    ");
    CU_ASSERT_STRING_EQUAL(row(10, 3), "0+.'      ");
    CU_ASSERT_EQUAL(at(10, 0, 0)->role, CHART_LABEL);
    CU_ASSERT_EQUAL(at(10, 0, 1)->role, CHART_AXIS);
    CU_ASSERT_EQUAL(at(10, 0, 2)->role, CHART_CRIT);
    CU_ASSERT_EQUAL(at(10, 1, 2)->role, CHART_WARN);
    CU_ASSERT_EQUAL(at(10, 0, 6)->role, CHART_LINE);    /* data wins over the line */
    CU_ASSERT_EQUAL(at(10, 0, 8)->role, CHART_CRIT);    /* the gap lets it through */
}

static void test_chart_ramp_rises_left_to_right(void)
{
    double v[200];
    for (int i = 0; i < 200; i++)
        v[i] = i;
    struct chart_series s = { v, NULL, 200 };
    struct chart_spec sp = { 0 };
    int rows = 8, cols = 40;
    CU_ASSERT_EQUAL_FATAL(chart_render(&sp, &s, 1, g, rows, cols), CHART_DREW_CHART);
    int x0 = plot_x0(cols), last = rows;
    CU_ASSERT_FATAL(x0 > 0);
    for (int c = x0; c < cols; c++) {
        int top = -1;
        for (int r = 0; r < rows && top < 0; r++)
            if (at(cols, r, c)->role == CHART_LINE)
                top = r;
        CU_ASSERT(top >= 0);
        CU_ASSERT(top <= last);                 /* never falls */
        last = top;
        if (c == x0)
            CU_ASSERT_EQUAL(top, rows - 1);
    }
    CU_ASSERT_EQUAL(last, 0);
}

static void test_chart_spike_narrower_than_a_column_shows(void)
{
    double v[600] = { 0 };
    v[301] = 1;
    struct chart_series s = { v, NULL, 600 };
    for (int utf8 = 0; utf8 <= 1; utf8++) {
        struct chart_spec sp = { .utf8 = utf8 };
        int rows = 6, cols = 40;
        CU_ASSERT_EQUAL_FATAL(chart_render(&sp, &s, 1, g, rows, cols), CHART_DREW_CHART);
        int x0 = plot_x0(cols), w = cols - x0, px = utf8 ? 2 * w : w;
        int x = 301 * px / 600;                 /* the dot column holding bucket 301 */
        int c = x0 + (utf8 ? x / 2 : x);
        CU_ASSERT_EQUAL(at(cols, 0, c)->role, CHART_LINE);
        int tops = 0;
        for (int k = x0; k < cols; k++)
            tops += at(cols, 0, k)->role == CHART_LINE;
        CU_ASSERT(tops >= 1 && tops <= 2);      /* the spike, not a plateau */
    }
}

static void test_chart_gap_is_not_a_line_to_zero(void)
{
    double v[30];
    unsigned char missing[30] = { 0 };
    for (int i = 0; i < 30; i++)
        v[i] = 5;
    for (int i = 10; i < 15; i++)
        v[i] = NAN;
    missing[22] = missing[23] = 1;
    struct chart_series s = { v, missing, 30 };
    struct chart_spec sp = { .bare = 1 };
    CU_ASSERT_EQUAL_FATAL(chart_render(&sp, &s, 1, g, 5, 30), CHART_DREW_CHART);
    for (int c = 0; c < 30; c++) {
        int gap = (c >= 10 && c < 15) || c == 22 || c == 23;
        CU_ASSERT_EQUAL(col_has_line(5, 30, c), !gap);
        CU_ASSERT_NOT_EQUAL(at(30, 4, c)->role, CHART_LINE);  /* nothing drops to 0 */
    }
}

static void test_chart_thresholds_visible_below_data(void)
{
    double v[60];
    for (int i = 0; i < 60; i++)
        v[i] = 0.1;
    struct chart_series s = { v, NULL, 60 };
    struct chart_spec sp = { .unit = CHART_UNIT_SECONDS, .utf8 = 1, .warn = 0.5, .crit = 1.0 };
    double lo, hi;
    chart_range(&sp, &s, 1, &lo, &hi);
    CU_ASSERT_DOUBLE_EQUAL(lo, 0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(hi, 1.1, 1e-12);
    int rows = 10, cols = 40;
    CU_ASSERT_EQUAL_FATAL(chart_render(&sp, &s, 1, g, rows, cols), CHART_DREW_CHART);
    int x0 = plot_x0(cols), warn = -1, crit = -1, data = -1;
    for (int r = 0; r < rows; r++) {
        if (at(cols, r, x0)->role == CHART_WARN)
            warn = r;
        if (at(cols, r, x0)->role == CHART_CRIT)
            crit = r;
        if (at(cols, r, x0)->role == CHART_LINE)
            data = r;
    }
    CU_ASSERT(crit >= 0 && crit < warn && warn < data);
    CU_ASSERT_EQUAL(cp(at(cols, warn, cols - 1)), 0x254C);   /* ╌ */
    CU_ASSERT_EQUAL(cp(at(cols, crit, cols - 1)), 0x254D);   /* ╍ */
    CU_ASSERT_PTR_NOT_NULL(strstr(row(cols, 0), "1.1s"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(cols, rows - 1), "0s"));
    /* a line crossing the critical line wins the cell where they meet */
    for (int i = 0; i < 60; i++)
        v[i] = i / 30.0;
    chart_render(&sp, &s, 1, g, rows, cols);
    int line = 0, dashes = 0;
    for (int r = 0; r < rows; r++)
        if (at(cols, r, x0)->role == CHART_CRIT)
            for (int c = x0; c < cols; c++) {
                line += at(cols, r, c)->role == CHART_LINE;
                dashes += at(cols, r, c)->role == CHART_CRIT;
            }
    CU_ASSERT(line > 0 && dashes > 0);
}

static void test_chart_no_data_draws_frame(void)
{
    double v[3] = { NAN, NAN, NAN };
    struct chart_series s = { v, NULL, 3 };
    struct chart_spec sp = { .unit = CHART_UNIT_RATIO, .warn = 0.01, .crit = 0.05 };
    for (int empty = 0; empty <= 1; empty++) {
        int rows = 6, cols = 30;
        CU_ASSERT_EQUAL(chart_render(&sp, empty ? NULL : &s, empty ? 0 : 1, g, rows, cols),
                        CHART_DREW_CHART);
        CU_ASSERT_PTR_NOT_NULL(strstr(row(cols, rows / 2), "no data"));
        CU_ASSERT_PTR_NOT_NULL(strstr(row(cols, 0), "5.5%"));
        CU_ASSERT(plot_x0(cols) > 0);
        for (int c = 0; c < cols; c++)
            CU_ASSERT(!col_has_line(rows, cols, c));
    }
}

static void test_chart_flat_negative_and_huge_values(void)
{
    double five[20], zero[20], neg[20], huge[20];
    for (int i = 0; i < 20; i++)
        five[i] = 5, zero[i] = 0, neg[i] = -3, huge[i] = 1;
    huge[10] = 1e300;
    huge[11] = INFINITY;                         /* not a datapoint */
    struct chart_spec sp = { .bare = 1 };
    struct chart_series s = { five, NULL, 20 };
    chart_render(&sp, &s, 1, g, 4, 20);
    for (int c = 0; c < 20; c++)                 /* all equal: a flat line on top */
        CU_ASSERT(at(20, 0, c)->role == CHART_LINE && at(20, 1, c)->role == CHART_NONE);
    static struct chart_cell zg[80];
    s.v = zero;
    chart_render(&sp, &s, 1, g, 4, 20);
    memcpy(zg, g, sizeof zg);
    CU_ASSERT_EQUAL(at(20, 3, 0)->role, CHART_LINE);
    s.v = neg;                                   /* negative values are drawn as 0 */
    chart_render(&sp, &s, 1, g, 4, 20);
    CU_ASSERT_EQUAL(memcmp(zg, g, sizeof zg), 0);
    s.v = huge;
    CU_ASSERT_EQUAL(chart_render(&sp, &s, 1, g, 4, 20), CHART_DREW_CHART);
    CU_ASSERT_EQUAL(at(20, 0, 10)->role, CHART_LINE);
    CU_ASSERT_EQUAL(at(20, 3, 0)->role, CHART_LINE);
    CU_ASSERT(!col_has_line(4, 20, 11));
}

static void test_chart_series_share_the_window(void)
{
    double a[4] = { 1, 1, 1, 1 }, b[2] = { 3, 3 };
    struct chart_series s[2] = { { a, NULL, 4 }, { b, NULL, 2 } };
    struct chart_spec sp = { .bare = 1 };
    CU_ASSERT_EQUAL_FATAL(chart_render(&sp, s, 2, g, 3, 10), CHART_DREW_CHART);
    /* b is right-aligned: the newest two of four buckets, in the top row */
    CU_ASSERT_EQUAL(at(10, 0, 9)->role, CHART_LINE);
    CU_ASSERT_EQUAL(at(10, 0, 9)->series, 1);
    CU_ASSERT_EQUAL(at(10, 0, 0)->role, CHART_NONE);
    CU_ASSERT_EQUAL(at(10, 1, 0)->role, CHART_LINE);   /* a alone on the left */
    CU_ASSERT_EQUAL(at(10, 1, 0)->series, 0);
    sp.fixed = 1, sp.y_max = 2, sp.crit = 5;     /* clamped to the top; crit off-scale */
    chart_render(&sp, s, 2, g, 3, 10);
    CU_ASSERT_EQUAL(at(10, 0, 9)->role, CHART_LINE);
    for (int i = 0; i < 30; i++)
        CU_ASSERT_NOT_EQUAL(g[i].role, CHART_CRIT);
}

static void check_guarded(const struct chart_spec *sp, const struct chart_series *s, int ns)
{
    enum { G = 64 };
    static struct chart_cell buf[G + 12 * 16 + G];
    for (int rows = 0; rows <= 12; rows++)
        for (int cols = 0; cols <= 16; cols++) {
            for (size_t i = 0; i < sizeof buf / sizeof *buf; i++)
                buf[i] = (struct chart_cell){ "G", 0xEE, 0xEE };
            int rc = chart_render(sp, s, (size_t)ns, buf + G, rows, cols);
            int small = rows < 3 || cols < 10;
            CU_ASSERT(small ? rc == CHART_DREW_SPARKLINE || rc == CHART_DREW_NOTHING
                            : rc == CHART_DREW_CHART);
            int n = rows * cols;
            for (int i = 0; i < G; i++) {
                CU_ASSERT(buf[i].role == 0xEE && buf[G + n + i].role == 0xEE);
                CU_ASSERT(strcmp(buf[G + n + i].text, "G") == 0);
            }
            for (int i = 0; i < n; i++)
                CU_ASSERT(buf[G + i].role != 0xEE && memchr(buf[G + i].text, 0, 5));
        }
}

static void test_chart_tiny_sizes_stay_inside_the_grid(void)
{
    double spike[100] = { 0 }, odd[5] = { -1, 1e308, NAN, INFINITY, 2 };
    spike[50] = 7;
    struct chart_series s[2] = { { spike, NULL, 100 }, { odd, NULL, 5 } };
    for (int utf8 = 0; utf8 <= 1; utf8++) {
        struct chart_spec sp = { .utf8 = utf8, .warn = 1, .crit = 5 };
        check_guarded(&sp, NULL, 0);
        check_guarded(&sp, s, 2);
        check_guarded(&sp, &s[1], 1);
        sp.bare = 1, sp.buckets = 3;
        check_guarded(&sp, s, 2);
    }
    double v[4] = { 1, 2, 3, 4 };
    struct chart_series one = { v, NULL, 4 };
    CU_ASSERT_EQUAL(chart_render(NULL, &one, 1, g, 1, 5), CHART_DREW_SPARKLINE);
    CU_ASSERT_STRING_EQUAL(row(5, 0), " :=+#");
    CU_ASSERT_EQUAL(chart_render(NULL, &one, 1, NULL, 3, -1), -1);
    CU_ASSERT_EQUAL(chart_render(NULL, &one, 1, NULL, 3, 10), -1);
    CU_ASSERT_EQUAL(chart_render(NULL, &one, 1, NULL, 0, 0), CHART_DREW_NOTHING);
}

static void test_chart_sparkline(void)
{
    double v[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    struct chart_series s = { v, NULL, 8 };
    struct chart_spec sp = { .utf8 = 1 };
    CU_ASSERT_EQUAL(chart_sparkline(&sp, &s, g, 8), 0);
    CU_ASSERT_STRING_EQUAL(row(8, 0), "▁▂▃▄▅▆▇█");
    sp.utf8 = 0;
    chart_sparkline(&sp, &s, g, 8);
    CU_ASSERT_STRING_EQUAL(row(8, 0), " .:-=+*#");
    CU_ASSERT_EQUAL(g[0].role, CHART_LINE);            /* a zero, not a gap */
    v[3] = NAN;
    chart_sparkline(&sp, &s, g, 10);                   /* right-aligned, gap blank */
    CU_ASSERT_STRING_EQUAL(row(10, 0), "   .: =+*#");
    CU_ASSERT_EQUAL(g[5].role, CHART_NONE);
    double w[16] = { 0 };
    w[9] = 7;                                          /* 4 buckets a cell: max shown */
    struct chart_series t = { w, NULL, 16 };
    chart_sparkline(&sp, &t, g, 4);
    CU_ASSERT_STRING_EQUAL(row(4, 0), "  # ");
    double p95[4] = { 0.05, 0.2, 0.75, 1.21 };          /* the design card's p95 */
    struct chart_series p = { p95, NULL, 4 };
    struct chart_spec lat = { .utf8 = 1, .unit = CHART_UNIT_SECONDS, .warn = 0.5, .crit = 1 };
    chart_sparkline(&lat, &p, g, 4);
    CU_ASSERT_STRING_EQUAL(row(4, 0), "▁▂▅█");
    CU_ASSERT_EQUAL(chart_sparkline(&lat, &p, NULL, 4), -1);
    CU_ASSERT_EQUAL(chart_sparkline(&lat, &p, g, 0), 0);
}

void test_chart_register(void)
{
    CU_pSuite s = CU_add_suite("chart", NULL, NULL);
    CU_add_test(s, "labels are compact", test_chart_fmt_is_compact);
    CU_add_test(s, "braille dots of a 2-point series", test_chart_braille_two_points_exact);
    CU_add_test(s, "ASCII rows of a known series", test_chart_ascii_rows_exact);
    CU_add_test(s, "a ramp rises left to right", test_chart_ramp_rises_left_to_right);
    CU_add_test(s, "a spike narrower than a column shows", test_chart_spike_narrower_than_a_column_shows);
    CU_add_test(s, "a gap is not a line to zero", test_chart_gap_is_not_a_line_to_zero);
    CU_add_test(s, "thresholds visible below the data", test_chart_thresholds_visible_below_data);
    CU_add_test(s, "no data draws the frame", test_chart_no_data_draws_frame);
    CU_add_test(s, "flat, negative and huge values", test_chart_flat_negative_and_huge_values);
    CU_add_test(s, "series share the time window", test_chart_series_share_the_window);
    CU_add_test(s, "tiny sizes stay inside the grid", test_chart_tiny_sizes_stay_inside_the_grid);
    CU_add_test(s, "sparkline", test_chart_sparkline);
}
