/* Tests for tui/layout: pane rectangles by terminal size. */
#include <CUnit/CUnit.h>

#include "tui/layout.h"

static int overlaps(const struct rect *a, const struct rect *b)
{
    return a->h && b->h && a->x < b->x + b->w && b->x < a->x + a->w &&
           a->y < b->y + b->h && b->y < a->y + a->h;
}

static void check_tiles(const struct layout *l)
{
    for (int i = 0; i < PANE_COUNT; i++) {
        const struct rect *r = &l->panes[i];
        if (!r->h)
            continue;
        CU_ASSERT(r->y >= 1 && r->y + r->h <= l->rows - 1); /* between header and footer */
        CU_ASSERT(r->x >= 0 && r->x + r->w <= l->cols);
        CU_ASSERT(r->h >= 3);
        for (int j = i + 1; j < PANE_COUNT; j++)
            CU_ASSERT(!overlaps(r, &l->panes[j]));
    }
}

static void test_layout_wide_shows_design_layout(void)
{
    struct layout l;
    layout_compute(120, 40, -1, PANE_SERVICES, 0, &l);
    CU_ASSERT_FALSE(l.too_small);
    CU_ASSERT_FALSE(l.stacked);
    for (int p = PANE_SERVICES; p <= PANE_METRICS; p++)
        CU_ASSERT(l.panes[p].h > 0);
    CU_ASSERT_EQUAL(l.panes[PANE_EVENTS].h, 0);
    CU_ASSERT_EQUAL(l.panes[PANE_SERVICES].y, l.panes[PANE_TASKS].y);
    CU_ASSERT(l.panes[PANE_LOGS].w == 120);
    check_tiles(&l);
    layout_compute(200, 60, -1, PANE_SERVICES, 0, &l);
    CU_ASSERT(l.panes[PANE_EVENTS].h > 0);
    check_tiles(&l);
}

static void test_layout_narrow_stacks(void)
{
    struct layout l;
    layout_compute(80, 24, -1, PANE_SERVICES, 0, &l);
    CU_ASSERT(l.stacked);
    CU_ASSERT(l.panes[PANE_SERVICES].y < l.panes[PANE_TASKS].y);
    CU_ASSERT(l.panes[PANE_TASKS].y < l.panes[PANE_LOGS].y);
    CU_ASSERT_EQUAL(l.panes[PANE_HEALTH].h, 0);
    check_tiles(&l);
    /* focusing a pane with no place shows it zoomed */
    layout_compute(80, 24, -1, PANE_METRICS, 0, &l);
    CU_ASSERT_EQUAL(l.zoomed, PANE_METRICS);
    CU_ASSERT_EQUAL(l.panes[PANE_METRICS].h, 22);
    CU_ASSERT_EQUAL(l.panes[PANE_SERVICES].h, 0);
}

static void test_layout_zoom_fills_body(void)
{
    struct layout l;
    layout_compute(120, 40, PANE_LOGS, PANE_LOGS, 1, &l);
    CU_ASSERT_EQUAL(l.zoomed, PANE_LOGS);
    CU_ASSERT_EQUAL(l.panes[PANE_LOGS].y, 2); /* under header and banner */
    CU_ASSERT_EQUAL(l.panes[PANE_LOGS].h, 37);
    CU_ASSERT_EQUAL(l.banner.h, 1);
    CU_ASSERT_EQUAL(layout_pane_at(&l, 10, 10), PANE_LOGS);
    CU_ASSERT_EQUAL(layout_pane_at(&l, 0, 10), -1);
}

static void test_layout_too_small_below_60x15(void)
{
    struct layout l;
    layout_compute(59, 30, -1, 0, 0, &l);
    CU_ASSERT(l.too_small);
    layout_compute(100, 14, -1, 0, 0, &l);
    CU_ASSERT(l.too_small);
    layout_compute(60, 15, -1, 0, 0, &l);
    CU_ASSERT_FALSE(l.too_small);
    check_tiles(&l);
}

void test_layout_register(void)
{
    CU_pSuite s = CU_add_suite("layout", NULL, NULL);
    CU_add_test(s, "100+ columns: the design layout", test_layout_wide_shows_design_layout);
    CU_add_test(s, "below 100 columns: stacked", test_layout_narrow_stacks);
    CU_add_test(s, "zoom fills the body", test_layout_zoom_fills_body);
    CU_add_test(s, "too small below 60x15", test_layout_too_small_below_60x15);
}
