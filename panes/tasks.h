/* tasks: the Deployments/Tasks pane (see tasks.c). */
#ifndef RW_TASKS_H
#define RW_TASKS_H

#include "pane.h"
#include "view.h"

/* The Deployments/Tasks pane over view v (borrowed). */
struct pane *pane_tasks_new(struct pane_view *v);

#endif
