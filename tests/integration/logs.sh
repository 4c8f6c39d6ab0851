#!/bin/sh
# logs.sh BINARY: `rollwatch logs` against the sim, with ground truth from its
# control API (/_sim/truth/logs):
#   1. a burst of 50 000 events (within half a second) while following: the
#      output equals the truth exactly (no loss, no duplicate, the right order);
#   2. events sharing one millisecond split across a page boundary (12 000 in
#      one ms; pages hold 10 000);
#   3. late events (ingested 3 s after their timestamp) still shown, in order;
#   4. a sidecar's lines: not shown for the service by default, shown with
#      --container log_router;
#   5. another service sharing the group and prefix: never shown;
#   6. tasks started mid-rollout (bad-deploy at --speed 20) are followed;
#   7. FireLens options resolved to the right group and prefix;
#   8. a one-shot read of 120 000 lines (more than the ring's 100 000) prints all,
#      and so does a follow's first read; a quiet stream's last lines are printed;
#      a line late for the first read still comes out in its place;
#   and an invalid --filter is refused (64), a closed pipe ends quietly.
# Prints "logs: N passed, N failed".
set -u
RW=$1
. "$(dirname "$0")/simlib.sh"
ctl() { ( . "$dir/$1.env"; shift; curl -s -m 30 "$@" "$ROLLWATCH_SIM_CONTROL$P" ); }
inject() { P=/logs ctl "$1" -X POST -d "$2" >/dev/null; }
truth() { P="/truth/logs?$2" ctl "$1"; }
# follow_until FILE PATTERN N TENTHS: wait until FILE has N lines matching
# PATTERN (or TENTHS of a second pass), then stop the follow $bgpid
follow_until() {
    i=0
    while [ "$(grep -c -- "$2" "$1")" -lt "$3" ] && [ $i -lt "$4" ]; do
        sleep 0.1; i=$((i + 1))
    done
    kill $bgpid 2>/dev/null; wait $bgpid 2>/dev/null
}

# compare.py OUT TRUTH BEGIN END: the follower's detailed lines from BEGIN to END (ms)
# equal the truth's
cat >"$dir/compare.py" <<'PY'
import json, sys, datetime
out, truth, begin, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def ms(s):
    d = datetime.datetime.fromisoformat(s)
    return int(d.timestamp() * 1000 + 0.5)
got = []
for line in open(out, encoding="utf-8", errors="surrogateescape"):
    ts, stream, msg = line.rstrip("\n").split(" ", 2)
    if begin <= ms(ts) <= end:
        got.append((ms(ts), stream, msg))
want = [(e["timestamp"], e["logStreamName"], e["message"]) for e in json.load(open(truth))["events"]
        if begin <= e["timestamp"] <= end]
if got != want:
    print("  got %d lines, truth %d" % (len(got), len(want)))
    for i, (g, w) in enumerate(zip(got, want)):
        if g != w:
            print("  first difference at %d: %r != %r" % (i, g, w)); break
    sys.exit(1)
print("  %d lines equal the truth" % len(got))
PY

start steady --scenario steady --seed 5
now=$(($(date +%s) * 1000))
rw_bg steady logs --group /ecs/rover-agent --since 1m --follow >"$dir/follow.out" 2>"$dir/follow.err"
fpid=$bgpid
sleep 2
# the burst: 50 000 lines logged within half a second (5 000 to a millisecond)
t=$(($(date +%s%N) / 1000000))
for k in 0 1 2 3 4 5 6 7 8 9; do
    inject steady "{\"group\":\"/ecs/rover-agent\",\"stream\":\"ecs/rover-agent/burst000$k\",\"messages\":[\"burst line $k\"],\"repeat\":5000,\"number\":true,\"same_millisecond\":true,\"timestamp\":$((t + 50 * k))}"
done
t=$(($(date +%s%N) / 1000000))
inject steady "{\"group\":\"/ecs/rover-agent\",\"stream\":\"ecs/rover-agent/samems0001\",\"messages\":[\"same ms\"],\"repeat\":12000,\"number\":true,\"same_millisecond\":true,\"timestamp\":$t}"
# late: stamped a second ago, visible 2 s from now (3 s late: the edge of the delay)
t=$(($(date +%s%N) / 1000000 - 1000))
inject steady "{\"group\":\"/ecs/rover-agent\",\"stream\":\"ecs/rover-agent/5a17c0cf81af14c1000a81a70badf01e\",\"messages\":[\"late line\"],\"repeat\":5,\"number\":true,\"timestamp\":$t,\"delay_ms\":2000}"
sleep 12
end=$(($(date +%s) * 1000 - 9000))  # older lines are out: ingested and past the hold-back
truth steady "group=%2Fecs%2Frover-agent&start=$((now - 60000))" >"$dir/truth.json"
python3 "$dir/compare.py" "$dir/follow.out" "$dir/truth.json" "$((now - 55000))" "$end"
check $? "1-3: the follow differs from the truth (burst, shared ms, late): $(head -c 300 "$dir/follow.err")"
n=$(grep -c "burst line [0-9] #" "$dir/follow.out"); [ "$n" = 50000 ]
check $? "1: $n of 50000 burst lines"
n=$(grep -c " same ms #" "$dir/follow.out"); [ "$n" = 12000 ]
check $? "2: $n of 12000 lines sharing one millisecond"
n=$(grep -c "late line #" "$dir/follow.out"); [ "$n" = 5 ]
check $? "3: $n of 5 late lines"
kill $fpid 2>/dev/null

# 4, 5, 7: payments-api logs through FireLens; its log router through awslogs
inject steady '{"group":"/ecs/payments-api","stream":"firelens/payments-api-firelens-0therservice0000000000000000000","messages":["not mine"],"delay_ms":0}'
rw steady logs payments-api --since 40m >"$dir/pa.out" 2>"$dir/pa.err"
rc=$?
[ $rc = 0 ] && [ -s "$dir/pa.out" ] && ! grep -qv " firelens/payments-api-firelens-" "$dir/pa.out"
check $? "7: payments-api's lines are not all from its FireLens streams (rc $rc): $(head -c 300 "$dir/pa.out$dir/pa.err" 2>/dev/null; head -c 200 "$dir/pa.err")"
! grep -q "not mine" "$dir/pa.out"
check $? "5: another service's stream in the same group and prefix leaked in"
! grep -q "ecs/log_router/" "$dir/pa.out"
check $? "4: the log router's lines are shown by default"
# the router logs rarely: give a running task's router a line of its own
task=$(tail -1 "$dir/pa.out" | sed 's/^[^ ]* [^ ]*-firelens-\([0-9a-f]*\) .*/\1/')
inject steady "{\"group\":\"/ecs/payments-api\",\"stream\":\"ecs/log_router/$task\",\"messages\":[\"router line\"],\"timestamp\":$(($(date +%s%N) / 1000000 - 5000)),\"delay_ms\":0}"
rw steady logs payments-api --container log_router --since 60m >"$dir/lr.out" 2>&1
grep -q " ecs/log_router/$task router line\$" "$dir/lr.out" && ! grep -q "firelens/" "$dir/lr.out"
check $? "4: --container log_router does not show the router's lines: $(head -c 300 "$dir/lr.out")"

# 6: tasks started during a rollout are followed
start roll --scenario bad-deploy --speed 20
rw_bg roll logs consumer-agent --since 30s --follow >"$dir/roll.out" 2>&1
rpid=$bgpid
sleep 12
kill $rpid 2>/dev/null
rw roll status --json >"$dir/roll.json" 2>/dev/null
python3 - "$dir/roll.json" "$dir/roll.out" <<'PY'
import json, sys
svc = [s for s in json.load(open(sys.argv[1]))["clusters"][0]["services"] if s["name"] == "consumer-agent"][0]
tasks = {t["id"]: t for t in svc["tasks"]}
seen = {l.split(" ", 2)[1].rsplit("/", 1)[1] for l in open(sys.argv[2]) if " ecs/consumer-agent/" in l}
new = [i for i in seen if i in tasks and tasks[i]["task_definition"].endswith(":4")]
assert len(seen) >= 5 and len(new) >= 3, (len(seen), len(new))
PY
check $? "6: tasks started during the rollout were not followed: $(tail -c 300 "$dir/roll.out")"

# 8: a one-shot read of more lines than the ring holds (100 000) prints them all, in order
t=$(($(date +%s%N) / 1000000 - 190000)) # 1 ms apart: up to 70 s ago
inject steady "{\"group\":\"/ecs/big\",\"stream\":\"ecs/app/big0\",\"messages\":[\"big line\"],\"repeat\":120000,\"number\":true,\"timestamp\":$t,\"delay_ms\":0}"
rw steady logs --group /ecs/big --since 5m >"$dir/big.out" 2>"$dir/big.err"
n=$(grep -c "big line #" "$dir/big.out")
[ "$n" = 120000 ] && head -1 "$dir/big.out" | grep -q " big line #1\$" &&
    tail -1 "$dir/big.out" | grep -q " big line #120000\$"
check $? "8: a one-shot read printed $n of 120000 lines: $(head -c 300 "$dir/big.err")"
# ... and so does a follow's first read of it (printed as it comes, not held in the ring)
rw_bg steady logs --group /ecs/big --since 5m --follow >"$dir/bigf.out" 2>"$dir/bigf.err"
follow_until "$dir/bigf.out" "big line #" 120000 300
n=$(grep -c "big line #" "$dir/bigf.out")
[ "$n" = 120000 ] && head -1 "$dir/bigf.out" | grep -q " big line #1\$" &&
    tail -1 "$dir/bigf.out" | grep -q " big line #120000\$"
check $? "8: a follow's first read printed $n of 120000 lines: $(head -c 300 "$dir/bigf.err")"

# a quiet stream: lines that come after the first read are printed, though
# nothing newer arrives to push them out of the overlap
t=$(($(date +%s%N) / 1000000)) # not back-dated: the overlap learnt stays 3 s
inject steady "{\"group\":\"/ecs/quiet\",\"stream\":\"ecs/app/q0\",\"messages\":[\"first\"],\"timestamp\":$t,\"delay_ms\":0}"
rw_bg steady logs --group /ecs/quiet --since 1m --follow >"$dir/quiet.out" 2>"$dir/quiet.err"
sleep 2
t=$(($(date +%s%N) / 1000000))
inject steady "{\"group\":\"/ecs/quiet\",\"stream\":\"ecs/app/q0\",\"messages\":[\"quiet line\"],\"repeat\":5,\"number\":true,\"timestamp\":$t,\"delay_ms\":0}"
follow_until "$dir/quiet.out" "quiet line #" 5 150
n=$(grep -c "quiet line #" "$dir/quiet.out")
[ "$n" = 5 ]
check $? "a quiet stream's last lines: $n of 5 printed within 15 s: $(head -c 300 "$dir/quiet.err")"

# a follow's first read: a line still inside the ingestion delay when it begins
# comes out in its place, before a newer line that was visible at once
t=$(($(date +%s%N) / 1000000))
inject steady "{\"group\":\"/ecs/order\",\"stream\":\"ecs/app/o0\",\"messages\":[\"early line\"],\"timestamp\":$((t - 1000)),\"delay_ms\":2500}"
inject steady "{\"group\":\"/ecs/order\",\"stream\":\"ecs/app/o0\",\"messages\":[\"newer line\"],\"timestamp\":$((t - 500)),\"delay_ms\":0}"
rw_bg steady logs --group /ecs/order --since 1m --follow >"$dir/order.out" 2>"$dir/order.err"
follow_until "$dir/order.out" " line\$" 2 150
[ "$(sed 's/.* //' "$dir/order.out" | tr '\n' ' ')" = "line line " ] &&
    head -1 "$dir/order.out" | grep -q " early line\$"
check $? "the first read put a late line out of order: $(cat "$dir/order.out" "$dir/order.err" | head -c 300)"

rw steady logs rover-agent --filter '(' >/dev/null 2>"$dir/re.err"
rc=$?
[ $rc = 64 ] && grep -q "bad --filter" "$dir/re.err"
check $? "an invalid --filter: exit $rc: $(cat "$dir/re.err")"
rw steady logs --group /ecs/rover-agent --since 60m 2>"$dir/pipe.err" | head -1 >/dev/null
[ ! -s "$dir/pipe.err" ]
check $? "a closed pipe is not quiet: $(cat "$dir/pipe.err")"

echo "logs: $pass passed, $fail failed"
[ $fail = 0 ]
