/* Numbering the source before the transform: one walk in document order
 * writes each numbered paragraph's and each note's number as an attribute in
 * the urn:x-mspdoc:number namespace, so the stylesheets print a number
 * instead of running xsl:number level="any" (quadratic in the paper's length). */
#include "xslt/xslt_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAPER_NS "urn:x-mspdoc:paper:1"

typedef struct counters {
    xmlNs *ns;
    unsigned long para;         /* restarts at each annex (from="p:annex") */
    unsigned long note;         /* through the whole document */
} counters;

static bool is_paper(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && strcmp((const char *)n->ns->href, PAPER_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static void set_number(xmlNode *n, counters *c, const char *attr, unsigned long v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lu", v);
    xmlSetNsProp(n, c->ns, (const xmlChar *)attr, (const xmlChar *)buf);
}

static void walk(xmlNode *n, counters *c)
{
    /* iterative over siblings, recursive over depth: the source's depth is
     * bounded by the parse limits */
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_paper(n, "annex")) {
            c->para = 0;
        } else if (is_paper(n, "body")) {
            /* an addendum may continue its paper's numbering: first-number="12" */
            xmlChar *first = xmlGetProp(n, (const xmlChar *)"first-number");
            unsigned long v = first ? strtoul((const char *)first, NULL, 10) : 0;
            c->para = v > 0 && v < 1000000 ? v - 1 : 0;
            xmlFree(first);
        } else if (is_paper(n, "p")) {
            xmlChar *numbered = xmlGetProp(n, (const xmlChar *)"numbered");
            if (numbered && strcmp((const char *)numbered, "no") == 0)
                xmlUnsetNsProp(n, c->ns, (const xmlChar *)"p");
            else
                set_number(n, c, "p", ++c->para);
            xmlFree(numbered);
        } else if (is_paper(n, "note")) {
            set_number(n, c, "note", ++c->note);
        }
        walk(n->children, c);
    }
}

void msp_xslt_number_source(xmlDoc *src)
{
    xmlNode *root = xmlDocGetRootElement(src);
    if (!root)
        return;
    xmlNs *ns = xmlSearchNsByHref(src, root, (const xmlChar *)MSP_XSLT_NUMBER_NS);
    if (!ns)
        ns = xmlNewNs(root, (const xmlChar *)MSP_XSLT_NUMBER_NS, (const xmlChar *)"mspdoc-n");
    counters c = { ns, 0, 0 };
    walk(root, &c);
}
