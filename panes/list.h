/* list: cursor and scroll arithmetic shared by the list panes: keep the
 * selection inside the list and the scroll window around the selection. */
#ifndef RW_LIST_H
#define RW_LIST_H

#include "tui/keymap.h"

struct pane_list {
    int sel, top;   /* selected row, first row shown */
};

/* Apply a movement action to l over n rows with page rows visible; 1 if it was
 * a movement action. */
int list_move(struct pane_list *l, enum rw_action act, int n, int page);
/* Clamp selection and scroll to n rows with page rows visible. */
void list_clamp(struct pane_list *l, int n, int page);

#endif
