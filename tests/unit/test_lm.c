/*
 * test_lm.c — the model file: train on a tiny corpus written to a temporary
 * folder, read it back (lexicon, candidates, probabilities that sum to one), and
 * check that missing, truncated and damaged files give an error, not a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lm.h"
#include "lm_format.h"
#include "lm_train.h"

static const char *const corpus[] = {
    "# doc_id = tiny\nCộng hòa xã hội chủ nghĩa Việt Nam.\nĐộc lập - Tự do - Hạnh phúc.\n"
    "Sở Y tế thông báo kết luận của Giám đốc Sở.\nSở Y tế đề nghị các đơn vị thực hiện.\n",
    "Các đơn vị thực hiện thông báo số 88/TB-SYT ngày 24/11/2015.\nGiám đốc Sở Y tế kết luận.\n"
    "Văn bản đến được chuyển cho các đơn vị.\nUBND tỉnh đề nghị Sở Y tế thực hiện.\n",
};

typedef struct fixture {
    char dir[64];
    char model[96];
    vt_lm *lm;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/vt-test-lm-XXXXXX");
    if (f == NULL || mkdtemp(f->dir) == NULL)
        return -1;
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%zu.txt", f->dir, i);
        FILE *out = fopen(path, "w");
        if (out == NULL)
            return -1;
        fputs(corpus[i], out);
        fclose(out);
    }
    snprintf(f->model, sizeof f->model, "%s/model.lm", f->dir);
    vt_lm_train_options opt;
    vt_lm_train_defaults(&opt);
    opt.min_syllable_count = 1;
    opt.min_trigram_count = 1;
    opt.min_fourgram_count = 1;
    opt.holdout_every = 0;
    const char *dirs[] = {f->dir};
    char *err = NULL;
    vt_lm_train_stats stats;
    if (!vt_lm_train(dirs, 1, &opt, f->model, &stats, &err)) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return -1;
    }
    f->lm = vt_lm_open(f->model, &err);
    if (f->lm == NULL) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char path[128];
    vt_lm_close(f->lm);
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
        snprintf(path, sizeof path, "%s/%zu.txt", f->dir, i);
        unlink(path);
    }
    unlink(f->model);
    rmdir(f->dir);
    free(f);
    return 0;
}

static uint32_t id_of(const vt_lm *lm, const char *key)
{
    return vt_lm_lookup(lm, key, strlen(key));
}

static void test_lexicon(void **state)
{
    const vt_lm *lm = ((fixture *)*state)->lm;
    static const struct { const char *key; uint32_t count; } words[] = {
        {"sở", 5}, {"y", 4}, {"hòa", 1}, {"đến", 1}, {"cộng", 1},
        {"ubnd", 0}, {"88", 0}, {"sơ", 0}, {"hoà", 0}, {"<s>", 0},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        uint32_t id = id_of(lm, words[i].key);
        if (words[i].count == 0)
            assert_int_equal(id, VT_LM_UNK);
        else {
            assert_true(id >= VT_LM_FIRST_SYLLABLE);
            assert_string_equal(vt_lm_key(lm, id), words[i].key);
            assert_int_equal(vt_lm_count(lm, id), words[i].count);
        }
    }
    assert_string_equal(vt_lm_key(lm, VT_LM_BOS), "<s>");
    assert_int_equal(vt_lm_tone_style(lm), VT_TONE_STYLE_OLD);
}

/* skeleton → the keys that share it, in id (= key) order */
static void test_candidates(void **state)
{
    const vt_lm *lm = ((fixture *)*state)->lm;
    static const struct { const char *skeleton, *keys; } rows[] = {
        {"so", "sở số"}, {"den", "đến"}, {"ddd", ""}, {"y", "y"}, {"do", "do"}, {"doc", "độc đốc"}, {"don", "đơn"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const uint16_t *ids;
        size_t n = vt_lm_candidates(lm, rows[i].skeleton, strlen(rows[i].skeleton), &ids);
        char got[128] = "";
        for (size_t k = 0; k < n; k++) {
            strcat(got, k ? " " : "");
            strcat(got, vt_lm_key(lm, ids[k]));
            assert_string_equal(vt_lm_skeleton(lm, ids[k]), rows[i].skeleton);
        }
        (void)rows[i].keys; /* order is byte order of keys; compare as sets */
        for (const char *want = rows[i].keys; *want;) {
            size_t wl = strcspn(want, " ");
            char one[32];
            memcpy(one, want, wl);
            one[wl] = '\0';
            if (strstr(got, one) == NULL)
                fail_msg("skeleton %s: got [%s], missing %s", rows[i].skeleton, got, one);
            want += wl + (want[wl] == ' ');
        }
        if (rows[i].keys[0] == '\0')
            assert_int_equal(n, 0);
    }
}

/* P(w | history) over all w sums to 1, for seen and unseen histories of every
 * length up to VT_LM_ORDER - 1 (oldest word first, VT_LM_NONE for none). */
static void assert_normalised(const vt_lm *lm, const char *model)
{
    uint32_t so = id_of(lm, "sở"), y = id_of(lm, "y"), te = id_of(lm, "tế"), vi = id_of(lm, "vị");
    uint32_t giam = id_of(lm, "giám"), doc = id_of(lm, "đốc");
    const uint32_t none = VT_LM_NONE;
    uint32_t histories[][VT_LM_ORDER - 1] = {
        {so, y, te},           /* a seen 4-gram context */
        {giam, doc, so},       /* seen, continued by y */
        {VT_LM_BOS, so, y},    /* sentence start */
        {te, so, y},           /* unseen as a whole, seen shorter */
        {vi, so, y},
        {none, so, y}, {none, VT_LM_BOS, so}, {none, none, VT_LM_BOS}, {none, vi, so},
        {none, none, none},
    };
    for (size_t h = 0; h < sizeof histories / sizeof histories[0]; h++) {
        double sum = 0;
        for (uint32_t w = 0; w < vt_lm_word_count(lm); w++)
            if (w != VT_LM_BOS)
                sum += pow(10, vt_lm_logprob(lm, histories[h], w));
        if (fabs(sum - 1) > 0.02)
            fail_msg("%s model: history %zu sums to %f", model, h, sum);
    }
}

static void test_probabilities_normalised(void **state)
{
    const vt_lm *lm = ((fixture *)*state)->lm;
    assert_normalised(lm, "unpruned");
    /* context helps: tế after "sở y" beats tế alone, y after "giám đốc sở" does
     * at least as well as after "đốc sở" */
    uint32_t so = id_of(lm, "sở"), y = id_of(lm, "y"), te = id_of(lm, "tế");
    uint32_t giam = id_of(lm, "giám"), doc = id_of(lm, "đốc");
    const uint32_t none = VT_LM_NONE;
    uint32_t so_y[] = {none, so, y}, nothing[] = {none, none, none};
    assert_true(vt_lm_logprob(lm, so_y, te) > vt_lm_logprob(lm, nothing, te));
    uint32_t giam_doc_so[] = {giam, doc, so}, doc_so[] = {none, doc, so};
    assert_true(vt_lm_logprob(lm, giam_doc_so, y) > vt_lm_logprob(lm, doc_so, y) - 1e-9);
}

/* With the default cut-offs (trigrams and 4-grams seen once are pruned) the
 * pruned mass must land in the back-off weights: still Σ P = 1. */
static void test_pruned_normalised(void **state)
{
    fixture *fx = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/pruned.lm", fx->dir);
    vt_lm_train_options opt;
    vt_lm_train_defaults(&opt);
    opt.min_syllable_count = 1;
    opt.holdout_every = 0;
    const char *dirs[] = {fx->dir};
    char *err = NULL;
    vt_lm_train_stats pruned;
    if (!vt_lm_train(dirs, 1, &opt, path, &pruned, &err))
        fail_msg("%s", err);
    vt_lm *lm = vt_lm_open(path, &err);
    if (lm == NULL)
        fail_msg("%s", err);
    struct stat full;
    assert_int_equal(stat(fx->model, &full), 0);
    assert_true(pruned.file_bytes < (uint64_t)full.st_size); /* something was pruned */
    assert_true(pruned.n_grams[3] > 0);                       /* and some 4-grams are kept */
    assert_normalised(lm, "pruned");
    vt_lm_close(lm);
    unlink(path);
}

/* Scoring word after word through states gives what one-off queries give. */
static void test_states(void **state)
{
    const vt_lm *lm = ((fixture *)*state)->lm;
    static const char *const words[] = {"sở", "y", "tế", "đề", "nghị", "các", "đơn", "vị", "thực",
                                        "hiện", "thông", "báo", "y", "tế"};
    uint32_t hist[VT_LM_ORDER - 1] = {VT_LM_NONE, VT_LM_NONE, VT_LM_BOS};
    vt_lm_state s, again;
    vt_lm_state_begin(lm, &s);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        uint32_t w = id_of(lm, words[i]);
        double by_state = vt_lm_score(lm, &s, w, &s);
        if (fabs(by_state - vt_lm_logprob(lm, hist, w)) > 1e-9)
            fail_msg("word %zu (%s): state %f, query %f", i, words[i], by_state,
                     vt_lm_logprob(lm, hist, w));
        memmove(hist, hist + 1, sizeof hist - sizeof hist[0]);
        hist[VT_LM_ORDER - 2] = w;
        vt_lm_state_of(lm, hist, &again);
        assert_true(vt_lm_state_equal(&s, &again));
    }
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *data = malloc(*len);
    assert_int_equal(fread(data, 1, *len, f), *len);
    fclose(f);
    return data;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (len > 0)
        assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* Damaged files: each must fail to open with a message naming the problem. */
static void test_damaged_files(void **state)
{
    fixture *fx = *state;
    size_t len;
    char *good = slurp(fx->model, &len);
    char *bad = malloc(len);
    char path[128];
    snprintf(path, sizeof path, "%s/bad.lm", fx->dir);
    static const struct { const char *damage, *message; } rows[] = {
        {"empty", "truncated"}, {"header only", "truncated"}, {"cut in half", "truncated"},
        {"last byte lost", "truncated"}, {"payload byte flipped", "checksum"},
        {"magic", "bad magic"}, {"version", "version"}, {"missing", "cannot open"},
        {"format 1", "format version 1, this build reads version 2: rebuild"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t n = len;
        memcpy(bad, good, len);
        const char *d = rows[i].damage;
        if (!strcmp(d, "empty")) n = 0;
        else if (!strcmp(d, "header only")) n = 100;
        else if (!strcmp(d, "cut in half")) n = len / 2;
        else if (!strcmp(d, "last byte lost")) n = len - 1;
        else if (!strcmp(d, "payload byte flipped")) bad[len - 3] ^= 0x40;
        else if (!strcmp(d, "magic")) bad[0] = 'X';
        else if (!strcmp(d, "version")) bad[8] = 9;
        else if (!strcmp(d, "format 1")) bad[8] = 1;
        if (strcmp(d, "missing") != 0)
            write_bytes(path, bad, n);
        char *err = NULL;
        vt_lm *lm = vt_lm_open(!strcmp(d, "missing") ? "/nonexistent/model.lm" : path, &err);
        if (lm != NULL || err == NULL || strstr(err, rows[i].message) == NULL)
            fail_msg("%s: opened=%d message=%s", d, lm != NULL, err ? err : "(none)");
        free(err);
    }
    unlink(path);
    free(bad);
    free(good);
}

/* Damage behind a valid checksum: each offset table and id array of every trie
 * level is checked at open, so a file written wrong is refused, not read out of
 * bounds. */
static void test_corrupt_tables(void **state)
{
    fixture *fx = *state;
    size_t len;
    char *good = slurp(fx->model, &len);
    char *bad = malloc(len);
    char path[128];
    snprintf(path, sizeof path, "%s/bad.lm", fx->dir);
    static const struct { vt_lm_section section; size_t at; uint32_t value; const char *message; } rows[] = {
        {VT_LM_SEC_BI_START, 1, 0xFFFFFFu, "2-gram offsets"},
        {VT_LM_SEC_TRI_START, 0, 1, "3-gram offsets"},
        {VT_LM_SEC_FOUR_START, 2, 0xFFFFFFu, "4-gram offsets"},
        {VT_LM_SEC_FOUR_WORD, 0, 0xFFFF, "4-gram word ids"},
        {VT_LM_SEC_TRI_WORD, 0, 0xFFFF, "3-gram word ids"},
        {VT_LM_SEC_SKEL_INDEX, 0, 0xFFFF, "word ids"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        memcpy(bad, good, len);
        vt_lm_header h;
        memcpy(&h, bad, sizeof h);
        char *at = bad + h.sections[rows[i].section].offset;
        bool wide = rows[i].section == VT_LM_SEC_BI_START || rows[i].section == VT_LM_SEC_TRI_START ||
                    rows[i].section == VT_LM_SEC_FOUR_START;
        if (wide) {
            memcpy(at + 4 * rows[i].at, &rows[i].value, 4);
        } else {
            uint16_t v = (uint16_t)rows[i].value;
            memcpy(at + 2 * rows[i].at, &v, 2);
        }
        h.checksum = vt_lm_checksum(bad + sizeof h, len - sizeof h);
        memcpy(bad, &h, sizeof h);
        write_bytes(path, bad, len);
        char *err = NULL;
        vt_lm *lm = vt_lm_open(path, &err);
        if (lm != NULL || err == NULL || strstr(err, rows[i].message) == NULL)
            fail_msg("row %zu: opened=%d message=%s", i, lm != NULL, err ? err : "(none)");
        free(err);
    }
    unlink(path);
    free(bad);
    free(good);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon),
        cmocka_unit_test(test_candidates),
        cmocka_unit_test(test_probabilities_normalised),
        cmocka_unit_test(test_pruned_normalised),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_damaged_files),
        cmocka_unit_test(test_corrupt_tables),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
