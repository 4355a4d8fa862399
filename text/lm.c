/*
 * lm.c — open, check and query a syllable language model (see lm.h and the layout
 * in lm_format.h).
 *
 * Everything in the file is checked once at open (checksum, section bounds, every
 * index in range, offset tables monotone), so the queries can then index the
 * mapped arrays without further checks and a bad file can never make them read
 * outside the mapping.
 */
#include "lm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lm_format.h"
#include "strbuf.h"

struct vt_lm {
    const unsigned char *map;
    size_t map_size;
    vt_lm_header header;
    const char *strings;
    uint64_t strings_size;
    const uint32_t *word_key, *word_skel, *word_count;
    const uint16_t *skel_index;
    const uint16_t *uni_prob, *uni_bow;
    const uint32_t *bi_start;
    const uint16_t *bi_word, *bi_prob, *bi_bow;
    const uint32_t *tri_start;
    const uint16_t *tri_word, *tri_prob;
};

static double dequant(uint16_t q)
{
    return -(double)q / VT_LM_QUANT;
}

/* Expected size in bytes of each section, from the header counts. */
static uint64_t section_size(const vt_lm_header *h, vt_lm_section s)
{
    uint64_t w = h->n_words, b = h->n_bigrams, t = h->n_trigrams;
    switch (s) {
    case VT_LM_SEC_STRINGS: return UINT64_MAX; /* any size */
    case VT_LM_SEC_WORD_KEY:
    case VT_LM_SEC_WORD_SKEL:
    case VT_LM_SEC_WORD_COUNT: return 4 * w;
    case VT_LM_SEC_SKEL_INDEX: return 2 * (w - VT_LM_FIRST_SYLLABLE);
    case VT_LM_SEC_UNI_PROB:
    case VT_LM_SEC_UNI_BOW: return 2 * w;
    case VT_LM_SEC_BI_START: return 4 * (w + 1);
    case VT_LM_SEC_BI_WORD:
    case VT_LM_SEC_BI_PROB:
    case VT_LM_SEC_BI_BOW: return 2 * b;
    case VT_LM_SEC_TRI_START: return 4 * (b + 1);
    case VT_LM_SEC_TRI_WORD:
    case VT_LM_SEC_TRI_PROB: return 2 * t;
    default: return 0;
    }
}

static char *check_header(const vt_lm_header *h, size_t file_size)
{
    if (memcmp(h->magic, VT_LM_MAGIC, 8) != 0)
        return vt_format("not a vanthu syllable model (bad magic)");
    if (h->version != VT_LM_VERSION)
        return vt_format("model format version %u, this build reads version %u", h->version,
                         VT_LM_VERSION);
    if (h->header_size != sizeof *h || h->payload_size != file_size - sizeof *h)
        return vt_format("model file is truncated or padded: %zu bytes, header says %llu",
                         file_size, (unsigned long long)(h->payload_size + h->header_size));
    if (h->n_words < VT_LM_FIRST_SYLLABLE || h->n_words > 65536 || h->tone_style > VT_TONE_STYLE_NEW)
        return vt_format("model header is corrupt (%u words)", h->n_words);
    for (int s = 0; s < VT_LM_SECTION_COUNT; s++) {
        vt_lm_extent e = h->sections[s];
        uint64_t want = section_size(h, (vt_lm_section)s);
        if (e.offset < sizeof *h || e.offset % 8 != 0 || e.offset > file_size ||
            e.size > file_size - e.offset || (want != UINT64_MAX && e.size != want))
            return vt_format("model header is corrupt (section %d out of bounds)", s);
    }
    return NULL;
}

static bool offsets_monotone(const uint32_t *start, uint64_t n, uint64_t total)
{
    if (start[0] != 0 || start[n] != total)
        return false;
    for (uint64_t i = 0; i < n; i++)
        if (start[i] > start[i + 1])
            return false;
    return true;
}

static bool ids_in_range(const uint16_t *ids, uint64_t n, uint32_t limit)
{
    for (uint64_t i = 0; i < n; i++)
        if (ids[i] >= limit)
            return false;
    return true;
}

static bool strings_in_range(const uint32_t *offsets, uint64_t n, uint64_t size)
{
    for (uint64_t i = 0; i < n; i++)
        if (offsets[i] >= size)
            return false;
    return true;
}

/* The cross-references inside the payload: each must stay inside the mapping. */
static char *check_payload(const vt_lm *lm)
{
    const vt_lm_header *h = &lm->header;
    if (lm->strings_size == 0 || lm->strings[lm->strings_size - 1] != '\0' ||
        !strings_in_range(lm->word_key, h->n_words, lm->strings_size) ||
        !strings_in_range(lm->word_skel, h->n_words, lm->strings_size))
        return vt_format("model is corrupt (string table)");
    if (!offsets_monotone(lm->bi_start, h->n_words, h->n_bigrams) ||
        !offsets_monotone(lm->tri_start, h->n_bigrams, h->n_trigrams))
        return vt_format("model is corrupt (n-gram offsets)");
    if (!ids_in_range(lm->bi_word, h->n_bigrams, h->n_words) ||
        !ids_in_range(lm->tri_word, h->n_trigrams, h->n_words) ||
        !ids_in_range(lm->skel_index, h->n_words - VT_LM_FIRST_SYLLABLE, h->n_words))
        return vt_format("model is corrupt (word ids)");
    return NULL;
}

static const void *section(const vt_lm *lm, vt_lm_section s)
{
    return lm->map + lm->header.sections[s].offset;
}

static void bind_sections(vt_lm *lm)
{
    lm->strings = section(lm, VT_LM_SEC_STRINGS);
    lm->strings_size = lm->header.sections[VT_LM_SEC_STRINGS].size;
    lm->word_key = section(lm, VT_LM_SEC_WORD_KEY);
    lm->word_skel = section(lm, VT_LM_SEC_WORD_SKEL);
    lm->word_count = section(lm, VT_LM_SEC_WORD_COUNT);
    lm->skel_index = section(lm, VT_LM_SEC_SKEL_INDEX);
    lm->uni_prob = section(lm, VT_LM_SEC_UNI_PROB);
    lm->uni_bow = section(lm, VT_LM_SEC_UNI_BOW);
    lm->bi_start = section(lm, VT_LM_SEC_BI_START);
    lm->bi_word = section(lm, VT_LM_SEC_BI_WORD);
    lm->bi_prob = section(lm, VT_LM_SEC_BI_PROB);
    lm->bi_bow = section(lm, VT_LM_SEC_BI_BOW);
    lm->tri_start = section(lm, VT_LM_SEC_TRI_START);
    lm->tri_word = section(lm, VT_LM_SEC_TRI_WORD);
    lm->tri_prob = section(lm, VT_LM_SEC_TRI_PROB);
}

/* Map the file; NULL with *errmsg on failure. */
static const unsigned char *map_file(const char *path, size_t *size, char **errmsg)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *errmsg = vt_format("cannot open model %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) != 0)
        *errmsg = vt_format("cannot stat model %s: %s", path, strerror(errno));
    else if ((uint64_t)st.st_size < sizeof(vt_lm_header))
        *errmsg = vt_format("model %s is truncated (%lld bytes)", path, (long long)st.st_size);
    else if ((map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
        *errmsg = vt_format("cannot map model %s: %s", path, strerror(errno));
    close(fd);
    if (map == MAP_FAILED)
        return NULL;
    *size = (size_t)st.st_size;
    return map;
}

vt_lm *vt_lm_open(const char *path, char **errmsg)
{
    size_t size = 0;
    const unsigned char *map = map_file(path, &size, errmsg);
    if (map == NULL)
        return NULL;
    vt_lm *lm = calloc(1, sizeof *lm);
    char *problem = NULL;
    if (lm == NULL) {
        problem = vt_format("out of memory");
    } else {
        lm->map = map;
        lm->map_size = size;
        memcpy(&lm->header, map, sizeof lm->header);
        problem = check_header(&lm->header, size);
        if (problem == NULL &&
            vt_fnv1a64(VT_FNV1A64_INIT, map + sizeof lm->header, lm->header.payload_size) !=
                lm->header.checksum)
            problem = vt_format("model checksum mismatch: the file is damaged");
        if (problem == NULL) {
            bind_sections(lm);
            problem = check_payload(lm);
        }
    }
    if (problem != NULL) {
        *errmsg = vt_format("%s: %s", path, problem);
        free(problem);
        munmap((void *)map, size);
        free(lm);
        return NULL;
    }
    return lm;
}

void vt_lm_close(vt_lm *lm)
{
    if (lm == NULL)
        return;
    munmap((void *)lm->map, lm->map_size);
    free(lm);
}

uint32_t vt_lm_word_count(const vt_lm *lm)
{
    return lm->header.n_words;
}

vt_tone_style vt_lm_tone_style(const vt_lm *lm)
{
    return (vt_tone_style)lm->header.tone_style;
}

const char *vt_lm_key(const vt_lm *lm, uint32_t id)
{
    return id < lm->header.n_words ? lm->strings + lm->word_key[id] : "";
}

const char *vt_lm_skeleton(const vt_lm *lm, uint32_t id)
{
    return id < lm->header.n_words ? lm->strings + lm->word_skel[id] : "";
}

uint32_t vt_lm_count(const vt_lm *lm, uint32_t id)
{
    return id < lm->header.n_words ? lm->word_count[id] : 0;
}

/* strcmp of a NUL-terminated table string against s[0..len). */
static int compare_key(const char *table, const char *s, size_t len)
{
    int c = strncmp(table, s, len);
    if (c != 0)
        return c;
    return table[len] == '\0' ? 0 : 1;
}

uint32_t vt_lm_lookup(const vt_lm *lm, const char *key, size_t len)
{
    uint32_t lo = VT_LM_FIRST_SYLLABLE, hi = lm->header.n_words;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = compare_key(vt_lm_key(lm, mid), key, len);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return VT_LM_UNK;
}

/* Index of `word` in the sorted ids[lo, hi), or UINT32_MAX. */
static uint32_t find_word(const uint16_t *ids, uint32_t lo, uint32_t hi, uint32_t word)
{
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ids[mid] == word)
            return mid;
        if (ids[mid] < word)
            lo = mid + 1;
        else
            hi = mid;
    }
    return UINT32_MAX;
}

static uint32_t find_bigram(const vt_lm *lm, uint32_t v, uint32_t w)
{
    if (v >= lm->header.n_words)
        return UINT32_MAX;
    return find_word(lm->bi_word, lm->bi_start[v], lm->bi_start[v + 1], w);
}

double vt_lm_logprob(const vt_lm *lm, uint32_t u, uint32_t v, uint32_t w)
{
    if (w >= lm->header.n_words)
        w = VT_LM_UNK;
    double backoff = 0.0;
    if (u != VT_LM_NONE && v != VT_LM_NONE) {
        uint32_t context = find_bigram(lm, u, v);
        if (context != UINT32_MAX) {
            uint32_t t = find_word(lm->tri_word, lm->tri_start[context], lm->tri_start[context + 1], w);
            if (t != UINT32_MAX)
                return dequant(lm->tri_prob[t]);
            backoff = dequant(lm->bi_bow[context]);
        }
    }
    if (v != VT_LM_NONE && v < lm->header.n_words) {
        uint32_t b = find_bigram(lm, v, w);
        if (b != UINT32_MAX)
            return backoff + dequant(lm->bi_prob[b]);
        backoff += dequant(lm->uni_bow[v]);
    }
    return backoff + dequant(lm->uni_prob[w]);
}

void vt_lm_history_init(const vt_lm *lm, uint32_t u, uint32_t v, vt_lm_history *h)
{
    *h = (vt_lm_history){0};
    if (u != VT_LM_NONE && v != VT_LM_NONE) {
        uint32_t context = find_bigram(lm, u, v);
        if (context != UINT32_MAX) {
            h->tri_lo = lm->tri_start[context];
            h->tri_hi = lm->tri_start[context + 1];
            h->tri_backoff = dequant(lm->bi_bow[context]);
        }
    }
    if (v != VT_LM_NONE && v < lm->header.n_words) {
        h->has_v = true;
        h->bi_lo = lm->bi_start[v];
        h->bi_hi = lm->bi_start[v + 1];
        h->bi_backoff = dequant(lm->uni_bow[v]);
    }
}

double vt_lm_logprob_after(const vt_lm *lm, const vt_lm_history *h, uint32_t w)
{
    if (w >= lm->header.n_words)
        w = VT_LM_UNK;
    uint32_t t = find_word(lm->tri_word, h->tri_lo, h->tri_hi, w);
    if (t != UINT32_MAX)
        return dequant(lm->tri_prob[t]);
    double backoff = h->tri_backoff;
    if (h->has_v) {
        uint32_t b = find_word(lm->bi_word, h->bi_lo, h->bi_hi, w);
        if (b != UINT32_MAX)
            return backoff + dequant(lm->bi_prob[b]);
        backoff += h->bi_backoff;
    }
    return backoff + dequant(lm->uni_prob[w]);
}

size_t vt_lm_candidates(const vt_lm *lm, const char *skeleton, size_t len, const uint16_t **ids)
{
    size_t n = lm->header.n_words - VT_LM_FIRST_SYLLABLE;
    const uint16_t *index = lm->skel_index;
    size_t lo = 0, hi = n;
    /* lower bound of the skeleton, then the end of its run */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (compare_key(vt_lm_skeleton(lm, index[mid]), skeleton, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < n && compare_key(vt_lm_skeleton(lm, index[end]), skeleton, len) == 0)
        end++;
    *ids = index + lo;
    return end - lo;
}
