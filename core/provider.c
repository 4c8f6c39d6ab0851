/* provider: dispatch through the provider's table. */
#include "provider.h"

struct rw_preq *rw_provider_list_services(struct rw_provider *p, rw_services_fn fn, void *ud)
{
    return p->ops->list_services(p, fn, ud);
}

struct rw_preq *rw_provider_list_tasks(struct rw_provider *p, const char *service,
                                       rw_tasks_fn fn, void *ud)
{
    return p->ops->list_tasks(p, service, fn, ud);
}

struct rw_preq *rw_provider_metrics(struct rw_provider *p, const struct rw_metrics_query *q,
                                    rw_metrics_fn fn, void *ud)
{
    return p->ops->metrics ? p->ops->metrics(p, q, fn, ud) : NULL;
}

void rw_provider_cancel(struct rw_provider *p, struct rw_preq *r)
{
    if (p && r)
        p->ops->cancel(p, r);
}

void rw_provider_free(struct rw_provider *p)
{
    if (p)
        p->ops->free(p);
}
