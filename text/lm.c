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
    uint32_t n_words;
    /* one trie level per order (index 1 … VT_LM_ORDER): the n-grams of order n
     * that continue node p of order n - 1 are [start[p], start[p + 1]) */
    struct vt_lm_level {
        const uint32_t *start;      /* NULL for words */
        const uint16_t *word;       /* last word of each n-gram; NULL for words */
        const uint16_t *prob, *bow; /* bow NULL for the top order */
        uint32_t count;
    } level[VT_LM_ORDER + 1];
};

static double dequant(uint16_t q)
{
    return -(double)q / VT_LM_QUANT;
}

/* Expected size in bytes of each section, from the header counts. */
static uint64_t section_size(const vt_lm_header *h, vt_lm_section s)
{
    uint64_t w = h->n_grams[0];
    switch (s) {
    case VT_LM_SEC_STRINGS: return UINT64_MAX; /* any size */
    case VT_LM_SEC_WORD_KEY:
    case VT_LM_SEC_WORD_SKEL:
    case VT_LM_SEC_WORD_COUNT: return 4 * w;
    case VT_LM_SEC_SKEL_INDEX: return 2 * (w - VT_LM_FIRST_SYLLABLE);
    default: break;
    }
    for (int n = 1; n <= VT_LM_ORDER; n++) {
        const vt_lm_level_sections *l = &vt_lm_levels[n];
        uint64_t count = h->n_grams[n - 1];
        if ((int)s == l->prob || (int)s == l->bow || (int)s == l->word)
            return 2 * count;
        if ((int)s == l->start)
            return 4 * ((uint64_t)h->n_grams[n - 2] + 1); /* one entry per parent, + end */
    }
    return 0;
}

/* Magic and version come first in every version of the format, so they are
 * read before the header (whose size depends on the version) is trusted. */
#define IDENTITY_BYTES 12

static char *check_identity(const unsigned char *map)
{
    uint32_t version;
    if (memcmp(map, VT_LM_MAGIC, 8) != 0)
        return vt_format("not a vanthu syllable model (bad magic)");
    memcpy(&version, map + 8, sizeof version);
    if (version != VT_LM_VERSION)
        return vt_format("model format version %u, this build reads version %u: rebuild the model "
                         "with vanthu-train-lm (models/README.md)",
                         version, VT_LM_VERSION);
    return NULL;
}

static char *check_header(const vt_lm_header *h, size_t file_size)
{
    if (h->header_size != sizeof *h || h->payload_size != file_size - sizeof *h)
        return vt_format("model file is truncated or padded: %zu bytes, header says %llu",
                         file_size, (unsigned long long)(h->payload_size + h->header_size));
    if (h->n_grams[0] < VT_LM_FIRST_SYLLABLE || h->n_grams[0] > 65536 ||
        h->tone_style > VT_TONE_STYLE_NEW)
        return vt_format("model header is corrupt (%u words)", h->n_grams[0]);
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
    uint32_t n_words = lm->n_words;
    if (lm->strings_size == 0 || lm->strings[lm->strings_size - 1] != '\0' ||
        !strings_in_range(lm->word_key, n_words, lm->strings_size) ||
        !strings_in_range(lm->word_skel, n_words, lm->strings_size))
        return vt_format("model is corrupt (string table)");
    if (!ids_in_range(lm->skel_index, n_words - VT_LM_FIRST_SYLLABLE, n_words))
        return vt_format("model is corrupt (word ids)");
    for (int n = 2; n <= VT_LM_ORDER; n++) {
        const struct vt_lm_level *l = &lm->level[n];
        if (!offsets_monotone(l->start, lm->level[n - 1].count, l->count))
            return vt_format("model is corrupt (%d-gram offsets)", n);
        if (!ids_in_range(l->word, l->count, n_words))
            return vt_format("model is corrupt (%d-gram word ids)", n);
    }
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
    lm->n_words = lm->header.n_grams[0];
    for (int n = 1; n <= VT_LM_ORDER; n++) {
        const vt_lm_level_sections *s = &vt_lm_levels[n];
        struct vt_lm_level *l = &lm->level[n];
        l->count = lm->header.n_grams[n - 1];
        l->start = s->start >= 0 ? section(lm, (vt_lm_section)s->start) : NULL;
        l->word = s->word >= 0 ? section(lm, (vt_lm_section)s->word) : NULL;
        l->prob = section(lm, (vt_lm_section)s->prob);
        l->bow = s->bow >= 0 ? section(lm, (vt_lm_section)s->bow) : NULL;
    }
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
    else if ((uint64_t)st.st_size < IDENTITY_BYTES)
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
        problem = check_identity(map);
        if (problem == NULL && size < sizeof lm->header)
            problem = vt_format("model is truncated (%zu bytes)", size);
        if (problem == NULL) {
            memcpy(&lm->header, map, sizeof lm->header);
            problem = check_header(&lm->header, size);
        }
        if (problem == NULL &&
            vt_lm_checksum(map + sizeof lm->header, lm->header.payload_size) !=
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
    return lm->n_words;
}

vt_tone_style vt_lm_tone_style(const vt_lm *lm)
{
    return (vt_tone_style)lm->header.tone_style;
}

const char *vt_lm_key(const vt_lm *lm, uint32_t id)
{
    return id < lm->n_words ? lm->strings + lm->word_key[id] : "";
}

const char *vt_lm_skeleton(const vt_lm *lm, uint32_t id)
{
    return id < lm->n_words ? lm->strings + lm->word_skel[id] : "";
}

uint32_t vt_lm_count(const vt_lm *lm, uint32_t id)
{
    return id < lm->n_words ? lm->word_count[id] : 0;
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
    uint32_t lo = VT_LM_FIRST_SYLLABLE, hi = lm->n_words;
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

/* The n-gram of order n that continues node `parent` (order n - 1) with word w:
 * its index in level n, or VT_LM_NONE. */
static uint32_t child(const vt_lm *lm, int n, uint32_t parent, uint32_t w)
{
    const struct vt_lm_level *l = &lm->level[n];
    uint32_t lo = l->start[parent], hi = l->start[parent + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (l->word[mid] == w)
            return mid;
        if (l->word[mid] < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return VT_LM_NONE;
}

/* node if the n-gram it names (order n) has continuations, else VT_LM_NONE:
 * a context without them backs off with weight 1 (lm_format.h), so it is no
 * different from an unseen one and the state need not remember it. */
static uint32_t context_node(const vt_lm *lm, int n, uint32_t node)
{
    if (node == VT_LM_NONE)
        return VT_LM_NONE;
    const uint32_t *start = lm->level[n + 1].start;
    return start[node] < start[node + 1] ? node : VT_LM_NONE;
}

void vt_lm_state_empty(vt_lm_state *state)
{
    for (int k = 0; k < VT_LM_ORDER - 1; k++)
        state->node[k] = VT_LM_NONE;
}

void vt_lm_state_begin(const vt_lm *lm, vt_lm_state *state)
{
    vt_lm_state empty;
    vt_lm_state_empty(&empty);
    vt_lm_score(lm, &empty, VT_LM_BOS, state);
}

bool vt_lm_state_equal(const vt_lm_state *a, const vt_lm_state *b)
{
    for (int k = 0; k < VT_LM_ORDER - 1; k++)
        if (a->node[k] != b->node[k])
            return false;
    return true;
}

void vt_lm_state_of(const vt_lm *lm, const uint32_t history[VT_LM_ORDER - 1], vt_lm_state *state)
{
    vt_lm_state_empty(state);
    for (int i = 0; i < VT_LM_ORDER - 1; i++) {
        if (history[i] == VT_LM_NONE)
            vt_lm_state_empty(state); /* nothing before this point counts */
        else
            vt_lm_score(lm, state, history[i], state);
    }
}

/*
 * Back off from the longest context down: P(w | context of order n - 1) is the
 * stored n-gram if there is one, else the context's back-off weight times the
 * next order down. The search for w among the continuations of each context
 * is also what finds w's node in the next state, so when the state is wanted
 * every order is searched even after the probability is known.
 */
double vt_lm_score(const vt_lm *lm, const vt_lm_state *in, uint32_t w, vt_lm_state *out)
{
    if (w >= lm->n_words)
        w = VT_LM_UNK;
    vt_lm_state next;
    double logprob = 0, backoff = 0;
    bool found = false;
    for (int n = VT_LM_ORDER; n >= 2; n--) {
        uint32_t context = in->node[n - 2];
        uint32_t at = context == VT_LM_NONE ? VT_LM_NONE : child(lm, n, context, w);
        if (n < VT_LM_ORDER)
            next.node[n - 1] = context_node(lm, n, at);
        if (found || context == VT_LM_NONE)
            continue;
        if (at != VT_LM_NONE) {
            logprob = backoff + dequant(lm->level[n].prob[at]);
            found = true;
            if (out == NULL)
                return logprob;
        } else {
            backoff += dequant(lm->level[n - 1].bow[context]);
        }
    }
    if (!found)
        logprob = backoff + dequant(lm->level[1].prob[w]);
    if (out != NULL) {
        next.node[0] = context_node(lm, 1, w);
        *out = next;
    }
    return logprob;
}

double vt_lm_logprob(const vt_lm *lm, const uint32_t history[VT_LM_ORDER - 1], uint32_t w)
{
    vt_lm_state state;
    vt_lm_state_of(lm, history, &state);
    return vt_lm_score(lm, &state, w, NULL);
}

size_t vt_lm_candidates(const vt_lm *lm, const char *skeleton, size_t len, const uint16_t **ids)
{
    size_t n = lm->n_words - VT_LM_FIRST_SYLLABLE;
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
