/* ini: a pure INI parser (see ini.h). */
#include "ini.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct cursor {
    struct ini *ini;
    size_t cur;               /* index of the current section */
    char *parent_key;         /* last key in this section, for indented lines */
    int parent_empty;         /* its value was empty: indented lines are sub-keys */
};

static char *trim(char *s, size_t *n)
{
    while (*n && isspace((unsigned char)*s)) {
        s++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)s[*n - 1]))
        (*n)--;
    return s;
}

static char *lowered(const char *s, size_t n)
{
    char *p = xstrndup(s, n);
    for (char *c = p; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return p;
}

/* Find or add a section; returns its index (duplicate sections merge). */
static size_t add_section(struct ini *ini, const char *name, size_t n)
{
    for (size_t i = 0; i < ini->nsections; i++)
        if (strlen(ini->sections[i].name) == n && memcmp(ini->sections[i].name, name, n) == 0)
            return i;
    ini->sections = xreallocarray(ini->sections, ini->nsections + 1, sizeof *ini->sections);
    struct ini_section *sec = &ini->sections[ini->nsections];
    sec->name = xstrndup(name, n);
    sec->entries = NULL;
    sec->nentries = 0;
    return ini->nsections++;
}

/* Set key=value in sec (later values win); returns the entry. */
static struct ini_entry *set_entry(struct ini_section *sec, char *key, char *value, int line)
{
    for (size_t i = 0; i < sec->nentries; i++) {
        if (strcmp(sec->entries[i].key, key) == 0) {
            free(key);
            free(sec->entries[i].value);
            sec->entries[i].value = value;
            sec->entries[i].line = line;
            return &sec->entries[i];
        }
    }
    sec->entries = xreallocarray(sec->entries, sec->nentries + 1, sizeof *sec->entries);
    struct ini_entry *e = &sec->entries[sec->nentries++];
    e->key = key;
    e->value = value;
    e->line = line;
    return e;
}

/* Split "k = v" at the first '=' or ':'; returns -1 if neither is present. */
static int split_kv(char *s, size_t n, char **k, size_t *kn, char **v, size_t *vn)
{
    size_t i = 0;
    while (i < n && s[i] != '=' && s[i] != ':')
        i++;
    if (i == n)
        return -1;
    *kn = i;
    *k = trim(s, kn);
    *vn = n - i - 1;
    *v = trim(s + i + 1, vn);
    return *kn ? 0 : -1;
}

static int indented_line(struct cursor *c, char *s, size_t n, int line, struct rw_err *err)
{
    struct ini_section *sec = &c->ini->sections[c->cur];
    struct ini_entry *parent = NULL;
    for (size_t i = 0; i < sec->nentries; i++)
        if (strcmp(sec->entries[i].key, c->parent_key) == 0)
            parent = &sec->entries[i];
    if (!parent)
        return rw_err_set(err, RW_E_PARSE, "line %d: indented line has no key above it", line);
    if (!c->parent_empty) { /* continuation of a multi-line value */
        char *v = xasprintf("%s\n%.*s", parent->value, (int)n, s);
        free(parent->value);
        parent->value = v;
        return 0;
    }
    char *k, *v;
    size_t kn, vn;
    if (split_kv(s, n, &k, &kn, &v, &vn) < 0)
        return rw_err_set(err, RW_E_PARSE, "line %d: expected 'key = value' in sub-section", line);
    char *sub = lowered(k, kn);
    char *full = xasprintf("%s.%s", c->parent_key, sub);
    free(sub);
    set_entry(sec, full, xstrndup(v, vn), line);
    return 0;
}

static int parse_line(struct cursor *c, char *s, size_t n, int line, struct rw_err *err)
{
    int indented = n && (s[0] == ' ' || s[0] == '\t');
    s = trim(s, &n);
    if (n == 0 || s[0] == '#' || s[0] == ';')
        return 0;
    if (indented && c->parent_key)
        return indented_line(c, s, n, line, err);
    if (s[0] == '[') {
        if (s[n - 1] != ']' || n < 3)
            return rw_err_set(err, RW_E_PARSE, "line %d: section header missing ']'", line);
        size_t nn = n - 2;
        char *name = trim(s + 1, &nn);
        c->cur = add_section(c->ini, name, nn);
        free(c->parent_key);
        c->parent_key = NULL;
        return 0;
    }
    if (c->ini->nsections == 0)
        return rw_err_set(err, RW_E_PARSE, "line %d: key outside any [section]", line);
    char *k, *v;
    size_t kn, vn;
    if (split_kv(s, n, &k, &kn, &v, &vn) < 0)
        return rw_err_set(err, RW_E_PARSE, "line %d: expected 'key = value'", line);
    struct ini_section *sec = &c->ini->sections[c->cur];
    struct ini_entry *e = set_entry(sec, lowered(k, kn), xstrndup(v, vn), line);
    free(c->parent_key);
    c->parent_key = xstrdup(e->key);
    c->parent_empty = vn == 0;
    return 0;
}

int ini_parse(const char *buf, size_t len, struct ini *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    struct cursor c = { .ini = out };
    char *copy = xstrndup(buf, len); /* NUL bytes end the text */
    size_t total = strlen(copy);
    int line = 0, rc = 0;
    size_t start = 0;
    if (total >= 3 && memcmp(copy, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* UTF-8 byte-order mark */
    while (start < total && rc == 0) {
        char *nl = memchr(copy + start, '\n', total - start);
        size_t n = nl ? (size_t)(nl - (copy + start)) : total - start;
        line++;
        rc = parse_line(&c, copy + start, n, line, err);
        start += n + 1;
    }
    free(c.parent_key);
    free(copy);
    if (rc < 0)
        ini_free(out);
    return rc;
}

int ini_load_file(const char *path, struct ini *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (errno == ENOENT)
            return 0;
        return rw_err_set(err, RW_E_IO, "%s: %s", path, strerror(errno));
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            buf = xrealloc(buf, cap);
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(fp);
    int rc = ini_parse(buf ? buf : "", len, out, err);
    free(buf);
    if (rc < 0)
        rw_err_wrap(err, "%s", path);
    return rc;
}

void ini_free(struct ini *ini)
{
    for (size_t i = 0; i < ini->nsections; i++) {
        struct ini_section *sec = &ini->sections[i];
        for (size_t j = 0; j < sec->nentries; j++) {
            free(sec->entries[j].key);
            free(sec->entries[j].value);
        }
        free(sec->entries);
        free(sec->name);
    }
    free(ini->sections);
    memset(ini, 0, sizeof *ini);
}

const struct ini_section *ini_section(const struct ini *ini, const char *name)
{
    for (size_t i = 0; i < ini->nsections; i++)
        if (strcmp(ini->sections[i].name, name) == 0)
            return &ini->sections[i];
    return NULL;
}

const char *ini_get(const struct ini_section *sec, const char *key)
{
    if (!sec)
        return NULL;
    for (size_t i = 0; i < sec->nentries; i++)
        if (strcmp(sec->entries[i].key, key) == 0)
            return sec->entries[i].value;
    return NULL;
}

const struct ini_section *ini_profile(const struct ini *ini, const char *name, int config_file)
{
    if (!config_file)
        return ini_section(ini, name);
    const struct ini_section *sec = NULL;
    for (size_t i = 0; i < ini->nsections && !sec; i++) {
        const char *s = ini->sections[i].name;
        if (strncmp(s, "profile", 7) == 0 && isspace((unsigned char)s[7])) {
            s += 7;
            while (isspace((unsigned char)*s))
                s++;
            if (strcmp(s, name) == 0)
                sec = &ini->sections[i];
        }
    }
    if (!sec && strcmp(name, "default") == 0)
        sec = ini_section(ini, "default");
    return sec;
}
