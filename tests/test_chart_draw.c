/* Tests for tui/chart_draw: a rendered grid blitted into a curses window on a
 * terminal that writes to /dev/null, read back cell by cell. */
#include <CUnit/CUnit.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tui/chart_draw.h"
#include "support/testterm.h"
#include "tui/color.h"

static void test_chart_draw_roles(void)
{
    struct chart_cell c = { " ", CHART_LINE, 0 };
    CU_ASSERT_EQUAL(chart_draw_role(&c), ROLE_CHART);
    c.series = 1;
    CU_ASSERT_EQUAL(chart_draw_role(&c), ROLE_CHART_ALT);
    c.role = CHART_WARN;
    CU_ASSERT_EQUAL(chart_draw_role(&c), ROLE_CHART_WARN);
    c.role = CHART_CRIT;
    CU_ASSERT_EQUAL(chart_draw_role(&c), ROLE_CHART_CRIT);
    c.role = CHART_AXIS;
    CU_ASSERT_EQUAL(chart_draw_role(&c), ROLE_DIM);
    c.role = CHART_LABEL;
    CU_ASSERT_EQUAL(chart_draw_role(&c), ROLE_DIM);
    c.role = CHART_NONE;
    CU_ASSERT_EQUAL(chart_draw_role(&c), ROLE_NORMAL);
}

/* The code point and colour pair at (y, x) of w. */
static wchar_t cell_at(WINDOW *w, int y, int x, short *pair)
{
    cchar_t cc;
    wchar_t wch[CCHARW_MAX + 1] = { 0 };
    attr_t attrs;
    mvwin_wch(w, y, x, &cc);
    getcchar(&cc, wch, &attrs, pair, NULL);
    return wch[0];
}

static void check_blit(WINDOW *w)
{
    double v[] = { 0, 11 };
    struct chart_series s = { v, NULL, 2 };
    struct chart_spec sp = { .utf8 = 1, .bare = 1, .crit = 9 };   /* crit in row 0 */
    struct chart_cell g[30];
    CU_ASSERT_EQUAL_FATAL(chart_render(&sp, &s, 1, g, 3, 10), CHART_DREW_CHART);
    attr_t before_a, after_a;
    short before_p, after_p, pair;
    wattr_get(w, &before_a, &before_p, NULL);
    chart_draw_grid(w, 1, 1, g, 3, 10);
    wattr_get(w, &after_a, &after_p, NULL);
    CU_ASSERT(before_a == after_a && before_p == after_p);   /* attributes restored */
    CU_ASSERT_EQUAL(cell_at(w, 3, 1, &pair), 0x2860);        /* g[2][0]: the line */
    CU_ASSERT_EQUAL(pair, PAIR_NUMBER(color_attr(ROLE_CHART)));
    CU_ASSERT_EQUAL(cell_at(w, 1, 1, &pair), 0x254D);        /* the crit line, row 0 */
    CU_ASSERT_EQUAL(pair, PAIR_NUMBER(color_attr(ROLE_CHART_CRIT)));
    CU_ASSERT_NOT_EQUAL(PAIR_NUMBER(color_attr(ROLE_CHART)),
                        PAIR_NUMBER(color_attr(ROLE_CHART_CRIT)));
    CU_ASSERT_EQUAL(cell_at(w, 0, 0, &pair), L' ');          /* outside the grid: untouched */
    /* clipped at the window's edge: 5x12 window, grid drawn from (3, 5) */
    werase(w);
    chart_draw_grid(w, 3, 5, g, 3, 10);
    CU_ASSERT_EQUAL(cell_at(w, 3, 5, &pair), 0x254D);
    CU_ASSERT_EQUAL(cell_at(w, 4, 11, &pair), 0x2801);       /* g[1][6], bottom-right corner */
    CU_ASSERT_EQUAL(cell_at(w, 2, 5, &pair), L' ');
    chart_draw_grid(w, -2, -3, g, 3, 10);                    /* negative origin: clipped */
    CU_ASSERT_EQUAL(cell_at(w, 0, 0, &pair), 0x2801);        /* g[2][3] */
}

static void test_chart_draw_blits_with_role_colours(void)
{
    struct testterm tt;
    CU_ASSERT_EQUAL(testterm_open(&tt, "chart = cyan\nchart_crit = red\n"), 0);
    if (tt.scr) {
        WINDOW *w = newwin(5, 12, 0, 0);
        check_blit(w);
        delwin(w);
    }
    testterm_close(&tt);
}

void test_chart_draw_register(void)
{
    CU_pSuite s = CU_add_suite("chart_draw", NULL, NULL);
    CU_add_test(s, "chart roles map to theme roles", test_chart_draw_roles);
    CU_add_test(s, "blits cells with role colours, clipped", test_chart_draw_blits_with_role_colours);
}
