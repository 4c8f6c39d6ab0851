/* testterm: a real curses screen for tests, writing to /dev/null, in a UTF-8
 * locale, optionally with a theme's colours; and reading a window's rows back
 * as UTF-8 text. */
#ifndef RW_TEST_TESTTERM_H
#define RW_TEST_TESTTERM_H

#include <curses.h>
#include <stdio.h>

struct testterm {
    SCREEN *scr;
    FILE *out, *in;
    char saved_locale[64];
};

/* Open the screen (xterm-256color, C.UTF-8); theme_text, if not NULL, is parsed
 * over the base theme and applied. 0, or -1 if no screen could be made. */
int testterm_open(struct testterm *t, const char *theme_text);
/* Close it and restore the locale. */
void testterm_close(struct testterm *t);
/* Row y of w as UTF-8 text (a static buffer, overwritten by the next call). */
const char *testterm_row(WINDOW *w, int y);

#endif
