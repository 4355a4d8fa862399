/*
 * canonical_forms — write dates and document numbers canonically in the text.
 *
 * OCR splits and glues the parts of a date ("26tháng 7", "21 / 4/2025", "2O24")
 * and breaks the symbol of a document number ("115 JCV-PA83", "4869/UBND-" at a
 * line end). Search and downstream extraction need one spelling, so each date
 * expression and each symbol the parsers read with certainty is rewritten as the
 * parsers normalise it (text/dates.h, text/docnum.h decide what is certain; this
 * stage only applies their verdict). Each rewrite is listed in JSON `repairs`
 * (stage "canonical_forms") with the text it replaced, so nothing OCR read is lost.
 * It works on the composed text, after compose, because both kinds of expression
 * cross word and line boundaries.
 */
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "docnum.h"
#include "stages.h"

/* One edit per date: its canonical spelling replaces the whole expression, so the
 * repair record reads "26tháng 7" → "26 tháng 7", not a lone inserted space. */
static bool add_date_edits(const char *text, size_t len, vt_text_edits *out)
{
    vt_date_list dates = {0};
    vt_text_edits pieces = {0};
    bool ok = vt_dates_find(text, len, NULL, &dates) == 0 &&
              vt_dates_canonical_edits(text, len, &pieces) == 0;
    size_t next = 0;
    for (size_t i = 0; ok && i < dates.count; i++) {
        const vt_date *d = &dates.items[i];
        vt_text_edits inside = {0};
        while (next < pieces.count && pieces.items[next].start < d->start)
            next++;
        for (; ok && next < pieces.count && pieces.items[next].end <= d->end; next++) {
            const vt_text_edit *e = &pieces.items[next];
            ok = vt_text_edits_add(&inside, e->start - d->start, e->end - d->start, e->text,
                                   e->text_len);
        }
        if (ok && inside.count) {
            size_t n;
            char *canonical = vt_text_edits_apply(&inside, text + d->start, d->end - d->start, &n);
            ok = canonical != NULL;
            if (ok && (n != d->end - d->start || memcmp(canonical, text + d->start, n) != 0))
                ok = vt_text_edits_add(out, d->start, d->end, canonical, n);
            free(canonical);
        }
        vt_text_edits_free(&inside);
    }
    vt_text_edits_free(&pieces);
    vt_date_list_free(&dates);
    return ok;
}

static bool add_number_edit(const vt_docnum *d, vt_text_edits *out)
{
    size_t n = strlen(d->normalized);
    if (n == 0 || (n == strlen(d->raw) && memcmp(d->raw, d->normalized, n) == 0))
        return true;
    if (strchr(d->raw, '\f'))
        return true;   /* a symbol split across pages stays as printed */
    return vt_text_edits_add(out, d->start, d->end, d->normalized, n);
}

static bool add_number_edits(const char *text, size_t len, vt_text_edits *out)
{
    vt_docnum own = {0};
    vt_docnum_list refs = {0};
    int found = vt_docnum_find_own(text, len, &own);
    bool ok = found >= 0 && vt_docnum_find_references(text, len, NULL, &refs) == 0;
    if (ok && found == 1)
        ok = add_number_edit(&own, out);
    for (size_t i = 0; ok && i < refs.count; i++)
        ok = add_number_edit(&refs.items[i], out);
    vt_docnum_clear(&own);
    vt_docnum_list_free(&refs);
    return ok;
}

static vt_status run(vt_document *doc, vt_stage_context *ctx)
{
    const char *text = doc->text;
    size_t len = strlen(text);
    vt_text_edits edits = {0};
    bool ok = add_date_edits(text, len, &edits) && add_number_edits(text, len, &edits);
    const char *error = "out of memory";
    if (ok) {
        vt_text_edits_settle(&edits);
        ok = vt_document_edit_text(doc, &edits, vt_stage_canonical_forms.name, &error);
    }
    vt_text_edits_free(&edits);
    return ok ? VT_OK : vt_stage_fail(ctx, "%s", error);
}

const vt_stage vt_stage_canonical_forms = {
    .name = "canonical_forms",
    .summary = "write dates and document numbers canonically in the text (\"26tháng 7\", "
               "\"115 JCV-PA83\" -> \"115/CV-PA83\")",
    .flags = VT_STAGE_NEEDS_TEXT,
    .run = run,
};
