/* simclient: the fake cloud in this process (sim_server on a free loopback
 * port over a scenario's world) and a loop with an AWS client signed with the
 * sim's keys and pointed at it, for tests of code that talks HTTP. */
#ifndef RW_TEST_SIMCLIENT_H
#define RW_TEST_SIMCLIENT_H

#include "clients/aws/client.h"
#include "core/loop.h"
#include "sim/sim_server.h"
#include "sim/sim_world.h"

struct simclient {
    struct sim_world *w;
    struct sim_server *srv;
    struct rw_loop *loop;
    struct aws_client *c;
    char url[64];
};

/* Start a sim of scenario at the wall clock (with its log store if logs) and a
 * client for it; 0, or -1 if the server could not start. */
int simclient_start(struct simclient *s, const char *scenario, int logs);
/* A client on loop for url, signed with the sim's keys, trying each call at most
 * max_attempts times (0: the standard 3); free with aws_client_free. */
struct aws_client *simclient_client(struct rw_loop *loop, const char *url, int max_attempts);
/* Stop and free everything simclient_start made. */
void simclient_stop(struct simclient *s);

#endif
