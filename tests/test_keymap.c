/* Tests for tui/keymap: keys are data and help is generated from them. */
#include <CUnit/CUnit.h>
#include <curses.h>
#include <string.h>

#include "tui/keymap.h"

static void test_keymap_lookup(void)
{
    CU_ASSERT_EQUAL(keymap_lookup('q'), ACT_QUIT);
    CU_ASSERT_EQUAL(keymap_lookup('\t'), ACT_FOCUS_NEXT);
    CU_ASSERT_EQUAL(keymap_lookup(KEY_BTAB), ACT_FOCUS_PREV);
    CU_ASSERT_EQUAL(keymap_lookup('6'), ACT_FOCUS_6);
    CU_ASSERT_EQUAL(keymap_lookup(KEY_DOWN), ACT_DOWN);
    CU_ASSERT_EQUAL(keymap_lookup('\r'), ACT_SELECT);
    CU_ASSERT_EQUAL(keymap_lookup('Q'), ACT_NONE);
}

static void test_keymap_help_lists_every_binding(void)
{
    size_t n, nh;
    const struct keybind *t = keymap_table(&n);
    struct keyhelp *h = keymap_help(t, n, &nh);
    for (size_t i = 0; i < n; i++) {
        if (!t[i].label)
            continue; /* an alias shown under its action's first key */
        int found = 0;
        const char *what = t[i].what ? t[i].what : keymap_action_help(t[i].action);
        CU_ASSERT(strlen(what) > 0);
        for (size_t j = 0; j < nh; j++)
            if (strcmp(h[j].what, what) == 0 && strstr(h[j].keys, t[i].label))
                found = 1;
        CU_ASSERT(found);
    }
    /* every action with a key has exactly one help line */
    for (size_t j = 0; j < nh; j++)
        for (size_t k = j + 1; k < nh; k++)
            CU_ASSERT(strcmp(h[j].what, h[k].what) != 0);
    keymap_help_free(h, nh);
}

static void test_keymap_help_joins_keys_of_one_action(void)
{
    size_t n, nh;
    const struct keybind *t = keymap_table(&n);
    struct keyhelp *h = keymap_help(t, n, &nh);
    int ok = 0;
    for (size_t j = 0; j < nh; j++)
        if (strcmp(h[j].keys, "j Down") == 0)
            ok = 1;
    CU_ASSERT(ok);
    keymap_help_free(h, nh);
}

void test_keymap_register(void)
{
    CU_pSuite s = CU_add_suite("keymap", NULL, NULL);
    CU_add_test(s, "lookup", test_keymap_lookup);
    CU_add_test(s, "help lists every binding", test_keymap_help_lists_every_binding);
    CU_add_test(s, "help joins the keys of one action", test_keymap_help_joins_keys_of_one_action);
}
