/* fuzz_simquery: libFuzzer target for the fake cloud's query-protocol input
 * (sim/sim_query, sim/sim_metrics_req, sim/sim_xml): the form decoder and
 * its look-ups, the GetMetricData and ListMetrics form decoders, the whole
 * dispatcher for each query service against one fixed world, and the XML
 * writer, whose escaping of the input must always parse back. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/xml.h"
#include "sim/sim_metrics_req.h"
#include "sim/sim_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int64_t fixed_clock(void)
{
    return 1795000000000LL;
}

static struct sim_world *world(void)
{
    static struct sim_world w;
    static int ready;
    if (!ready) {
        if (sim_world_init(&w, "flapping-health", fixed_clock(), 7, 1) < 0)
            abort();
        w.clock = fixed_clock;
        ready = 1;
    }
    return &w;
}

static void decode(const char *body, size_t size)
{
    struct sim_form f;
    if (sim_query_parse_form(body, size, &f) < 0)
        return;
    struct sim_md_req r;
    struct sim_md_err err;
    if (sim_md_parse_form(&f, &r, &err) == 0) {
        sim_md_validate(&r, &err);
        sim_md_req_free(&r);
    }
    struct sim_lm_req l;
    if (sim_lm_parse_form(&f, &l, &err) == 0)
        sim_lm_req_free(&l);
    sim_query_members(&f, "Names");
    for (size_t i = 0; i < f.n; i++)
        if (sim_query_get(&f, f.pairs[i].key) == NULL)
            abort(); /* every decoded key must be found again */
    sim_query_form_free(&f);
}

/* The input escaped inside <r>…</r> must be well-formed XML. */
static void escape(const char *s)
{
    struct sim_xml x;
    sim_xml_init(&x);
    sim_xml_open(&x, "r");
    sim_xml_escaped(&x, s);
    sim_xml_close(&x, "r");
    char *doc = sim_xml_take(&x);
    struct xml_node *root;
    struct rw_err err;
    if (xml_parse(doc, strlen(doc), &root, &err) < 0)
        abort();
    xml_free(root);
    free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const services[] = { "sts", "cloudformation", "elasticloadbalancing",
                                            "monitoring" };
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    decode(s, size);
    escape(s);
    for (int i = 0; i < 4; i++) {
        struct sim_reply r;
        sim_query_handle(world(), services[i], s, size, &r);
        if (!r.body || (r.status != 200 && r.status != 400))
            abort();
        free(r.body);
    }
    free(s);
    return 0;
}
