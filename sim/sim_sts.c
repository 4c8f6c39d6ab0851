/* sim_sts: GetCallerIdentity (see sim_sts.h). */
#include "sim_sts.h"

#include <string.h>

int sim_sts_handle(struct sim_world *w, const struct sim_form *f, const struct sim_query_ctx *c)
{
    (void)f;
    if (strcmp(c->action, "GetCallerIdentity") != 0)
        return -1;
    struct sim_xml x;
    sim_query_begin(c, &x);
    sim_xml_elemf(&x, "Arn", "arn:aws:iam::%s:user/rollwatch-sim", w->account);
    sim_xml_elem(&x, "UserId", SIM_STS_USER_ID);
    sim_xml_elem(&x, "Account", w->account);
    sim_query_finish(c, &x);
    return 0;
}
