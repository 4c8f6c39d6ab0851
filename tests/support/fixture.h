/* fixture: test data files under $RW_TESTDATA (default tests/data). */
#ifndef RW_FIXTURE_H
#define RW_FIXTURE_H

#include <stddef.h>

/* The bytes of $RW_TESTDATA/dir/name, NUL-terminated, length in *len; NULL if
 * unreadable. Caller frees. */
char *fixture_load(const char *dir, const char *name, size_t *len);

#endif
