# cost.sh: what drawing costs on the wire. A cursor move in the Services pane
# repaints only the rows that changed, so it writes under 1 KB to the terminal.
# tmux pipe-pane copies everything the console writes to a file; each sample
# opens the pipe just after the header clock ticked (on the wall-clock second),
# sends one key, waits 150 ms and closes the pipe, all within that second:
# that is the move itself (the detail panes follow the selection once it has
# settled for 200 ms, and what they then write is printed, not limited). The
# figure is the fewest bytes over six moves (j and k in turn between two
# services whose tasks are loaded), so that a poll landing in one window does
# not count; every sample and an idle window (no key) are printed too.
COST_TESTS="cursor_move_cost_200x60 cursor_move_cost_80x24"
COST_LIMIT=1024

# after_tick: wait until 40-150 ms past a wall-clock second.
after_tick() {
    while :; do
        ms=$(expr "$(date +%N)" / 1000000 || true)   # expr fails on 0
        [ "$ms" -ge 40 ] && [ "$ms" -lt 150 ] && return 0
        sleep 0.02
    done
}

# piped_bytes FILE KEY [SECONDS]: the bytes the console writes in SECONDS
# (default 0.15) after KEY ("" for none).
piped_bytes() {
    : > "$1"
    after_tick
    T pipe-pane -o -t s "cat >> '$1'"
    [ -z "$2" ] || keys "$2"
    sleep "${3:-0.15}"
    T pipe-pane -t s
    sleep 0.1                               # cat drains the pipe and exits
    wc -c < "$1" | tr -d ' '
}

# cursor_move_cost W H: the test at one terminal size.
cursor_move_cost() {
    start_shell "$1" "$2"
    run_console --demo --scenario steady
    wait_for "RUNNING      HEALTHY" 150      # consumer-agent's tasks are loaded
    keys j; wait_for " 3 ok " 50            # and payments-api's
    keys k; wait_for "Deployments / Tasks consumer-agent " 20
    sleep 1
    idle=$(piped_bytes "$WORK/idle" "")
    all=""; min=""; n=0
    for k in j k j k j k; do
        n=$((n + 1))
        b=$(piped_bytes "$WORK/move.$n" "$k")
        case $k in j) svc=payments-api;; *) svc=consumer-agent;; esac
        wait_for "Deployments / Tasks $svc " 10    # the move happened (panes followed)
        all="$all $b"
        { [ -z "$min" ] || [ "$b" -lt "$min" ]; } && min=$b
    done
    keys j; sleep 1; keys k; sleep 1
    whole=$(piped_bytes "$WORK/whole" j 0.7)  # the move and the panes following it
    echo "    cursor move at $1x$2: $min bytes (fewest of:$all; idle window: $idle bytes;" \
         "with the detail panes following, $whole bytes)"
    keys q
    wait_file "$WORK/rc"
    [ "$min" -gt 0 ] || { echo "    nothing was written: did the pipe open?"; return 1; }
    [ "$min" -le "$COST_LIMIT" ] || { echo "    over $COST_LIMIT bytes"; return 1; }
}

cursor_move_cost_200x60() { cursor_move_cost 200 60; }
cursor_move_cost_80x24() { cursor_move_cost 80 24; }
