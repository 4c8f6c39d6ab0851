/* events: the Events pane (see events.c). */
#ifndef RW_EVENTS_H
#define RW_EVENTS_H

#include "pane.h"
#include "view.h"

/* The Events pane over view v (borrowed). */
struct pane *pane_events_new(struct pane_view *v);

#endif
