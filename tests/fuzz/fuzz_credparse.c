/* fuzz_credparse: libFuzzer target for credential documents and command lines. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/credparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *b = (const char *)data;
    struct aws_creds c;
    struct sso_token t;
    struct rw_err err;
    if (credparse_process(b, size, &c, &err) == 0)
        aws_creds_clear(&c);
    if (credparse_container(b, size, &c, &err) == 0)
        aws_creds_clear(&c);
    if (credparse_sso_role(b, size, &c, &err) == 0)
        aws_creds_clear(&c);
    if (credparse_sso_token(b, size, &t, &err) == 0)
        credparse_sso_token_free(&t);
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    (void)credparse_iso8601(s);
    credparse_argv_free(credparse_split_command(s, &err));
    free(s);
    return 0;
}
