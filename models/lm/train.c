/*
 * train.c — vanthu-train-lm: build the syllable language model from corpus
 * folders (the work is in lm_train.c beside it; this is the command line).
 *
 *   vanthu-train-lm [-o FILE] [--style old|new] [--min-syllable N]
 *                   [--min-bigram N] [--min-trigram N] [--min-fourgram N]
 *                   [--holdout N] DIR...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lm_train.h"

static int usage(void)
{
    fprintf(stderr, "usage: vanthu-train-lm [-o FILE] [--style old|new] [--min-syllable N]\n"
                    "                       [--min-bigram N] [--min-trigram N] [--min-fourgram N]\n"
                    "                       [--holdout N] DIR...\n");
    return 2;
}

static bool parse_count(const char *text, uint32_t *out)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (*text == '\0' || *end != '\0' || v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

int main(int argc, char **argv)
{
    vt_lm_train_options opt;
    vt_lm_train_defaults(&opt);
    const char *out = "vie-syllable.lm";
    const char **dirs = calloc((size_t)argc, sizeof *dirs);
    size_t n_dirs = 0;
    if (dirs == NULL)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        uint32_t holdout = 0;
        if (!strcmp(a, "-o") && has_value)
            out = argv[++i];
        else if (!strcmp(a, "--style") && has_value && !strcmp(argv[i + 1], "old") && ++i)
            opt.tone_style = VT_TONE_STYLE_OLD;
        else if (!strcmp(a, "--style") && has_value && !strcmp(argv[i + 1], "new") && ++i)
            opt.tone_style = VT_TONE_STYLE_NEW;
        else if (!strcmp(a, "--min-syllable") && has_value && parse_count(argv[++i], &opt.min_syllable_count))
            continue;
        else if (!strcmp(a, "--min-bigram") && has_value && parse_count(argv[++i], &opt.min_bigram_count))
            continue;
        else if (!strcmp(a, "--min-trigram") && has_value && parse_count(argv[++i], &opt.min_trigram_count))
            continue;
        else if (!strcmp(a, "--min-fourgram") && has_value && parse_count(argv[++i], &opt.min_fourgram_count))
            continue;
        else if (!strcmp(a, "--holdout") && has_value && parse_count(argv[++i], &holdout))
            opt.holdout_every = holdout;
        else if (a[0] != '-')
            dirs[n_dirs++] = a;
        else {
            free(dirs);
            return usage();
        }
    }
    if (n_dirs == 0) {
        free(dirs);
        return usage();
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    vt_lm_train_stats stats;
    char *err = NULL;
    bool ok = vt_lm_train(dirs, n_dirs, &opt, out, &stats, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(dirs);
    if (!ok) {
        fprintf(stderr, "vanthu-train-lm: %s\n", err);
        free(err);
        return 1;
    }
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%s: %zu files trained (%zu held out), %llu tokens, %u words, %u bigrams, "
           "%u trigrams, %u 4-grams, %llu bytes, %.1f s\n",
           out, stats.files, stats.held_out_files, (unsigned long long)stats.tokens, stats.n_grams[0],
           stats.n_grams[1], stats.n_grams[2], stats.n_grams[3], (unsigned long long)stats.file_bytes,
           seconds);
    return 0;
}
