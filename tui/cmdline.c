/* cmdline: line editing and history for ':' (see cmdline.h). */
#include "cmdline.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

void cmdline_open(struct cmdline *c)
{
    c->len = c->cur = 0;
    c->buf[0] = '\0';
    c->hpos = c->nhist;
}

static void set_line(struct cmdline *c, const char *s)
{
    size_t n = strlen(s);
    if (n >= CMDLINE_MAX)
        n = CMDLINE_MAX - 1;
    memcpy(c->buf, s, n);
    c->buf[n] = '\0';
    c->len = c->cur = n;
}

static void push_history(struct cmdline *c)
{
    if (c->len == 0 || (c->nhist && strcmp(c->hist[c->nhist - 1], c->buf) == 0))
        return;
    if (c->nhist == CMDLINE_HISTORY) {
        free(c->hist[0]);
        memmove(c->hist, c->hist + 1, (CMDLINE_HISTORY - 1) * sizeof *c->hist);
        c->nhist--;
    }
    c->hist[c->nhist++] = xstrdup(c->buf);
}

static void history_move(struct cmdline *c, int dir)
{
    if (dir < 0 && c->hpos > 0) {
        if (c->hpos == c->nhist)
            memcpy(c->draft, c->buf, c->len + 1);
        set_line(c, c->hist[--c->hpos]);
    } else if (dir > 0 && c->hpos < c->nhist) {
        c->hpos++;
        set_line(c, c->hpos == c->nhist ? c->draft : c->hist[c->hpos]);
    }
}

void cmdline_insert(struct cmdline *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n && c->len + 1 < CMDLINE_MAX; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 32 || ch == 127)
            continue;
        memmove(c->buf + c->cur + 1, c->buf + c->cur, c->len - c->cur + 1);
        c->buf[c->cur++] = (char)ch;
        c->len++;
    }
}

/* Delete the character (UTF-8 sequence) before the cursor. */
static void backspace(struct cmdline *c)
{
    if (c->cur == 0)
        return;
    size_t start = c->cur - 1;
    while (start > 0 && ((unsigned char)c->buf[start] & 0xC0) == 0x80)
        start--;
    memmove(c->buf + start, c->buf + c->cur, c->len - c->cur + 1);
    c->len -= c->cur - start;
    c->cur = start;
}

static void move_cursor(struct cmdline *c, int dir)
{
    if (dir < 0 && c->cur > 0) {
        c->cur--;
        while (c->cur > 0 && ((unsigned char)c->buf[c->cur] & 0xC0) == 0x80)
            c->cur--;
    } else if (dir > 0 && c->cur < c->len) {
        c->cur++;
        while (c->cur < c->len && ((unsigned char)c->buf[c->cur] & 0xC0) == 0x80)
            c->cur++;
    }
}

enum cmdline_result cmdline_key(struct cmdline *c, int key)
{
    switch (key) {
    case 27: case 7: /* Esc, ^G */
        return CMDLINE_CANCEL;
    case '\n': case '\r': case KEY_ENTER:
        push_history(c);
        return CMDLINE_SUBMIT;
    case KEY_BACKSPACE: case 127: case 8:
        if (c->len == 0)
            return CMDLINE_CANCEL; /* like vim: backspace on an empty line leaves */
        backspace(c);
        break;
    case KEY_LEFT: move_cursor(c, -1); break;
    case KEY_RIGHT: move_cursor(c, 1); break;
    case KEY_HOME: case 1: c->cur = 0; break;
    case KEY_END: case 5: c->cur = c->len; break;
    case 21: /* ^U */
        memmove(c->buf, c->buf + c->cur, c->len - c->cur + 1);
        c->len -= c->cur;
        c->cur = 0;
        break;
    case KEY_UP: history_move(c, -1); break;
    case KEY_DOWN: history_move(c, 1); break;
    default:
        if (key >= 32 && key < 256 && key != 127) {
            char ch = (char)key;
            cmdline_insert(c, &ch, 1);
        }
    }
    return CMDLINE_EDITING;
}

const char *cmdline_text(const struct cmdline *c)
{
    return c->buf;
}

void cmdline_free(struct cmdline *c)
{
    for (size_t i = 0; i < c->nhist; i++)
        free(c->hist[i]);
    c->nhist = 0;
}
