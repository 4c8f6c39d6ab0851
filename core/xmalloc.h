/* xmalloc: allocation that never returns NULL, and rw_die for impossible
 * states. Before dying, the registered restore hook runs (the terminal layer
 * registers one that gives the terminal back); core/ itself knows no curses. */
#ifndef RW_XMALLOC_H
#define RW_XMALLOC_H

#include <stddef.h>

/* malloc that aborts on failure; caller frees. */
void *xmalloc(size_t n);
/* calloc that aborts on failure or overflow; caller frees. */
void *xcalloc(size_t n, size_t size);
/* realloc that aborts on failure; caller frees. */
void *xrealloc(void *p, size_t n);
/* reallocarray that aborts on failure or overflow; caller frees. */
void *xreallocarray(void *p, size_t n, size_t size);
/* strdup that aborts on failure; NULL stays NULL; caller frees. */
char *xstrdup(const char *s);
/* strndup that aborts on failure; caller frees. */
char *xstrndup(const char *s, size_t n);
/* asprintf that aborts on failure; caller frees the result. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Register the hook run once before dying (NULL clears it). */
void rw_set_die_hook(void (*hook)(void));
/* Run the die hook, print "rollwatch: fatal: MSG" to stderr and abort. */
void rw_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
