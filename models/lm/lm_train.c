/*
 * lm_train.c — count, smooth, prune and write a syllable language model (see
 * lm_train.h for what is built, lm_format.h for the file).
 *
 * Counting is sort-based: every n-gram occurrence is packed into an integer
 * (16 bits per word id), the arrays are sorted and run-length counted. That is
 * simple, deterministic and fast enough for a few million tokens, and the sorted
 * order is exactly the trie order the file needs.
 *
 * Smoothing, per Chen & Goodman's interpolated modified Kneser–Ney, order by
 * order up to VT_LM_ORDER (4):
 *   p4(w|tuv) = (c(tuvw) - D4(c)) / c(tuv·) + γ(tuv) p3(w|uv)
 *   p3(w|uv)  = (a(uvw)  - D3(a)) / a(uv·)  + γ(uv)  p2(w|v)
 *   p2(w|v)   = (a(vw)   - D2(a)) / a(v·)   + γ(v)   p1(w)
 *   p1(w)     = (a(w)    - D1(a)) / a(·)    + γ()    / |V|
 * where c() are raw counts and a() continuation counts (distinct words seen
 * before the n-gram), except for n-grams starting with <s>, which have no left
 * context and keep their raw counts. An n-gram cut by pruning gives its
 * discounted mass to γ of its context, so the stored model stays normalised; the
 * file stores the interpolated p and γ as a back-off model (p for stored
 * n-grams, γ to back off).
 */
#include "lm_train.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "corpus.h"
#include "lm.h"
#include "lm_format.h"
#include "strbuf.h"
#include "token.h"

#define MAX_WORDS 65535u /* ids are stored as uint16 */

static const char *const class_names[VT_LM_FIRST_SYLLABLE] = {
    "<unk>", "<s>", "</s>", "<num>", "<code>", "<word>", "<punct>",
};

/* ---- a string → (count, id) table for syllable keys ---- */

typedef struct key_entry {
    char key[VT_SYLLABLE_MAX_BYTES]; /* "" = empty slot */
    uint32_t count;
    uint32_t id;
} key_entry;

typedef struct key_table {
    key_entry *slots;
    size_t cap, used; /* cap is a power of two */
} key_table;

static size_t key_slot(const key_table *t, const char *key)
{
    size_t i = (size_t)vt_fnv1a64(VT_FNV1A64_INIT, key, strlen(key)) & (t->cap - 1);
    while (t->slots[i].key[0] != '\0' && strcmp(t->slots[i].key, key) != 0)
        i = (i + 1) & (t->cap - 1);
    return i;
}

static bool key_table_grow(key_table *t)
{
    key_table bigger = {calloc(t->cap ? t->cap * 2 : 1024, sizeof(key_entry)), t->cap ? t->cap * 2 : 1024, t->used};
    if (bigger.slots == NULL)
        return false;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].key[0] != '\0')
            bigger.slots[key_slot(&bigger, t->slots[i].key)] = t->slots[i];
    free(t->slots);
    *t = bigger;
    return true;
}

/* The entry for key, inserted with count 0 when new; NULL when out of memory. */
static key_entry *key_table_get(key_table *t, const char *key)
{
    if ((t->used + 1) * 2 > t->cap && !key_table_grow(t))
        return NULL;
    key_entry *e = &t->slots[key_slot(t, key)];
    if (e->key[0] == '\0') {
        strcpy(e->key, key);
        e->id = VT_LM_UNK;
        t->used++;
    }
    return e;
}

/* ---- growable integer arrays ---- */

typedef struct u64_array {
    uint64_t *data;
    size_t len, cap;
    bool failed;
} u64_array;

static void u64_push(u64_array *a, uint64_t v)
{
    if (!a->failed && !VT_ARRAY_RESERVE(a->data, a->cap, a->len, 1, 4096))
        a->failed = true;
    if (!a->failed)
        a->data[a->len++] = v;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sort a and collapse it to unique values with their multiplicities in *counts. */
static bool run_length(u64_array *a, uint32_t **counts)
{
    if (a->len > 0)
        qsort(a->data, a->len, sizeof *a->data, compare_u64);
    *counts = malloc((a->len ? a->len : 1) * sizeof **counts);
    if (*counts == NULL)
        return false;
    size_t n = 0;
    for (size_t i = 0; i < a->len; i++) {
        if (n > 0 && a->data[n - 1] == a->data[i]) {
            (*counts)[n - 1]++;
        } else {
            a->data[n] = a->data[i];
            (*counts)[n++] = 1;
        }
    }
    a->len = n;
    return true;
}

/* Index of v in the sorted unique array, or SIZE_MAX. */
static size_t find_u64(const u64_array *a, uint64_t v)
{
    size_t lo = 0, hi = a->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->data[mid] == v)
            return mid;
        if (a->data[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* An n-gram packed into 16 bits per word, oldest word highest: sorting the packed
 * keys of one order sorts the n-grams by their words, which is the trie order. */
_Static_assert(VT_LM_ORDER * 16 <= 64, "n-grams are packed 16 bits per word into a uint64_t");
#define CONTEXT(key) ((key) >> 16)                                   /* all but the last word */
#define SUFFIX(key, n) ((key) & ((UINT64_C(1) << (16 * ((n) - 1))) - 1)) /* all but the first */
#define FIRST(key, n) ((uint32_t)((key) >> (16 * ((n) - 1))))
#define LAST(key) ((uint32_t)((key) & 0xFFFF))

/* ---- the trainer's state ---- */

/* The n-grams of one order. Order 1 is indexed by word id and has no keys. */
typedef struct level {
    u64_array keys;  /* occurrences, then the unique n-grams, sorted */
    size_t n;        /* unique n-grams (order 1: words) */
    uint32_t *count; /* raw count */
    uint32_t *adj;   /* the count smoothing discounts: raw at the top order and
                        after <s>, else the continuation count */
    bool *keep;      /* survives pruning */
    double *p;       /* probability as the stored model will give it */
    double *gamma;   /* back-off weight as a context; 1 when never one */
} level;

typedef struct trainer {
    const vt_lm_train_options *opt;
    char **texts;
    size_t *lens;
    size_t n_texts;
    key_table keys;
    char (*words)[VT_SYLLABLE_MAX_BYTES]; /* id → key */
    uint32_t n_words;
    uint64_t tokens;
    level level[VT_LM_ORDER + 1]; /* by order; [0] unused */
} trainer;

static void trainer_free(trainer *t)
{
    for (size_t i = 0; i < t->n_texts; i++)
        free(t->texts[i]);
    free(t->texts);
    free(t->lens);
    free(t->keys.slots);
    free(t->words);
    for (int n = 1; n <= VT_LM_ORDER; n++) {
        level *l = &t->level[n];
        free(l->keys.data);
        free(l->count);
        free(l->adj);
        free(l->keep);
        free(l->p);
        free(l->gamma);
    }
}

static uint32_t min_count(const vt_lm_train_options *opt, int n)
{
    switch (n) {
    case 2: return opt->min_bigram_count;
    case 3: return opt->min_trigram_count;
    case 4: return opt->min_fourgram_count;
    default: return 0;
    }
}

static bool load_texts(trainer *t, const char *const *dirs, size_t n_dirs, vt_lm_train_stats *stats,
                       char **errmsg)
{
    vt_corpus_files train = {0}, held = {0};
    bool ok = true;
    for (size_t d = 0; d < n_dirs && ok; d++)
        ok = vt_corpus_list(dirs[d], t->opt->holdout_every, false, &train, errmsg) &&
             vt_corpus_list(dirs[d], t->opt->holdout_every, true, &held, errmsg);
    if (ok && train.count == 0) {
        *errmsg = vt_format("no training files (*.txt) in the corpus folders");
        ok = false;
    }
    if (ok) {
        t->texts = calloc(train.count, sizeof *t->texts);
        t->lens = calloc(train.count, sizeof *t->lens);
        ok = t->texts != NULL && t->lens != NULL;
        if (!ok)
            *errmsg = vt_format("out of memory");
    }
    for (size_t i = 0; ok && i < train.count; i++) {
        t->texts[i] = vt_corpus_read(train.paths[i], &t->lens[i], errmsg);
        ok = t->texts[i] != NULL;
        t->n_texts += ok;
    }
    stats->files = train.count;
    stats->held_out_files = held.count;
    vt_corpus_files_free(&train);
    vt_corpus_files_free(&held);
    return ok;
}

/* The canonical key of a syllable token; false if it does not parse. */
static bool token_key(const char *s, const vt_token *tok, vt_tone_style style, char *key)
{
    vt_syllable syl;
    if (!vt_syllable_parse(s + tok->start, tok->end - tok->start, &syl))
        return false;
    vt_syllable_key(&syl, style, key);
    return true;
}

static bool count_syllables(trainer *t)
{
    for (size_t i = 0; i < t->n_texts; i++) {
        size_t pos = 0;
        vt_token tok;
        char key[VT_SYLLABLE_MAX_BYTES];
        while (vt_token_next(t->texts[i], t->lens[i], &pos, &tok)) {
            if (tok.kind != VT_TOKEN_SYLLABLE || !token_key(t->texts[i], &tok, t->opt->tone_style, key))
                continue;
            key_entry *e = key_table_get(&t->keys, key);
            if (e == NULL)
                return false;
            e->count++;
        }
    }
    return true;
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The lexicon: class tokens, then the frequent-enough syllables in key order. */
static bool build_vocabulary(trainer *t, char **errmsg)
{
    size_t n = VT_LM_FIRST_SYLLABLE;
    for (size_t i = 0; i < t->keys.cap; i++)
        n += t->keys.slots[i].key[0] != '\0' && t->keys.slots[i].count >= t->opt->min_syllable_count;
    if (n > MAX_WORDS) {
        *errmsg = vt_format("%zu words do not fit 16-bit ids; raise the minimum syllable count", n);
        return false;
    }
    t->words = calloc(n, sizeof *t->words);
    t->level[1].count = calloc(n, sizeof *t->level[1].count);
    t->level[1].n = n;
    if (t->words == NULL || t->level[1].count == NULL) {
        *errmsg = vt_format("out of memory");
        return false;
    }
    for (size_t i = 0; i < VT_LM_FIRST_SYLLABLE; i++)
        strcpy(t->words[i], class_names[i]);
    size_t k = VT_LM_FIRST_SYLLABLE;
    for (size_t i = 0; i < t->keys.cap; i++)
        if (t->keys.slots[i].key[0] != '\0' && t->keys.slots[i].count >= t->opt->min_syllable_count)
            strcpy(t->words[k++], t->keys.slots[i].key);
    qsort(t->words + VT_LM_FIRST_SYLLABLE, n - VT_LM_FIRST_SYLLABLE, sizeof *t->words, compare_keys);
    for (size_t id = VT_LM_FIRST_SYLLABLE; id < n; id++)
        key_table_get(&t->keys, t->words[id])->id = (uint32_t)id; /* present: no growth */
    t->n_words = (uint32_t)n;
    return true;
}

static uint32_t token_id(trainer *t, const char *s, const vt_token *tok)
{
    char key[VT_SYLLABLE_MAX_BYTES];
    switch (tok->kind) {
    case VT_TOKEN_SYLLABLE:
        if (!token_key(s, tok, t->opt->tone_style, key))
            return VT_LM_UNK;
        return key_table_get(&t->keys, key)->id;
    case VT_TOKEN_NUMBER: return VT_LM_NUM;
    case VT_TOKEN_CODE: return VT_LM_CODE;
    case VT_TOKEN_WORD: return VT_LM_WORD;
    default: return VT_LM_PUNCT;
    }
}

/* Record w after the history: hist[VT_LM_ORDER - 1 - *have ..] are the words
 * before it in this sentence (<s> first), oldest first. */
static void observe(trainer *t, uint32_t *hist, int *have, uint32_t w)
{
    uint64_t key = w;
    for (int k = 1; k <= *have; k++) { /* the n-gram of order k + 1 ending in w */
        key |= (uint64_t)hist[VT_LM_ORDER - 1 - k] << (16 * k);
        u64_push(&t->level[k + 1].keys, key);
    }
    memmove(hist, hist + 1, (VT_LM_ORDER - 2) * sizeof *hist);
    hist[VT_LM_ORDER - 2] = w;
    *have += *have < VT_LM_ORDER - 1;
    t->level[1].count[w]++;
}

static bool collect_ngrams(trainer *t)
{
    for (size_t i = 0; i < t->n_texts; i++) {
        size_t pos = 0;
        vt_token tok;
        uint32_t hist[VT_LM_ORDER - 1] = {0};
        int have = 1;
        hist[VT_LM_ORDER - 2] = VT_LM_BOS;
        bool more = true;
        while (more) {
            more = vt_token_next(t->texts[i], t->lens[i], &pos, &tok);
            if (!more || tok.kind == VT_TOKEN_BREAK) {
                if (have > 1) /* a non-empty sentence */
                    observe(t, hist, &have, VT_LM_EOS);
                have = 1;
                hist[VT_LM_ORDER - 2] = VT_LM_BOS;
                continue;
            }
            observe(t, hist, &have, token_id(t, t->texts[i], &tok));
            t->tokens++;
        }
    }
    for (int n = 2; n <= VT_LM_ORDER; n++)
        if (t->level[n].keys.failed)
            return false;
    return true;
}

static bool count_ngrams(trainer *t)
{
    for (int n = 2; n <= VT_LM_ORDER; n++) {
        level *l = &t->level[n];
        if (!run_length(&l->keys, &l->count))
            return false;
        l->n = l->keys.len;
    }
    return true;
}

/* ---- modified Kneser–Ney ---- */

typedef struct discounts {
    double d[4]; /* by count: 0, 1, 2, 3+ */
} discounts;

static discounts kn_discounts(const uint32_t *counts, size_t n)
{
    double nk[5] = {0};
    for (size_t i = 0; i < n; i++)
        if (counts[i] <= 4)
            nk[counts[i]]++;
    discounts d = {{0, 0.5, 1.0, 1.5}}; /* for data too small to estimate from */
    if (nk[1] > 0 && nk[2] > 0 && nk[3] > 0 && nk[4] > 0) {
        double y = nk[1] / (nk[1] + 2 * nk[2]);
        d.d[1] = 1 - 2 * y * nk[2] / nk[1];
        d.d[2] = 2 - 3 * y * nk[3] / nk[2];
        d.d[3] = 3 - 4 * y * nk[4] / nk[3];
    }
    for (int k = 1; k <= 3; k++) /* keep 0 < D(c) < c */
        d.d[k] = fmin(fmax(d.d[k], 0.05), (double)k - 0.05);
    return d;
}

static double discount(const discounts *d, uint32_t c)
{
    return d->d[c >= 3 ? 3 : c];
}

static bool alloc_level(level *l)
{
    size_t n = l->n ? l->n : 1;
    l->adj = calloc(n, sizeof *l->adj);
    l->keep = calloc(n, sizeof *l->keep);
    l->p = calloc(n, sizeof *l->p);
    l->gamma = malloc(n * sizeof *l->gamma);
    if (!(l->adj && l->keep && l->p && l->gamma))
        return false;
    for (size_t i = 0; i < n; i++)
        l->gamma[i] = 1.0; /* set for real when the n-gram turns out to be a context */
    return true;
}

/* Index of an n-gram of order n: the word id itself for order 1. */
static size_t ngram_index(const trainer *t, int n, uint64_t key)
{
    return n == 1 ? (size_t)key : find_u64(&t->level[n].keys, key);
}

/* Continuation counts of order n < VT_LM_ORDER: a(x) = distinct words before x,
 * from the unique n-grams one order up. */
static bool continuation_counts(trainer *t, int n)
{
    const level *up = &t->level[n + 1];
    level *l = &t->level[n];
    u64_array suffixes = {0};
    for (size_t i = 0; i < up->n; i++)
        u64_push(&suffixes, SUFFIX(up->keys.data[i], n + 1));
    uint32_t *times = NULL;
    if (suffixes.failed || !run_length(&suffixes, &times)) {
        free(suffixes.data);
        return false;
    }
    for (size_t i = 0, s = 0; i < l->n; i++) {
        uint64_t key = n == 1 ? i : l->keys.data[i];
        while (s < suffixes.len && suffixes.data[s] < key)
            s++;
        bool continued = s < suffixes.len && suffixes.data[s] == key;
        l->adj[i] = FIRST(key, n) == VT_LM_BOS || !continued ? l->count[i] : times[s];
    }
    free(suffixes.data);
    free(times);
    return true;
}

static bool adjusted_counts(trainer *t)
{
    for (int n = 1; n <= VT_LM_ORDER; n++)
        if (!alloc_level(&t->level[n]))
            return false;
    level *top = &t->level[VT_LM_ORDER];
    memcpy(top->adj, top->count, top->n * sizeof *top->adj);
    for (int n = VT_LM_ORDER - 1; n >= 1; n--)
        if (!continuation_counts(t, n))
            return false;
    return true;
}

/* Top order down, so that a kept n-gram can keep its context. */
static void decide_pruning(trainer *t)
{
    for (size_t w = 0; w < t->n_words; w++)
        t->level[1].keep[w] = true;
    for (int n = VT_LM_ORDER; n >= 2; n--) {
        level *l = &t->level[n];
        for (size_t i = 0; i < l->n; i++) {
            l->keep[i] |= l->count[i] >= min_count(t->opt, n);
            if (l->keep[i] && n > 2) /* the context must stay in the trie */
                t->level[n - 1].keep[ngram_index(t, n - 1, CONTEXT(l->keys.data[i]))] = true;
        }
    }
}

static void unigram_probabilities(trainer *t)
{
    level *l = &t->level[1];
    discounts d = kn_discounts(l->adj, t->n_words);
    double total = 0, mass = 0;
    for (uint32_t w = 0; w < t->n_words; w++) {
        total += l->adj[w];
        mass += discount(&d, l->adj[w]);
    }
    double gamma = total > 0 ? mass / total : 1.0;
    for (uint32_t w = 0; w < t->n_words; w++) {
        double own = total > 0 ? (l->adj[w] - discount(&d, l->adj[w])) / total : 0;
        l->p[w] = w == VT_LM_BOS ? 0 : fmax(own, 0) + gamma / (t->n_words - 1);
    }
}

/* p(last word | context) of an n-gram as the stored model will give it: its own
 * p when stored, else its context's back-off weight times one order down. */
static double stored_p(const trainer *t, int n, uint64_t key)
{
    if (n == 1)
        return t->level[1].p[key];
    const level *l = &t->level[n];
    size_t i = find_u64(&l->keys, key);
    if (i != SIZE_MAX && l->keep[i])
        return l->p[i];
    size_t c = ngram_index(t, n - 1, CONTEXT(key));
    double gamma = c == SIZE_MAX ? 1.0 : t->level[n - 1].gamma[c];
    return gamma * stored_p(t, n - 1, SUFFIX(key, n));
}

/* Order n ≥ 2, one context at a time; sets γ of the contexts (order n - 1). */
static void ngram_probabilities(trainer *t, int n)
{
    level *l = &t->level[n];
    discounts d = kn_discounts(l->adj, l->n);
    for (size_t lo = 0, hi; lo < l->n; lo = hi) {
        uint64_t context = CONTEXT(l->keys.data[lo]);
        double total = 0, mass = 0;
        for (hi = lo; hi < l->n && CONTEXT(l->keys.data[hi]) == context; hi++) {
            total += l->adj[hi];
            mass += l->keep[hi] ? discount(&d, l->adj[hi]) : l->adj[hi]; /* pruned: all back */
        }
        double gamma = mass / total;
        t->level[n - 1].gamma[ngram_index(t, n - 1, context)] = gamma;
        for (size_t i = lo; i < hi; i++)
            l->p[i] = (l->adj[i] - discount(&d, l->adj[i])) / total +
                      gamma * stored_p(t, n - 1, SUFFIX(l->keys.data[i], n));
    }
}

/* ---- writing the file ---- */

static uint16_t quantise(double p)
{
    if (!(p > 0))
        return UINT16_MAX;
    double q = round(-log10(p) * VT_LM_QUANT);
    return q < 0 ? 0 : q > UINT16_MAX ? UINT16_MAX : (uint16_t)q;
}

typedef struct payload {
    vt_strbuf bytes;
    vt_lm_header header;
} payload;

static void add_section(payload *p, vt_lm_section s, const void *data, size_t size)
{
    static const char zeros[8] = {0};
    size_t at = sizeof(vt_lm_header) + p->bytes.len;
    vt_strbuf_append(&p->bytes, zeros, (8 - at % 8) % 8);
    p->header.sections[s].offset = sizeof(vt_lm_header) + p->bytes.len;
    p->header.sections[s].size = size;
    vt_strbuf_append(&p->bytes, data, size);
}

static int compare_by_skeleton(const void *a, const void *b, void *words);

/* Syllable ids sorted by (skeleton, id): insertion sort keeps this free of
 * qsort_r; the lexicon is a few thousand entries and this runs once. */
static void sort_by_skeleton(uint16_t *ids, size_t n, char (*skel)[VT_SYLLABLE_MAX_BYTES])
{
    for (size_t i = 1; i < n; i++) {
        uint16_t id = ids[i];
        size_t j = i;
        while (j > 0 && compare_by_skeleton(&ids[j - 1], &id, skel) > 0) {
            ids[j] = ids[j - 1];
            j--;
        }
        ids[j] = id;
    }
}

static int compare_by_skeleton(const void *a, const void *b, void *words)
{
    char (*skel)[VT_SYLLABLE_MAX_BYTES] = words;
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    int c = strcmp(skel[x], skel[y]);
    return c != 0 ? c : (x > y) - (x < y);
}

/* The string table and the per-word arrays. */
static bool add_lexicon(trainer *t, payload *p)
{
    uint32_t n = t->n_words;
    char (*skel)[VT_SYLLABLE_MAX_BYTES] = calloc(n, sizeof *skel);
    uint32_t *key_off = calloc(n, sizeof *key_off), *skel_off = calloc(n, sizeof *skel_off);
    uint16_t *index = calloc(n, sizeof *index);
    vt_strbuf strings = {0};
    bool ok = skel && key_off && skel_off && index;
    for (uint32_t id = 0; ok && id < n; id++) {
        vt_syllable syl;
        if (id >= VT_LM_FIRST_SYLLABLE && vt_syllable_parse(t->words[id], strlen(t->words[id]), &syl))
            vt_syllable_skeleton(&syl, skel[id]);
        key_off[id] = (uint32_t)strings.len;
        vt_strbuf_append(&strings, t->words[id], strlen(t->words[id]) + 1);
        skel_off[id] = (uint32_t)strings.len;
        vt_strbuf_append(&strings, skel[id], strlen(skel[id]) + 1);
    }
    if (ok) {
        size_t syllables = n - VT_LM_FIRST_SYLLABLE;
        for (size_t i = 0; i < syllables; i++)
            index[i] = (uint16_t)(VT_LM_FIRST_SYLLABLE + i);
        sort_by_skeleton(index, syllables, skel);
        add_section(p, VT_LM_SEC_STRINGS, strings.data, strings.len);
        add_section(p, VT_LM_SEC_WORD_KEY, key_off, 4 * (size_t)n);
        add_section(p, VT_LM_SEC_WORD_SKEL, skel_off, 4 * (size_t)n);
        add_section(p, VT_LM_SEC_WORD_COUNT, t->level[1].count, 4 * (size_t)n);
        add_section(p, VT_LM_SEC_SKEL_INDEX, index, 2 * syllables);
        ok = !strings.failed;
    }
    vt_strbuf_free(&strings);
    free(skel);
    free(key_off);
    free(skel_off);
    free(index);
    return ok;
}

static size_t kept(const level *l)
{
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        k += l->keep[i];
    return k;
}

static void quantise_all(uint16_t *q, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        q[i] = quantise(x[i]);
}

/* One trie level n ≥ 2 from the kept n-grams. Both orders are sorted, so a merge
 * walk finds each one's context, numbered among the kept n-grams of order n - 1. */
static bool add_level(trainer *t, payload *p, int n)
{
    const level *l = &t->level[n], *up = &t->level[n - 1];
    size_t n_parents = n == 2 ? t->n_words : kept(up), count = kept(l);
    uint32_t *start = calloc(n_parents + 1, sizeof *start);
    uint16_t *word = calloc(count + 1, 2), *prob = calloc(count + 1, 2), *bow = calloc(count + 1, 2);
    bool ok = start && word && prob && bow;
    size_t k = 0, j = 0, kept_before = 0;
    for (size_t i = 0; ok && i < l->n; i++) {
        if (!l->keep[i])
            continue;
        uint64_t context = CONTEXT(l->keys.data[i]);
        size_t parent = (size_t)context;
        if (n > 2) {
            for (; up->keys.data[j] < context; j++)
                kept_before += up->keep[j];
            parent = kept_before; /* the context is kept: decide_pruning saw to it */
        }
        start[parent + 1]++;
        word[k] = (uint16_t)LAST(l->keys.data[i]);
        prob[k] = quantise(l->p[i]);
        bow[k++] = quantise(l->gamma[i]);
    }
    for (size_t i = 0; ok && i < n_parents; i++)
        start[i + 1] += start[i];
    const vt_lm_level_sections *sec = &vt_lm_levels[n];
    if (ok) {
        add_section(p, (vt_lm_section)sec->start, start, 4 * (n_parents + 1));
        add_section(p, (vt_lm_section)sec->word, word, 2 * count);
        add_section(p, (vt_lm_section)sec->prob, prob, 2 * count);
        if (sec->bow >= 0)
            add_section(p, (vt_lm_section)sec->bow, bow, 2 * count);
        p->header.n_grams[n - 1] = (uint32_t)count;
    }
    free(start);
    free(word);
    free(prob);
    free(bow);
    return ok;
}

static bool add_ngrams(trainer *t, payload *p)
{
    uint32_t n = t->n_words;
    uint16_t *uni_prob = calloc(n, 2), *uni_bow = calloc(n, 2);
    bool ok = uni_prob && uni_bow;
    if (ok) {
        quantise_all(uni_prob, t->level[1].p, n);
        quantise_all(uni_bow, t->level[1].gamma, n);
        add_section(p, VT_LM_SEC_UNI_PROB, uni_prob, 2 * (size_t)n);
        add_section(p, VT_LM_SEC_UNI_BOW, uni_bow, 2 * (size_t)n);
    }
    for (int order = 2; ok && order <= VT_LM_ORDER; order++)
        ok = add_level(t, p, order);
    free(uni_prob);
    free(uni_bow);
    return ok;
}

/* Write header + payload to path.tmp, then rename: a reader never sees half a model. */
static bool write_model(const payload *p, const char *path, char **errmsg)
{
    char *tmp = vt_format("%s.tmp", path);
    FILE *f = tmp ? fopen(tmp, "wb") : NULL;
    bool ok = f != NULL && fwrite(&p->header, sizeof p->header, 1, f) == 1 &&
              (p->bytes.len == 0 || fwrite(p->bytes.data, p->bytes.len, 1, f) == 1);
    if (f != NULL)
        ok = fclose(f) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        *errmsg = vt_format("cannot write model %s", path);
        if (tmp)
            remove(tmp);
    }
    free(tmp);
    return ok;
}

static bool write_file(trainer *t, const char *path, vt_lm_train_stats *stats, char **errmsg)
{
    payload p;
    memset(&p, 0, sizeof p);
    memcpy(p.header.magic, VT_LM_MAGIC, 8);
    p.header.version = VT_LM_VERSION;
    p.header.header_size = sizeof p.header;
    p.header.tone_style = (uint32_t)t->opt->tone_style;
    p.header.n_grams[0] = t->n_words;
    p.header.n_tokens = t->tokens;
    bool ok = add_lexicon(t, &p) && add_ngrams(t, &p) && !p.bytes.failed;
    if (!ok) {
        *errmsg = vt_format("out of memory writing the model");
    } else {
        p.header.payload_size = p.bytes.len;
        p.header.checksum = vt_lm_checksum(p.bytes.data, p.bytes.len);
        ok = write_model(&p, path, errmsg);
        memcpy(stats->n_grams, p.header.n_grams, sizeof stats->n_grams);
        stats->file_bytes = sizeof p.header + p.bytes.len;
    }
    vt_strbuf_free(&p.bytes);
    return ok;
}

void vt_lm_train_defaults(vt_lm_train_options *options)
{
    *options = (vt_lm_train_options){
        .tone_style = VT_TONE_STYLE_OLD,
        .min_syllable_count = 2,
        .min_bigram_count = 1,
        .min_trigram_count = 2,
        .min_fourgram_count = 2,
        .holdout_every = 10,
    };
}

bool vt_lm_train(const char *const *dirs, size_t n_dirs, const vt_lm_train_options *options,
                 const char *out_path, vt_lm_train_stats *stats, char **errmsg)
{
    trainer t = {0};
    vt_lm_train_stats local = {0};
    char *err = NULL; /* set by whichever step fails */
    t.opt = options;
    stats = stats ? stats : &local;
    *stats = (vt_lm_train_stats){0};
    bool ok = load_texts(&t, dirs, n_dirs, stats, &err);
    if (ok && !(count_syllables(&t) && build_vocabulary(&t, &err)))
        ok = false;
    if (ok) {
        ok = collect_ngrams(&t) && count_ngrams(&t) && adjusted_counts(&t);
        if (!ok)
            err = vt_format("out of memory counting n-grams");
    }
    if (ok) {
        stats->tokens = t.tokens;
        decide_pruning(&t);
        unigram_probabilities(&t);
        for (int n = 2; n <= VT_LM_ORDER; n++)
            ngram_probabilities(&t, n);
        ok = write_file(&t, out_path, stats, &err);
    }
    if (!ok)
        *errmsg = err != NULL ? err : vt_format("out of memory");
    trainer_free(&t);
    return ok;
}
