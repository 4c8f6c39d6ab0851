/* xml: expat events to a tree (see xml.h). */
#include "xml.h"

#include <ctype.h>
#include <expat.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

struct builder {
    XML_Parser parser;
    struct xml_node *root;
    struct xml_node *stack[XML_MAX_DEPTH];
    int depth;
    size_t nodes;
    size_t cap[XML_MAX_DEPTH];      /* capacity of each open node's text */
    const char *fail;               /* our own reason to stop */
};

static void on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    (void)attrs;
    struct builder *b = ud;
    if (b->depth >= XML_MAX_DEPTH || ++b->nodes > XML_MAX_NODES) {
        b->fail = b->depth >= XML_MAX_DEPTH ? "nested too deeply" : "too many elements";
        XML_StopParser(b->parser, XML_FALSE);
        return;
    }
    struct xml_node *n = xcalloc(1, sizeof *n);
    n->name = xstrdup(name);
    n->text = xcalloc(1, 1);
    if (b->depth == 0) {
        b->root = n;
    } else {
        struct xml_node *p = b->stack[b->depth - 1];
        p->kids = xreallocarray(p->kids, p->nkids + 1, sizeof *p->kids);
        p->kids[p->nkids++] = n;
    }
    b->cap[b->depth] = 1;
    b->stack[b->depth++] = n;
}

/* Trim surrounding whitespace: in AWS responses it is layout, not data. */
static void trim_text(struct xml_node *n)
{
    size_t start = 0, len = n->text_len;
    while (start < len && isspace((unsigned char)n->text[start]))
        start++;
    while (len > start && isspace((unsigned char)n->text[len - 1]))
        len--;
    memmove(n->text, n->text + start, len - start);
    n->text_len = len - start;
    n->text[n->text_len] = '\0';
}

static void on_end(void *ud, const XML_Char *name)
{
    (void)name;
    struct builder *b = ud;
    if (b->depth > 0)
        trim_text(b->stack[--b->depth]);
}

static void on_text(void *ud, const XML_Char *s, int len)
{
    struct builder *b = ud;
    if (b->depth == 0 || len <= 0)
        return;
    struct xml_node *n = b->stack[b->depth - 1];
    size_t need = n->text_len + (size_t)len + 1;
    size_t *cap = &b->cap[b->depth - 1];
    if (need > *cap) {
        *cap = need * 2;
        n->text = xrealloc(n->text, *cap);
    }
    memcpy(n->text + n->text_len, s, (size_t)len);
    n->text_len += (size_t)len;
    n->text[n->text_len] = '\0';
}

int xml_parse(const char *buf, size_t len, struct xml_node **root, struct rw_err *err)
{
    *root = NULL;
    struct builder b;
    memset(&b, 0, sizeof b);
    b.parser = XML_ParserCreate("UTF-8");
    if (!b.parser)
        rw_die("XML_ParserCreate failed");
    XML_SetUserData(b.parser, &b);
    XML_SetElementHandler(b.parser, on_start, on_end);
    XML_SetCharacterDataHandler(b.parser, on_text);
    int ok = 1;
    for (size_t off = 0; ok && off < len;) { /* expat takes int lengths */
        size_t chunk = len - off > (1u << 30) ? (1u << 30) : len - off;
        ok = XML_Parse(b.parser, buf + off, (int)chunk, XML_FALSE) == XML_STATUS_OK;
        off += chunk;
    }
    if (ok)
        ok = XML_Parse(b.parser, "", 0, XML_TRUE) == XML_STATUS_OK;
    if (!ok || !b.root) {
        if (b.fail)
            rw_err_set(err, RW_E_PARSE, "XML: %s", b.fail);
        else if (!ok)
            rw_err_set(err, RW_E_PARSE, "XML line %lu: %s",
                       (unsigned long)XML_GetCurrentLineNumber(b.parser),
                       XML_ErrorString(XML_GetErrorCode(b.parser)));
        else
            rw_err_set(err, RW_E_PARSE, "XML: no document element");
        xml_free(b.root);
        XML_ParserFree(b.parser);
        return -1;
    }
    XML_ParserFree(b.parser);
    *root = b.root;
    return 0;
}

void xml_free(struct xml_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        xml_free(n->kids[i]);
    free(n->kids);
    free(n->name);
    free(n->text);
    free(n);
}

const struct xml_node *xml_child(const struct xml_node *n, const char *name)
{
    if (!n)
        return NULL;
    for (size_t i = 0; i < n->nkids; i++)
        if (strcmp(n->kids[i]->name, name) == 0)
            return n->kids[i];
    return NULL;
}

const struct xml_node *xml_path(const struct xml_node *n, const char *path)
{
    char seg[128];
    while (n && *path) {
        const char *slash = strchr(path, '/');
        size_t len = slash ? (size_t)(slash - path) : strlen(path);
        if (len >= sizeof seg)
            return NULL;
        memcpy(seg, path, len);
        seg[len] = '\0';
        n = xml_child(n, seg);
        path += len + (slash ? 1 : 0);
    }
    return n;
}

const char *xml_path_text(const struct xml_node *n, const char *path)
{
    const struct xml_node *t = xml_path(n, path);
    return t ? t->text : NULL;
}
