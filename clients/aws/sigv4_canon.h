/* sigv4_canon: the canonical-request pieces of SigV4 (URI, query, headers).
 * Internal to clients/aws/sigv4*.c; other modules use sigv4.h. */
#ifndef RW_SIGV4_CANON_H
#define RW_SIGV4_CANON_H

#include <stddef.h>

#include "clients/aws/sigv4.h"

/* Canonical URI of a raw path ("" is "/"): dot segments and empty segments
 * removed if normalize, URI-encoded again if encode; caller frees. */
char *sigv4_canon_uri(const char *path, int normalize, int encode);

/* Canonical query: each parameter of the raw query percent-decoded and
 * re-encoded, plus the extra parameters (given unencoded), sorted by key then
 * value, "key=" for an empty value; caller frees. */
char *sigv4_canon_query(const char *query, const struct sigv4_header *extra, size_t nextra);

/* Canonical headers of the headers to sign: names lowercased, values trimmed with
 * runs of white space squeezed, duplicates joined with ',' in order, sorted, one
 * "name:value\n" each. *signed_out gets "name;name". Caller frees both. */
char *sigv4_canon_headers(const struct sigv4_header *h, size_t n, char **signed_out);

/* The raw query followed by "&name=value" for each extra parameter, values
 * URI-encoded; caller frees. */
char *sigv4_canon_query_append(const char *query, const struct sigv4_header *extra,
                               size_t nextra);

/* Wipe a string (it may hold a token) and free it; NULL is fine. */
void sigv4_canon_wipe_free(char *s);

#endif
