/*
 * lm_format.h — the on-disk layout of a syllable language model (internal to
 * lm.c, which reads it, and models/lm/lm_train.c, which writes it).
 * models/README.md has the same description for people.
 *
 * A file is a fixed header followed by the payload: sections of little-endian
 * arrays, each 8-byte aligned, located by (offset, size) in the header. The
 * header carries a magic, a version and a checksum of the payload (FNV-1a 64 in
 * eight byte lanes, vt_lm_checksum),
 * so a truncated or damaged file is refused before any of it is trusted.
 *
 * Words are numbered: the class tokens first (VT_LM_UNK … VT_LM_PUNCT), then the
 * syllables in byte order of their keys, so looking a key up is a binary search
 * over ids. The n-grams form a trie, one level per order: the bigrams that
 * follow word v are bigram[bi_start[v] .. bi_start[v+1]), sorted by second word;
 * the trigrams that follow bigram b are trigram[tri_start[b] .. tri_start[b+1]);
 * the 4-grams that follow trigram t are fourgram[four_start[t] .. four_start[t+1]).
 * Log-probs and back-off weights are log10 values stored as uint16
 * q = round(-log10 * 1000). Every n-gram below the top order carries the back-off
 * weight of its use as a context; one with no stored continuation has weight 1
 * (q = 0), which the reader relies on (lm.c, vt_lm_score).
 *
 * Version 2 added the 4-gram level (TRI_BOW, FOUR_* and n_fourgrams); version 1
 * files are refused with a message saying to rebuild.
 */
#ifndef VT_LM_FORMAT_H
#define VT_LM_FORMAT_H

#include <stdint.h>

#include "lm.h" /* VT_LM_ORDER */

#define VT_LM_MAGIC "VTSYLLM\x1a"
#define VT_LM_VERSION 2
#define VT_LM_QUANT 1000.0 /* q = round(-log10(x) * VT_LM_QUANT) */

typedef enum vt_lm_section {
    VT_LM_SEC_STRINGS,     /* char[]: NUL-terminated keys and skeletons */
    VT_LM_SEC_WORD_KEY,    /* uint32[n_words]: offset of each word's key in STRINGS */
    VT_LM_SEC_WORD_SKEL,   /* uint32[n_words]: offset of each word's skeleton */
    VT_LM_SEC_WORD_COUNT,  /* uint32[n_words]: training count */
    VT_LM_SEC_SKEL_INDEX,  /* uint16[n_words - VT_LM_FIRST_SYLLABLE]: syllable ids by
                              (skeleton, id) */
    VT_LM_SEC_UNI_PROB,    /* uint16[n_words] */
    VT_LM_SEC_UNI_BOW,     /* uint16[n_words] */
    VT_LM_SEC_BI_START,    /* uint32[n_words + 1] */
    VT_LM_SEC_BI_WORD,     /* uint16[n_bigrams] */
    VT_LM_SEC_BI_PROB,     /* uint16[n_bigrams] */
    VT_LM_SEC_BI_BOW,      /* uint16[n_bigrams] */
    VT_LM_SEC_TRI_START,   /* uint32[n_bigrams + 1] */
    VT_LM_SEC_TRI_WORD,    /* uint16[n_trigrams] */
    VT_LM_SEC_TRI_PROB,    /* uint16[n_trigrams] */
    VT_LM_SEC_TRI_BOW,     /* uint16[n_trigrams] */
    VT_LM_SEC_FOUR_START,  /* uint32[n_trigrams + 1] */
    VT_LM_SEC_FOUR_WORD,   /* uint16[n_fourgrams] */
    VT_LM_SEC_FOUR_PROB,   /* uint16[n_fourgrams] */
    VT_LM_SECTION_COUNT
} vt_lm_section;

typedef struct vt_lm_extent {
    uint64_t offset; /* from the start of the file */
    uint64_t size;   /* bytes */
} vt_lm_extent;

typedef struct vt_lm_header {
    char magic[8];
    uint32_t version;
    uint32_t header_size;  /* sizeof(vt_lm_header) */
    uint32_t tone_style;   /* vt_tone_style of the keys */
    uint32_t n_grams[VT_LM_ORDER]; /* by order - 1: words (class tokens included),
                                      bigrams, trigrams, 4-grams */
    uint32_t reserved;     /* 0; keeps the 64-bit fields aligned without padding */
    uint64_t n_tokens;     /* training tokens, for the record */
    uint64_t payload_size; /* file size - header_size */
    uint64_t checksum;     /* vt_lm_checksum of the payload */
    vt_lm_extent sections[VT_LM_SECTION_COUNT];
} vt_lm_header;

/* The sections of one trie level (order 1 … VT_LM_ORDER); -1 where a level has
 * none: words have no START or WORD array, the top order no back-off weights. */
typedef struct vt_lm_level_sections {
    int start, word, prob, bow;
} vt_lm_level_sections;

static const vt_lm_level_sections vt_lm_levels[VT_LM_ORDER + 1] = {
    {-1, -1, -1, -1}, /* order 0: unused */
    {-1, -1, VT_LM_SEC_UNI_PROB, VT_LM_SEC_UNI_BOW},
    {VT_LM_SEC_BI_START, VT_LM_SEC_BI_WORD, VT_LM_SEC_BI_PROB, VT_LM_SEC_BI_BOW},
    {VT_LM_SEC_TRI_START, VT_LM_SEC_TRI_WORD, VT_LM_SEC_TRI_PROB, VT_LM_SEC_TRI_BOW},
    {VT_LM_SEC_FOUR_START, VT_LM_SEC_FOUR_WORD, VT_LM_SEC_FOUR_PROB, -1},
};

#define VT_FNV1A64_INIT 0xcbf29ce484222325ULL

static inline uint64_t vt_fnv1a64(uint64_t h, const void *data, uint64_t n)
{
    const unsigned char *p = data;
    for (uint64_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/*
 * The payload checksum: FNV-1a 64 of each of the eight byte lanes (lane k holds
 * the bytes at offsets ≡ k mod 8), then FNV-1a 64 of the eight lane hashes as
 * little-endian bytes. Each lane is a plain FNV-1a, so any damage to the bytes of
 * one lane shows as it would in one FNV-1a; the eight chains are independent, so
 * the multiplies overlap and the loader checks a 20 MB model several times
 * faster than one byte-serial chain would.
 */
static inline uint64_t vt_lm_checksum(const void *data, uint64_t n)
{
    const uint64_t prime = 0x100000001b3ULL;
    const unsigned char *p = data;
    /* eight named chains, not an array: the compiler keeps them in registers */
    uint64_t h0 = VT_FNV1A64_INIT, h1 = h0, h2 = h0, h3 = h0, h4 = h0, h5 = h0, h6 = h0, h7 = h0;
    uint64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h0 = (h0 ^ p[i]) * prime;
        h1 = (h1 ^ p[i + 1]) * prime;
        h2 = (h2 ^ p[i + 2]) * prime;
        h3 = (h3 ^ p[i + 3]) * prime;
        h4 = (h4 ^ p[i + 4]) * prime;
        h5 = (h5 ^ p[i + 5]) * prime;
        h6 = (h6 ^ p[i + 6]) * prime;
        h7 = (h7 ^ p[i + 7]) * prime;
    }
    uint64_t lane[8] = {h0, h1, h2, h3, h4, h5, h6, h7};
    for (; i < n; i++)
        lane[i % 8] = (lane[i % 8] ^ p[i]) * prime;
    unsigned char bytes[64];
    for (int k = 0; k < 64; k++)
        bytes[k] = (unsigned char)(lane[k / 8] >> (8 * (k % 8)));
    return vt_fnv1a64(VT_FNV1A64_INIT, bytes, sizeof bytes);
}

#endif /* VT_LM_FORMAT_H */
