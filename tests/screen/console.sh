# console.sh: screen tests of the console's data panes against the embedded
# fake cloud (rollwatch --demo): service rows, drilling in, stopped tasks'
# exit codes, a rollout that advances, and the stale marker when the sim's
# control API turns faults on (the last good rows stay) and off again.
CONSOLE_TESTS="services_rows_and_drill_in rollout_progress_advances
stale_marker_under_faults resize_keeps_data_state click_selects_a_service"

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

# the first line inside the Deployments / Tasks pane (the line under its title)
tasks_first_line() { screen | grep -A1 "2 Deployments / Tasks" | sed -n 2p | cut -c1-80; }

resize_keeps_data_state() {
    start_shell 200 60
    run_console --demo --scenario bad-deploy
    wait_for "payments-api" 20
    keys / a g e n t Enter; wait_for "filter: agent"        # filter
    keys i k; wait_for " 2 Deployments / Tasks rover-agent "      # sort, selection
    keys j; wait_for " 2 Deployments / Tasks consumer-agent "
    expect_not "│ payments-api"
    keys 2; wait_for "[2 Deployments / Tasks consumer-agent]"     # focus
    keys s; wait_for "(+stopped)"
    wait_for "STOPPED" 20
    keys j j j j j j j j
    T resize-window -t s -x 80 -y 24; wait_gone " 4 Health "
    sleep 0.3
    before=$(tasks_first_line)
    expect_not "PRIMARY :4"                                       # scrolled
    T resize-window -t s -x 200 -y 60; wait_for " 6 Events "
    expect "[2 Deployments / Tasks consumer-agent (+stopped)]"
    T resize-window -t s -x 80 -y 24; wait_gone " 4 Health "
    sleep 0.3
    after=$(tasks_first_line)
    [ "$before" = "$after" ] || { echo "    scroll moved: '$before' -> '$after'"; return 1; }
    keys z; wait_for "(+stopped) (zoom)]"                        # zoom
    T resize-window -t s -x 200 -y 60; sleep 0.3
    expect "(+stopped) (zoom)]"
    expect_not " 1 Services "
    keys z; wait_for " 1 Services "
    keys 1; wait_for "[1 Services demo-fargate]"
    expect "filter: agent"
    expect_not "│ payments-api"
    order=$(screen | grep -o "│ rover-agent\|│ consumer-agent" | tr -d '│ ' | tr '\n' ' ')
    [ "$order" = "rover-agent consumer-agent " ] || { echo "    order: $order"; return 1; }
    keys q
    wait_file "$WORK/rc"
}

# click: an X10 mouse press (what xterm-style terminals send) on rover-agent's row
click_selects_a_service() {
    start_shell 160 45
    run_console --demo --scenario steady
    wait_for "rover-agent" 20
    line=$(screen | grep -n "│ rover-agent" | head -1 | cut -d: -f1)
    T send-keys -t s -l "$(python3 -c "import sys; y=$line - 1; x=5
sys.stdout.write('\x1b[M' + chr(32) + chr(33 + x) + chr(33 + y))")"
    wait_for " 2 Deployments / Tasks rover-agent "
    keys q
    wait_file "$WORK/rc"
}
