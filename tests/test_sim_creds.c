/* Tests for sim/sim_creds: temporary keys issued, checked with their token,
 * expiring, remembered for a while; the document reads back through the
 * client's own container-credentials parser. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/client.h"
#include "clients/aws/credparse.h"
#include "sim/sim_creds.h"

#define NOW 1795000000000LL /* ms */

static void test_sim_creds_issue_and_check(void)
{
    struct sim_creds s;
    sim_creds_init(&s, 60, 1);
    const struct sim_cred *c = sim_creds_issue(&s, NOW);
    CU_ASSERT_EQUAL(strncmp(c->access_key, "ASIA", 4), 0);
    CU_ASSERT_EQUAL(strlen(c->access_key), 20);
    CU_ASSERT_EQUAL(strlen(c->secret), 40);
    CU_ASSERT_EQUAL(strlen(c->token), 128);
    CU_ASSERT_EQUAL(c->expires_ms, NOW + 60000);
    struct sim_cred first = *c;
    char secret[64];
    CU_ASSERT_EQUAL(sim_creds_check(&s, first.access_key, first.token, NOW + 59999, secret,
                                    sizeof secret), SIM_CREDS_OK);
    CU_ASSERT_STRING_EQUAL(secret, first.secret);
    CU_ASSERT_EQUAL(sim_creds_check(&s, first.access_key, first.token, NOW + 60000, secret,
                                    sizeof secret), SIM_CREDS_EXPIRED);
    CU_ASSERT_EQUAL(sim_creds_check(&s, first.access_key, NULL, NOW, secret, sizeof secret),
                    SIM_CREDS_BAD_TOKEN);
    CU_ASSERT_EQUAL(sim_creds_check(&s, first.access_key, "forged", NOW, secret, sizeof secret),
                    SIM_CREDS_BAD_TOKEN);
    CU_ASSERT_EQUAL(sim_creds_check(&s, "ASIANOTISSUEDHERE000", first.token, NOW, secret,
                                    sizeof secret), SIM_CREDS_UNKNOWN);
    /* each issue is a new key set; the earlier one stays valid until it expires */
    const struct sim_cred *c2 = sim_creds_issue(&s, NOW + 1000);
    CU_ASSERT_STRING_NOT_EQUAL(c2->access_key, first.access_key);
    CU_ASSERT_STRING_NOT_EQUAL(c2->token, first.token);
    CU_ASSERT_EQUAL(sim_creds_check(&s, first.access_key, first.token, NOW + 2000, secret,
                                    sizeof secret), SIM_CREDS_OK);
    CU_ASSERT_EQUAL(sim_creds_check(&s, c2->access_key, first.token, NOW + 2000, secret,
                                    sizeof secret), SIM_CREDS_BAD_TOKEN);
}

static void test_sim_creds_keeps_the_last_few(void)
{
    struct sim_creds s;
    sim_creds_init(&s, 3600, 7);
    struct sim_cred first = *sim_creds_issue(&s, NOW);
    for (int i = 1; i < SIM_CREDS_KEEP; i++)
        sim_creds_issue(&s, NOW);
    char secret[64];
    CU_ASSERT_EQUAL(sim_creds_check(&s, first.access_key, first.token, NOW, secret,
                                    sizeof secret), SIM_CREDS_OK);
    sim_creds_issue(&s, NOW); /* one more: the oldest is forgotten */
    CU_ASSERT_EQUAL(sim_creds_check(&s, first.access_key, first.token, NOW, secret,
                                    sizeof secret), SIM_CREDS_UNKNOWN);
    CU_ASSERT_EQUAL(s.n, SIM_CREDS_KEEP);
}

static void test_sim_creds_document(void)
{
    struct sim_creds s;
    sim_creds_init(&s, 2, 1);
    const struct sim_cred *c = sim_creds_issue(&s, NOW + 250);
    char *doc = sim_creds_json(c);
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "\"Expiration\":\"2026-11-18T"));
    struct aws_creds cr;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(credparse_container(doc, strlen(doc), &cr, &err), 0);
    CU_ASSERT_STRING_EQUAL(cr.access_key, c->access_key);
    CU_ASSERT_STRING_EQUAL(cr.secret_key, c->secret);
    CU_ASSERT_STRING_EQUAL(cr.session_token, c->token);
    /* whole seconds, never later than the real expiry */
    CU_ASSERT_EQUAL(cr.expires_wall_ms, NOW + 2000);
    aws_creds_clear(&cr);
    free(doc);
    char t[40];
    sim_creds_iso8601(1795444465123LL, 1, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "2026-11-23T14:34:25.123Z");
    sim_creds_iso8601(1795444465123LL, 0, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "2026-11-23T14:34:25Z");
}

void test_sim_creds_register(void)
{
    CU_pSuite s = CU_add_suite("sim_creds", NULL, NULL);
    CU_add_test(s, "issue, check with token, expire", test_sim_creds_issue_and_check);
    CU_add_test(s, "the last few issued are kept", test_sim_creds_keeps_the_last_few);
    CU_add_test(s, "the document reads back through credparse", test_sim_creds_document);
}
