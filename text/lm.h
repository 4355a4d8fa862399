/*
 * lm.h — a read-only syllable language model: lexicon, 4-gram log-probs and the
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

/* Highest n-gram order the model stores: a word is predicted from the
 * VT_LM_ORDER - 1 words before it. */
#define VT_LM_ORDER 4

/* log10 P(w | history): history[0 .. VT_LM_ORDER - 1) oldest first, VT_LM_NONE
 * for absent words (the start of a shorter history). For one-off queries; a
 * decoder scoring word after word keeps a vt_lm_state instead. */
double vt_lm_logprob(const vt_lm *lm, const uint32_t history[VT_LM_ORDER - 1], uint32_t w);

/* What the model remembers of a history: node[k] is the stored n-gram made of
 * the last k + 1 words, or VT_LM_NONE when the model stores no continuation of
 * it (then it makes no difference to any later query). Two histories with equal
 * states score every future alike, so a decoder may merge them. */
typedef struct vt_lm_state {
    uint32_t node[VT_LM_ORDER - 1];
} vt_lm_state;

void vt_lm_state_empty(vt_lm_state *state);                   /* no history */
void vt_lm_state_begin(const vt_lm *lm, vt_lm_state *state);  /* after <s> */
bool vt_lm_state_equal(const vt_lm_state *a, const vt_lm_state *b);
/* The state after the words of history[0 .. VT_LM_ORDER - 1) (as vt_lm_logprob). */
void vt_lm_state_of(const vt_lm *lm, const uint32_t history[VT_LM_ORDER - 1], vt_lm_state *state);

/* log10 P(w | in), and in *out (unless NULL; may be `in`) the state after w. The
 * lookups that find P also find the next state, so scoring word after word
 * costs one binary search per context order (three), with no history lookups. */
double vt_lm_score(const vt_lm *lm, const vt_lm_state *in, uint32_t w, vt_lm_state *out);

/* The syllables whose skeleton is `skeleton` (lower-case ASCII, see
 * vt_syllable_skeleton): *ids points into the model, sorted by id. Returns how many. */
size_t vt_lm_candidates(const vt_lm *lm, const char *skeleton, size_t len, const uint16_t **ids);

#endif /* VT_LM_H */
