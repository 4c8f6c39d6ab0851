/* services: the Services pane (see services.c). */
#ifndef RW_SERVICES_H
#define RW_SERVICES_H

#include "pane.h"
#include "view.h"

/* The Services pane over view v (borrowed). */
struct pane *pane_services_new(struct pane_view *v);
/* Set the pane's filter to expr (":filter" and tests); 0, or -1 with why in err. */
int pane_services_filter(struct pane *p, const char *expr, char *err, size_t n);

#endif
