/* sim_xml: a small XML writer for the fake cloud's query-protocol replies.
 * Element names are the caller's (trusted, ASCII); every text and attribute
 * value is escaped: & < > " ' become entities, carriage returns &#13;, and
 * bytes XML 1.0 cannot carry (other control characters, invalid UTF-8)
 * become U+FFFD, so the document always parses. */
#ifndef RW_SIM_XML_H
#define RW_SIM_XML_H

#include <stddef.h>

/* A growing document; zero it (or sim_xml_init) before use. */
struct sim_xml {
    char *buf;
    size_t len, cap;
};

/* Start an empty document. */
void sim_xml_init(struct sim_xml *x);
/* Append s escaped for text or an attribute value. */
void sim_xml_escaped(struct sim_xml *x, const char *s);
/* <tag> */
void sim_xml_open(struct sim_xml *x, const char *tag);
/* <tag xmlns="ns"> (the root element of a reply). */
void sim_xml_open_ns(struct sim_xml *x, const char *tag, const char *ns);
/* </tag> */
void sim_xml_close(struct sim_xml *x, const char *tag);
/* <tag>text</tag>, text escaped; NULL text writes nothing at all. */
void sim_xml_elem(struct sim_xml *x, const char *tag, const char *text);
/* <tag>printf(fmt, ...)</tag>, the formatted text escaped. */
void sim_xml_elemf(struct sim_xml *x, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The document so far (caller frees); x is empty afterwards. */
char *sim_xml_take(struct sim_xml *x);
/* Free what x holds. */
void sim_xml_free(struct sim_xml *x);
/* s escaped as sim_xml_escaped would write it; caller frees. */
char *sim_xml_escape(const char *s);

#endif
