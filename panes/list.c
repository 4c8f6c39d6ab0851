/* list: selection and scrolling for list panes. */
#include "list.h"

void list_clamp(struct pane_list *l, int n, int page)
{
    if (page < 1)
        page = 1;
    if (l->sel >= n)
        l->sel = n - 1;
    if (l->sel < 0)
        l->sel = 0;
    if (l->top > l->sel)
        l->top = l->sel;
    if (l->sel >= l->top + page)
        l->top = l->sel - page + 1;
    if (l->top > n - page)
        l->top = n - page;
    if (l->top < 0)
        l->top = 0;
}

int list_move(struct pane_list *l, enum rw_action act, int n, int page)
{
    switch (act) {
    case ACT_UP: l->sel--; break;
    case ACT_DOWN: l->sel++; break;
    case ACT_PGUP: l->sel -= page > 1 ? page - 1 : 1; break;
    case ACT_PGDN: l->sel += page > 1 ? page - 1 : 1; break;
    case ACT_TOP: l->sel = 0; break;
    case ACT_BOTTOM: l->sel = n - 1; break;
    default: return 0;
    }
    list_clamp(l, n, page);
    return 1;
}
