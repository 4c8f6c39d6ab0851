#!/bin/sh
# sim.sh BINARY: integration test of `rollwatch sim`: start it on a free port,
# read the fleet back through rollwatch's own client (`status --json`), check
# that a wrong secret is refused (SigV4 verified by the sim), that an unknown
# X-Amz-Target and an oversized body get AWS's errors (signed here by an
# independent Python signer), then stop it. Prints "sim: N passed, N failed".
set -u
RW=$1
dir=$(mktemp -d /tmp/rw-sim.XXXXXX)
"$RW" sim --port 0 --env-file "$dir/env" >"$dir/out" 2>"$dir/err" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -rf "$dir"' EXIT
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
target, body = sys.argv[1], open(sys.argv[2], "rb").read()
path = sys.argv[3] if len(sys.argv) > 3 else "/"
query = sys.argv[4] if len(sys.argv) > 4 else ""
cpath = "/".join(urllib.parse.quote(p, safe="-_.~") for p in path.split("/"))
host = os.environ["AWS_ENDPOINT_URL"].split("://")[1]
now = datetime.datetime.now(datetime.timezone.utc)
amz, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
hdrs = {"content-type": "application/x-amz-json-1.1", "host": host,
        "x-amz-date": amz, "x-amz-target": target}
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
for k2 in ("content-type", "x-amz-date", "x-amz-target"):
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
check $rc "rollwatch sim exited $rc after SIGTERM: $(cat "$dir/err")"
echo "sim: $pass passed, $fail failed"
[ $fail = 0 ]
