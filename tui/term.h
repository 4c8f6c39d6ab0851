/* term: owning the terminal. Start curses (UTF-8, ESCDELAY 25 ms, bracketed
 * paste, mouse), give the terminal back on every exit path: term_stop() on a
 * normal exit, and on a fatal signal an async-signal-safe restore that uses
 * only tcsetattr() and write() with sequences prepared at start. */
#ifndef RW_TERM_H
#define RW_TERM_H

#include <curses.h>

#include "core/err.h"

/* Key codes for bracketed paste markers (beyond curses' KEY_MAX). */
#define TERM_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define TERM_KEY_PASTE_END (KEY_MAX + 2)

/* Take the terminal: curses on, fatal-signal restore and die hook installed. */
int term_start(struct rw_err *err);
/* Give the terminal back (endwin, paste and mouse off); safe to call twice. */
void term_stop(void);
/* Suspend for Ctrl-Z: give the terminal back, stop, and take it again on fg. */
void term_suspend(void);
/* Re-enter curses mode after a SIGCONT from outside (terminal modes, paste, mouse). */
void term_resume(void);
/* Read the window size from the tty and resize curses to it. */
void term_resize(void);
/* The window keys are read from (a pad: reading never repaints the screen). */
WINDOW *term_input(void);
/* Whether the locale is UTF-8 (else line drawing and charts use ASCII). */
int term_utf8(void);
/* Draw w's border: line drawing in UTF-8, "+-|" otherwise. */
void term_box(WINDOW *w);
/* The separator between header fields: " · " in UTF-8, " | " otherwise. */
const char *term_sep(void);
/* Whether curses currently owns the terminal. */
int term_active(void);

#endif
