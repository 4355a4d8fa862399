/*
 * lm_format.h — the on-disk layout of a syllable language model (internal to
 * lm.c, which reads it, and lm_train.c, which writes it). models/README.md has
 * the same description for people.
 *
 * A file is a fixed header followed by the payload: sections of little-endian
 * arrays, each 8-byte aligned, located by (offset, size) in the header. The
 * header carries a magic, a version and an FNV-1a 64 checksum of the payload,
 * so a truncated or damaged file is refused before any of it is trusted.
 *
 * Words are numbered: the class tokens first (VT_LM_UNK … VT_LM_PUNCT), then the
 * syllables in byte order of their keys, so looking a key up is a binary search
 * over ids. The n-grams form a trie: the bigrams that follow word v are
 * bigram[bi_start[v] .. bi_start[v+1]), sorted by second word; the trigrams
 * that follow bigram b are trigram[tri_start[b] .. tri_start[b+1]). Log-probs
 * and back-off weights are log10 values stored as uint16 q = round(-log10 * 1000).
 */
#ifndef VT_LM_FORMAT_H
#define VT_LM_FORMAT_H

#include <stdint.h>

#define VT_LM_MAGIC "VTSYLLM\x1a"
#define VT_LM_VERSION 1
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
    uint32_t n_words;      /* class tokens included */
    uint32_t n_bigrams;
    uint32_t n_trigrams;
    uint64_t n_tokens;     /* training tokens, for the record */
    uint64_t payload_size; /* file size - header_size */
    uint64_t checksum;     /* FNV-1a 64 of the payload */
    vt_lm_extent sections[VT_LM_SECTION_COUNT];
} vt_lm_header;

#define VT_FNV1A64_INIT 0xcbf29ce484222325ULL

static inline uint64_t vt_fnv1a64(uint64_t h, const void *data, uint64_t n)
{
    const unsigned char *p = data;
    for (uint64_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

#endif /* VT_LM_FORMAT_H */
