/* awserr: AWS error bodies and headers to a typed error (see awserr.h). */
#include "awserr.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "xml.h"

static const char *const throttle_codes[] = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    "EC2ThrottledException", NULL,
};
static const char *const transient_codes[] = {
    "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
    "ServiceUnavailable", "ServiceUnavailableException", NULL,
};
static const char *const expired_codes[] = {
    "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId.Expired", NULL,
};
static const char *const skew_codes[] = {
    "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture",
    "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure", NULL,
};
static const char *const denied_codes[] = {
    "AccessDenied", "AccessDeniedException", "UnrecognizedClientException",
    "InvalidClientTokenId", "UnauthorizedOperation", "NotAuthorized", NULL,
};

static int in_list(const char *const *list, const char *code)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], code) == 0)
            return 1;
    return 0;
}

int aws_error_code_throttles(const char *code)
{
    return code && in_list(throttle_codes, code);
}

/* Copy s[0..n) into a fixed buffer, stopping at control characters. */
static void copy_field(char *dst, size_t cap, const char *s, size_t n)
{
    size_t i = 0;
    for (; i < n && i + 1 < cap && (unsigned char)s[i] >= 32 && s[i] != 127; i++)
        dst[i] = s[i];
    dst[i] = '\0';
}

/* "aws.protocoltests#ThrottlingException:http://..." -> "ThrottlingException" */
static void set_code(struct aws_error *e, const char *raw)
{
    if (!raw || !*raw)
        return;
    const char *hash = strrchr(raw, '#');
    if (hash)
        raw = hash + 1;
    size_t n = strcspn(raw, ":;");
    copy_field(e->code, sizeof e->code, raw, n);
}

static void parse_json(struct aws_error *e, const char *body, size_t len)
{
    cJSON *j = cJSON_ParseWithLength(body, len);
    if (!cJSON_IsObject(j)) {
        cJSON_Delete(j);
        return;
    }
    const char *keys[] = { "__type", "code", "Code" };
    for (size_t i = 0; i < 3 && !e->code[0]; i++)
        set_code(e, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, keys[i])));
    const char *msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "message"));
    if (!msg)
        msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "Message"));
    if (msg)
        copy_field(e->message, sizeof e->message, msg, strlen(msg));
    cJSON_Delete(j);
}

static void parse_xml(struct aws_error *e, const char *body, size_t len)
{
    struct xml_node *root;
    struct rw_err err;
    if (xml_parse(body, len, &root, &err) < 0)
        return;
    const struct xml_node *er = xml_path(root, "Error");        /* ErrorResponse */
    if (!er)
        er = xml_path(root, "Errors/Error");                     /* EC2 style */
    if (!er && strcmp(root->name, "Error") == 0)
        er = root;                                               /* S3 style */
    if (er) {
        set_code(e, xml_path_text(er, "Code"));
        const char *msg = xml_path_text(er, "Message");
        if (msg)
            copy_field(e->message, sizeof e->message, msg, strlen(msg));
    }
    const char *rid = xml_path_text(root, "RequestId");
    if (!rid)
        rid = xml_path_text(root, "RequestID");
    if (rid && !e->request_id[0])
        copy_field(e->request_id, sizeof e->request_id, rid, strlen(rid));
    xml_free(root);
}

static void classify(struct aws_error *e)
{
    int s = e->http_status;
    e->throttled = aws_error_code_throttles(e->code) || s == 429;
    e->expired_creds = in_list(expired_codes, e->code);
    e->clock_skew = in_list(skew_codes, e->code) &&
                    (strcmp(e->code, "RequestTimeTooSkewed") == 0 ||
                     strcmp(e->code, "RequestExpired") == 0 ||
                     strcmp(e->code, "RequestInTheFuture") == 0 ||
                     strstr(e->message, "Signature expired") != NULL ||
                     strstr(e->message, "Signature not yet current") != NULL);
    e->access_denied = in_list(denied_codes, e->code) && !e->expired_creds;
    e->retryable = e->throttled || in_list(transient_codes, e->code) || s == 500 ||
                   s == 502 || s == 503 || s == 504;
}

void aws_error_parse(int http_status, const struct aws_error_headers *h, const char *body,
                     size_t len, struct aws_error *out)
{
    memset(out, 0, sizeof *out);
    out->http_status = http_status;
    if (h && h->request_id)
        copy_field(out->request_id, sizeof out->request_id, h->request_id, strlen(h->request_id));
    if (h && h->query_error) /* JSON 1.0 in query mode: the query code is the one users know */
        set_code(out, h->query_error);
    if (h && h->error_type && !out->code[0])
        set_code(out, h->error_type);
    size_t i = 0;
    while (body && i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
        i++;
    if (body && i < len && body[i] == '{')
        parse_json(out, body + i, len - i);
    else if (body && i < len && body[i] == '<')
        parse_xml(out, body + i, len - i);
    if (!out->code[0] && http_status >= 500)
        snprintf(out->code, sizeof out->code, "HTTP%d", http_status);
    classify(out);
}

int aws_error_to_err(const struct aws_error *e, const char *op, struct rw_err *err)
{
    return rw_err_set(err, e->access_denied ? RW_E_CREDS : RW_E_AWS, "%s: %s%s%s (HTTP %d%s%s)",
                      op, e->code[0] ? e->code : "error", e->message[0] ? ": " : "", e->message,
                      e->http_status, e->request_id[0] ? ", request id " : "", e->request_id);
}
