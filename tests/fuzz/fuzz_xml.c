/* fuzz_xml: libFuzzer target for the expat tree (clients/aws/xml). */
#include <stddef.h>
#include <stdint.h>

#include "clients/aws/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct xml_node *root;
    struct rw_err err;
    if (xml_parse((const char *)data, size, &root, &err) == 0) {
        (void)xml_path_text(root, "Error/Code");
        xml_free(root);
    }
    return 0;
}
