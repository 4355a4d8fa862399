/*
 * lm_train.h — build a syllable language model file from corpus folders.
 *
 * The lexicon is every grammar-legal syllable seen at least min_syllable_count
 * times (canonical keys); the n-gram model is a 4-gram model with interpolated
 * modified Kneser–Ney smoothing (Chen & Goodman 1998), pruned by count cut-offs
 * whose probability mass goes back to the lower order. Sentences end at
 * newlines and . ! ? ; : …; other tokens become class tokens (lm.h). The output
 * depends only on the input files and the options: no clocks, no hash order.
 */
#ifndef VT_LM_TRAIN_H
#define VT_LM_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lm.h"
#include "syllable.h"

typedef struct vt_lm_train_options {
    vt_tone_style tone_style;    /* key style; default old */
    uint32_t min_syllable_count; /* rarer syllables become <unk>; default 2 */
    uint32_t min_bigram_count;   /* pruning cut-offs; defaults 1, 2 and 2 */
    uint32_t min_trigram_count;
    uint32_t min_fourgram_count;
    unsigned holdout_every;      /* corpus.h split; default 10, 0 = train on all */
} vt_lm_train_options;

typedef struct vt_lm_train_stats {
    size_t files;          /* trained on */
    size_t held_out_files; /* skipped */
    uint64_t tokens;       /* tokens trained on, class tokens included */
    uint32_t n_grams[VT_LM_ORDER]; /* stored, by order - 1: words, bigrams, … */
    uint64_t file_bytes;
} vt_lm_train_stats;

void vt_lm_train_defaults(vt_lm_train_options *options);

/* Train on the *.txt files of dirs[0..n_dirs) and write the model to out_path.
 * stats may be NULL. False with a malloc'd *errmsg on failure. */
bool vt_lm_train(const char *const *dirs, size_t n_dirs, const vt_lm_train_options *options,
                 const char *out_path, vt_lm_train_stats *stats, char **errmsg);

#endif /* VT_LM_TRAIN_H */
