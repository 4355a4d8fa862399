/*
 * test_legacy.c — legacy encoding detection and decoding, as tables: text in,
 * the encoding detection must name and the text that must come out. Mojibake is
 * written the way a PDF text layer shows it (Windows-1252 characters as UTF-8);
 * every case whose text fits in Windows-1252 is also run as raw 8-bit bytes, the
 * way a legacy .txt file holds it. The hand-written examples are checked against
 * the module's tables; the encoders below are a second, independent spelling of
 * the tables (letter by letter, not base + mark + tone) used for round trips over
 * whole sentences and the seed notices.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "legacy.h"
#include "strbuf.h"
#include "utf8.h"
#include "vnchar.h"

#define T(s) s, sizeof(s) - 1
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const vt_legacy_encoding NONE = VT_LEGACY_NONE, TCVN3 = VT_LEGACY_TCVN3,
                                VNI = VT_LEGACY_VNI, VIQR = VT_LEGACY_VIQR;

/* ---- detection: text, allow VIQR, encoding, output of converting with it ---- */

static const struct {
    const char *text;
    size_t len;
    bool viqr;
    vt_legacy_encoding want;
    const char *out;
} detect_cases[] = {
    /* TCVN3, hand-written as it appears in PDFs of the 1990s-2000s */
    {T("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), false, TCVN3, "Cộng hoà xã hội chủ nghĩa Việt Nam"},
    {T("§éc lËp - Tù do - H¹nh phóc"), false, TCVN3, "Độc lập - Tự do - Hạnh phúc"},
    {T("Th«ng b¸o kÕt luËn cña ®ång chÝ Phã Chñ tÞch"), false, TCVN3,
     "Thông báo kết luận của đồng chí Phó Chủ tịch"},
    {T("Uû ban nh©n d©n tØnh L¹ng S¬n"), false, TCVN3, "Uỷ ban nhân dân tỉnh Lạng Sơn"},
    {T("Tr\u00ADêng §¹i häc S­ ph¹m"), false, TCVN3, "Trường Đại học Sư phạm"},
    {T("Th«ng b¸o"), false, TCVN3, "Thông báo"},
    {T("Th«ng b¸o"), true, TCVN3, "Thông báo"},
    /* capitals font: upper-case words, and a one-capital word beside them */
    {T("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM"), false, TCVN3, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {T("QUYÕT §ÞNH\nVÒ viÖc ban hµnh quy chÕ"), false, TCVN3,
     "QUYẾT ĐỊNH\nVề việc ban hành quy chế"},
    {T("Uû BAN NH©N D©N\nUû ban nh©n d©n"), false, TCVN3, "UỶ BAN NHÂN DÂN\nUỷ ban nhân dân"},
    {T("Sè: /TB-UBND\nUû BAN NH¢N D¢N"), false, TCVN3, "Số: /TB-UBND\nUỷ BAN NHÂN DÂN"},
    {T("Së GD&§T vµ Së GTVT, §Ò nghÞ UBND"), false, TCVN3, "Sở GD&ĐT và Sở GTVT, Đề nghị UBND"},
    /* a page with English, numbers and punctuation around the legacy text */
    {T("Sè: 88/TB-SYT (ngµy 17/4/2025) - Page 1 of 2: \"VÒ viÖc tæ chøc\"."), false, TCVN3,
     "Số: 88/TB-SYT (ngày 17/4/2025) - Page 1 of 2: \"Về việc tổ chức\"."},

    /* VNI-Windows */
    {T("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"), false, VNI, "Cộng hòa xã hội chủ nghĩa Việt Nam"},
    {T("Ñoäc laäp - Töï do - Haïnh phuùc"), false, VNI, "Độc lập - Tự do - Hạnh phúc"},
    {T("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM"), false, VNI, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    {T("Thoâng baùo keát luaän cuûa ñoàng chí Phoù Chuû tòch"), false, VNI,
     "Thông báo kết luận của đồng chí Phó Chủ tịch"},
    {T("Uûy ban nhaân daân tænh Laïng Sôn"), false, VNI, "Ủy ban nhân dân tỉnh Lạng Sơn"},
    {T("Tröôøng Ñaïi hoïc, naêm hoïc môùi"), false, VNI, "Trường Đại học, năm học mới"},
    {T("Thoâng baùo"), false, VNI, "Thông báo"},
    {T("Kyø hoïp thöù 5, ngaøy 17/4/2025"), false, VNI, "Kỳ họp thứ 5, ngày 17/4/2025"},

    /* VIQR, only when allowed */
    {T("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam"), true, VIQR,
     "Cộng hòa xã hội chủ nghĩa Việt Nam"},
    {T("DDo^.c la^.p - Tu+. do - Ha.nh phu'c"), true, VIQR, "Độc lập - Tự do - Hạnh phúc"},
    {T("Ho. te^n: Tra^`n Va(n A, ddi.a chi?: Ha` No^.i. Anh ddi dda^u?"), true, VIQR,
     "Họ tên: Trần Văn A, địa chỉ: Hà Nội. Anh đi đâu?"},
    {T("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam"), false, NONE,
     "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam"},
    {T("tho^ng ba'o"), true, NONE, "tho^ng ba'o"},   /* two words: too little evidence */

    /* too little evidence: one changed word */
    {T("ViÖt Nam"), false, NONE, "ViÖt Nam"},
    {T("Vieät Nam"), false, NONE, "Vieät Nam"},

    /* not legacy: Unicode Vietnamese, also with only Latin-1 letters */
    {T("Thông báo kết luận của đồng chí Phó Chủ tịch Thường trực UBND tỉnh."), true, NONE,
     "Thông báo kết luận của đồng chí Phó Chủ tịch Thường trực UBND tỉnh."},
    {T("Thông báo các công văn có liên quan đến tình hình chính sách, ý kiến và đề án"), false,
     NONE, "Thông báo các công văn có liên quan đến tình hình chính sách, ý kiến và đề án"},
    {T("THÔNG BÁO CÁC CÔNG VĂN CÓ LIÊN QUAN ĐẾN TÌNH HÌNH CHÍNH SÁCH"), false, NONE,
     "THÔNG BÁO CÁC CÔNG VĂN CÓ LIÊN QUAN ĐẾN TÌNH HÌNH CHÍNH SÁCH"},
    {T("Hòa bình, hoà giải, khoá học, toán, khóa, Đà Nẵng, Tòa án, có, ông, chính"), false, NONE,
     "Hòa bình, hoà giải, khoá học, toán, khóa, Đà Nẵng, Tòa án, có, ông, chính"},
    /* converting would give syllables too, but no better than the text as it is */
    {T("Thông có"), false, NONE, "Thông có"},
    /* a short line with one misspelt word: one changed word of two is legal now */
    {T("Pìi ngày 26 tháng 7 năm 2020"), false, NONE, "Pìi ngày 26 tháng 7 năm 2020"},
    /* TCVN3 would change only Unicode letters: no « ¸ µ in sight */
    {T("khãc 26/7/2020 DâA"), false, NONE, "khãc 26/7/2020 DâA"},
    /* decomposed Unicode (combining marks) */
    {T("Tho\u0302ng ba\u0301o ke\u0302\u0301t lua\u0323\u0302n"), false, NONE,
     "Tho\u0302ng ba\u0301o ke\u0302\u0301t lua\u0323\u0302n"},
    /* not legacy: English, French with guillemets, German, Spanish, symbols */
    {T("The quick brown fox jumps over the lazy dog. It's a fine day, isn't it? I'm sure "
       "we'll see. Ma'am, don't go (a) or (b)."),
     true, NONE,
     "The quick brown fox jumps over the lazy dog. It's a fine day, isn't it? I'm sure "
     "we'll see. Ma'am, don't go (a) or (b)."},
    {T("« Où est-il ? » demanda-t-elle. « Là-bas, près de l’hôtel, à côté du café », répondit "
       "l’élève. Il s’était dû tromper : où qu’il aille, il est sûr de lui."),
     true, NONE,
     "« Où est-il ? » demanda-t-elle. « Là-bas, près de l’hôtel, à côté du café », répondit "
     "l’élève. Il s’était dû tromper : où qu’il aille, il est sûr de lui."},
    {T("« Bonjour », « Oui », « Non », « Peut-être », « Ça va »"), false, NONE,
     "« Bonjour », « Oui », « Non », « Peut-être », « Ça va »"},
    /* one frequent word converts well (TCVN3 "pồ", "ợn"), the rest are not syllables */
    {T("som anges på kommandoraden som ekvivalenta med ett enstaka namn på en"), false, NONE,
     "som anges på kommandoraden som ekvivalenta med ett enstaka namn på en"},
    {T("excepția cazului în care este deja definită în mediu."), false, NONE,
     "excepția cazului în care este deja definită în mediu."},
    {T("Größe über Köln, schön für Mädchen; Öl und Übermaß"), false, NONE,
     "Größe über Köln, schön für Mädchen; Öl und Übermaß"},
    {T("El niño está en España, mañana él irá a la oficina. ¿Qué año? São Paulo, não."), false,
     NONE, "El niño está en España, mañana él irá a la oficina. ¿Qué año? São Paulo, não."},
    {T("© 2024 ® ± ° · ¸ ¹ µ § ¶ ¼ ½ ¾ « » ¬ ¤"), false, NONE,
     "© 2024 ® ± ° · ¸ ¹ µ § ¶ ¼ ½ ¾ « » ¬ ¤"},
    /* malformed bytes: read as Windows-1252, never converted */
    {T(""), true, NONE, ""},
    {T("\xC3"), true, NONE, "Ã"},
    {T("\xE1\xBB"), true, NONE, "á»"},
    {T("\xFF\xFE\x01"), true, NONE, "ÿþ\x01"},
    {T("Vi\xE1\xBB\x87t Nam \xC3 \x80\x81\x9D"), true, NONE, "Việt Nam Ã €\xC2\x81\xC2\x9D"},
    {T("\xED\xA0\x80 \xF4\x90\x80\x80 \xC0\xAF"), true, NONE, "í\u00A0€ ô\xC2\x90€€ À¯"},
};

/* A UTF-8 string whose code points all fit one Windows-1252 byte, as those bytes
 * (malloc'd); NULL when one does not fit. */
static char *to_bytes(const char *s, size_t len, size_t *out_len)
{
    static const uint16_t high[32] = {
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    };
    char *out = malloc(len + 1);
    assert_non_null(out);
    size_t n = 0;
    for (size_t pos = 0; pos < len;) {
        int32_t cp = vt_utf8_next(s, len, &pos);
        int byte = cp >= 0 && cp < 0x80 ? cp : cp >= 0xA0 && cp <= 0xFF ? cp : -1;
        for (int i = 0; i < 32 && byte < 0; i++)
            if (high[i] == cp)
                byte = 0x80 + i;
        if (byte < 0) {
            free(out);
            return NULL;
        }
        out[n++] = (char)byte;
    }
    *out_len = n;
    return out;
}

static bool has_high(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return true;
    return false;
}

static void check_detect(size_t i, const char *form, const char *text, size_t len)
{
    vt_legacy_encoding got = vt_legacy_detect(text, len, detect_cases[i].viqr);
    if (got != detect_cases[i].want) {
        vt_legacy_score sc = vt_legacy_measure(text, len, got ? got : detect_cases[i].want);
        fail_msg("case %zu (%s) %s: detected %s, want %s (words %zu changed %zu before %zu "
                 "after %zu)",
                 i, form, detect_cases[i].text, vt_legacy_name(got),
                 vt_legacy_name(detect_cases[i].want), sc.words, sc.changed, sc.valid_before,
                 sc.valid_after);
    }
    size_t n = 99;
    char *out = vt_legacy_to_unicode(text, len, got, &n);
    assert_non_null(out);
    assert_true(vt_utf8_valid(out, n));
    assert_int_equal(out[n], '\0');
    const char *want = detect_cases[i].out;
    if (n != strlen(want) || memcmp(out, want, n) != 0)
        fail_msg("case %zu (%s):\n got: %s\nwant: %s", i, form, out, want);
    free(out);
}

static void test_detect_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(detect_cases); i++) {
        const char *text = detect_cases[i].text;
        size_t len = detect_cases[i].len;
        check_detect(i, "as text", text, len);
        /* the same text as raw legacy bytes, when it is valid UTF-8 that fits */
        size_t blen;
        char *bytes = vt_utf8_valid(text, len) && has_high(text, len) ? to_bytes(text, len, &blen)
                                                                         : NULL;
        if (bytes)
            check_detect(i, "as bytes", bytes, blen);
        free(bytes);
    }
}

/* ---- explicit conversions ---- */

static const struct {
    const char *text;
    vt_legacy_encoding enc;
    const char *out;
} convert_cases[] = {
    {"ViÖt Nam", TCVN3, "Việt Nam"},
    {"Vieät Nam", VNI, "Việt Nam"},
    {"Vie^.t Nam", VIQR, "Việt Nam"},
    {"tho^ng ba'o", VIQR, "thông báo"},
    {"VIÖT NAM", TCVN3, "VIỆT NAM"},
    {"VIEÄT NAM", VNI, "VIỆT NAM"},
    /* a word holding a character outside Windows-1252 is Unicode: untouched */
    {"Việt Nam ViÖt “ViÖt” – ViÖt→", TCVN3, "Việt Nam Việt “Việt” – ViÖt→"},
    {"Việt Nam Vieät", VNI, "Việt Nam Việt"},
    /* TCVN3: the seven untoned capitals, bytes it does not decode */
    {"¡ ¢ £ ¤ ¥ ¦ §", TCVN3, "Ă Â Ê Ô Ơ Ư Đ"},
    {"à ° ± ² ³ ´ º À Ù Í ÿ", TCVN3, "à ° ± ² ³ ´ º À Ù Í ÿ"},
    /* VNI: modifier case follows the base; pairs that are no letter stay */
    {"Uûy UÛY uÛy", VNI, "Ủy ỦY ủy"},
    {"iù uâ uê yï eê", VNI, "iù uâ uê yï eê"},
    {"ôù öø Ôù Öø", VNI, "ớ ừ Ớ Ừ"},
    /* VIQR: escapes, horn spellings, marks that are not syllables stay */
    {"Vie\\^.t", VIQR, "Vie^.t"},
    {"tu+o+`ng tu*o*`ng", VIQR, "tường tường"},
    {"don't it's a.b e.g. Vie^.t", VIQR, "don't it's a.b e.g. Việt"},
    {"DDa`, Dda`, dda`.", VIQR, "Đà, Đà, đà."},
    {"vu. Vu. vu.\nvu., ba?", VIQR, "vu. Vụ vu.\nvụ, ba?"},
    /* NONE repairs invalid UTF-8 only */
    {"Th\xAB" "ng", NONE, "Th«ng"},
    {"Thông", NONE, "Thông"},
};

static void test_convert_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(convert_cases); i++) {
        const char *t = convert_cases[i].text;
        size_t n = 0;
        char *out = vt_legacy_to_unicode(t, strlen(t), convert_cases[i].enc, &n);
        assert_non_null(out);
        assert_int_equal(n, strlen(out));
        if (strcmp(out, convert_cases[i].out) != 0)
            fail_msg("case %zu (%s, %s):\n got: %s\nwant: %s", i, t,
                     vt_legacy_name(convert_cases[i].enc), out, convert_cases[i].out);
        free(out);
    }
}

/* ---- independent encoders: every letter, written out ---- */

static const struct {
    const char *letter, *tcvn3, *vni;
} letters[] = {
    {"a", "a", "a"},   {"à", "µ", "aø"},  {"ả", "¶", "aû"},  {"ã", "·", "aõ"},  {"á", "¸", "aù"},
    {"ạ", "¹", "aï"},  {"ă", "¨", "aê"},  {"ằ", "»", "aè"},  {"ẳ", "¼", "aú"},  {"ẵ", "½", "aü"},
    {"ắ", "¾", "aé"},  {"ặ", "Æ", "aë"},  {"â", "©", "aâ"},  {"ầ", "Ç", "aà"},  {"ẩ", "È", "aå"},
    {"ẫ", "É", "aã"},  {"ấ", "Ê", "aá"},  {"ậ", "Ë", "aä"},  {"đ", "®", "ñ"},   {"e", "e", "e"},
    {"è", "Ì", "eø"},  {"ẻ", "Î", "eû"},  {"ẽ", "Ï", "eõ"},  {"é", "Ð", "eù"},  {"ẹ", "Ñ", "eï"},
    {"ê", "ª", "eâ"},  {"ề", "Ò", "eà"},  {"ể", "Ó", "eå"},  {"ễ", "Ô", "eã"},  {"ế", "Õ", "eá"},
    {"ệ", "Ö", "eä"},  {"i", "i", "i"},   {"ì", "×", "ì"},   {"ỉ", "Ø", "æ"},   {"ĩ", "Ü", "ó"},
    {"í", "Ý", "í"},   {"ị", "Þ", "ò"},   {"o", "o", "o"},   {"ò", "ß", "oø"},  {"ỏ", "á", "oû"},
    {"õ", "â", "oõ"},  {"ó", "ã", "où"},  {"ọ", "ä", "oï"},  {"ô", "«", "oâ"},  {"ồ", "å", "oà"},
    {"ổ", "æ", "oå"},  {"ỗ", "ç", "oã"},  {"ố", "è", "oá"},  {"ộ", "é", "oä"},  {"ơ", "¬", "ô"},
    {"ờ", "ê", "ôø"},  {"ở", "ë", "ôû"},  {"ỡ", "ì", "ôõ"},  {"ớ", "í", "ôù"},  {"ợ", "î", "ôï"},
    {"u", "u", "u"},   {"ù", "ï", "uø"},  {"ủ", "ñ", "uû"},  {"ũ", "ò", "uõ"},  {"ú", "ó", "uù"},
    {"ụ", "ô", "uï"},  {"ư", "\u00AD", "ö"}, {"ừ", "õ", "öø"}, {"ử", "ö", "öû"}, {"ữ", "÷", "öõ"},
    {"ứ", "ø", "öù"},  {"ự", "ù", "öï"},  {"y", "y", "y"},   {"ỳ", "ú", "yø"},  {"ỷ", "û", "yû"},
    {"ỹ", "ü", "yõ"},  {"ý", "ý", "yù"},  {"ỵ", "þ", "î"},
};

/* TCVN3 has these seven capitals; the others are drawn by a capitals font. */
static const struct {
    const char *letter, *tcvn3;
} tcvn3_capitals[] = {
    {"Ă", "¡"}, {"Â", "¢"}, {"Ê", "£"}, {"Ô", "¤"}, {"Ơ", "¥"}, {"Ư", "¦"}, {"Đ", "§"},
};

/* A VNI spelling in capitals: ASCII and Latin-1 small letters up by 0x20. */
static void put_upper_vni(vt_strbuf *sb, const char *vni)
{
    size_t len = strlen(vni);
    for (size_t pos = 0; pos < len;) {
        int32_t cp = vt_utf8_next(vni, len, &pos);
        if ((cp >= 'a' && cp <= 'z') || (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7))
            cp -= 0x20;
        char buf[4];
        vt_strbuf_append(sb, buf, vt_utf8_encode(cp, buf));
    }
}

/* The row of letters[] for a small letter (UTF-8), or -1. */
static int letter_row(int32_t small)
{
    char buf[4];
    size_t n = vt_utf8_encode(small, buf);
    for (size_t i = 0; i < COUNT(letters); i++)
        if (strlen(letters[i].letter) == n && !memcmp(buf, letters[i].letter, n))
            return (int)i;
    return -1;
}

/* Unicode text as mojibake in enc (Windows-1252 characters, UTF-8). TCVN3 spells
 * a toned capital with the small letter's byte, as a capitals font would. */
static char *encode(const char *s, vt_legacy_encoding enc)
{
    vt_strbuf sb = {0};
    size_t len = strlen(s);
    for (size_t pos = 0; pos < len;) {
        size_t start = pos;
        int32_t cp = vt_utf8_next(s, len, &pos);
        int row = letter_row(vt_letter_lower(cp));
        bool capital = cp != vt_letter_lower(cp);
        const char *tcvn3_capital = NULL;
        for (size_t i = 0; i < COUNT(tcvn3_capitals); i++)
            if (!strncmp(s + start, tcvn3_capitals[i].letter, pos - start)
                && strlen(tcvn3_capitals[i].letter) == pos - start)
                tcvn3_capital = tcvn3_capitals[i].tcvn3;
        if (row < 0 || cp < 0x80)
            vt_strbuf_append(&sb, s + start, pos - start);
        else if (enc == VNI && capital)
            put_upper_vni(&sb, letters[row].vni);
        else if (enc == VNI)
            vt_strbuf_puts(&sb, letters[row].vni);
        else
            vt_strbuf_puts(&sb, tcvn3_capital ? tcvn3_capital : letters[row].tcvn3);
    }
    char *r = vt_strbuf_take(&sb);
    assert_non_null(r);
    return r;
}

static void check_convert(const char *legacy, vt_legacy_encoding enc, const char *want)
{
    char *got = vt_legacy_to_unicode(legacy, strlen(legacy), enc, NULL);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("%s %s: got %s, want %s", vt_legacy_name(enc), legacy, got, want);
    free(got);
}

/* Every letter alone, in both encodings; VNI also in capitals. */
static void test_every_letter(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(letters); i++) {
        check_convert(letters[i].tcvn3, TCVN3, letters[i].letter);
        check_convert(letters[i].vni, VNI, letters[i].letter);
        vt_strbuf up = {0}, want = {0};
        put_upper_vni(&up, letters[i].vni);
        size_t len = strlen(letters[i].letter), pos = 0;
        int32_t cp = vt_utf8_next(letters[i].letter, len, &pos);
        char buf[4];
        vt_strbuf_append(&want, buf, vt_utf8_encode(vt_letter_upper(cp), buf));
        char *u = vt_strbuf_take(&up), *w = vt_strbuf_take(&want);
        check_convert(u, VNI, w);
        free(u);
        free(w);
    }
    for (size_t i = 0; i < COUNT(tcvn3_capitals); i++)
        check_convert(tcvn3_capitals[i].tcvn3, TCVN3, tcvn3_capitals[i].letter);
}

/* Sentences in mixed case: what TCVN3 cannot spell (a toned capital outside an
 * upper-case word) is avoided here and measured on the seed notices below. */
static const char *const sentences[] = {
    "Kết luận của đồng chí Phó Chủ tịch Thường trực tại buổi làm việc với Sở Y tế.",
    "Ngày 09/10/2024, đồng chí Dương Xuân Huyền đã chủ trì buổi làm việc; tham dự có đại diện "
    "lãnh đạo các Sở, ngành: Nội vụ, Tài chính, Kế hoạch và Đầu tư, Xây dựng.",
    "THÔNG BÁO KẾT LUẬN CỦA ĐỒNG CHÍ PHÓ CHỦ TỊCH UBND TỈNH",
    "Quyết định về việc ban hành quy chế quản lý, sử dụng kinh phí; yêu cầu khẩn trương "
    "hướng dẫn người dân khuyến khích nghiêng về phương án thứ hai.",
    "Trường học, bệnh viện, nguyễn, khuỷu tay, ngoằn ngoèo, giường, rượu, thuở, quyển, "
    "khuếch trương, oẳn tù tì, ngoẵng, xoong nồi, chuyện, truyền thống.",
    "Bảo hiểm xã hội tỉnh, Văn phòng UBND tỉnh; Ban Giám đốc, thủ trưởng các phòng.",
};

static void check_round_trip(const char *text, vt_legacy_encoding enc)
{
    char *legacy = encode(text, enc);
    assert_int_equal(vt_legacy_detect(legacy, strlen(legacy), true), enc);
    check_convert(legacy, enc, text);
    size_t blen;
    char *bytes = to_bytes(legacy, strlen(legacy), &blen);
    assert_non_null(bytes);
    assert_int_equal(vt_legacy_detect(bytes, blen, false), enc);
    char *got = vt_legacy_to_unicode(bytes, blen, enc, NULL);
    assert_non_null(got);
    assert_string_equal(got, text);
    free(got);
    free(bytes);
    free(legacy);
}

static void test_round_trip_sentences(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(sentences); i++) {
        assert_int_equal(vt_legacy_detect(sentences[i], strlen(sentences[i]), true), NONE);
        check_round_trip(sentences[i], TCVN3);
        check_round_trip(sentences[i], VNI);
    }
}

/* ---- the seed notices: Unicode stays, both encodings come back ---- */

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    vt_strbuf sb = {0};
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        vt_strbuf_append(&sb, buf, n);
    fclose(f);
    return vt_strbuf_take(&sb);
}

static bool has_toned_capital(const char *s, size_t len)
{
    for (size_t pos = 0; pos < len;) {
        vt_letter l;
        if (vt_letter_decompose(vt_utf8_next(s, len, &pos), &l) && l.upper && l.tone != VT_TONE_NGANG)
            return true;
    }
    return false;
}

/* Words of the conversion that differ from the original; only words with a toned
 * capital TCVN3 cannot spell may differ, and at most 2% of all words. */
static void compare_seed_words(const char *name, const char *orig, const char *got,
                               vt_legacy_encoding enc)
{
    size_t words = 0, differ = 0, po = 0, pg = 0, lo = strlen(orig), lg = strlen(got);
    for (;;) {
        while (po < lo && strchr(" \t\r\n", orig[po]))
            po++;
        while (pg < lg && strchr(" \t\r\n", got[pg]))
            pg++;
        if (po >= lo || pg >= lg) {
            assert_true(po >= lo && pg >= lg);
            break;
        }
        size_t so = po, sg = pg;
        while (po < lo && !strchr(" \t\r\n", orig[po]))
            po++;
        while (pg < lg && !strchr(" \t\r\n", got[pg]))
            pg++;
        words++;
        if (po - so == pg - sg && !memcmp(orig + so, got + sg, po - so))
            continue;
        differ++;
        if (enc != TCVN3 || !has_toned_capital(orig + so, po - so))
            fail_msg("%s (%s): %.*s became %.*s", name, vt_legacy_name(enc), (int)(po - so),
                     orig + so, (int)(pg - sg), got + sg);
    }
    assert_true(words > 100);
    if (differ * 50 > words)
        fail_msg("%s (%s): %zu of %zu words differ", name, vt_legacy_name(enc), differ, words);
}

static void test_seed_notices(void **state)
{
    (void)state;
    static const char *const files[] = {
        "000_e1271bdf95acee48.txt", "001_3f343ab2b2aa6982.txt", "002_e90327fc68b63be0.txt",
        "003_0c6dc2c06ddca4aa.txt", "004_1cb2e29244fd73d0.txt",
    };
    for (size_t i = 0; i < COUNT(files); i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/fixtures/labels/seeds/%s", VT_SOURCE_DIR, files[i]);
        char *text = read_file(path);
        /* A seed that is missing is a broken checkout, not a reason to test less. */
        if (!text)
            fail_msg("cannot read %s", path);
        assert_int_equal(vt_legacy_detect(text, strlen(text), true), NONE);
        static const vt_legacy_encoding encs[] = {VT_LEGACY_TCVN3, VT_LEGACY_VNI};
        for (size_t e = 0; e < COUNT(encs); e++) {
            char *legacy = encode(text, encs[e]);
            vt_legacy_score sc = vt_legacy_measure(legacy, strlen(legacy), encs[e]);
            print_message("%s %s: words %zu changed %zu legal before %zu after %zu\n", files[i],
                          vt_legacy_name(encs[e]), sc.words, sc.changed, sc.valid_before,
                          sc.valid_after);
            assert_int_equal(vt_legacy_detect(legacy, strlen(legacy), true), encs[e]);
            char *got = vt_legacy_to_unicode(legacy, strlen(legacy), encs[e], NULL);
            assert_non_null(got);
            compare_seed_words(files[i], text, got, encs[e]);
            free(got);
            free(legacy);
        }
        free(text);
    }
}

/* ---- robustness ---- */

static uint32_t next_random(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* Random bytes, and random picks from a Latin-1 alphabet with spaces: never
 * detected as legacy text (a 1-in-a-million fluke would still fail loudly), and
 * every conversion is valid UTF-8 of the right shape. */
static void test_random_input(void **state)
{
    (void)state;
    static const char alphabet[] = "aeiou nhtcg \xE0\xE1\xE2\xE3\xE8\xE9\xEA\xF2\xF3\xF4\xF5"
                                   "\xF9\xFA\xAB\xB8\xB5\xD6\xE4\xEF\xF6\xF1\xFB ";
    uint32_t seed = 12345;
    char buf[300];
    for (int round = 0; round < 3000; round++) {
        size_t len = next_random(&seed) % sizeof buf;
        bool letters_only = round % 2;
        for (size_t i = 0; i < len; i++)
            buf[i] = letters_only ? alphabet[next_random(&seed) % (sizeof alphabet - 1)]
                                  : (char)(next_random(&seed) & 0xFF);
        vt_legacy_encoding enc = vt_legacy_detect(buf, len, true);
        if (!letters_only && enc != NONE)
        {
            vt_legacy_score sc = vt_legacy_measure(buf, len, enc);
            char *out = vt_legacy_to_unicode(buf, len, enc, NULL);
            fail_msg("random bytes %d detected as %s (words %zu changed %zu before %zu after %zu): %s",
                     round, vt_legacy_name(enc), sc.words, sc.changed, sc.valid_before,
                     sc.valid_after, out);
        }
        for (int e = 0; e <= (int)VIQR; e++) {
            size_t n;
            char *out = vt_legacy_to_unicode(buf, len, (vt_legacy_encoding)e, &n);
            assert_non_null(out);
            assert_true(vt_utf8_valid(out, n));
            assert_int_equal(out[n], '\0');
            free(out);
        }
    }
}

/* Long input: detection looks at a bounded prefix and stays fast. */
static void test_large_input(void **state)
{
    (void)state;
    const char *unit = "Th«ng b¸o kÕt luËn cña ®ång chÝ Phã Chñ tÞch. ";
    size_t n = 40000, ul = strlen(unit);
    char *text = malloc(n * ul);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * ul, unit, ul);
    assert_int_equal(vt_legacy_detect(text, n * ul, false), TCVN3);
    size_t out_len;
    char *out = vt_legacy_to_unicode(text, n * ul, TCVN3, &out_len);
    assert_non_null(out);
    assert_memory_equal(out, "Thông báo kết luận", strlen("Thông báo kết luận"));
    free(out);
    free(text);
}

static void test_names_and_measure(void **state)
{
    (void)state;
    assert_string_equal(vt_legacy_name(NONE), "none");
    assert_string_equal(vt_legacy_name(TCVN3), "tcvn3");
    assert_string_equal(vt_legacy_name(VNI), "vni");
    assert_string_equal(vt_legacy_name(VIQR), "viqr");
    /* "mét" and "sè" are legal as they stand; "ý" is the same in TCVN3 */
    const char *t = "Th«ng b¸o: mét sè ý kiÕn";
    vt_legacy_score sc = vt_legacy_measure(t, strlen(t), TCVN3);
    assert_int_equal(sc.words, 6);
    assert_int_equal(sc.changed, 5);
    assert_int_equal(sc.valid_before, 2);
    assert_int_equal(sc.valid_after, 5);
    assert_true(sc.accepted);
    sc = vt_legacy_measure(t, strlen(t), NONE);
    assert_int_equal(sc.words, 0);
    assert_false(sc.accepted);
    assert_int_equal(vt_legacy_detect(NULL, 0, true), NONE);
    /* NULs are text like any other: kept, and counted in the length */
    size_t n;
    char *out = vt_legacy_to_unicode("\xFF\0Th\xAB" "ng", 7, TCVN3, &n);
    assert_non_null(out);
    assert_int_equal(n, 9);
    assert_memory_equal(out, "ÿ\0Thông", 10);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_table),
        cmocka_unit_test(test_convert_table),
        cmocka_unit_test(test_every_letter),
        cmocka_unit_test(test_round_trip_sentences),
        cmocka_unit_test(test_seed_notices),
        cmocka_unit_test(test_random_input),
        cmocka_unit_test(test_large_input),
        cmocka_unit_test(test_names_and_measure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
