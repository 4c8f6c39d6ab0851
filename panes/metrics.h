/* metrics: the Metrics pane (see metrics.c). */
#ifndef RW_METRICS_H
#define RW_METRICS_H

#include "pane.h"
#include "view.h"

/* Panes this short or shorter show one line per signal instead of charts. */
#define PANE_METRICS_COMPACT_ROWS 7

/* The Metrics pane over view v (borrowed). */
struct pane *pane_metrics_new(struct pane_view *v);

#endif
