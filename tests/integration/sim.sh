#!/bin/sh
# sim.sh BINARY: integration test of `rollwatch sim`: start it on a free port,
# read the fleet back through rollwatch's own client (`status --json`), check
# that a wrong secret is refused (SigV4 verified by the sim), that an unknown
# X-Amz-Target and an oversized body get AWS's errors (signed here by an
# independent Python signer); then the faults (flags and POST /_sim/faults:
# throttling, 5xx, delay, truncation), the request counters, expiring
# credentials and `--demo`'s start-up failures; then stop it.
# Prints "sim: N passed, N failed".
set -u
RW=$1
dir=$(mktemp -d /tmp/rw-sim.XXXXXX)
"$RW" sim --port 0 --env-file "$dir/env" >"$dir/out" 2>"$dir/err" &
sim=$!
extra=""
trap 'kill $sim $extra 2>/dev/null; rm -rf "$dir"' EXIT
pass=0; fail=0
check() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "  FAIL $2"; fi; }
i=0
until [ -s "$dir/env" ]; do
    i=$((i + 1))
    if [ $i -gt 100 ] || ! kill -0 $sim 2>/dev/null; then
        echo "sim: rollwatch sim did not start"; cat "$dir/err"; echo "sim: 0 passed, 1 failed"
        exit 1
    fi
    sleep 0.1
done
. "$dir/env"
grep -q "^rollwatch sim: listening on $AWS_ENDPOINT_URL\$" "$dir/out"
check $? "stdout did not announce $AWS_ENDPOINT_URL: $(cat "$dir/out")"
rwenv() {
    env -i PATH="$PATH" HOME=/nonexistent AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 \
        AWS_ENDPOINT_URL="$AWS_ENDPOINT_URL" AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" "$@"
}

rwenv AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" "$RW" status --json >"$dir/status" 2>"$dir/status.err"
rc=$?
check $rc "status exited $rc: $(cat "$dir/status.err")"
python3 - "$dir/status" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
cl = {c["name"]: c for c in d["clusters"]}
assert set(cl) == {"demo-fargate"}, cl.keys()
svcs = {s["name"]: s for s in cl["demo-fargate"]["services"]}
assert set(svcs) == {"consumer-agent", "rover-agent", "payments-api"}, svcs.keys()
for name, want in (("consumer-agent", 4), ("rover-agent", 2), ("payments-api", 3)):
    s = svcs[name]
    assert s["desired"] == want and s["running"] == want, s
    assert s["rollout_state"] == "COMPLETED", s
    tasks = [t for t in s["tasks"] if t["last_status"] == "RUNNING"]
    assert len(tasks) == want, s["tasks"]
    for t in tasks:
        assert t["health"] == "HEALTHY" and t["private_ip"].startswith("10.0."), t
        assert t["availability_zone"].startswith("us-east-1"), t
    assert "has reached a steady state." in s["events"][0]["message"], s["events"]
PY
check $? "status --json does not show the default world"

rwenv AWS_SECRET_ACCESS_KEY=wrong "$RW" status >/dev/null 2>"$dir/bad.err"
rc=$?
[ $rc = 3 ] && grep -q InvalidSignatureException "$dir/bad.err"
check $? "wrong secret: exit $rc, want 3 with InvalidSignatureException: $(cat "$dir/bad.err")"

# sign.py TARGET BODYFILE [PATH [QUERY]]: headers of a request signed with the sim's key
# (PATH and QUERY raw, as sent; a test of the sim's raw request-target capture)
cat >"$dir/sign.py" <<'PY'
import datetime, hashlib, hmac, os, sys, urllib.parse
import json
target, body = sys.argv[1], open(sys.argv[2], "rb").read()
if os.environ.get("CREDS_DOC"):  # keys from a container-credentials document
    d = json.load(open(os.environ["CREDS_DOC"]))
    os.environ.update(AWS_ACCESS_KEY_ID=d["AccessKeyId"], AWS_SECRET_ACCESS_KEY=d["SecretAccessKey"],
                      AWS_SESSION_TOKEN=d["Token"])
path = sys.argv[3] if len(sys.argv) > 3 else "/"
query = sys.argv[4] if len(sys.argv) > 4 else ""
cpath = "/".join(urllib.parse.quote(p, safe="-_.~") for p in path.split("/"))
host = os.environ["AWS_ENDPOINT_URL"].split("://")[1]
now = datetime.datetime.now(datetime.timezone.utc)
amz, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
hdrs = {"content-type": "application/x-amz-json-1.1", "host": host,
        "x-amz-date": amz, "x-amz-target": target}
if os.environ.get("AWS_SESSION_TOKEN"):
    hdrs["x-amz-security-token"] = os.environ["AWS_SESSION_TOKEN"]
names = ";".join(sorted(hdrs))
q = lambda v: urllib.parse.quote(urllib.parse.unquote(v), safe="-_.~")
cquery = "&".join(sorted("=".join(q(x) for x in (kv.split("=", 1) + [""])[:2])
                         for kv in query.split("&") if kv))
canon = "\n".join(["POST", cpath, cquery, "".join(f"{k}:{hdrs[k]}\n" for k in sorted(hdrs)), names,
                   hashlib.sha256(body).hexdigest()])
scope = f"{day}/us-east-1/ecs/aws4_request"
sts = "\n".join(["AWS4-HMAC-SHA256", amz, scope, hashlib.sha256(canon.encode()).hexdigest()])
k = ("AWS4" + os.environ["AWS_SECRET_ACCESS_KEY"]).encode()
for part in (day, "us-east-1", "ecs", "aws4_request"):
    k = hmac.new(k, part.encode(), hashlib.sha256).digest()
sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
for k2 in sorted(hdrs):
    if k2 != "host":
        print(f"{k2}: {hdrs[k2]}")
print(f"Authorization: AWS4-HMAC-SHA256 Credential={os.environ['AWS_ACCESS_KEY_ID']}/{scope}, "
      f"SignedHeaders={names}, Signature={sig}")
PY
signed_post() {  # TARGET BODYFILE OUT [PATH [QUERY]]: prints the HTTP status
    python3 "$dir/sign.py" "$1" "$2" "${4:-/}" "${5:-}" >"$dir/hdrs"
    curl -s -o "$3" -w '%{http_code}' -X POST --path-as-is \
        "$AWS_ENDPOINT_URL${4:-/}${5:+?$5}" -H @"$dir/hdrs" --data-binary @"$2"
}
printf '{}' >"$dir/empty.json"
code=$(signed_post AmazonEC2ContainerServiceV20141113.ListClusters "$dir/empty.json" "$dir/r1")
[ "$code" = 200 ] && grep -q 'cluster/demo-fargate' "$dir/r1"
check $? "independently signed ListClusters: HTTP $code $(cat "$dir/r1")"
code=$(signed_post AmazonEC2ContainerServiceV20141113.ListClusters "$dir/empty.json" "$dir/r5" \
    '/x%20y/z' 'b=2&a=%2F1')
[ "$code" = 200 ]
check $? "signed over a percent-encoded path and a query: HTTP $code $(cat "$dir/r5")"
code=$(signed_post AmazonEC2ContainerServiceV20141113.LaunchRockets "$dir/empty.json" "$dir/r2")
[ "$code" = 400 ] && grep -q UnknownOperationException "$dir/r2"
check $? "unknown target: HTTP $code $(cat "$dir/r2")"
head -c 1100000 /dev/zero | tr '\0' ' ' >"$dir/big.json"
code=$(signed_post AmazonEC2ContainerServiceV20141113.ListClusters "$dir/big.json" "$dir/r3")
[ "$code" = 413 ]
check $? "1.1 MB body: HTTP $code, want 413"
code=$(curl -s -o "$dir/r4" -w '%{http_code}' -X POST "$AWS_ENDPOINT_URL/" -d '{}' \
    -H 'X-Amz-Target: AmazonEC2ContainerServiceV20141113.ListClusters')
[ "$code" = 400 ] && grep -q MissingAuthenticationTokenException "$dir/r4"
check $? "unsigned request: HTTP $code $(cat "$dir/r4")"
printf '{"cluster":"demo-fargate","service":"rover-agent","forceNewDeployment":true}' >"$dir/upd.json"
code=$(signed_post AmazonEC2ContainerServiceV20141113.UpdateService "$dir/upd.json" "$dir/r6")
[ "$code" = 200 ] && rwenv AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" "$RW" status --json \
    --service rover-agent >"$dir/status2" 2>&1 && python3 - "$dir/status2" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["clusters"][0]["services"][0]
assert s["name"] == "rover-agent" and s["rollout_state"] == "IN_PROGRESS", s
assert [d["status"] for d in s["deployments"]] == ["PRIMARY", "ACTIVE"], s["deployments"]
PY
check $? "UpdateService forceNewDeployment: HTTP $code $(cat "$dir/r6" "$dir/status2")"
code=$(curl -s -o /dev/null -w '%{http_code}' "$ROLLWATCH_SIM_CONTROL/health")
check $([ "$code" = 200 ]; echo $?) "control health: HTTP $code"

# ---- faults through the control API (POST /_sim/faults), and the counters ----
ctl() { curl -s -o "$dir/ctl" -w '%{http_code}' "$@"; }
reqs() { curl -s "$ROLLWATCH_SIM_CONTROL/requests"; }
# count KEY: an operation's count ("ecs.ListClusters") or a fault's ("throttle")
count() {
    reqs | python3 -c 'import json,sys; d=json.load(sys.stdin); k=sys.argv[1]
print(d["operations"].get(k, d["faults_injected"].get(k, 0)))' "$1"
}
status_rw() { rwenv AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" "$RW" status "$@"; }
python3 - "$(reqs)" <<'PY'
import json, sys
m = json.loads(sys.argv[1])["mutating"]
assert [x["operation"] for x in m] == ["ecs.UpdateService"], m
assert m[0]["body"] == {"cluster": "demo-fargate", "service": "rover-agent",
                        "forceNewDeployment": True}, m
assert m[0]["at"].endswith("Z") and m[0]["status"] == 200, m
PY
check $? "GET /_sim/requests does not record the UpdateService: $(reqs)"

before=$(count ecs.ListClusters); thr=$(count throttle)
code=$(ctl -X POST "$ROLLWATCH_SIM_CONTROL/faults" -d '{"throttle_rate":1.0}')
status_rw >/dev/null 2>"$dir/thr.err"
rc=$?
[ "$code" = 200 ] && [ $rc = 3 ] && grep -q ThrottlingException "$dir/thr.err"
check $? "throttle 1.0: POST HTTP $code, status exit $rc, want 3 with ThrottlingException: $(cat "$dir/thr.err")"
[ $(($(count ecs.ListClusters) - before)) = 3 ] && [ $(($(count throttle) - thr)) = 3 ]
check $? "throttle 1.0: want 3 attempts of ListClusters, 3 throttled: $(reqs)"
code=$(ctl -X POST "$ROLLWATCH_SIM_CONTROL/faults" -d '{"throttle_rate":0.5,"bogus":1}')
[ "$code" = 400 ] && grep -q "unknown key 'bogus'" "$dir/ctl" &&
    curl -s "$ROLLWATCH_SIM_CONTROL/faults" | grep -q '"throttle_rate":1,'
check $? "a bad POST /_sim/faults: HTTP $code $(cat "$dir/ctl"), and nothing may change"
code=$(ctl -X POST "$ROLLWATCH_SIM_CONTROL/faults" -d '{"throttle_rate":0}')
status_rw >/dev/null 2>"$dir/thr0.err"
check $? "throttle back to 0 (HTTP $code): status fails: $(cat "$dir/thr0.err")"

ctl -X POST "$ROLLWATCH_SIM_CONTROL/faults" -d '{"delay_ms":700}' >/dev/null
python3 "$dir/sign.py" AmazonEC2ContainerServiceV20141113.ListClusters "$dir/empty.json" >"$dir/hdrs"
t=$(curl -s -o "$dir/r7" -w '%{http_code} %{time_total}' -X POST "$AWS_ENDPOINT_URL/" \
    -H @"$dir/hdrs" --data-binary @"$dir/empty.json")
h=$(curl -s -o /dev/null -w '%{time_total}' "$ROLLWATCH_SIM_CONTROL/health")
ctl -X POST "$ROLLWATCH_SIM_CONTROL/faults" -d '{"delay_ms":0}' >/dev/null
python3 -c 'import sys; c, t = sys.argv[1].split(); assert c == "200" and float(t) >= 0.7, sys.argv[1]
assert float(sys.argv[2]) < 0.5, "control delayed " + sys.argv[2]' "$t" "$h"
check $? "delay 700 ms: signed ListClusters took '$t' (want 200, >= 0.7 s), /_sim/health $h s"

ctl -X POST "$ROLLWATCH_SIM_CONTROL/faults" -d '{"truncate_rate":1}' >/dev/null
status_rw >/dev/null 2>"$dir/trunc.err"
rc=$?
ctl -X POST "$ROLLWATCH_SIM_CONTROL/faults" -d '{"truncate_rate":0}' >/dev/null
[ $rc = 3 ] && grep -qi "json\|pars" "$dir/trunc.err"
check $? "truncate 1.0: status exit $rc, want 3 with a parse error: $(cat "$dir/trunc.err")"

# ---- more sims: faults from the flags, expiring credentials ----
# start_sim NAME ARGS...: another sim on a free port; its env file is $dir/NAME.env
start_sim() {
    n=$1; shift
    "$RW" sim --port 0 --env-file "$dir/$n.env" "$@" >/dev/null 2>"$dir/$n.err" &
    extra="$extra $!"
    j=0
    until [ -s "$dir/$n.env" ]; do
        j=$((j + 1)); [ $j -gt 100 ] && return 1
        sleep 0.1
    done
}
envval() { sed -n "s/^export $2=//p" "$dir/$1.env"; }
start_sim flags --error-rate 1 --seed 5 --scenario throttling
AWS_ENDPOINT_URL=$(envval flags AWS_ENDPOINT_URL) rwenv \
    AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" "$RW" status >/dev/null 2>"$dir/err5.err"
rc=$?
f=$(curl -s "$(envval flags ROLLWATCH_SIM_CONTROL)/faults")
[ $rc = 3 ] && grep -q "InternalFailure\|ServiceUnavailable" "$dir/err5.err" &&
    echo "$f" | grep -q '"throttle_rate":0.3,"throttle_ecs_logs_only":true,"error_rate":1,'
check $? "--error-rate 1 --scenario throttling: status exit $rc $(cat "$dir/err5.err"); faults $f"

start_sim creds --expire-credentials-after 4
ce=$(envval creds AWS_ENDPOINT_URL)
uri=$(envval creds AWS_CONTAINER_CREDENTIALS_FULL_URI)
[ "$uri" = "$ce/_sim/credentials" ] && ! grep -q AWS_ACCESS_KEY_ID "$dir/creds.env"
check $? "env file with --expire-credentials-after: $(cat "$dir/creds.env")"
# signed_with DOC: sign ListClusters with the keys of credentials document DOC; HTTP status
signed_with() {
    CREDS_DOC=$1 AWS_ENDPOINT_URL=$ce python3 "$dir/sign.py" \
        AmazonEC2ContainerServiceV20141113.ListClusters "$dir/empty.json" >"$dir/hdrs"
    curl -s -o "$dir/rc.out" -w '%{http_code}' -X POST "$ce/" -H @"$dir/hdrs" \
        --data-binary @"$dir/empty.json"
}
expiry() { date -d "$(sed -n 's/.*"Expiration":"\([^"]*\)".*/\1/p' "$1")" +%s; }
t1=$(date +%s)
curl -s "$uri" >"$dir/c1.json"
t2=$(date +%s)
c1=$(signed_with "$dir/c1.json")
exp=$(expiry "$dir/c1.json")
[ "$c1" = 200 ] && grep -q '"AccessKeyId":"ASIA' "$dir/c1.json" &&
    [ "$exp" -ge $((t1 + 4)) ] && [ "$exp" -le $((t2 + 4)) ]
check $? "temporary keys (fetched $t1..$t2, expiring $exp): HTTP $c1 $(cat "$dir/rc.out" "$dir/c1.json")"
while [ "$(date +%s)" -le $((exp + 1)) ]; do sleep 0.2; done   # whole seconds: +1
c2=$(signed_with "$dir/c1.json")
[ "$c2" = 400 ] && grep -q '"__type":"ExpiredTokenException","message":"The security token included in the request is expired"' "$dir/rc.out"
check $? "expired keys: HTTP $c2 $(cat "$dir/rc.out")"
curl -s "$uri" >"$dir/c3.json"
c3=$(signed_with "$dir/c3.json")
check $([ "$c3" = 200 ]; echo $?) "fresh keys after the expiry: HTTP $c3 $(cat "$dir/rc.out")"
# rollwatch's chain reads the container endpoint (loopback is allowed); it uses no
# keys with under 10 s left, so these live 20 s
start_sim creds20 --expire-credentials-after 20
env -i PATH="$PATH" HOME=/nonexistent AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 \
    AWS_ENDPOINT_URL="$(envval creds20 AWS_ENDPOINT_URL)" \
    AWS_CONTAINER_CREDENTIALS_FULL_URI="$(envval creds20 AWS_CONTAINER_CREDENTIALS_FULL_URI)" \
    "$RW" status >/dev/null 2>"$dir/cs.err"
check $? "status with container credentials from the sim: $(cat "$dir/cs.err")"

# ---- --demo cannot start its sim: a clear message and exit 3, quickly ----
t0=$(date +%s)
"$RW" --demo --scenario no-such </dev/null >/dev/null 2>"$dir/demo.err"
rc=$?
[ $rc = 3 ] && grep -q "the fake cloud did not start.*unknown scenario 'no-such'" "$dir/demo.err" &&
    [ $(($(date +%s) - t0)) -le 3 ]
check $? "--demo with a bad scenario: exit $rc, want 3: $(cat "$dir/demo.err")"
"$RW" --demo --throttle-rate 7 </dev/null >/dev/null 2>"$dir/demo2.err"
rc=$?
[ $rc = 64 ] && grep -q "bad --throttle-rate '7'" "$dir/demo2.err"
check $? "--demo --throttle-rate 7: exit $rc, want 64: $(cat "$dir/demo2.err")"

kill $sim
i=0
while kill -0 $sim 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 50 ] && break
    sleep 0.1
done
kill -0 $sim 2>/dev/null
check $([ $? != 0 ]; echo $?) "rollwatch sim still running after SIGTERM"
wait $sim 2>/dev/null
rc=$?
kill $extra 2>/dev/null
check $rc "rollwatch sim exited $rc after SIGTERM: $(cat "$dir/err")"
echo "sim: $pass passed, $fail failed"
[ $fail = 0 ]
