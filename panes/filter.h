/* filter: a pane's '/' filter: an inline editor for a PCRE2 regular
 * expression, JIT-compiled when it is applied. An invalid expression shows its
 * error inline and the filter in force stays. Used by Services, Tasks and Logs. */
#ifndef RW_FILTER_H
#define RW_FILTER_H

#include <stddef.h>

struct pane_filter {
    char text[128];      /* the expression in force, "" for none */
    char edit[128];      /* the line being edited */
    int editing;
    char error[160];     /* why the last expression was refused, "" if it was not */
    void *re;            /* pcre2_code *, NULL for none */
    void *md;            /* pcre2_match_data * */
};

/* Open the editor, starting from the expression in force. */
void filter_begin(struct pane_filter *f);
/* Feed a key to the editor: 1 if it was used (always, while editing), else 0.
 * Enter applies, Esc cancels, Backspace and printable keys edit. */
int filter_key(struct pane_filter *f, int key);
/* Apply expr now (0, or -1 with f->error set and the old filter kept). */
int filter_set(struct pane_filter *f, const char *expr);
/* Whether s (len bytes) passes the filter (always, with none). */
int filter_match(const struct pane_filter *f, const char *s, size_t len);
/* The line the pane shows for it: "/expr_" while editing, "filter: expr", the
 * error, or "" (into buf, size n). */
void filter_status(const struct pane_filter *f, char *buf, size_t n);
/* Free the compiled expression. */
void filter_free(struct pane_filter *f);

#endif
