/*
 * diacritics.c — diacritic repair and restoration (see diacritics.h).
 *
 * Tokens come from token_stream.h: a date or document number is one class token
 * however it is spelt, so the context of the words next to it is the same before
 * and after the canonical_forms stage rewrites it (the output read again repairs
 * nothing more). The committed model was trained on plain tokens; training
 * through the stream too measured 97.51% restoration instead of 97.54% (unmarked
 * dates are not recognised at restore time), so the model stays as it is.
 *
 * Per sentence: each token becomes a slot with its candidates (the input form
 * first, then the attested syllables of the same skeleton, best few by unigram
 * and channel cost); a beam search over language-model states (what the 4-gram
 * model remembers of the words so far, vt_lm_state) picks the best path. In
 * repair mode a cheap local test first freezes every slot where no alternative
 * comes near the input form in its observed context, so a correct sentence is
 * usually not searched at all (that is where the speed comes from, and why
 * correct text is left alone).
 *
 * Costs are log10. Channel model, repair mode: keeping a legal, attested input
 * costs 0; changing it costs CHANGE_COST + CONFIDENCE_COST × OCR confidence,
 * plus MARK_COST for every mark beyond the first that differs. An input that is
 * not a legal attested syllable costs UNKNOWN_KEEP_COST to keep.
 */
#include "diacritics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "token.h"
#include "token_stream.h"
#include "utf8.h"
#include "vnchar.h"

/* Restore mode: the input form and up to 23 readings of its skeleton, more than
 * the largest skeleton group of the committed model has (21), so every attested
 * reading competes; a larger group keeps its best by unigram. Repair keeps
 * REPAIR_CANDIDATES. */
#define MAX_CANDIDATES 24
#define REPAIR_CANDIDATES 8
#define BEAM 16
#define CHANGE_COST 2.0
#define CONFIDENCE_COST 2.0
#define DEFAULT_CONFIDENCE 0.6f
#define MARK_COST 1.5
#define UNKNOWN_KEEP_COST 2.5
#define FREEZE_MARGIN 1.0
/* An OCR letter alternative with confidence c takes HINT_WEIGHT * c off the cost
 * of the syllable it spells, down to HINT_FLOOR: evidence from the image itself. */
#ifndef HINT_WEIGHT
#define HINT_WEIGHT 3.0
#endif
#define HINT_FLOOR 0.5

typedef struct candidate {
    uint32_t id;
    double channel;
} candidate;

typedef struct slot {
    vt_token tok;
    bool editable;
    vt_case_shape shape;
    candidate cands[MAX_CANDIDATES]; /* cands[0] is the input form */
    int n_cands;
    int chosen;
} slot;

typedef struct hyp {
    vt_lm_state state;
    double score;
    int cand, parent;
} hyp;

typedef struct workspace {
    const vt_lm *lm;
    vt_diacritics_mode mode;
    const char *text;
    const vt_span_confidence *confs;
    size_t n_confs;
    const vt_letter_hint *hints;
    size_t n_hints;
    slot *slots;
    size_t n_slots, cap_slots;
    hyp (*beams)[BEAM];
    int *beam_size;
    size_t cap_beams;
} workspace;

static float confidence_at(const workspace *w, size_t start)
{
    size_t lo = 0, hi = w->n_confs;
    while (lo < hi) { /* last span starting at or before start */
        size_t mid = lo + (hi - lo) / 2;
        if (w->confs[mid].start <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && start < w->confs[lo - 1].end)
        return w->confs[lo - 1].confidence;
    return DEFAULT_CONFIDENCE;
}

/* How many marks (tone, vowel marks, the bar of đ) differ between two parses of
 * the same skeleton. */
static int mark_differences(const vt_syllable *a, const vt_syllable *b)
{
    int d = a->tone != b->tone;
    for (size_t i = 0; i < a->n_letters && i < b->n_letters; i++)
        d += a->letters[i].mark != b->letters[i].mark;
    return d;
}

/* The tone and the letters' vowel marks of a model key: what mark_differences
 * reads, without the grammar check of a full parse (a model's keys are legal
 * syllables already; this runs for every candidate, so it is on the hot path).
 * False when the key does not decode like a syllable. */
static bool key_marks(const char *key, vt_syllable *out)
{
    size_t len = strlen(key), pos = 0;
    out->n_letters = 0;
    out->tone = VT_TONE_NGANG;
    while (pos < len) {
        vt_letter l;
        int32_t cp = vt_utf8_next(key, len, &pos);
        if (out->n_letters == VT_SYLLABLE_MAX_LETTERS || !vt_letter_decompose(cp, &l))
            return false;
        if (l.tone != VT_TONE_NGANG) {
            if (out->tone != VT_TONE_NGANG)
                return false;
            out->tone = l.tone;
        }
        out->letters[out->n_letters++] = l;
    }
    return out->n_letters > 0;
}

/* Case shape of a word that is not a syllable; false when mixed (iPhone). */
static bool word_shape(const char *s, size_t len, vt_case_shape *shape)
{
    size_t pos = 0, n = 0, uppers = 0;
    bool first_upper = false;
    while (pos < len) {
        vt_letter l;
        if (!vt_letter_decompose(vt_utf8_next(s, len, &pos), &l))
            return false;
        uppers += l.upper;
        first_upper |= n == 0 && l.upper;
        n++;
    }
    if (uppers == 0)
        *shape = VT_CASE_LOWER;
    else if (uppers == 1 && first_upper)
        *shape = VT_CASE_TITLE;
    else if (uppers == n)
        *shape = VT_CASE_UPPER;
    else
        return false;
    return true;
}

static double unigram(const vt_lm *lm, uint32_t id)
{
    vt_lm_state none;
    vt_lm_state_empty(&none);
    return vt_lm_score(lm, &none, id, NULL);
}

/* Keep the best `limit` - 1 alternatives by unigram minus channel. */
static void add_alternative(slot *sl, const vt_lm *lm, int limit, uint32_t id, double channel)
{
    candidate c = {id, channel};
    double score = unigram(lm, id) - channel;
    if (sl->n_cands < limit) {
        sl->cands[sl->n_cands++] = c;
        return;
    }
    int worst = 1;
    for (int k = 2; k < sl->n_cands; k++)
        if (unigram(lm, sl->cands[k].id) - sl->cands[k].channel <
            unigram(lm, sl->cands[worst].id) - sl->cands[worst].channel)
            worst = k;
    if (score > unigram(lm, sl->cands[worst].id) - sl->cands[worst].channel)
        sl->cands[worst] = c;
}

static void fill_candidates(workspace *w, slot *sl, const vt_syllable *observed, const char *skeleton)
{
    const uint16_t *ids;
    size_t n = vt_lm_candidates(w->lm, skeleton, strlen(skeleton), &ids);
    bool known = observed != NULL && sl->cands[0].id != VT_LM_UNK;
    float conf = confidence_at(w, sl->tok.start);
    if (!known)
        sl->cands[0].channel = UNKNOWN_KEEP_COST;
    for (size_t i = 0; i < n; i++) {
        if (ids[i] == sl->cands[0].id)
            continue;
        double channel = 0;
        if (w->mode == VT_DIACRITICS_REPAIR) {
            channel = CHANGE_COST + CONFIDENCE_COST * conf;
            vt_syllable cand;
            const char *key = vt_lm_key(w->lm, ids[i]);
            if (known && key_marks(key, &cand)) {
                int d = mark_differences(observed, &cand);
                channel += MARK_COST * (d > 1 ? d - 1 : 0);
            }
        }
        add_alternative(sl, w->lm, w->mode == VT_DIACRITICS_REPAIR ? REPAIR_CANDIDATES : MAX_CANDIDATES,
                        ids[i], channel);
    }
}

/* The syllable id the token would be with bytes [h->start, h->end) replaced by
 * the hint's letter; VT_LM_UNK when that is not an attested syllable. */
static uint32_t hinted_id(const workspace *w, const slot *sl, const vt_letter_hint *h,
                          vt_case_shape *shape)
{
    char variant[VT_SYLLABLE_MAX_BYTES * 2];
    size_t before = h->start - sl->tok.start, after = sl->tok.end - h->end;
    size_t alt = strnlen(h->text, sizeof h->text);
    if (before + alt + after >= sizeof variant)
        return VT_LM_UNK;
    memcpy(variant, w->text + sl->tok.start, before);
    memcpy(variant + before, h->text, alt);
    memcpy(variant + before + alt, w->text + h->end, after);
    vt_syllable syl;
    char key[VT_SYLLABLE_MAX_BYTES];
    if (!vt_syllable_parse(variant, before + alt + after, &syl))
        return VT_LM_UNK;
    *shape = syl.case_shape;
    vt_syllable_key(&syl, vt_lm_tone_style(w->lm), key);
    return vt_lm_lookup(w->lm, key, strlen(key));
}

/* Repair mode: make the syllables OCR's own letter alternatives spell cheaper, and
 * add those with other base letters as candidates. */
static void apply_hints(workspace *w, slot *sl)
{
    size_t lo = 0, hi = w->n_hints;
    while (lo < hi) { /* first hint starting at or after the token */
        size_t mid = lo + (hi - lo) / 2;
        if (w->hints[mid].start < sl->tok.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    float conf = confidence_at(w, sl->tok.start);
    for (size_t i = lo; i < w->n_hints && w->hints[i].end <= sl->tok.end; i++) {
        vt_case_shape shape;
        uint32_t id = hinted_id(w, sl, &w->hints[i], &shape);
        if (id == VT_LM_UNK || id == sl->cands[0].id || shape != sl->shape)
            continue;
        double bonus = HINT_WEIGHT * w->hints[i].confidence;
        int k = 1;
        while (k < sl->n_cands && sl->cands[k].id != id)
            k++;
        if (k == sl->n_cands) {
            if (sl->n_cands == MAX_CANDIDATES)
                continue;
            sl->cands[sl->n_cands++] = (candidate){id, CHANGE_COST + CONFIDENCE_COST * conf};
        }
        double lowered = sl->cands[k].channel - bonus;
        sl->cands[k].channel = lowered > HINT_FLOOR ? lowered : HINT_FLOOR;
    }
}

/*
 * Tesseract's LSTM sometimes writes one vowel twice with two readings of its marks
 * ("kếể" for kể, each letter's alternatives naming the other). The skeleton of
 * the word with that vowel once ("ke"), into out[cap]; false when the word has no
 * two adjacent marked letters of the same base vowel.
 */
static bool collapsed_skeleton(const char *s, size_t len, char *out, size_t cap)
{
    enum { MAX_LETTERS = 16 };
    int32_t cps[MAX_LETTERS];
    size_t n = 0, pos = 0;
    while (pos < len) {
        if (n == MAX_LETTERS)
            return false;
        cps[n++] = vt_utf8_next(s, len, &pos);
    }
    for (size_t i = 0; i + 1 < n; i++) {
        int32_t a = vt_letter_lower(vt_letter_strip(cps[i]));
        int32_t b = vt_letter_lower(vt_letter_strip(cps[i + 1]));
        bool marked = vt_letter_strip(cps[i]) != cps[i] && vt_letter_strip(cps[i + 1]) != cps[i + 1];
        if (a != b || !marked || a >= 0x80 || !strchr("aeiouy", (char)a))
            continue;
        size_t k = 0;
        for (size_t j = 0; j < n; j++) {
            char buf[4];
            int32_t c = vt_letter_lower(vt_letter_strip(cps[j]));
            size_t m = j == i + 1 || c < 0 ? 0 : vt_utf8_encode(c, buf);
            if (k + m + 1 > cap)
                return false;
            memcpy(out + k, buf, m);
            k += m;
        }
        out[k] = '\0';
        return true;
    }
    return false;
}

/* The word with letters in marks Vietnamese never writes (Ÿ, ö, ñ) folded to their
 * base letter, into out[cap] (every such letter is one byte shorter or the same);
 * its length. A word too long to fold is left as it is, so it stays a word. */
static size_t unforeign(const char *s, size_t len, char *out, size_t cap)
{
    size_t pos = 0, n = 0;
    while (pos < len) {
        char buf[4];
        int32_t cp = vt_utf8_next(s, len, &pos);
        size_t k = cp < 0 ? 0 : vt_utf8_encode(vt_letter_unforeign(cp), buf);
        if (n + k + 1 > cap) {
            n = 0;   /* "" has no skeleton: the token stays a plain word */
            break;
        }
        memcpy(out + n, buf, k);
        n += k;
    }
    out[n] = '\0';
    return n;
}

/* Turn a token into a slot: its input-form id and, for syllables, candidates. */
static void build_slot(workspace *w, slot *sl)
{
    const char *s = w->text + sl->tok.start;
    size_t len = sl->tok.end - sl->tok.start;
    static const uint32_t class_of[] = {VT_LM_UNK, VT_LM_WORD, VT_LM_NUM, VT_LM_CODE, VT_LM_PUNCT, VT_LM_PUNCT};
    sl->n_cands = 1;
    sl->chosen = 0;
    sl->editable = false;
    sl->cands[0] = (candidate){class_of[sl->tok.kind], 0};
    char key[VT_SYLLABLE_MAX_BYTES], skeleton[VT_SYLLABLE_MAX_BYTES];
    char folded[VT_SYLLABLE_MAX_BYTES * 2];
    if (sl->tok.kind == VT_TOKEN_SYLLABLE) {
        vt_syllable syl;
        if (!vt_syllable_parse(s, len, &syl))
            return;
        vt_syllable_key(&syl, vt_lm_tone_style(w->lm), key);
        vt_syllable_skeleton(&syl, skeleton);
        sl->cands[0].id = vt_lm_lookup(w->lm, key, strlen(key));
        sl->shape = syl.case_shape;
        sl->editable = true;
        fill_candidates(w, sl, &syl, skeleton);
        if (w->n_hints && w->mode == VT_DIACRITICS_REPAIR)
            apply_hints(w, sl);
    } else if (sl->tok.kind == VT_TOKEN_WORD
               && (len = unforeign(s, len, folded, sizeof folded), s = folded, true)
               && word_shape(s, len, &sl->shape)
               && vt_word_skeleton(s, len, skeleton, sizeof skeleton) > 0) {
        /* a word that breaks the grammar may be a syllable with marks lost or
         * misread (quyet, viềc); if it is a foreign word the model keeps it */
        sl->editable = true;
        fill_candidates(w, sl, NULL, skeleton);
        if (sl->n_cands == 1 && w->mode == VT_DIACRITICS_REPAIR
            && collapsed_skeleton(s, len, skeleton, sizeof skeleton))
            fill_candidates(w, sl, NULL, skeleton);
        if (w->n_hints && w->mode == VT_DIACRITICS_REPAIR)
            apply_hints(w, sl);
    }
}

/* ids of the input forms around slot i: position -1 is <s>, n is </s>. */
static uint32_t observed_id(const workspace *w, size_t first, size_t end, long i)
{
    if (i < (long)first)
        return i == (long)first - 1 ? VT_LM_BOS : VT_LM_NONE;
    if (i >= (long)end)
        return i == (long)end ? VT_LM_EOS : VT_LM_NONE;
    const slot *sl = &w->slots[i];
    return sl->cands[sl->chosen].id;
}

/* The words around slot i, as the model sees them: before[] the VT_LM_ORDER - 1
 * words before it (oldest first), after[] the VT_LM_ORDER - 1 after it. */
typedef struct neighbours {
    uint32_t before[VT_LM_ORDER - 1], after[VT_LM_ORDER - 1];
} neighbours;

static void neighbours_of(const workspace *w, size_t first, size_t end, long i, neighbours *nb)
{
    for (int k = 0; k < VT_LM_ORDER - 1; k++) {
        nb->before[k] = observed_id(w, first, end, i - (VT_LM_ORDER - 1) + k);
        nb->after[k] = observed_id(w, first, end, i + 1 + k);
    }
}

/* log10 of the n-grams of the top order that contain slot i holding candidate
 * c, less c's channel cost: c after its history `left` (the same for every
 * candidate of the slot), then each following word while it lies inside the
 * sentence (or is its </s>). Every term is a log-prob, ≤ 0, so the score only
 * falls as terms are added: once it is at or below `floor` it is returned as it
 * stands, since a caller that passes a floor only asks whether it beats it. */
static double local_score(const workspace *w, const vt_lm_state *left, const uint32_t *after,
                          const candidate *c, double floor)
{
    vt_lm_state state;
    double s = vt_lm_score(w->lm, left, c->id, &state);
    for (int k = 0; k < VT_LM_ORDER - 1 && after[k] != VT_LM_NONE && s - c->channel > floor; k++) {
        bool last = k == VT_LM_ORDER - 2 || after[k + 1] == VT_LM_NONE;
        s += vt_lm_score(w->lm, &state, after[k], last ? NULL : &state);
    }
    return s - c->channel;
}

/* local_score with the neighbours looked up: for one-off scores. */
static double slot_score(const workspace *w, size_t first, size_t end, long i, const candidate *c)
{
    neighbours nb;
    neighbours_of(w, first, end, i, &nb);
    vt_lm_state left;
    vt_lm_state_of(w->lm, nb.before, &left);
    return local_score(w, &left, nb.after, c, -HUGE_VAL);
}

/* Repair mode: drop the alternatives of slots where none is close to the input. */
static bool freeze_confident_slots(workspace *w, size_t first, size_t end)
{
    bool open = false;
    for (size_t i = first; i < end; i++) {
        slot *sl = &w->slots[i];
        if (sl->n_cands < 2)
            continue;
        neighbours nb;
        neighbours_of(w, first, end, (long)i, &nb);
        vt_lm_state left;
        vt_lm_state_of(w->lm, nb.before, &left);
        double keep = local_score(w, &left, nb.after, &sl->cands[0], -HUGE_VAL);
        int kept = 1;
        for (int k = 1; k < sl->n_cands; k++)
            if (local_score(w, &left, nb.after, &sl->cands[k], keep - FREEZE_MARGIN) >
                keep - FREEZE_MARGIN)
                sl->cands[kept++] = sl->cands[k];
        sl->n_cands = kept;
        open |= kept > 1;
    }
    return open;
}

static void push_hyp(hyp *beam, int *size, hyp h)
{
    for (int k = 0; k < *size; k++)
        if (vt_lm_state_equal(&beam[k].state, &h.state)) { /* the same future: keep the better */
            if (h.score > beam[k].score)
                beam[k] = h;
            return;
        }
    if (*size < BEAM) {
        beam[(*size)++] = h;
        return;
    }
    int worst = 0;
    for (int k = 1; k < *size; k++)
        if (beam[k].score < beam[worst].score)
            worst = k;
    if (h.score > beam[worst].score)
        beam[worst] = h;
}

/* Beam search over slots [first, end); sets each slot's `chosen`. */
static void decode(workspace *w, size_t first, size_t end)
{
    hyp start = {.score = 0, .cand = 0, .parent = -1};
    vt_lm_state_begin(w->lm, &start.state);
    for (size_t i = first; i < end; i++) {
        const slot *sl = &w->slots[i];
        hyp *prev = i == first ? &start : w->beams[i - 1];
        int n_prev = i == first ? 1 : w->beam_size[i - 1];
        w->beam_size[i] = 0;
        for (int p = 0; p < n_prev; p++)
            for (int k = 0; k < sl->n_cands; k++) {
                hyp h = {.cand = k, .parent = p};
                h.score = prev[p].score - sl->cands[k].channel +
                          vt_lm_score(w->lm, &prev[p].state, sl->cands[k].id, &h.state);
                push_hyp(w->beams[i], &w->beam_size[i], h);
            }
    }
    int best = 0;
    double best_score = -1e300;
    for (int k = 0; k < w->beam_size[end - 1]; k++) {
        const hyp *h = &w->beams[end - 1][k];
        double s = h->score + vt_lm_score(w->lm, &h->state, VT_LM_EOS, NULL);
        if (s > best_score) {
            best_score = s;
            best = k;
        }
    }
    for (size_t i = end; i-- > first;) {
        const hyp *h = &w->beams[i][best];
        w->slots[i].chosen = h->cand;
        best = h->parent;
    }
}

static bool reserve(workspace *w, size_t n)
{
    if (n <= w->cap_slots)
        return true;
    size_t cap = n * 2;
    slot *slots = realloc(w->slots, cap * sizeof *slots);
    if (slots != NULL)
        w->slots = slots;
    hyp(*beams)[BEAM] = realloc(w->beams, cap * sizeof *beams);
    if (beams != NULL)
        w->beams = beams;
    int *sizes = realloc(w->beam_size, cap * sizeof *sizes);
    if (sizes != NULL)
        w->beam_size = sizes;
    if (slots == NULL || beams == NULL || sizes == NULL)
        return false;
    w->cap_slots = cap;
    return true;
}

static void process_sentence(workspace *w, size_t first, size_t end)
{
    bool open = false;
    for (size_t i = first; i < end; i++)
        open |= w->slots[i].n_cands > 1;
    if (open && w->mode == VT_DIACRITICS_REPAIR)
        open = freeze_confident_slots(w, first, end);
    if (open)
        decode(w, first, end);
}

/* Write slot i's choice; records a repair when it differs from the input. */
static bool emit_choice(workspace *w, size_t first, size_t end, size_t i, vt_strbuf *out,
                        vt_repair **repairs, size_t *n_repairs)
{
    slot *sl = &w->slots[i];
    const char *key = vt_lm_key(w->lm, sl->cands[sl->chosen].id);
    vt_syllable syl;
    char to[VT_SYLLABLE_MAX_BYTES];
    size_t len = sl->tok.end - sl->tok.start;
    /* evidence: the chosen form against the input form, both in the chosen context */
    int chosen = sl->chosen;
    double with = chosen ? slot_score(w, first, end, (long)i, &sl->cands[chosen]) : 0;
    sl->chosen = 0;
    double without = chosen ? slot_score(w, first, end, (long)i, &sl->cands[0]) : 0;
    sl->chosen = chosen;
    /* A change needs evidence (score > 0, as vt_repair promises). The beam can
     * pick a form that scores no better than the input where its context does
     * not tell them apart (restore mode has no channel cost; fuzzing found
     * "nhận" → "nhân" with score 0): keep the input then. */
    if (chosen == 0 || !(with - without > 0) || !vt_syllable_parse(key, strlen(key), &syl)) {
        sl->chosen = 0;
        vt_strbuf_append(out, w->text + sl->tok.start, len);
        return true;
    }
    vt_syllable_render(&syl, vt_lm_tone_style(w->lm), sl->shape, to);
    vt_strbuf_puts(out, to);
    vt_repair *grown = realloc(*repairs, (*n_repairs + 1) * sizeof *grown);
    if (grown == NULL)
        return false;
    *repairs = grown;
    vt_repair *r = &grown[(*n_repairs)++];
    r->start = sl->tok.start;
    r->end = sl->tok.end;
    size_t from_len = len < sizeof r->from - 1 ? len : sizeof r->from - 1;
    memcpy(r->from, w->text + sl->tok.start, from_len);
    r->from[from_len] = '\0';
    strcpy(r->to, to);
    r->score = with - without;
    return true;
}

/*
 * A line break inside a sentence: printed text wraps wherever the line is full,
 * so a break followed by a syllable in lower case continues the sentence, and the
 * words either side of it are each other's context ("mua" / "sắm"). A full stop
 * or a capital after the break still ends it.
 */
static bool is_line_wrap(const char *text, size_t len, const vt_token *brk, size_t pos)
{
    if (text[brk->start] != '\n')
        return false;
    vt_token next;
    if (!vt_token_next(text, len, &pos, &next) || next.kind != VT_TOKEN_SYLLABLE)
        return false;
    size_t at = next.start;
    vt_letter first;
    return vt_letter_decompose(vt_utf8_next(text, len, &at), &first) && !first.upper;
}

bool vt_diacritics_apply(const vt_lm *lm, vt_diacritics_mode mode, const char *text, size_t len,
                         const vt_span_confidence *confidences, size_t n_confidences,
                         vt_diacritics_result *out, char **errmsg)
{
    return vt_diacritics_apply_ocr(lm, mode, text, len, confidences, n_confidences, NULL, 0, out,
                                   errmsg);
}

bool vt_diacritics_apply_ocr(const vt_lm *lm, vt_diacritics_mode mode, const char *text,
                             size_t len, const vt_span_confidence *confidences,
                             size_t n_confidences, const vt_letter_hint *hints, size_t n_hints,
                             vt_diacritics_result *out, char **errmsg)
{
    workspace w = {lm, mode, text, confidences, confidences ? n_confidences : 0,
                   hints, hints ? n_hints : 0, NULL, 0, 0, NULL, NULL, 0};
    vt_strbuf sb = {0};
    vt_repair *repairs = NULL;
    size_t n_repairs = 0, copied = 0;
    vt_token tok;
    vt_token_stream ts;
    bool ok = vt_token_stream_init(&ts, text, len), more = true;
    while (ok && more) {
        /* gather one sentence of slots, up to a break or the end */
        size_t first = 0;
        w.n_slots = 0;
        while ((more = vt_token_stream_next(&ts, &tok))
               && (tok.kind != VT_TOKEN_BREAK
                   || (w.n_slots && is_line_wrap(text, len, &tok, ts.pos)))) {
            if (tok.kind == VT_TOKEN_BREAK)
                continue;
            if (!(ok = reserve(&w, w.n_slots + 1)))
                break;
            w.slots[w.n_slots].tok = tok;
            build_slot(&w, &w.slots[w.n_slots++]);
        }
        if (!ok)
            break;
        process_sentence(&w, first, w.n_slots);
        for (size_t i = first; i < w.n_slots && ok; i++) {
            vt_strbuf_append(&sb, text + copied, w.slots[i].tok.start - copied);
            ok = emit_choice(&w, first, w.n_slots, i, &sb, &repairs, &n_repairs);
            copied = w.slots[i].tok.end;
        }
    }
    vt_strbuf_append(&sb, text + copied, len - copied);
    vt_token_stream_free(&ts);
    free(w.slots);
    free(w.beams);
    free(w.beam_size);
    size_t out_len = sb.len;
    char *result = ok ? vt_strbuf_take(&sb) : NULL;
    vt_strbuf_free(&sb);
    if (result == NULL) {
        free(repairs);
        *errmsg = vt_format("out of memory repairing diacritics");
        return false;
    }
    *out = (vt_diacritics_result){result, out_len, repairs, n_repairs};
    return true;
}

void vt_diacritics_result_free(vt_diacritics_result *result)
{
    if (result == NULL)
        return;
    free(result->text);
    free(result->repairs);
    *result = (vt_diacritics_result){NULL, 0, NULL, 0};
}
