/* The property table expanded from fo_props.def: lookup by name, the
 * inherited/initial facts (reset of non-inherited fields, "inherit") and the
 * initial style built by parsing each initial value. Parsing one value is
 * fo_value.c's. */
#include "fo/fo_private.h"

#include <string.h>

const msp_fo_prop_info msp_fo_props[MSP_P_COUNT] = {
#define MSP_FO_PROP(id, nm, inh, init, kd, field, sec) [MSP_P_##id] = { nm, init, sec, MSP_K_##kd, inh, true },
#define MSP_FO_SH(id, nm, kd, sec) [MSP_P_##id] = { nm, NULL, sec, MSP_K_##kd, false, false },
#define MSP_FO_ATTR(id, nm, sec) [MSP_P_##id] = { nm, NULL, sec, MSP_K_ATTR, false, false },
#define MSP_FO_UNSUP(id, nm, allowed, kd, sec) [MSP_P_##id] = { nm, allowed, sec, MSP_K_##kd, false, false },
#include "fo/fo_props.def"
};

static GHashTable *prop_index;   /* name -> id + 1; built once, read-only after */

static gpointer build_index(gpointer unused)
{
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; i < MSP_P_COUNT; i++)
        g_hash_table_insert(h, (gpointer)msp_fo_props[i].name, GINT_TO_POINTER(i + 1));
    prop_index = h;
    return h;
}

int msp_fo_prop_lookup(const char *name)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, build_index, NULL);
    return GPOINTER_TO_INT(g_hash_table_lookup(prop_index, name)) - 1;
}

const char *msp_fo_prop_name(int id)
{
    return id >= 0 && id < MSP_P_COUNT ? msp_fo_props[id].name : "?";
}

bool msp_fo_prop_is_attr(int id)
{
    return id >= 0 && id < MSP_P_COUNT && msp_fo_props[id].kind == MSP_K_ATTR;
}

bool msp_fo_prop_is_inherited(int id)
{
    return id >= 0 && id < MSP_P_COUNT && msp_fo_props[id].inherited;
}

void msp_fo_style_reset_noninherited(msp_fo_style *s, const msp_fo_style *initial)
{
#define MSP_FO_PROP(id, nm, inh, init, kd, field, sec) if (!(inh)) s->field = initial->field;
#include "fo/fo_props.def"
}

/* value "inherit": the parent's computed value of that one field */
bool msp_fo_style_inherit_field(msp_fo_style *s, const msp_fo_style *parent, int id)
{
    switch (id) {
#define MSP_FO_PROP(id, nm, inh, init, kd, field, sec) case MSP_P_##id: s->field = parent->field; return true;
#include "fo/fo_props.def"
    default:
        return false;
    }
}


void msp_fo_style_build_initial(msp_fo_style *s)
{
    memset(s, 0, sizeof *s);
    msp_fo_style parent;
    memset(&parent, 0, sizeof parent);
    parent.font_size = 12.0;
    parent.font_weight = 400;
    parent.line_height = 14.4;
    s->font_size = 12.0;
    msp_job job;
    job.arena = NULL;
    msp_fo_apply a = { .s = s, .parent = &parent, .job = &job };
    for (int i = 0; i < MSP_P_COUNT; i++) {
        if (!msp_fo_props[i].has_field)
            continue;
        const char *v = msp_fo_props[i].initial;
        bool ok;
        if (msp_fo_props[i].kind == MSP_K_STRING || msp_fo_props[i].kind == MSP_K_LANG) {
            /* no arena here: initial strings are literals */
            if (i == MSP_P_FONT_FAMILY)
                s->font_family = "serif";
            ok = true;
        } else {
            ok = msp_fo_apply_value(&a, i, v);
        }
        g_assert(ok);   /* the table's own initial values always parse */
    }
    s->leader_length.min = 0;
    s->leader_length.max = -1;   /* 100% of the line */
}
