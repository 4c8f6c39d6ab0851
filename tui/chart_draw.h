/* chart_draw: the curses side of charts. Blits a grid rendered by tui/chart
 * into a window, each cell in its theme role (chart, chart_warn, chart_crit,
 * chart_alt for a second series, dim for the axis and labels). */
#ifndef RW_CHART_DRAW_H
#define RW_CHART_DRAW_H

#include <curses.h>

#include "chart.h"
#include "theme.h"

/* The theme role a chart cell is drawn in. */
enum rw_role chart_draw_role(const struct chart_cell *c);
/* Draw grid (rows x cols) into w with its top-left corner at (y, x), clipped to
 * w; outside a UTF-8 locale non-ASCII cells show as '?'. Attributes are restored. */
void chart_draw_grid(WINDOW *w, int y, int x, const struct chart_cell *grid, int rows,
                     int cols);

#endif
