/* sim_logs_pattern: CloudWatch Logs filter patterns (FilterLogEvents'
 * filterPattern), compiled once per request and matched against each message.
 * Pure functions over bytes, unit-tested and fuzzed. The subset, after AWS's
 * "Filter pattern syntax" page:
 *   - empty or blank: every event matches.
 *   - terms, separated by spaces: each must occur in the message, case
 *     sensitive, as a substring ("ERROR" matches "ERRORCODE"). A bare term
 *     holds only letters, digits and '_'; anything else must be inside double
 *     quotes ("ERROR upstream", "/api/orders"; \" and \\ escape).
 *   - -term: must not occur. ?term: at least one of the ?terms must occur.
 *   - %regex%: the whole pattern is a regular expression searched anywhere in
 *     the message (PCRE2); AWS's character set: letters, digits,
 *     _ # = @ / ; , - : and space, operators ^ $ ? [ ] { } | \ * + . ; no ( ).
 *   - JSON: { $.a.b[0] OP VALUE } with && and || and parentheses, where OP is
 *     = != < <= > >= ; VALUE a number, a "string" or bare word (= and != only;
 *     * is a wildcard), or %regex%; also { $.x IS NULL }, IS TRUE, IS FALSE,
 *     { $.x NOT EXISTS }. A message that is not a JSON object never matches.
 * Deviations from AWS (documented, deliberate): && binds tighter than ||;
 * a comparison whose field is missing or of the other type (string vs number)
 * is false, != included; mixing plain terms with ?terms means "all plain
 * terms and any ?term"; space-delimited patterns ([w1, w2]) are not supported
 * and, like any other unknown syntax, are refused. */
#ifndef RW_SIM_LOGS_PATTERN_H
#define RW_SIM_LOGS_PATTERN_H

#include <stddef.h>

#include "core/err.h"

#define SIM_LOGS_PATTERN_MAX 1024 /* AWS: filterPattern length limit */

struct sim_logs_pattern;

/* Compile the pattern text (len bytes, no NUL needed) into *out; 0, or -1
 * with err set (RW_E_USAGE, "Invalid filter pattern: why") and *out NULL.
 * Free *out with sim_logs_pattern_free. */
int sim_logs_pattern_compile(const char *text, size_t len, struct sim_logs_pattern **out,
                             struct rw_err *err);
/* Whether message (len bytes, may hold NULs) matches the compiled pattern. */
int sim_logs_pattern_match(const struct sim_logs_pattern *p, const char *msg, size_t len);
/* Free a compiled pattern; NULL is fine. */
void sim_logs_pattern_free(struct sim_logs_pattern *p);

#endif
