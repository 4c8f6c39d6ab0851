/* Tests for tui/cmdline: editing and history of the ':' line. */
#include <CUnit/CUnit.h>
#include <curses.h>
#include <string.h>

#include "tui/cmdline.h"

static void type(struct cmdline *c, const char *s)
{
    while (*s)
        cmdline_key(c, (unsigned char)*s++);
}

static void test_cmdline_edits_and_submits(void)
{
    struct cmdline c = { 0 };
    cmdline_open(&c);
    type(&c, "thme mono");
    for (int i = 0; i < 7; i++)
        cmdline_key(&c, KEY_LEFT);
    cmdline_key(&c, 'e');
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "theme mono");
    cmdline_key(&c, KEY_END);
    cmdline_key(&c, KEY_BACKSPACE);
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "theme mon");
    CU_ASSERT_EQUAL(cmdline_key(&c, '\n'), CMDLINE_SUBMIT);
    CU_ASSERT_EQUAL(c.nhist, 1);
    cmdline_open(&c);
    CU_ASSERT_EQUAL(cmdline_key(&c, 27), CMDLINE_CANCEL);
    cmdline_free(&c);
}

static void test_cmdline_history_up_down_keeps_draft(void)
{
    struct cmdline c = { 0 };
    const char *lines[] = { "svc a", "svc b", "svc b", "theme light" };
    for (size_t i = 0; i < 4; i++) {
        cmdline_open(&c);
        type(&c, lines[i]);
        cmdline_key(&c, '\r');
    }
    CU_ASSERT_EQUAL(c.nhist, 3); /* repeated line kept once */
    cmdline_open(&c);
    type(&c, "dra");
    cmdline_key(&c, KEY_UP);
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "theme light");
    cmdline_key(&c, KEY_UP);
    cmdline_key(&c, KEY_UP);
    cmdline_key(&c, KEY_UP); /* stops at the oldest */
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "svc a");
    cmdline_key(&c, KEY_DOWN);
    cmdline_key(&c, KEY_DOWN);
    cmdline_key(&c, KEY_DOWN);
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "dra");
    cmdline_free(&c);
}

static void test_cmdline_paste_drops_controls_and_utf8_backspace(void)
{
    struct cmdline c = { 0 };
    cmdline_open(&c);
    cmdline_insert(&c, "svc\x1b[31m caf\xc3\xa9\n", 15);
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "svc[31m caf\xc3\xa9");
    cmdline_key(&c, KEY_BACKSPACE); /* removes the whole é */
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "svc[31m caf");
    cmdline_key(&c, 21); /* ^U */
    CU_ASSERT_STRING_EQUAL(cmdline_text(&c), "");
    CU_ASSERT_EQUAL(cmdline_key(&c, KEY_BACKSPACE), CMDLINE_CANCEL);
    cmdline_free(&c);
}

void test_cmdline_register(void)
{
    CU_pSuite s = CU_add_suite("cmdline", NULL, NULL);
    CU_add_test(s, "edits and submits", test_cmdline_edits_and_submits);
    CU_add_test(s, "history up/down keeps the draft", test_cmdline_history_up_down_keeps_draft);
    CU_add_test(s, "paste drops controls; UTF-8 backspace", test_cmdline_paste_drops_controls_and_utf8_backspace);
}
