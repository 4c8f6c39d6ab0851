/* fuzz_elbv2: libFuzzer target for the ELBv2 response parsers and the ARN
 * dimension helpers (clients/aws/elbv2): every parser sees every input, the
 * dimension helpers see every parsed ARN and the input as a string. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/elbv2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch a dimension's bytes so a bad pointer is caught by the sanitizers. */
static size_t touch(const char *s)
{
    return s ? strlen(s) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data;
    struct rw_err err;
    size_t sum = 0;
    struct elbv2_load_balancers lbs;
    if (elbv2_parse_load_balancers(body, size, &lbs, &err) == 0) {
        for (size_t i = 0; i < lbs.n; i++)
            sum += touch(elbv2_lb_dimension(lbs.items[i].arn));
        elbv2_load_balancers_free(&lbs);
    }
    struct elbv2_target_groups tgs;
    if (elbv2_parse_target_groups(body, size, &tgs, &err) == 0) {
        for (size_t i = 0; i < tgs.n; i++) {
            sum += touch(elbv2_tg_dimension(tgs.items[i].arn));
            for (size_t j = 0; j < tgs.items[i].nlb_arns; j++)
                sum += touch(elbv2_lb_dimension(tgs.items[i].lb_arns[j]));
        }
        elbv2_target_groups_free(&tgs);
    }
    struct elbv2_target_healths th;
    if (elbv2_parse_target_health(body, size, &th, &err) == 0)
        elbv2_target_healths_free(&th);
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    sum += touch(elbv2_lb_dimension(s)) + touch(elbv2_tg_dimension(s));
    free(s);
    return sum == (size_t)-1 ? -1 : 0;  /* uses sum; never true */
}
