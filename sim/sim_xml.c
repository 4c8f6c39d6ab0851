/* sim_xml: the escaping XML writer (see sim_xml.h). */
#include "sim_xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

void sim_xml_init(struct sim_xml *x)
{
    memset(x, 0, sizeof *x);
}

static void put(struct sim_xml *x, const char *s, size_t n)
{
    if (x->len + n + 1 > x->cap) {
        x->cap = (x->len + n + 1) * 2 + 256;
        x->buf = xrealloc(x->buf, x->cap);
    }
    memcpy(x->buf + x->len, s, n);
    x->len += n;
    x->buf[x->len] = '\0';
}

static void puts_(struct sim_xml *x, const char *s)
{
    put(x, s, strlen(s));
}

/* The length of the valid UTF-8 sequence at s (1..4) of a character XML 1.0
 * allows, or 0 if the bytes there are not one. */
static size_t utf8_char(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
    size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
             : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    unsigned cp = n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff) || cp >= 0xfffe)) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return n;
}

void sim_xml_escaped(struct sim_xml *x, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        const char *ent = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
                        : *p == '"' ? "&quot;" : *p == '\'' ? "&apos;" : *p == '\r' ? "&#13;"
                        : NULL;
        size_t n = ent ? 1 : utf8_char(p);
        if (ent)
            puts_(x, ent);
        else if (n)
            put(x, (const char *)p, n);
        else
            puts_(x, replacement);
        p += n ? n : 1;
    }
}

void sim_xml_open(struct sim_xml *x, const char *tag)
{
    put(x, "<", 1);
    puts_(x, tag);
    put(x, ">", 1);
}

void sim_xml_open_ns(struct sim_xml *x, const char *tag, const char *ns)
{
    put(x, "<", 1);
    puts_(x, tag);
    puts_(x, " xmlns=\"");
    sim_xml_escaped(x, ns);
    puts_(x, "\">");
}

void sim_xml_close(struct sim_xml *x, const char *tag)
{
    put(x, "</", 2);
    puts_(x, tag);
    put(x, ">", 1);
}

void sim_xml_elem(struct sim_xml *x, const char *tag, const char *text)
{
    if (!text)
        return;
    sim_xml_open(x, tag);
    sim_xml_escaped(x, text);
    sim_xml_close(x, tag);
}

void sim_xml_elemf(struct sim_xml *x, const char *tag, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        rw_die("out of memory");
    sim_xml_elem(x, tag, s);
    free(s);
}

char *sim_xml_take(struct sim_xml *x)
{
    char *s = x->buf ? x->buf : xstrdup("");
    sim_xml_init(x);
    return s;
}

void sim_xml_free(struct sim_xml *x)
{
    free(x->buf);
    sim_xml_init(x);
}

char *sim_xml_escape(const char *s)
{
    struct sim_xml x;
    sim_xml_init(&x);
    sim_xml_escaped(&x, s);
    return sim_xml_take(&x);
}
