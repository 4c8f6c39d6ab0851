#!/bin/sh
# sim_scenarios.sh BINARY: each drill scenario of `rollwatch sim`, read back
# through rollwatch's own client with `status --json`: steady is settled,
# bad-deploy is mid-rollout of revision 4 begun 8 minutes before start (and
# the client core's moto_ops checks read its STS, Logs, metrics, stack, ALB and
# rollback target), and
# slow-boot (at --speed 20) trips the circuit breaker and rolls back to :3,
# leaving stopped tasks whose app container exited 1; throttling throttles
# about 30 % of ECS calls; flapping-health's /health alternates.
# Prints "sim_scenarios: N passed, N failed".
set -u
RW=$1
. "$(dirname "$0")/simlib.sh"
# status NAME: status --json against sim NAME into $dir/NAME.json
status() { rw "$1" status --json >"$dir/$1.json" 2>"$dir/$1.json.err"; }

start steady --scenario steady && status steady
python3 - "$dir/steady.json" <<'PY'
import json, sys
svcs = {s["name"]: s for s in json.load(open(sys.argv[1]))["clusters"][0]["services"]}
for s in svcs.values():
    assert s["rollout_state"] == "COMPLETED" and len(s["deployments"]) == 1, s["name"]
    assert s["running"] == s["desired"], s
PY
check $? "steady is not settled: $(cat "$dir/steady.json.err")"

start bad --scenario bad-deploy --seed 7 && status bad
python3 - "$dir/bad.json" <<'PY'
import json, sys, datetime
svcs = {s["name"]: s for s in json.load(open(sys.argv[1]))["clusters"][0]["services"]}
ca = svcs["consumer-agent"]
d = ca["deployments"]
assert [x["status"] for x in d] == ["PRIMARY", "ACTIVE"], d
assert d[0]["revision"] == 4 and d[1]["revision"] == 3, d
assert d[0]["rollout_state"] == "IN_PROGRESS" and ca["rollout_state"] == "IN_PROGRESS", d
began = datetime.datetime.fromisoformat(d[0]["created_at"].replace("Z", "+00:00"))
ago = (datetime.datetime.now(datetime.timezone.utc) - began).total_seconds()
assert 470 <= ago <= 500, ago
assert svcs["rover-agent"]["rollout_state"] == "COMPLETED"
PY
check $? "bad-deploy is not mid-rollout of :4 begun 8 min ago: $(cat "$dir/bad.json.err")"

# the AWS client core's integration checks (moto_ops) against the sim's world
( . "$dir/bad.env"
  env -i PATH="$PATH" HOME=/nonexistent AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 \
      AWS_ENDPOINT_URL="$AWS_ENDPOINT_URL" AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" \
      AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" "$(dirname "$RW")/moto_ops" sim ) >"$dir/ops" 2>&1
rc=$?
sed 's/^/  /' "$dir/ops"
check $rc "the client core's checks against the sim (STS, Logs, CloudWatch, CloudFormation, ELBv2, rollback target)"

start slow --scenario slow-boot --speed 20
ok=1
for i in $(seq 1 60); do
    status slow
    if python3 - "$dir/slow.json" 2>/dev/null <<'PY'
import json, sys
ca = {s["name"]: s for s in json.load(open(sys.argv[1]))["clusters"][0]["services"]}["consumer-agent"]
d = ca["deployments"]
assert d[0]["revision"] == 3 and d[0]["status"] == "PRIMARY", d
assert any(x["revision"] == 4 and x["rollout_state"] == "FAILED" for x in d[1:]), d
exits = [c.get("exit_code") for t in ca["tasks"] for c in t["containers"]
         if t["task_definition"].endswith(":4") and t["last_status"] == "STOPPED"]
assert 1 in exits, exits
PY
    then ok=0; break; fi
    sleep 0.5
done
check $ok "slow-boot did not fail and roll back within 30 s at --speed 20: $(tail -c 600 "$dir/slow.json")"

# throttling: about 30 % of ECS calls are throttled (the sim's own count)
start thr --scenario throttling --seed 3
for i in 1 2 3 4; do status thr; done
( . "$dir/thr.env"; curl -s -m 5 "$ROLLWATCH_SIM_CONTROL/requests" ) >"$dir/thr.req"
python3 - "$dir/thr.req" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ecs = sum(n for op, n in d["operations"].items() if op.startswith("ecs."))
thr = d["faults_injected"]["throttle"]
assert ecs >= 20 and 0.15 <= thr / ecs <= 0.45, (thr, ecs, d["operations"])
PY
check $? "throttling: not about 30 % of ECS calls throttled: $(cat "$dir/thr.req")"

# flapping-health at --speed 20: payments-api's /health fails 1.5 s, passes 2.25 s
start flap --scenario flapping-health --speed 20
( . "$dir/flap.env"; base=${AWS_ENDPOINT_URL}
  for i in $(seq 1 40); do
      curl -s -o /dev/null -w '%{http_code}\n' -m 3 "$base/svc/payments-api/health"; sleep 0.2
  done ) >"$dir/flap.codes"
python3 - "$dir/flap.codes" <<'PY'
import sys
codes = open(sys.argv[1]).read().split()
bad = codes.count("503") / len(codes)
assert set(codes) <= {"200", "503"} and 0.2 <= bad <= 0.6, codes
PY
check $? "flapping-health: /health does not alternate: $(tr '\n' ' ' <"$dir/flap.codes")"

echo "sim_scenarios: $pass passed, $fail failed"
[ $fail = 0 ]
