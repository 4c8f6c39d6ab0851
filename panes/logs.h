/* logs: the Logs pane (see logs.c). */
#ifndef RW_LOGS_PANE_H
#define RW_LOGS_PANE_H

#include "pane.h"
#include "view.h"

/* The Logs pane over view v (borrowed). */
struct pane *pane_logs_new(struct pane_view *v);
/* Set the pane's filter to expr; 0, or -1 with why in err (the old one stays). */
int pane_logs_filter(struct pane *p, const char *expr, char *err, size_t n);

#endif
