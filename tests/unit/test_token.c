/*
 * test_token.c — the tokeniser as a table: a line and its tokens, each written as
 * kind letter + text (S syllable, W word, N number, C code, P punct, B break).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "token.h"

static const struct {
    const char *text;
    const char *tokens; /* space-separated, kind letter then the token text */
} cases[] = {
    {"Thông báo số 88/TB-SYT ngày 24/11/2015.",
     "SThông Sbáo Ssố C88/TB-SYT Sngày N24/11/2015 B."},
    {"UBND tỉnh, BHYT và Covid-19", "WUBND Stỉnh P, WBHYT Svà CCovid-19"},
    {"Liên hệ: vanthu@soyte.gov.vn hoặc https://soyte.gov.vn/tb?id=5.",
     "SLiên Shệ B: Cvanthu@soyte.gov.vn Shoặc Chttps://soyte.gov.vn/tb?id=5 B."},
    {"Hà-Nội (TP.HCM) 1.000 đồng; 3,5%", "SHà P- SNội P( CTP.HCM P) N1.000 Sđồng B; N3,5 P%"},
    {"Vinamilk lọt Top 1.000\nthương hiệu", "WVinamilk Slọt WTop N1.000 B\n Sthương Shiệu"},
    {"“Việt Nam’s”", "P“ SViệt CNam’s P”"},
    {"nhau,tiếp …", "Snhau P, Stiếp B…"},
    {"", ""},
    {"   ", ""},
    {"\xff ba", "P\xff Sba"},
};

static char kind_letter(vt_token_kind k)
{
    return "SWNCPB"[k];
}

static void test_tokeniser_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = cases[i].text;
        size_t len = strlen(s), pos = 0;
        char got[512] = "";
        vt_token t;
        while (vt_token_next(s, len, &pos, &t)) {
            size_t n = strlen(got);
            snprintf(got + n, sizeof got - n, "%s%c%.*s", n ? " " : "", kind_letter(t.kind),
                     (int)(t.end - t.start), s + t.start);
        }
        if (strcmp(got, cases[i].tokens) != 0)
            fail_msg("case %zu: got [%s]", i, got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokeniser_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
