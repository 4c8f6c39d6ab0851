/* Tests for tui/theme: the theme-file parser and colour degradation. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/theme.h"

static int parse(const char *text, struct theme *t, struct rw_err *err)
{
    theme_init_base(t);
    return theme_parse(text, strlen(text), t, err);
}

static void test_theme_parses_roles_colours_and_attrs(void)
{
    struct theme t;
    struct rw_err err;
    const char *text = "# c\nname = mine\nerror = bright-red on black bold underline\n"
                       "ok=green\nheader = #268bd2 on 236\n  warn =   yellow  \n";
    int rc = parse(text, &t, &err);
    if (rc)
        fprintf(stderr, "theme: %s\n", err.msg);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(t.name, "mine");
    CU_ASSERT_EQUAL(t.roles[ROLE_ERROR].fg, 9);
    CU_ASSERT_EQUAL(t.roles[ROLE_ERROR].bg, 0);
    CU_ASSERT_EQUAL(t.roles[ROLE_ERROR].attrs, THEME_BOLD | THEME_UNDERLINE);
    CU_ASSERT_EQUAL(t.roles[ROLE_OK].fg, 2);
    CU_ASSERT_EQUAL(t.roles[ROLE_OK].bg, THEME_DEFAULT_COLOR);
    CU_ASSERT_EQUAL(t.roles[ROLE_HEADER].fg, THEME_RGB_FLAG | 0x268bd2);
    CU_ASSERT_EQUAL(t.roles[ROLE_HEADER].bg, 236);
    CU_ASSERT_EQUAL(t.roles[ROLE_WARN].fg, 3);
    /* a role the file leaves out keeps the base style */
    CU_ASSERT_EQUAL(t.roles[ROLE_SELECTED].attrs, THEME_REVERSE);
}

static void expect_error(const char *text, const char *needle)
{
    struct theme t, before;
    struct rw_err err;
    theme_init_base(&t);
    before = t;
    CU_ASSERT_EQUAL(theme_parse(text, strlen(text), &t, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_EQUAL(memcmp(&t, &before, sizeof t), 0); /* a bad file changes nothing */
}

static void test_theme_rejects_bad_lines(void)
{
    expect_error("ok = green\nnosuchrole = red\n", "line 2: unknown role");
    expect_error("ok = chartreuse\n", "unknown colour");
    expect_error("ok = 256\n", "unknown colour");
    expect_error("ok = #12345g\n", "unknown colour");
    expect_error("ok = red on\n", "needs a background");
    expect_error("ok = red blue\n", "unknown colour");
    expect_error("just words\n", "expected 'role = style'");
    static const char nul[] = "ok = red\0\n";
    struct theme t;
    struct rw_err err;
    theme_init_base(&t);
    CU_ASSERT_EQUAL(theme_parse(nul, sizeof nul - 1, &t, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "NUL"));
}

static void test_theme_colours_degrade(void)
{
    CU_ASSERT_EQUAL(theme_color_index(THEME_DEFAULT_COLOR, 8), -1);
    CU_ASSERT_EQUAL(theme_color_index(9, 256), 9);
    CU_ASSERT_EQUAL(theme_color_index(9, 8), 1);            /* bright red -> red */
    CU_ASSERT_EQUAL(theme_color_index(196, 8), 1);          /* 256-colour red -> red */
    CU_ASSERT_EQUAL(theme_color_index(THEME_RGB_FLAG | 0xff0000, 256), 9);
    CU_ASSERT_EQUAL(theme_color_index(THEME_RGB_FLAG | 0x00d700, 256), 40);
    CU_ASSERT_EQUAL(theme_color_index(THEME_RGB_FLAG | 0x002b36, 8), 0);
    CU_ASSERT_EQUAL(theme_color_index(232, 8), 0);
}

static void test_theme_shipped_themes_parse_every_role(void)
{
    const char *names[] = { "default", "light", "solarized-dark", "high-contrast", "mono" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[128], buf[8192];
        snprintf(path, sizeof path, "themes/%s.theme", names[i]);
        FILE *fp = fopen(path, "r");
        CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
        size_t n = fread(buf, 1, sizeof buf - 1, fp);
        buf[n] = '\0';
        fclose(fp);
        struct theme t;
        struct rw_err err;
        CU_ASSERT_EQUAL(parse(buf, &t, &err), 0);
        CU_ASSERT_STRING_EQUAL(t.name, names[i]);
        for (int r = 0; r < ROLE_COUNT; r++) { /* each role is written out */
            char key[64];
            snprintf(key, sizeof key, "\n%s =", theme_role_name(r));
            CU_ASSERT_PTR_NOT_NULL(strstr(buf, key));
        }
        if (strcmp(names[i], "mono") == 0)
            for (int r = 0; r < ROLE_COUNT; r++)
                CU_ASSERT(t.roles[r].fg == THEME_DEFAULT_COLOR && t.roles[r].bg == THEME_DEFAULT_COLOR);
    }
}

void test_theme_register(void)
{
    CU_pSuite s = CU_add_suite("theme", NULL, NULL);
    CU_add_test(s, "parses roles, colours and attributes", test_theme_parses_roles_colours_and_attrs);
    CU_add_test(s, "rejects bad lines, changes nothing", test_theme_rejects_bad_lines);
    CU_add_test(s, "colours degrade to 256 and 8", test_theme_colours_degrade);
    CU_add_test(s, "shipped themes parse and set every role", test_theme_shipped_themes_parse_every_role);
}
