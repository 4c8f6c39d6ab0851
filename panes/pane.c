/* pane: helpers shared by every pane (see pane.h). */
#include "pane.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "tui/color.h"
#include "tui/term.h"

void pane_put(WINDOW *w, int y, int x, int width, const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    int col = 0;
    wmove(w, y, x);
    size_t len = strlen(s);
    while (len && col < width) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, len, &st);
        if (n == (size_t)-1 || n == (size_t)-2) { /* invalid UTF-8 */
            wc = 0xFFFD;
            n = 1;
            memset(&st, 0, sizeof st);
        } else if (n == 0) {
            break;
        }
        if (wc < 32 || wc == 127 || (wc >= 0x80 && wc < 0xA0))
            wc = 0xFFFD; /* control characters never reach the terminal */
        if (wc > 127 && !term_utf8())
            wc = '?';    /* outside a UTF-8 locale: ASCII only */
        int cw = wcwidth(wc);
        if (cw < 0)
            cw = 1, wc = 0xFFFD;
        if (col + cw > width)
            break;
        wchar_t one[2] = { wc, 0 };
        waddnwstr(w, one, 1);
        col += cw;
        s += n;
        len -= n;
    }
}

void pane_draw_empty(WINDOW *w, int h, int cols, const char *msg)
{
    /* word-wrap into lines of at most cols - 2 bytes, centred as a block */
    char lines[8][256];
    int n = 0, width = cols - 2 > 255 ? 255 : cols - 2;
    const char *s = msg;
    while (*s && n < 8 && width > 0) {
        int len = (int)strlen(s), take = len <= width ? len : width;
        if (take < len) {
            int sp = take;
            while (sp > 0 && s[sp] != ' ')
                sp--;
            if (sp > 0)
                take = sp;
        }
        snprintf(lines[n++], sizeof lines[0], "%.*s", take, s);
        s += take;
        while (*s == ' ')
            s++;
    }
    wattrset(w, color_attr(ROLE_DIM));
    for (int i = 0, y = (h - n) / 2; i < n; i++, y++) {
        int len = (int)strlen(lines[i]), x = len < cols ? (cols - len) / 2 : 0;
        if (y >= 0 && y < h)
            pane_put(w, y, x, cols - x, lines[i]);
    }
    wattrset(w, color_attr(ROLE_NORMAL));
}
