/* sigv4_debug: the body of `rollwatch debug sign`, which reads a raw HTTP request
 * (the SigV4 test-suite .req format) and shows how it is signed: the canonical
 * request, the string to sign and the Authorization header. */
#ifndef RW_SIGV4_DEBUG_H
#define RW_SIGV4_DEBUG_H

#include <stdio.h>

/* Run `debug sign --access-key AK --secret-key SK [--token T] --date
 * 20150830T123600Z --region R --service S [--no-normalize]`. argv[0] is the
 * sub-command's name ("sign"), options follow; the request is read from in, the
 * three sections go to out and a one-line error to errout. Secrets are never
 * printed (a signed session token shows as [REDACTED]). Returns the exit code:
 * 0, 64 for a usage or request parse error, 3 for a read or crypto failure. */
int sigv4_debug_sign_main(int argc, char **argv, FILE *in, FILE *out, FILE *errout);

#endif
