/* testterm: a curses screen on /dev/null for tests (see testterm.h). */
#include "testterm.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/color.h"

int testterm_open(struct testterm *t, const char *theme_text)
{
    memset(t, 0, sizeof *t);
    const char *old = setlocale(LC_CTYPE, NULL);
    snprintf(t->saved_locale, sizeof t->saved_locale, "%s", old ? old : "C");
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        return -1;
    t->out = fopen("/dev/null", "w");
    t->in = fopen("/dev/null", "r");
    t->scr = t->out && t->in ? newterm("xterm-256color", t->out, t->in) : NULL;
    if (!t->scr) {
        testterm_close(t);
        return -1;
    }
    if (theme_text) {
        start_color();
        use_default_colors();
        struct theme th;
        struct rw_err err;
        theme_init_base(&th);
        if (theme_parse(theme_text, strlen(theme_text), &th, &err) < 0) {
            testterm_close(t);
            return -1;
        }
        color_apply(&th);
    }
    return 0;
}

void testterm_close(struct testterm *t)
{
    if (t->scr) {
        endwin();
        delscreen(t->scr);
    }
    if (t->out)
        fclose(t->out);
    if (t->in)
        fclose(t->in);
    setlocale(LC_CTYPE, t->saved_locale);
    memset(t, 0, sizeof *t);
}

const char *testterm_row(WINDOW *w, int y)
{
    static char buf[1024];
    wchar_t wbuf[256];
    mvwinnwstr(w, y, 0, wbuf, getmaxx(w) < 255 ? getmaxx(w) : 255);
    size_t n = wcstombs(buf, wbuf, sizeof buf - 1);
    buf[n == (size_t)-1 ? 0 : n] = '\0';
    return buf;
}
