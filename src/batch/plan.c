/* Finding a batch's sources: folders searched recursively for *.xml whose
 * root is a paper, each source read once for its symbol, <draft/> mark,
 * output name and structure, symbols or output names claimed twice refused,
 * and the language versions of each symbol checked against each other.
 * Building and staleness are elsewhere (workers.c, stamp.c). */
#include "batch/batch_private.h"
#include "base/job.h"
#include "source/source.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* Appends every *.xml under dir (recursively; hidden entries skipped). */
static void collect_dir(GPtrArray *found, const char *dir, int depth)
{
    if (depth > 64)
        return;
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (name[0] == '.')
            continue;
        char *path = g_build_filename(dir, name, NULL);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            collect_dir(found, path, depth + 1);
            g_free(path);
        } else if (g_str_has_suffix(name, ".xml")) {
            g_ptr_array_add(found, path);
        } else {
            g_free(path);
        }
    }
    g_dir_close(d);
}

typedef struct found_file {
    char *path;
    bool explicit_file;   /* named on the command line: must be a paper */
} found_file;

static int compare_found(const void *a, const void *b)
{
    const found_file *x = *(found_file *const *)a, *y = *(found_file *const *)b;
    return strcmp(x->path, y->path);
}

static void found_free(void *p)
{
    found_file *f = p;
    g_free(f->path);
    g_free(f);
}

static xmlNode *child_element(xmlNode *parent, const char *name)
{
    for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, MSP_PAPER_NS)
            && !strcmp((const char *)n->name, name))
            return n;
    return NULL;
}

/* Reads one source; returns NULL when it is well-formed XML but not a paper
 * and was found by a folder search (skipped silently). */
static msp_paper *read_paper(const found_file *f)
{
    msp_paper *paper = msp_paper_new(f->path);
    msp_job job;
    msp_job_init(&job);
    msp_source *src = NULL;
    msp_status st = msp_source_load(&job, &src, f->path);
    if (st != MSP_OK || !src) {
        msp_diag_list_merge(&paper->diags, &job.diags);
        if (paper->diags.errors == 0)
            msp_diag_error(&paper->diags, st ? st : MSP_E_IO, ((msp_loc){ f->path, 0, 0 }), NULL,
                           "cannot read the source");
        paper->status = MSP_PAPER_FAILED;
        paper->output_name = msp_symbol_output_name(NULL, NULL, f->path);
        msp_job_clear(&job);
        return paper;
    }
    xmlNode *root = xmlDocGetRootElement(src->doc);
    bool is_paper = root && root->ns && !strcmp((const char *)root->ns->href, MSP_PAPER_NS)
                    && !strcmp((const char *)root->name, "paper");
    if (!is_paper) {
        if (!f->explicit_file) {
            msp_source_free(src);
            msp_job_clear(&job);
            msp_paper_free(paper);
            return NULL;
        }
        msp_diag_error(&paper->diags, MSP_E_SCHEMA, msp_source_loc(src, root),
                       "a source's root element is <paper xmlns=\"" MSP_PAPER_NS "\">",
                       "'%s' is not a paper source", f->path);
        paper->status = MSP_PAPER_FAILED;
    }
    paper->source_sha256 = g_strdup(src->sha256);
    if (is_paper)
        paper->versions = msp_versions_summary_new(src);
    xmlChar *kind = is_paper ? xmlGetProp(root, (const xmlChar *)"kind") : NULL;
    paper->kind = kind ? g_strdup((const char *)kind) : NULL;
    xmlFree(kind);
    xmlNode *meta = is_paper ? child_element(root, "meta") : NULL;
    xmlNode *sym = child_element(meta, "symbol");
    if (sym) {
        xmlChar *text = xmlNodeGetContent(sym);
        paper->symbol = g_strstrip(g_strdup((const char *)text));
        xmlFree(text);
        msp_loc loc = msp_source_loc(src, sym);
        paper->symbol_loc = loc;
        paper->symbol_loc.file = msp_diag_list_intern(&paper->diags, f->path);
    }
    paper->draft = child_element(meta, "draft") != NULL;
    xmlChar *lang = is_paper ? xmlNodeGetLang(root) : NULL;
    paper->language = lang ? g_strdup((const char *)lang) : NULL;
    xmlFree(lang);
    msp_symbol parsed;
    if (paper->symbol && msp_symbol_parse(&parsed, paper->symbol, NULL))
        paper->output_name = msp_symbol_output_name(&parsed, paper->language, f->path);
    else
        paper->output_name = msp_symbol_output_name(NULL, NULL, f->path);
    msp_source_free(src);
    msp_job_clear(&job);
    return paper;
}

/* The symbol without trailing reissue stars: two papers may not share it. */
static char *plain_symbol(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '*')
        n--;
    return g_strndup(s, n);
}

static void refuse_pair(msp_paper *a, msp_paper *b, const char *what, const char *value)
{
    char *hint = a->language && b->language && strcmp(what, "symbol") == 0
                     ? g_strdup_printf("only the language versions of one paper share a symbol, and both sources "
                                       "say xml:lang=\"%s\": give this paper its own symbol, or set xml:lang to "
                                       "the language it is written in", a->language)
                     : g_strdup("give each paper its own symbol");
    msp_loc where_b = b->symbol ? b->symbol_loc : (msp_loc){ b->source, 0, 0 };
    msp_loc where_a = a->symbol ? a->symbol_loc : (msp_loc){ a->source, 0, 0 };
    if (!where_a.file)
        where_a.file = a->source;
    if (!where_b.file)
        where_b.file = b->source;
    msp_diag_error(&a->diags, MSP_E_SYMBOL, where_a, hint,
                   "%s '%s' is also claimed by %s:%d:%d", what, value, where_b.file, where_b.line,
                   where_b.column);
    msp_diag_error(&b->diags, MSP_E_SYMBOL, where_b, hint,
                   "%s '%s' is also claimed by %s:%d:%d", what, value, where_a.file, where_a.line,
                   where_a.column);
    g_free(hint);
    /* still checked by the workers, so every problem is reported at once */
    a->check_only = a->status == MSP_PAPER_PENDING;
    b->check_only = b->status == MSP_PAPER_PENDING;
}

/* Every pair of papers sharing a symbol in one language (or an output file)
 * fails: (symbol, language) identifies a paper, its language versions share
 * the symbol. */
static void refuse_duplicates(GPtrArray *papers, guint first)
{
    GHashTable *by_symbol = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *by_output = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = first; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if (p->symbol && *p->symbol) {
            char *plain = plain_symbol(p->symbol);
            char *key = g_strdup_printf("%s\n%s", plain, p->language ? p->language : "");
            msp_paper *other = g_hash_table_lookup(by_symbol, key);
            if (other) {
                refuse_pair(other, p, "symbol", plain);
                g_free(plain);
                g_free(key);
                continue;
            }
            g_hash_table_insert(by_symbol, key, p);
            g_free(plain);
        }
        if (p->output_name) {
            msp_paper *other = g_hash_table_lookup(by_output, p->output_name);
            if (other)
                refuse_pair(other, p, "output file", p->output_name);
            else
                g_hash_table_insert(by_output, p->output_name, p);
        }
    }
    g_hash_table_destroy(by_symbol);
    g_hash_table_destroy(by_output);
}

msp_status msp_plan_find(GPtrArray *papers, msp_diag_list *usage, char **inputs, int n_inputs)
{
    GPtrArray *found = g_ptr_array_new_with_free_func(found_free);
    msp_status st = MSP_OK;
    for (int i = 0; i < n_inputs; i++) {
        struct stat sb;
        if (stat(inputs[i], &sb) != 0) {
            if (errno == ENOENT) {
                st = msp_diag_error(usage, MSP_E_USAGE, ((msp_loc){ inputs[i], 0, 0 }),
                                    "name a source file or a folder of sources",
                                    "no such file or folder");
                continue;
            }
            /* exists but cannot be examined: a failed paper, not a usage error */
        } else if (S_ISDIR(sb.st_mode)) {
            GPtrArray *paths = g_ptr_array_new();
            collect_dir(paths, inputs[i], 0);
            for (guint j = 0; j < paths->len; j++) {
                found_file *f = g_new0(found_file, 1);
                f->path = paths->pdata[j];
                g_ptr_array_add(found, f);
            }
            g_ptr_array_free(paths, TRUE);
            continue;
        }
        found_file *f = g_new0(found_file, 1);
        f->path = g_strdup(inputs[i]);
        f->explicit_file = true;
        g_ptr_array_add(found, f);
    }
    g_ptr_array_sort(found, compare_found);

    guint first = papers->len;
    const char *last = NULL;
    for (guint i = 0; i < found->len; i++) {
        const found_file *f = found->pdata[i];
        if (last && !strcmp(last, f->path))
            continue; /* named twice */
        last = f->path;
        msp_paper *p = read_paper(f);
        if (p)
            g_ptr_array_add(papers, p);
    }
    refuse_duplicates(papers, first);
    g_ptr_array_free(found, TRUE);
    return st;
}

int msp_plan_check_versions(GPtrArray *papers, bool draft)
{
    guint n = papers->len;
    msp_versions_summary **s = g_new0(msp_versions_summary *, n + 1);
    msp_diag_list **lists = g_new0(msp_diag_list *, n + 1);
    for (guint i = 0; i < n; i++) {
        msp_paper *p = papers->pdata[i];
        /* a refused or unreadable paper fails on its own: not a version to compare */
        s[i] = p->status == MSP_PAPER_PENDING && !p->check_only ? p->versions : NULL;
        lists[i] = &p->version_diags;
    }
    msp_versions_check(s, lists, n, draft);
    GHashTable *bad = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < n; i++) {
        msp_paper *p = papers->pdata[i];
        if (s[i] && p->version_diags.errors > 0) {
            p->check_only = true;
            g_hash_table_add(bad, (gpointer)msp_versions_summary_symbol(s[i]));
        }
    }
    int groups = (int)g_hash_table_size(bad);
    g_hash_table_destroy(bad);
    for (guint i = 0; i < n; i++) {
        msp_paper *p = papers->pdata[i];
        msp_versions_summary_free(p->versions);
        p->versions = NULL;
    }
    g_free(s);
    g_free(lists);
    return groups;
}
