/* fuzz_cfn: libFuzzer target for the CloudFormation DescribeStacks parser
 * (clients/aws/cfn), with every parsed output and parameter looked up again. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "clients/aws/cfn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cfn_stacks l;
    struct rw_err err;
    if (cfn_parse_describe_stacks((const char *)data, size, &l, &err) < 0)
        return 0;
    size_t found = 0;
    for (size_t i = 0; i < l.n; i++) {
        const struct cfn_stack *s = &l.items[i];
        for (size_t j = 0; j < s->noutputs; j++)
            found += cfn_stack_output(s, s->outputs[j].key) != NULL;
        for (size_t j = 0; j < s->nparams; j++)
            found += cfn_stack_parameter(s, s->params[j].key) != NULL;
        found += cfn_stack_output_value(s, "ECSClusterName") != NULL;
    }
    cfn_stacks_free(&l);
    return found == (size_t)-1 ? -1 : 0;  /* uses found; never true */
}
