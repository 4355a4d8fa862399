/*
 * lm.h — a read-only syllable language model: lexicon, trigram log-probs and the
 * candidate sets diacritic repair chooses from.
 *
 * A model is one file (format in lm_format.h and models/README.md) mapped
 * read-only; an open model is immutable, so any number of threads may query it.
 * Words are ids: the class tokens below, then the attested syllables (canonical
 * keys, see syllable.h). Log-probs are log10.
 */
#ifndef VT_LM_H
#define VT_LM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syllable.h"

/* Class tokens: what the model sees in place of a non-syllable. */
enum {
    VT_LM_UNK,   /* a syllable not in the lexicon */
    VT_LM_BOS,   /* <s> */
    VT_LM_EOS,   /* </s> */
    VT_LM_NUM,   /* a number */
    VT_LM_CODE,  /* a document number, e-mail, URL */
    VT_LM_WORD,  /* an abbreviation or foreign word */
    VT_LM_PUNCT, /* punctuation inside a sentence */
    VT_LM_FIRST_SYLLABLE
};

#define VT_LM_NONE UINT32_MAX /* "no word": an absent history */

typedef struct vt_lm vt_lm;

/* Map and check a model file. NULL with a malloc'd message in *errmsg when the
 * file is missing, truncated, corrupt or of another version. */
vt_lm *vt_lm_open(const char *path, char **errmsg);
void vt_lm_close(vt_lm *lm);

uint32_t vt_lm_word_count(const vt_lm *lm);   /* ids are 0 .. count-1 */
vt_tone_style vt_lm_tone_style(const vt_lm *lm);

/* The id of a canonical key (lower case, the model's tone style), or VT_LM_UNK. */
uint32_t vt_lm_lookup(const vt_lm *lm, const char *key, size_t len);
const char *vt_lm_key(const vt_lm *lm, uint32_t id);      /* "<unk>" for class tokens */
const char *vt_lm_skeleton(const vt_lm *lm, uint32_t id);
uint32_t vt_lm_count(const vt_lm *lm, uint32_t id);       /* training count */

/* log10 P(w | u v); u and/or v may be VT_LM_NONE for a shorter history. */
double vt_lm_logprob(const vt_lm *lm, uint32_t u, uint32_t v, uint32_t w);

/* A history (u v) looked up once, for scoring many next words after it: the
 * decoder asks for every candidate after the same two words. */
typedef struct vt_lm_history {
    uint32_t tri_lo, tri_hi;   /* trigrams continuing (u v); empty when unseen */
    uint32_t bi_lo, bi_hi;     /* bigrams continuing v */
    double tri_backoff;        /* backoff weight of (u v), 0 when unseen */
    double bi_backoff;         /* backoff weight of v */
    bool has_v;
} vt_lm_history;

void vt_lm_history_init(const vt_lm *lm, uint32_t u, uint32_t v, vt_lm_history *h);
/* Same value as vt_lm_logprob(lm, u, v, w) for the history h was made from. */
double vt_lm_logprob_after(const vt_lm *lm, const vt_lm_history *h, uint32_t w);

/* The syllables whose skeleton is `skeleton` (lower-case ASCII, see
 * vt_syllable_skeleton): *ids points into the model, sorted by id. Returns how many. */
size_t vt_lm_candidates(const vt_lm *lm, const char *skeleton, size_t len, const uint16_t **ids);

#endif /* VT_LM_H */
