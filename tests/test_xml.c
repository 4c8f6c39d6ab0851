/* Tests for clients/aws/xml: the expat tree the query-protocol parsers walk. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "clients/aws/xml.h"

static const char sts[] =
    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "  <GetCallerIdentityResult>\n"
    "    <Arn>arn:aws:sts::123456789012:assumed-role/oncall/jane</Arn>\n"
    "    <UserId>AROAEXAMPLE:jane</UserId>\n"
    "    <Account>123456789012</Account>\n"
    "  </GetCallerIdentityResult>\n"
    "  <ResponseMetadata><RequestId>01234567-89ab-cdef</RequestId></ResponseMetadata>\n"
    "</GetCallerIdentityResponse>\n";

static void test_xml_walks_paths(void)
{
    struct xml_node *root;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(xml_parse(sts, strlen(sts), &root, &err), 0);
    CU_ASSERT_STRING_EQUAL(root->name, "GetCallerIdentityResponse");
    CU_ASSERT_STRING_EQUAL(xml_path_text(root, "GetCallerIdentityResult/Account"), "123456789012");
    CU_ASSERT_STRING_EQUAL(xml_path_text(root, "GetCallerIdentityResult/Arn"),
                           "arn:aws:sts::123456789012:assumed-role/oncall/jane");
    CU_ASSERT_STRING_EQUAL(xml_path_text(root, "ResponseMetadata/RequestId"), "01234567-89ab-cdef");
    CU_ASSERT_PTR_NULL(xml_path(root, "GetCallerIdentityResult/Nope"));
    CU_ASSERT_EQUAL(xml_child(root, "GetCallerIdentityResult")->nkids, 3);
    xml_free(root);
}

static void test_xml_decodes_entities_and_keeps_members_in_order(void)
{
    const char *x = "<R><Outputs><member><OutputKey>A</OutputKey><OutputValue>x &amp; y &lt;z&gt;"
                    "</OutputValue></member><member><OutputKey>B</OutputKey></member></Outputs></R>";
    struct xml_node *root;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(xml_parse(x, strlen(x), &root, &err), 0);
    const struct xml_node *outs = xml_path(root, "Outputs");
    CU_ASSERT_EQUAL_FATAL(outs->nkids, 2);
    CU_ASSERT_STRING_EQUAL(xml_path_text(outs->kids[0], "OutputValue"), "x & y <z>");
    CU_ASSERT_STRING_EQUAL(xml_path_text(outs->kids[1], "OutputKey"), "B");
    xml_free(root);
}

static void test_xml_rejects_malformed_and_hostile_input(void)
{
    struct xml_node *root;
    struct rw_err err;
    const char *bad[] = { "", "<a><b></a>", "<a>", "not xml", "<a></a><b></b>" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CU_ASSERT_EQUAL(xml_parse(bad[i], strlen(bad[i]), &root, &err), -1);
        CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
        CU_ASSERT_PTR_NULL(root);
    }
    char deep[XML_MAX_DEPTH * 3 + 16] = "";
    for (int i = 0; i < XML_MAX_DEPTH + 1; i++)
        strcat(deep, "<a>");
    CU_ASSERT_EQUAL(xml_parse(deep, strlen(deep), &root, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "nested too deeply"));
    const char *bomb = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                       "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
                       "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
                       "<x>&h;</x>";
    int rc = xml_parse(bomb, strlen(bomb), &root, &err);
    if (rc == 0) { /* expat may expand a bounded amount; it must not run away */
        CU_ASSERT(root->text_len <= 100000000);
        xml_free(root);
    }
}

void test_xml_register(void)
{
    CU_pSuite s = CU_add_suite("xml", NULL, NULL);
    CU_add_test(s, "walks paths", test_xml_walks_paths);
    CU_add_test(s, "decodes entities, keeps members in order", test_xml_decodes_entities_and_keeps_members_in_order);
    CU_add_test(s, "rejects malformed and hostile input", test_xml_rejects_malformed_and_hostile_input);
}
