/*
 * link_example.c — a program outside the project using the installed libvanthu
 * through its public header and pkg-config file only (tests/e2e/link.sh builds it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vanthu.h>

int main(void)
{
    vt_options opt;
    vt_options_init(&opt);
    vt_engine *engine;
    vt_session *session;
    char *err;
    if (vt_engine_new(&opt, &engine, &err) != VT_OK || vt_session_new(engine, &session, &err) != VT_OK) {
        fprintf(stderr, "%s\n", err);
        free(err);
        return 1;
    }
    const char *text = "Th\xC3\xB4ng ba\xCC\x81o\n";    /* "Thông báo", "á" decomposed */
    vt_document *doc = vt_process_memory(session, "memory", text, strlen(text), VT_INPUT_TEXT);
    int status = vt_document_failed(doc) || strcmp(vt_document_text(doc), "Th\xC3\xB4ng b\xC3\xA1o\n") != 0;
    char *json = vt_document_json(doc, 0);
    status |= json == NULL;
    printf("%s", vt_document_text(doc));
    free(json);
    vt_document_free(doc);
    vt_session_free(session);
    vt_engine_free(engine);
    return status;
}
