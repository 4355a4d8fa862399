/*
 * lm_train.c — count, smooth, prune and write a syllable language model (see
 * lm_train.h for what is built, lm_format.h for the file).
 *
 * Counting is sort-based: every n-gram occurrence is packed into an integer
 * (16 bits per word id), the arrays are sorted and run-length counted. That is
 * simple, deterministic and fast enough for a few million tokens, and the sorted
 * order is exactly the trie order the file needs.
 *
 * Smoothing, per Chen & Goodman's interpolated modified Kneser–Ney:
 *   p3(w|uv) = (c(uvw) - D3(c)) / c(uv·) + γ(uv) p2(w|v)
 *   p2(w|v)  = (a(vw)  - D2(a)) / a(v·)  + γ(v)  p1(w)
 *   p1(w)    = (a(w)   - D1(a)) / a(·)   + γ()  / |V|
 * where a() are continuation counts (distinct left contexts) except for bigrams
 * starting with <s>, which have no left context and keep their raw counts. An
 * n-gram cut by pruning gives its discounted mass to γ of its context, so the
 * stored model stays normalised; the file stores the interpolated p and γ as a
 * back-off model (p for stored n-grams, γ to back off).
 */
#include "lm_train.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (a->len == a->cap && !a->failed) {
        size_t cap = a->cap ? a->cap * 2 : 4096;
        uint64_t *grown = realloc(a->data, cap * sizeof *grown);
        if (grown == NULL)
            a->failed = true;
        else {
            a->data = grown;
            a->cap = cap;
        }
    }
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

#define BIGRAM(v, w) (((uint64_t)(v) << 16) | (uint64_t)(w))
#define TRIGRAM(u, v, w) (((uint64_t)(u) << 32) | BIGRAM(v, w))
#define FIRST(bigram) ((uint32_t)((bigram) >> 16))
#define LAST(ngram) ((uint32_t)((ngram) & 0xFFFF))

/* ---- the trainer's state ---- */

typedef struct trainer {
    const vt_lm_train_options *opt;
    char **texts;
    size_t *lens;
    size_t n_texts;
    key_table keys;
    char (*words)[VT_SYLLABLE_MAX_BYTES]; /* id → key */
    uint32_t n_words;
    uint32_t *word_count;
    uint64_t tokens;
    u64_array bigrams, trigrams; /* occurrences, then unique keys */
    uint32_t *bi_raw, *tri_count;
    uint32_t *bi_adj;            /* Kneser–Ney adjusted counts */
    uint32_t *uni_adj;
    bool *bi_keep, *tri_keep;
    double *p1, *gamma1_of;      /* p1[w]; γ(v) per word */
    double *p2, *gamma2;         /* per unique bigram: p2 and γ as a trigram context */
    double *p3;                  /* per unique trigram */
} trainer;

static void trainer_free(trainer *t)
{
    for (size_t i = 0; i < t->n_texts; i++)
        free(t->texts[i]);
    free(t->texts);
    free(t->lens);
    free(t->keys.slots);
    free(t->words);
    free(t->word_count);
    free(t->bigrams.data);
    free(t->trigrams.data);
    free(t->bi_raw);
    free(t->tri_count);
    free(t->bi_adj);
    free(t->uni_adj);
    free(t->bi_keep);
    free(t->tri_keep);
    free(t->p1);
    free(t->gamma1_of);
    free(t->p2);
    free(t->gamma2);
    free(t->p3);
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
    t->word_count = calloc(n, sizeof *t->word_count);
    if (t->words == NULL || t->word_count == NULL) {
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

/* Record w after the history (prev2, prev1); VT_LM_NONE = no such word. */
static void observe(trainer *t, uint32_t *prev2, uint32_t *prev1, uint32_t w)
{
    u64_push(&t->bigrams, BIGRAM(*prev1, w));
    if (*prev2 != VT_LM_NONE)
        u64_push(&t->trigrams, TRIGRAM(*prev2, *prev1, w));
    t->word_count[w]++;
    *prev2 = *prev1;
    *prev1 = w;
}

static bool collect_ngrams(trainer *t)
{
    for (size_t i = 0; i < t->n_texts; i++) {
        size_t pos = 0;
        vt_token tok;
        uint32_t prev2 = VT_LM_NONE, prev1 = VT_LM_BOS;
        bool more = true;
        while (more) {
            more = vt_token_next(t->texts[i], t->lens[i], &pos, &tok);
            if (!more || tok.kind == VT_TOKEN_BREAK) {
                if (prev1 != VT_LM_BOS) /* a non-empty sentence */
                    observe(t, &prev2, &prev1, VT_LM_EOS);
                prev2 = VT_LM_NONE;
                prev1 = VT_LM_BOS;
                continue;
            }
            observe(t, &prev2, &prev1, token_id(t, t->texts[i], &tok));
            t->tokens++;
        }
    }
    return !t->bigrams.failed && !t->trigrams.failed;
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

static bool alloc_all(trainer *t)
{
    size_t nb = t->bigrams.len ? t->bigrams.len : 1, nt = t->trigrams.len ? t->trigrams.len : 1;
    t->bi_adj = calloc(nb, sizeof *t->bi_adj);
    t->uni_adj = calloc(t->n_words, sizeof *t->uni_adj);
    t->bi_keep = calloc(nb, sizeof *t->bi_keep);
    t->tri_keep = calloc(nt, sizeof *t->tri_keep);
    t->p1 = calloc(t->n_words, sizeof *t->p1);
    t->gamma1_of = calloc(t->n_words, sizeof *t->gamma1_of);
    t->p2 = calloc(nb, sizeof *t->p2);
    t->gamma2 = calloc(nb, sizeof *t->gamma2);
    t->p3 = calloc(nt, sizeof *t->p3);
    return t->bi_adj && t->uni_adj && t->bi_keep && t->tri_keep && t->p1 && t->gamma1_of && t->p2 &&
           t->gamma2 && t->p3;
}

/* Continuation counts: a(vw) = distinct u before vw, a(w) = distinct v before w. */
static bool adjusted_counts(trainer *t)
{
    u64_array suffixes = {0};
    for (size_t i = 0; i < t->trigrams.len; i++)
        u64_push(&suffixes, t->trigrams.data[i] & 0xFFFFFFFFu);
    uint32_t *suffix_counts = NULL;
    if (suffixes.failed || !run_length(&suffixes, &suffix_counts)) {
        free(suffixes.data);
        return false;
    }
    for (size_t b = 0, s = 0; b < t->bigrams.len; b++) {
        uint64_t key = t->bigrams.data[b];
        while (s < suffixes.len && suffixes.data[s] < key)
            s++;
        bool continued = s < suffixes.len && suffixes.data[s] == key;
        t->bi_adj[b] = FIRST(key) == VT_LM_BOS || !continued ? t->bi_raw[b] : suffix_counts[s];
        t->uni_adj[LAST(key)]++;
    }
    free(suffixes.data);
    free(suffix_counts);
    return true;
}

static void decide_pruning(trainer *t)
{
    for (size_t i = 0; i < t->trigrams.len; i++) {
        t->tri_keep[i] = t->tri_count[i] >= t->opt->min_trigram_count;
        if (t->tri_keep[i]) /* the context must stay in the trie */
            t->bi_keep[find_u64(&t->bigrams, t->trigrams.data[i] >> 16)] = true;
    }
    for (size_t b = 0; b < t->bigrams.len; b++)
        t->bi_keep[b] |= t->bi_raw[b] >= t->opt->min_bigram_count;
}

static void unigram_probabilities(trainer *t)
{
    discounts d = kn_discounts(t->uni_adj, t->n_words);
    double total = 0, mass = 0;
    for (uint32_t w = 0; w < t->n_words; w++) {
        total += t->uni_adj[w];
        mass += discount(&d, t->uni_adj[w]);
    }
    double gamma = total > 0 ? mass / total : 1.0;
    for (uint32_t w = 0; w < t->n_words; w++) {
        double own = total > 0 ? (t->uni_adj[w] - discount(&d, t->uni_adj[w])) / total : 0;
        t->p1[w] = w == VT_LM_BOS ? 0 : fmax(own, 0) + gamma / (t->n_words - 1);
    }
}

static void bigram_probabilities(trainer *t)
{
    discounts d = kn_discounts(t->bi_adj, t->bigrams.len);
    for (size_t lo = 0, hi; lo < t->bigrams.len; lo = hi) {
        uint32_t v = FIRST(t->bigrams.data[lo]);
        double total = 0, mass = 0;
        for (hi = lo; hi < t->bigrams.len && FIRST(t->bigrams.data[hi]) == v; hi++) {
            double dc = discount(&d, t->bi_adj[hi]);
            total += t->bi_adj[hi];
            mass += t->bi_keep[hi] ? dc : t->bi_adj[hi]; /* a pruned bigram gives all back */
        }
        double gamma = mass / total;
        t->gamma1_of[v] = gamma;
        for (size_t b = lo; b < hi; b++)
            t->p2[b] = (t->bi_adj[b] - discount(&d, t->bi_adj[b])) / total +
                       gamma * t->p1[LAST(t->bigrams.data[b])];
    }
    for (uint32_t v = 0; v < t->n_words; v++) /* words never seen as a history */
        if (t->gamma1_of[v] == 0)
            t->gamma1_of[v] = 1.0;
}

/* p2(w|v) as the stored model will give it. */
static double bigram_p(const trainer *t, uint32_t v, uint32_t w)
{
    size_t b = find_u64(&t->bigrams, BIGRAM(v, w));
    if (b != SIZE_MAX && t->bi_keep[b])
        return t->p2[b];
    return t->gamma1_of[v] * t->p1[w];
}

static void trigram_probabilities(trainer *t)
{
    discounts d = kn_discounts(t->tri_count, t->trigrams.len);
    for (size_t b = 0; b < t->bigrams.len; b++)
        t->gamma2[b] = 1.0; /* contexts without trigrams back off entirely */
    for (size_t lo = 0, hi; lo < t->trigrams.len; lo = hi) {
        uint64_t context = t->trigrams.data[lo] >> 16;
        double total = 0, mass = 0;
        for (hi = lo; hi < t->trigrams.len && t->trigrams.data[hi] >> 16 == context; hi++) {
            total += t->tri_count[hi];
            mass += t->tri_keep[hi] ? discount(&d, t->tri_count[hi]) : t->tri_count[hi];
        }
        double gamma = mass / total;
        t->gamma2[find_u64(&t->bigrams, context)] = gamma;
        for (size_t i = lo; i < hi; i++) {
            uint64_t key = t->trigrams.data[i];
            t->p3[i] = (t->tri_count[i] - discount(&d, t->tri_count[i])) / total +
                       gamma * bigram_p(t, LAST(context), LAST(key));
        }
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
        add_section(p, VT_LM_SEC_WORD_COUNT, t->word_count, 4 * (size_t)n);
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

static bool add_ngrams(trainer *t, payload *p)
{
    uint32_t n = t->n_words;
    size_t nb = 0, nt = 0;
    for (size_t b = 0; b < t->bigrams.len; b++)
        nb += t->bi_keep[b];
    for (size_t i = 0; i < t->trigrams.len; i++)
        nt += t->tri_keep[i];
    uint16_t *uni_prob = calloc(n, 2), *uni_bow = calloc(n, 2);
    uint32_t *bi_start = calloc(n + 1, 4), *tri_start = calloc(nb + 1, 4);
    uint16_t *bi_word = calloc(nb + 1, 2), *bi_prob = calloc(nb + 1, 2), *bi_bow = calloc(nb + 1, 2);
    uint16_t *tri_word = calloc(nt + 1, 2), *tri_prob = calloc(nt + 1, 2);
    bool ok = uni_prob && uni_bow && bi_start && tri_start && bi_word && bi_prob && bi_bow &&
              tri_word && tri_prob;
    if (ok) {
        for (uint32_t w = 0; w < n; w++) {
            uni_prob[w] = quantise(t->p1[w]);
            uni_bow[w] = quantise(t->gamma1_of[w]);
        }
        /* bigrams and trigrams are both sorted, so one merge walk builds the trie */
        size_t kb = 0, kt = 0, i = 0;
        for (size_t b = 0; b < t->bigrams.len; b++) {
            uint64_t key = t->bigrams.data[b];
            while (i < t->trigrams.len && t->trigrams.data[i] >> 16 < key)
                i++;
            if (!t->bi_keep[b])
                continue;
            bi_start[FIRST(key) + 1]++;
            bi_word[kb] = (uint16_t)LAST(key);
            bi_prob[kb] = quantise(t->p2[b]);
            bi_bow[kb] = quantise(t->gamma2[b]);
            for (; i < t->trigrams.len && t->trigrams.data[i] >> 16 == key; i++)
                if (t->tri_keep[i]) {
                    tri_word[kt] = (uint16_t)LAST(t->trigrams.data[i]);
                    tri_prob[kt++] = quantise(t->p3[i]);
                }
            tri_start[++kb] = (uint32_t)kt;
        }
        for (uint32_t w = 0; w < n; w++)
            bi_start[w + 1] += bi_start[w];
        add_section(p, VT_LM_SEC_UNI_PROB, uni_prob, 2 * (size_t)n);
        add_section(p, VT_LM_SEC_UNI_BOW, uni_bow, 2 * (size_t)n);
        add_section(p, VT_LM_SEC_BI_START, bi_start, 4 * ((size_t)n + 1));
        add_section(p, VT_LM_SEC_BI_WORD, bi_word, 2 * nb);
        add_section(p, VT_LM_SEC_BI_PROB, bi_prob, 2 * nb);
        add_section(p, VT_LM_SEC_BI_BOW, bi_bow, 2 * nb);
        add_section(p, VT_LM_SEC_TRI_START, tri_start, 4 * (nb + 1));
        add_section(p, VT_LM_SEC_TRI_WORD, tri_word, 2 * nt);
        add_section(p, VT_LM_SEC_TRI_PROB, tri_prob, 2 * nt);
        p->header.n_bigrams = (uint32_t)nb;
        p->header.n_trigrams = (uint32_t)nt;
    }
    free(uni_prob);
    free(uni_bow);
    free(bi_start);
    free(tri_start);
    free(bi_word);
    free(bi_prob);
    free(bi_bow);
    free(tri_word);
    free(tri_prob);
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
    p.header.n_words = t->n_words;
    p.header.n_tokens = t->tokens;
    bool ok = add_lexicon(t, &p) && add_ngrams(t, &p) && !p.bytes.failed;
    if (!ok) {
        *errmsg = vt_format("out of memory writing the model");
    } else {
        p.header.payload_size = p.bytes.len;
        p.header.checksum = vt_fnv1a64(VT_FNV1A64_INIT, p.bytes.data, p.bytes.len);
        ok = write_model(&p, path, errmsg);
        stats->words = p.header.n_words;
        stats->bigrams = p.header.n_bigrams;
        stats->trigrams = p.header.n_trigrams;
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
        ok = collect_ngrams(&t) && run_length(&t.bigrams, &t.bi_raw) &&
             run_length(&t.trigrams, &t.tri_count) && alloc_all(&t) && adjusted_counts(&t);
        if (!ok)
            err = vt_format("out of memory counting n-grams");
    }
    if (ok) {
        stats->tokens = t.tokens;
        decide_pruning(&t);
        unigram_probabilities(&t);
        bigram_probabilities(&t);
        trigram_probabilities(&t);
        ok = write_file(&t, out_path, stats, &err);
    }
    if (!ok)
        *errmsg = err != NULL ? err : vt_format("out of memory");
    trainer_free(&t);
    return ok;
}
