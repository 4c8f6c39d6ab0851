/* fuzz_httpreq: libFuzzer target for the raw request parser (clients/aws/httpreq);
 * whatever parses is then signed, as a header and as a presigned URL. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "clients/aws/httpreq.h"
#include "clients/aws/sigv4.h"
#include "core/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sign(const struct httpreq *r, const struct sigv4_header *h, long expires)
{
    struct sigv4_request req = { r->method, r->path, r->query, h, r->nheaders,
                                 r->body, r->body_len };
    struct sigv4_creds creds = { "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                 "session-token" };
    struct sigv4_params params;
    struct sigv4_result res;
    struct rw_err err;
    sigv4_params_for_service(&params, "us-east-1", "service", "20150830T123600Z");
    params.presign_expires = expires;
    params.token_mode = expires ? SIGV4_TOKEN_UNSIGNED : SIGV4_TOKEN_SIGNED;
    if (sigv4_sign(&req, &creds, &params, &res, &err) == 0)
        sigv4_result_free(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct httpreq r;
    struct rw_err err;
    if (httpreq_parse((const char *)data, size, &r, &err) != 0)
        return 0;
    struct sigv4_header *h = xcalloc(r.nheaders + 1, sizeof *h);
    for (size_t i = 0; i < r.nheaders; i++)
        h[i] = (struct sigv4_header){ r.headers[i].name, r.headers[i].value };
    sign(&r, h, 0);
    sign(&r, h, 3600);
    free(h);
    httpreq_free(&r);
    return 0;
}
