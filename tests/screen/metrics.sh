# metrics.sh: screen tests of the Metrics pane against the embedded fake cloud
# (rollwatch --demo --scenario bad-deploy): consumer-agent's ALB charts with a
# P95 above 1 s and a 5xx rate above 5 %, both past their critical lines; the
# 'w' key's 60-minute window; the compact one-line-per-signal layout of a
# 100x24 terminal; and a service behind no load balancer.
METRICS_TESTS="metrics_charts_bad_deploy metrics_compact_and_no_lb"

# number_after LABEL: the number after LABEL on screen, in seconds for a
# latency ("1.21s" 1.21, "850ms" 0.85) and as is for a percentage.
number_after() {
    screen | grep -o -m1 -- "$1 [0-9.]*[a-z%]*" | head -1 | awk -v l="$1" '{
        v = substr($0, length(l) + 2)
        if (v ~ /ms$/) { sub(/ms$/, "", v); v = v / 1000 }
        else if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000000 }
        else { sub(/[s%]$/, "", v) }
        print v + 0 }'
}

# above X Y: whether X > Y (decimal numbers).
above() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x > y) }'; }

metrics_charts_bad_deploy() {
    start_shell 160 45
    run_console --demo --scenario bad-deploy
    wait_for " 5 Metrics consumer-agent (ALB, 30m) " 50
    wait_for "P95 latency" 100
    p95=$(number_after "P95 latency"); err=$(number_after "5xx error rate")
    above "$p95" 1 || { echo "    P95 $p95 s is not above 1 s"; screen | tail -14; return 1; }
    above "$err" 5 || { echo "    error rate $err % is not above 5 %"; screen | tail -14; return 1; }
    expect "CRIT > 1s"
    expect "CRIT > 5%"
    expect "req/min"
    expect "╍"                          # the critical lines
    expect "╌"                          # the warning lines
    keys 5; wait_for "[5 Metrics consumer-agent (ALB, 30m)]"
    keys w; wait_for "[5 Metrics consumer-agent (ALB, 60m)]"
    wait_for "P95 latency" 50
    keys '?'; wait_for "In Metrics"
    expect "metrics window: the last 30 or 60 minutes"
    keys Escape; wait_gone "In Metrics"
    keys q
    wait_file "$WORK/rc"
}

metrics_compact_and_no_lb() {
    start_shell 100 24
    run_console --demo --scenario bad-deploy
    wait_for " 5 Metrics consumer-agent (ALB, 30m) " 50
    wait_for "p95 " 100
    wait_for "5xx " 10
    p95=$(number_after "p95"); err=$(number_after "5xx")
    above "$p95" 1 || { echo "    p95 $p95 s is not above 1 s"; screen | tail -8; return 1; }
    above "$err" 5 || { echo "    5xx $err % is not above 5 %"; screen | tail -8; return 1; }
    for l in "p95 " "5xx " "req "; do       # each line has its sparkline
        screen | grep -F -- "│ $l" | grep -qF "█" || { echo "    no sparkline: $l"; return 1; }
    done
    expect "last 30m (w)"
    keys j j; wait_for " 5 Metrics rover-agent (ALB, 30m) "
    wait_for "no load balancer for rover-agent" 50
    keys q
    wait_file "$WORK/rc"
}
