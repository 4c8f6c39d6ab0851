/* cmdline: the ':' command line's edit buffer and history. No drawing here:
 * the app draws cmdline_text() and runs what cmdline_key() submits. */
#ifndef RW_CMDLINE_H
#define RW_CMDLINE_H

#include <stddef.h>

#define CMDLINE_MAX 256
#define CMDLINE_HISTORY 100

enum cmdline_result { CMDLINE_EDITING, CMDLINE_CANCEL, CMDLINE_SUBMIT };

struct cmdline {
    char buf[CMDLINE_MAX];
    size_t len, cur;       /* bytes; cur is the cursor position */
    char *hist[CMDLINE_HISTORY];
    size_t nhist;
    size_t hpos;           /* == nhist while editing a new line */
    char draft[CMDLINE_MAX];
};

/* Start editing an empty line. */
void cmdline_open(struct cmdline *c);
/* Feed one key (curses code or byte); on SUBMIT the line is in the history. */
enum cmdline_result cmdline_key(struct cmdline *c, int key);
/* Insert pasted bytes at the cursor (control characters dropped). */
void cmdline_insert(struct cmdline *c, const char *s, size_t n);
/* The current line (NUL-terminated). */
const char *cmdline_text(const struct cmdline *c);
/* Free the history. */
void cmdline_free(struct cmdline *c);

#endif
