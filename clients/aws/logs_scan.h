/* logs_scan: the fast path of logs_parse_filter. A FilterLogEvents page as
 * CloudWatch sends it (members events, searchedLogStreams and nextToken;
 * events holding only logStreamName, timestamp, message, ingestionTime and
 * eventId; plain integers; strings without raw control characters) is read
 * in one pass straight into the page's arena, with no allocation per value.
 * Anything else (an unknown or repeated member, null, a fraction, a bad
 * escape, a \u0000 or raw NUL, invalid JSON) is left to the general cJSON
 * parser, which then decides, so both paths give the same page or error. */
#ifndef RW_LOGS_SCAN_H
#define RW_LOGS_SCAN_H

#include <stddef.h>

#include "clients/aws/logs.h"

/* Parse body[0..len) into *out if it has the shape above: 1; else 0 with *out
 * zeroed (nothing held), and the caller parses it the general way. */
int logs_scan_filter(const char *body, size_t len, struct logs_page *out);

#endif
