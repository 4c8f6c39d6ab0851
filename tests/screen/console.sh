# console.sh: screen tests of the console's data panes against the embedded
# fake cloud (rollwatch --demo): service rows, drilling in, stopped tasks'
# exit codes, a rollout that advances, and the stale marker when the sim's
# control API turns faults on (the last good rows stay) and off again.
CONSOLE_TESTS="services_rows_and_drill_in rollout_progress_advances
stale_marker_under_faults"

services_rows_and_drill_in() {
    start_shell 160 45
    run_console --demo --scenario bad-deploy
    wait_for "IN_PROGRESS" 20
    for t in "consumer-agent" "rover-agent" "payments-api" "COMPLETED"; do expect "$t"; done
    keys Enter; wait_for "[2 Deployments / Tasks consumer-agent]"
    wait_for "PRIMARY :4   IN_PROGRESS" 20
    expect "ACTIVE  :3"
    expect_not "STOPPED"
    keys s; wait_for "(+stopped)"
    wait_for "STOPPED      exit 0" 20       # the drained :3 tasks, with their exit code
    keys Escape; wait_for "[1 Services demo-fargate]"
    keys j; wait_for " 2 Deployments / Tasks payments-api "
    keys q
    wait_file "$WORK/rc"
}

rollout_progress_advances() {
    start_shell 160 45
    run_console --demo --scenario bad-deploy --speed 20
    wait_for "consumer-agent" 20
    first=$(screen | grep -m1 "│ consumer-agent")
    case "$first" in *IN_PROGRESS*) ;; *) echo "    not in progress: $first"; return 1;; esac
    n=300                                   # ~10 s at 20x: the rollout finishes
    while [ "$n" -gt 0 ]; do
        now=$(screen | grep -m1 "│ consumer-agent")
        case "$now" in *COMPLETED*"██████████"*) break;; esac
        sleep 0.1; n=$((n - 1))
    done
    [ "$n" -gt 0 ] || { echo "    the bar did not advance: '$first' -> '$now'"; return 1; }
    keys q
    wait_file "$WORK/rc"
}

stale_marker_under_faults() {
    rm -f "$WORK/demo.env"
    start_shell 160 45
    run_console --demo --scenario bad-deploy --env-file "$WORK/demo.env"
    wait_for "payments-api" 20
    ctl=$(demo_ctl)
    curl -s -m 2 -X POST -d '{"throttle_rate":1}' "$ctl/faults" >/dev/null
    wait_for "stale" 300                    # retries, then twice the 2 s interval
    wait_for "ThrottlingException" 10
    expect "payments-api"                   # the last good rows stay
    expect "rover-agent"
    curl -s -m 2 -X POST -d '{"throttle_rate":0}' "$ctl/faults" >/dev/null
    n=600
    while screen | grep -qF "stale" && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
    [ "$n" -gt 0 ] || { echo "    the stale marker did not clear"; screen | head -5; return 1; }
    keys q
    wait_file "$WORK/rc"
}
