/* sigv4_debug: `rollwatch debug sign` (see sigv4_debug.h). Parses options with
 * getopt_long, the request with httpreq, signs with sigv4 and prints the
 * intermediate strings, with secrets redacted and control bytes escaped. */
#include "clients/aws/sigv4_debug.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/httpreq.h"
#include "clients/aws/sigv4.h"
#include "core/err.h"
#include "core/redact.h"
#include "core/xmalloc.h"

#define PROG "rollwatch debug sign"
#define MAX_REQUEST (16u << 20) /* bytes read from stdin at most */
#define EXIT_USAGE 64
#define EXIT_FAILED 3

struct sign_opts {
    const char *access_key, *secret_key, *token, *date, *region, *service;
    int no_normalize, help;
};

static const struct option long_opts[] = {
    { "access-key", required_argument, NULL, 'a' },
    { "secret-key", required_argument, NULL, 's' },
    { "token", required_argument, NULL, 't' },
    { "date", required_argument, NULL, 'd' },
    { "region", required_argument, NULL, 'r' },
    { "service", required_argument, NULL, 'S' },
    { "no-normalize", no_argument, NULL, 'n' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

static void usage(FILE *fp)
{
    fputs("usage: rollwatch debug sign --access-key AK --secret-key SK [--token T]\n"
          "         --date 20150830T123600Z --region R --service S [--no-normalize]\n"
          "         < request   (raw HTTP request: request line, headers, blank line, body)\n",
          fp);
}

/* Name an offending option without its "=value" part, which may be a secret. */
static void bad_option(FILE *errout, const char *what, const char *arg)
{
    size_t n = strcspn(arg, "=");
    fprintf(errout, PROG ": %s '", what);
    for (size_t i = 0; i < n && i < 64; i++)
        fputc((unsigned char)arg[i] < 0x20 || arg[i] == 0x7f ? '?' : arg[i], errout);
    fputs("' (see --help)\n", errout);
}

/* Parse argv into o; 0, or -1 after one line on errout. */
static int parse_opts(int argc, char **argv, struct sign_opts *o, FILE *errout)
{
    int c;
    optind = 0; /* GNU: full reset, the caller may have used getopt already */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'a': o->access_key = optarg; break;
        case 's': o->secret_key = optarg; break;
        case 't': o->token = optarg; break;
        case 'd': o->date = optarg; break;
        case 'r': o->region = optarg; break;
        case 'S': o->service = optarg; break;
        case 'n': o->no_normalize = 1; break;
        case 'h': o->help = 1; break;
        case ':':
            bad_option(errout, "missing value for", argv[optind - 1]);
            return -1;
        default:
            if (optopt && optopt != '?') {
                char s[3] = { '-', (char)optopt, '\0' };
                bad_option(errout, "unknown option", s);
            } else {
                bad_option(errout, "unknown option", argv[optind - 1]);
            }
            return -1;
        }
    }
    if (optind < argc) {
        fputs(PROG ": unexpected argument: the request is read from stdin (see --help)\n",
              errout);
        return -1;
    }
    return 0;
}

static int check_required(const struct sign_opts *o, FILE *errout)
{
    const char *vals[] = { o->access_key, o->secret_key, o->date, o->region, o->service };
    const char *names[] = { "--access-key", "--secret-key", "--date", "--region", "--service" };
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        if (!vals[i] || !*vals[i]) {
            fprintf(errout, PROG ": missing %s (see --help)\n", names[i]);
            return -1;
        }
    }
    return 0;
}

/* Read all of in into *buf (caller frees); 0, or -1 with err set. */
static int read_all(FILE *in, char **buf, size_t *len, struct rw_err *err)
{
    size_t cap = 4096, n = 0;
    char *p = xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap >= MAX_REQUEST) {
                free(p);
                return rw_err_set(err, RW_E_USAGE, "request larger than %u bytes", MAX_REQUEST);
            }
            cap *= 2;
            p = xrealloc(p, cap);
        }
        size_t got = fread(p + n, 1, cap - n, in);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(in)) {
        free(p);
        return rw_err_set(err, RW_E_IO, "cannot read the request");
    }
    *buf = p;
    *len = n;
    return 0;
}

/* Print s with each secret (of 8 bytes or more, as core/redact) replaced by
 * [REDACTED], and control bytes but newlines shown as \xNN, so nothing from the
 * input can drive the terminal. */
static void print_safe(FILE *out, const char *s, const char *const *secrets, size_t nsecrets)
{
    while (*s) {
        size_t skip = 0;
        for (size_t i = 0; i < nsecrets && !skip; i++)
            if (secrets[i] && strlen(secrets[i]) >= 8 &&
                strncmp(s, secrets[i], strlen(secrets[i])) == 0)
                skip = strlen(secrets[i]);
        if (skip) {
            fputs(RW_REDACTED, out);
            s += skip;
            continue;
        }
        unsigned char c = (unsigned char)*s++;
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
}

/* Sign the parsed request and print the three sections; returns the exit code. */
static int sign_and_print(const struct httpreq *hr, const struct sign_opts *o, FILE *out,
                          FILE *errout)
{
    struct sigv4_header *h = xcalloc(hr->nheaders ? hr->nheaders : 1, sizeof *h);
    for (size_t i = 0; i < hr->nheaders; i++)
        h[i] = (struct sigv4_header){ hr->headers[i].name, hr->headers[i].value };
    struct sigv4_request req = { hr->method, hr->path, hr->query, h, hr->nheaders,
                                 hr->body, hr->body_len };
    struct sigv4_creds creds = { o->access_key, o->secret_key, o->token };
    struct sigv4_params params;
    sigv4_params_for_service(&params, o->region, o->service, o->date);
    if (o->no_normalize)
        params.normalize_path = 0;
    struct sigv4_result res;
    struct rw_err err = { 0 };
    int rc = sigv4_sign(&req, &creds, &params, &res, &err);
    free(h);
    if (rc != 0) {
        fprintf(errout, PROG ": %s\n", err.msg);
        return err.code == RW_E_INTERNAL ? EXIT_FAILED : EXIT_USAGE;
    }
    const char *secrets[] = { o->token, o->secret_key };
    fputs("Canonical request:\n", out);
    print_safe(out, res.canonical_request, secrets, 2);
    fputs("\n\nString to sign:\n", out);
    print_safe(out, res.string_to_sign, secrets, 2);
    fputs("\n\nAuthorization: ", out);
    print_safe(out, res.authorization, secrets, 2);
    fputc('\n', out);
    sigv4_result_free(&res);
    return 0;
}

int sigv4_debug_sign_main(int argc, char **argv, FILE *in, FILE *out, FILE *errout)
{
    struct sign_opts o = { 0 };
    if (parse_opts(argc, argv, &o, errout) != 0)
        return EXIT_USAGE;
    if (o.help) {
        usage(out);
        return 0;
    }
    if (check_required(&o, errout) != 0)
        return EXIT_USAGE;
    char *buf = NULL;
    size_t len = 0;
    struct rw_err err = { 0 };
    if (read_all(in, &buf, &len, &err) != 0) {
        fprintf(errout, PROG ": %s\n", err.msg);
        return err.code == RW_E_IO ? EXIT_FAILED : EXIT_USAGE;
    }
    struct httpreq hr;
    int rc = httpreq_parse(buf, len, &hr, &err);
    free(buf);
    if (rc != 0) {
        fprintf(errout, PROG ": bad request: %s\n", err.msg);
        return EXIT_USAGE;
    }
    rc = sign_and_print(&hr, &o, out, errout);
    httpreq_free(&hr);
    return rc;
}
