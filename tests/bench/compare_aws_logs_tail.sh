#!/bin/sh
# compare_aws_logs_tail.sh BINARY: `rollwatch logs` against `aws logs tail`
# (AWS CLI version 2, /usr/bin/aws, the one Debian's awscli package installs)
# on the same log group of `rollwatch sim`: 200 000 events in /ecs/bench,
# injected in 20 chunks of 10 000 over 4 streams, stamped across the last
# 10 minutes, all visible (checked against the sim's ground truth) before
# either tool runs. Each tool reads it with --since 15m --format short, five
# times, the two taking turns (a busy machine weighs on both; medians are
# reported); each run's user+sys CPU and wall time come from getrusage of the
# child, its FilterLogEvents calls from the sim's /_sim/requests before and
# after. Prints the lines each printed, whether every run printed the same set
# of lines (sorted: the same messages at the same timestamps), the CPU of each and
# the ratio (goal: rollwatch uses at least 20x less), the wall ratio and the
# request counts. Skips with the reason when /usr/bin/aws is missing or not
# version 2 (version 1 has no `logs tail`). Exits 1 if the sets differ.
set -u
RW=$1
AWS=/usr/bin/aws
EVENTS=200000
CHUNK=10000
say() { echo "compare: $*"; }
if [ ! -x "$AWS" ]; then
    say "skipped: $AWS is missing (Debian's awscli package; share/install-deps.sh installs it)"
    exit 0
fi
ver=$("$AWS" --version 2>&1)
case $ver in
aws-cli/2.*) ;;
*) say "skipped: $AWS is not version 2 ($ver): version 1 has no \`logs tail\`"; exit 0 ;;
esac
command -v python3 >/dev/null 2>&1 || { say "skipped: python3 is missing"; exit 0; }
. "$(dirname "$0")/../integration/simlib.sh"
start bench --scenario steady || exit 1
. "$dir/bench.env"

# timed NAME CMD...: CMD's stdout into $dir/NAME.out; "rc user sys wall" into $dir/NAME.time
timed() {
    name=$1; shift
    python3 -c '
import resource, subprocess, sys, time
# the difference: a python3 launcher (pyenv) may have reaped children of its own before
r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
t = time.monotonic()
rc = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write("%d %.3f %.3f %.3f\n" % (rc, r.ru_utime - r0.ru_utime,
                                                     r.ru_stime - r0.ru_stime, wall))
' "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
}
calls() {
    curl -s -m 10 "$ROLLWATCH_SIM_CONTROL/requests" | python3 -c \
        'import json, sys; print(json.load(sys.stdin)["operations"].get("logs.FilterLogEvents", 0))'
}

# 20 chunks of 10 000 (5 messages x 2000, numbered), one every 30 s of the last 10 minutes
t0=$(($(date +%s) * 1000 - 600000))
j=0
while [ $((j * CHUNK)) -lt $EVENTS ]; do
    body=$(printf '{"group":"/ecs/bench","stream":"ecs/app/task%d","timestamp":%d,"repeat":%d,"number":true,"messages":["GET /health 200 2ms c%d","{\\"level\\":\\"error\\",\\"event\\":\\"upstream timeout\\",\\"chunk\\":%d}","INFO [main] c.e.consumer.Poller - polled 10 messages from consumer-high c%d","10.0.2.47 - - \\"POST /v1/jobs HTTP/1.1\\" 202 512 c%d","caf\\u00e9 \\u2713 deploy :42 ready c%d"]}' \
        $((j % 4)) $((t0 + j * 30000)) $((CHUNK / 5)) $j $j $j $j $j)
    curl -s -m 30 -X POST -d "$body" "$ROLLWATCH_SIM_CONTROL/logs" | grep -q "\"injected\":$CHUNK" ||
        { say "injecting chunk $j failed"; exit 1; }
    j=$((j + 1))
done
i=0
until [ "$(curl -s -m 60 "$ROLLWATCH_SIM_CONTROL/truth/logs?group=%2Fecs%2Fbench" |
          python3 -c 'import json, sys; print(len(json.load(sys.stdin)["events"]))')" = $EVENTS ]; do
    i=$((i + 1))
    [ $i -gt 20 ] && { say "the sim never showed all $EVENTS events"; exit 1; }
    sleep 1
done

run_aws() {
    timed "$1" env -i PATH="$PATH" HOME="$dir" AWS_CONFIG_FILE=/dev/null \
        AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" \
        AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" AWS_DEFAULT_REGION=us-east-1 \
        AWS_EC2_METADATA_DISABLED=true AWS_PAGER= TZ=UTC \
        "$AWS" --endpoint-url "$AWS_ENDPOINT_URL" logs tail /ecs/bench --since 15m --format short
}
run_rw() {
    timed "$1" env -i PATH="$PATH" HOME=/nonexistent AWS_EC2_METADATA_DISABLED=true \
        AWS_REGION=us-east-1 AWS_ENDPOINT_URL="$AWS_ENDPOINT_URL" \
        AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
        TZ=UTC "$RW" logs --group /ecs/bench --since 15m --format short
}
# 5 rounds, the tools taking turns (so a busy machine weighs on both); the median counts
for r in 1 2 3 4 5; do
    for t in aws rw; do
        c0=$(calls)
        run_$t $t$r
        echo $(($(calls) - c0)) >"$dir/$t$r.calls"
        read -r rc _ <"$dir/$t$r.time"
        [ "$rc" = 0 ] || { say "$t exited $rc: $(head -c 300 "$dir/$t$r.err")"; exit 1; }
        LC_ALL=C sort "$dir/$t$r.out" >"$dir/$t$r.sorted"
    done
done
same=yes
for f in aws2 aws3 aws4 aws5 rw1 rw2 rw3 rw4 rw5; do cmp -s "$dir/aws1.sorted" "$dir/$f.sorted" || same=no; done
say "$EVENTS events in /ecs/bench over 10 min; each tool reads --since 15m --format short 5 times"
python3 - "$dir" "$same" "$ver" <<'PY'
import sys
d, same, ver = sys.argv[1:4]
def tool(name, label):
    runs = []
    for r in (1, 2, 3, 4, 5):
        _, u, s, w = map(float, open("%s/%s%d.time" % (d, name, r)).read().split())
        lines = sum(1 for _ in open("%s/%s%d.out" % (d, name, r), "rb"))
        calls = int(open("%s/%s%d.calls" % (d, name, r)).read())
        runs.append((u + s, u, s, w, lines, calls))
    cpu = sorted(runs)[2]
    wall = sorted(x[3] for x in runs)[2]
    print("compare: %s: %d lines, CPU %.2f s (user %.2f + sys %.2f; median of %s), wall %.2f s "
          "(median), %s FilterLogEvents requests" % (label, cpu[4], cpu[0], cpu[1], cpu[2],
          "/".join("%.2f" % x[0] for x in runs), wall, "/".join(str(x[5]) for x in runs)))
    return cpu[0], wall
ac, aw = tool("aws", "aws logs tail (%s)" % ver.split()[0])
rc, rw = tool("rw", "rollwatch logs")
cpu = ac / max(rc, 0.001)
print("compare: same set of lines: %s; CPU ratio %.1fx (goal >= 20x: %s); wall ratio %.2fx "
      "(aws / rollwatch; rollwatch keeps FilterLogEvents to 5 calls a second, AWS's quota, "
      "and aws logs tail does not)" % (same, cpu, "met" if cpu >= 20 else "MISSED", aw / max(rw, 0.001)))
PY
if [ $same = no ]; then
    say "lines only aws printed (<) or only rollwatch printed (>), first 10:"
    LC_ALL=C comm -3 "$dir/aws1.sorted" "$dir/rw1.sorted" | head -10 |
        sed 's/^\t/  > /; t; s/^/  < /'
    exit 1
fi
