/* fixture: reading test data files (see fixture.h). */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/xmalloc.h"

char *fixture_load(const char *dir, const char *name, size_t *len)
{
    const char *root = getenv("RW_TESTDATA");
    char *path = xasprintf("%s/%s/%s", root && *root ? root : "tests/data", dir, name);
    FILE *f = fopen(path, "rb");
    free(path);
    *len = 0;
    if (!f)
        return NULL;
    size_t n = 0, cap = 4096, got;
    char *p = xmalloc(cap);
    while ((got = fread(p + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) == cap - 1)
            p = xrealloc(p, cap *= 2);
    fclose(f);
    p[n] = '\0';
    *len = n;
    return p;
}
