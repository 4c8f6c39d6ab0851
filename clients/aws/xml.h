/* xml: a small tree built from expat's events, for the AWS query-protocol
 * responses (STS, ELBv2, CloudFormation) and their errors. Every XML parser
 * walks this tree instead of scanning strings. Namespaces are not processed:
 * AWS uses a default namespace, so element names arrive unprefixed. */
#ifndef RW_XML_H
#define RW_XML_H

#include <stddef.h>

#include "core/err.h"

#define XML_MAX_DEPTH 64
#define XML_MAX_NODES 200000

struct xml_node {
    char *name;
    char *text;                 /* character data directly inside, trimmed; "" if none */
    size_t text_len;
    struct xml_node **kids;
    size_t nkids;
};

/* Parse buf[0..len) into a tree; *root is owned by the caller (xml_free). */
int xml_parse(const char *buf, size_t len, struct xml_node **root, struct rw_err *err);
/* Free a tree. */
void xml_free(struct xml_node *n);
/* The first child element named name, or NULL. */
const struct xml_node *xml_child(const struct xml_node *n, const char *name);
/* Follow a '/'-separated path of child names ("Error/Code"), or NULL. */
const struct xml_node *xml_path(const struct xml_node *n, const char *path);
/* Text of the element at path (borrowed, valid while the tree lives), or NULL. */
const char *xml_path_text(const struct xml_node *n, const char *path);

#endif
