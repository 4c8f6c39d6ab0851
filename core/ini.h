/* ini: one INI reader for ~/.aws/config, ~/.aws/credentials and rollwatch's
 * own config. Follows botocore's reading: '#' and ';' full-line comments,
 * '=' or ':' delimiters, keys lower-cased, indented lines under a key with an
 * empty value form a sub-section (stored as "parent.child"), indented lines
 * under a non-empty value continue it. */
#ifndef RW_INI_H
#define RW_INI_H

#include <stddef.h>

#include "err.h"

struct ini_entry {
    char *key;
    char *value;
    int line;
};

struct ini_section {
    char *name;               /* as written, trimmed: "default", "profile dev" */
    struct ini_entry *entries;
    size_t nentries;
};

struct ini {
    struct ini_section *sections;
    size_t nsections;
};

/* Parse buf[0..len) into out (zeroed first); on error out is left empty. */
int ini_parse(const char *buf, size_t len, struct ini *out, struct rw_err *err);
/* Read and parse a file; a missing file is an empty ini, not an error. */
int ini_load_file(const char *path, struct ini *out, struct rw_err *err);
/* Free everything out holds. */
void ini_free(struct ini *ini);
/* The section named exactly name, or NULL. */
const struct ini_section *ini_section(const struct ini *ini, const char *name);
/* Value of key (lower-case, "a.b" for sub-keys) in sec, or NULL. */
const char *ini_get(const struct ini_section *sec, const char *key);
/* A profile's section: "[profile NAME]" (config files) or "[NAME]"; "default" accepts both. */
const struct ini_section *ini_profile(const struct ini *ini, const char *name, int config_file);

#endif
