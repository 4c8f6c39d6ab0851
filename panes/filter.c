/* filter: the inline regex editor (see filter.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "filter.h"

#include <curses.h>
#include <pcre2.h>
#include <stdio.h>
#include <string.h>

void filter_begin(struct pane_filter *f)
{
    snprintf(f->edit, sizeof f->edit, "%s", f->text);
    f->editing = 1;
    f->error[0] = '\0';
}

static void drop(struct pane_filter *f)
{
    pcre2_match_data_free(f->md);
    pcre2_code_free(f->re);
    f->md = f->re = NULL;
}

int filter_set(struct pane_filter *f, const char *expr)
{
    if (!*expr) {
        drop(f);
        f->text[0] = f->error[0] = '\0';
        return 0;
    }
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)expr, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
                                   PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(code, msg, sizeof msg);
        snprintf(f->error, sizeof f->error, "bad regex at %zu: %s", (size_t)off, (char *)msg);
        return -1;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if absent */
    drop(f);
    f->re = re;
    f->md = pcre2_match_data_create_from_pattern(re, NULL);
    snprintf(f->text, sizeof f->text, "%s", expr);
    f->error[0] = '\0';
    return 0;
}

int filter_key(struct pane_filter *f, int key)
{
    if (!f->editing)
        return 0;
    size_t len = strlen(f->edit);
    if (key == '\n' || key == '\r' || key == KEY_ENTER) {
        f->editing = 0;
        filter_set(f, f->edit);
    } else if (key == 27) {
        f->editing = 0;
    } else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        while (len && ((unsigned char)f->edit[len - 1] & 0xC0) == 0x80)
            len--; /* a whole UTF-8 character */
        if (len)
            f->edit[len - 1] = '\0';
    } else if (key == 21) { /* ^U */
        f->edit[0] = '\0';
    } else if (key >= 32 && key < 256 && key != 127 && len + 1 < sizeof f->edit) {
        f->edit[len] = (char)key;
        f->edit[len + 1] = '\0';
    }
    return 1;
}

int filter_match(const struct pane_filter *f, const char *s, size_t len)
{
    if (!f->re)
        return 1;
    return pcre2_match(f->re, (PCRE2_SPTR)s, len, 0, 0, f->md, NULL) >= 0;
}

void filter_status(const struct pane_filter *f, char *buf, size_t n)
{
    if (f->editing)
        snprintf(buf, n, "/%s_", f->edit);
    else if (f->error[0])
        snprintf(buf, n, "%s (kept: %s)", f->error, f->text[0] ? f->text : "none");
    else if (f->text[0])
        snprintf(buf, n, "filter: %s", f->text);
    else if (n)
        buf[0] = '\0';
}

void filter_free(struct pane_filter *f)
{
    drop(f);
}
