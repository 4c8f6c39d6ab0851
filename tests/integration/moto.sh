#!/bin/sh
# moto.sh BINARY: integration test against moto_server, an independent AWS
# emulator: populate it over plain HTTP on 127.0.0.1, then read the state back
# through rollwatch's own client (signing, credentials, endpoint override,
# paging) with `rollwatch status --json`. Skips with a reason when moto_server
# is absent. Prints "moto: N passed, N failed".
set -u
RW=$1
if ! command -v moto_server >/dev/null 2>&1; then
    echo "moto: skipped: moto_server is not installed (pip install 'moto[server]')"
    exit 0
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp /tmp/rw-moto.XXXXXX)
moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; rm -f "$log"' EXIT
url="http://127.0.0.1:$port"
i=0
until curl -s -o /dev/null "$url/" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 100 ] && { echo "moto: moto_server did not start"; cat "$log"; exit 1; }
    sleep 0.1
done
ecs() {
    curl -s -X POST "$url/" -H "X-Amz-Target: AmazonEC2ContainerServiceV20141113.$1" \
        -H 'Content-Type: application/x-amz-json-1.1' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20261123/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=0' \
        -d "$2" >/dev/null
}
ecs CreateCluster '{"clusterName":"stage-fargate"}'
ecs CreateCluster '{"clusterName":"batch"}'
for img in 41 42; do
    ecs RegisterTaskDefinition "{\"family\":\"consumer-agent\",\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"repo/consumer-agent:$img\",\"essential\":true,\"memory\":512}]}"
done
n=1
while [ $n -le 12 ]; do  # more than one DescribeServices batch of 10
    ecs CreateService "{\"cluster\":\"stage-fargate\",\"serviceName\":\"svc-$n\",\"taskDefinition\":\"consumer-agent:1\",\"desiredCount\":1,\"launchType\":\"FARGATE\"}"
    n=$((n + 1))
done
ecs CreateService '{"cluster":"stage-fargate","serviceName":"consumer-agent","taskDefinition":"consumer-agent:2","desiredCount":2,"launchType":"FARGATE"}'
ecs RunTask '{"cluster":"stage-fargate","taskDefinition":"consumer-agent:2","count":2,"launchType":"FARGATE","group":"service:consumer-agent","startedBy":"ecs-svc/1"}'

logs() {
    curl -s -X POST "$url/" -H "X-Amz-Target: Logs_20140328.$1" \
        -H 'Content-Type: application/x-amz-json-1.1' \
        -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20261123/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0' \
        -d "$2" >/dev/null
}
query() {
    curl -s -X POST "$url/" -H 'Content-Type: application/x-www-form-urlencoded' \
        -H "Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20261123/us-east-1/$1/aws4_request, SignedHeaders=host, Signature=0" \
        --data "$2" >/dev/null
}
now=$(($(date +%s) * 1000))
logs CreateLogGroup '{"logGroupName":"/ecs/consumer-agent"}'
logs CreateLogStream '{"logGroupName":"/ecs/consumer-agent","logStreamName":"ecs/app/3f2a9b8c"}'
logs CreateLogStream '{"logGroupName":"/ecs/consumer-agent","logStreamName":"ecs/app/77aa01de"}'
logs PutLogEvents "{\"logGroupName\":\"/ecs/consumer-agent\",\"logStreamName\":\"ecs/app/3f2a9b8c\",\"logEvents\":[{\"timestamp\":$((now - 3000)),\"message\":\"boot\"},{\"timestamp\":$((now - 1000)),\"message\":\"{\\\"level\\\":\\\"error\\\",\\\"event\\\":\\\"upstream timeout\\\"}\"}]}"
logs PutLogEvents "{\"logGroupName\":\"/ecs/consumer-agent\",\"logStreamName\":\"ecs/app/77aa01de\",\"logEvents\":[{\"timestamp\":$((now - 2000)),\"message\":\"ready\"}]}"
query monitoring "Action=PutMetricData&Version=2010-08-01&Namespace=AWS%2FApplicationELB&MetricData.member.1.MetricName=RequestCount&MetricData.member.1.Value=42&MetricData.member.1.Unit=Count&MetricData.member.1.Dimensions.member.1.Name=LoadBalancer&MetricData.member.1.Dimensions.member.1.Value=app%2Fstage-alb%2F50dc6c495c0c9188"
tmpl='{"Resources":{"Logs":{"Type":"AWS::Logs::LogGroup","Properties":{"LogGroupName":"/ecs/cap"}}},"Outputs":{"ECSClusterName":{"Value":"stage-fargate"},"ECSServiceName":{"Value":"consumer-agent"}}}'
query cloudformation "Action=CreateStack&Version=2010-05-15&StackName=cap-production&TemplateBody=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$tmpl")"
field() { sed -n "s:.*<$1>\([^<]*\)</$1>.*:\1:p" | head -n 1; }
ask() {
    curl -s -X POST "$url/" -H 'Content-Type: application/x-www-form-urlencoded' \
        -H "Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20261123/us-east-1/$1/aws4_request, SignedHeaders=host, Signature=0" \
        --data "$2"
}
vpc=$(ask ec2 "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16" | field vpcId)
sub1=$(ask ec2 "Action=CreateSubnet&Version=2016-11-15&VpcId=$vpc&CidrBlock=10.0.1.0%2F24&AvailabilityZone=us-east-1a" | field subnetId)
sub2=$(ask ec2 "Action=CreateSubnet&Version=2016-11-15&VpcId=$vpc&CidrBlock=10.0.2.0%2F24&AvailabilityZone=us-east-1b" | field subnetId)
query elasticloadbalancing "Action=CreateLoadBalancer&Version=2015-12-01&Name=stage-alb&Subnets.member.1=$sub1&Subnets.member.2=$sub2"
tg=$(ask elasticloadbalancing "Action=CreateTargetGroup&Version=2015-12-01&Name=consumer-agent-tg&Protocol=HTTP&Port=8080&VpcId=$vpc&TargetType=ip&HealthCheckPath=%2Fhealth" | field TargetGroupArn)
query elasticloadbalancing "Action=RegisterTargets&Version=2015-12-01&TargetGroupArn=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$tg")&Targets.member.1.Id=10.0.1.10&Targets.member.1.Port=8080"

out=$(mktemp /tmp/rw-moto-out.XXXXXX)
env -i PATH="$PATH" HOME=/nonexistent AWS_ENDPOINT_URL="$url" AWS_ACCESS_KEY_ID=AKIDTEST \
    AWS_SECRET_ACCESS_KEY=moto-secret AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    "$RW" status --json >"$out" 2>"$out.err"
rc=$?
pass=0; fail=0
check() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "  FAIL $2"; fi; }
check $rc "status exited $rc: $(cat "$out.err")"
python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
cl = {c["name"]: c for c in d["clusters"]}
assert set(cl) == {"stage-fargate", "batch"}, cl.keys()
svcs = {s["name"]: s for s in cl["stage-fargate"]["services"]}
assert len(svcs) == 13, len(svcs)                       # paged and batched
ca = svcs["consumer-agent"]
assert ca["desired"] == 2 and ca["task_definition"] == "consumer-agent:2", ca
assert ca["deployments"][0]["status"] == "PRIMARY", ca["deployments"]
assert len(ca["tasks"]) == 2, ca["tasks"]
assert all(t["task_definition"] == "consumer-agent:2" for t in ca["tasks"])
assert cl["batch"]["services"] == []
assert d["region"] == "us-east-1"
PY
check $? "status --json does not match what was created"
env -i PATH="$PATH" HOME=/nonexistent AWS_ENDPOINT_URL="$url" AWS_ACCESS_KEY_ID=AKIDTEST \
    AWS_SECRET_ACCESS_KEY=moto-secret AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    "$RW" status --cluster stage-fargate --service consumer-agent --service nope >"$out" 2>&1
grep -q "consumer-agent" "$out" && grep -q "missing: nope" "$out" && ! grep -q "svc-1 " "$out"
check $? "status --cluster --service filters: $(cat "$out")"
env -i PATH="$PATH" HOME=/nonexistent AWS_ENDPOINT_URL="$url" AWS_REGION=us-east-1 \
    AWS_EC2_METADATA_DISABLED=true "$RW" status >"$out" 2>&1
rc=$?
[ $rc = 77 ] && grep -q "no AWS credentials found" "$out"
check $? "no credentials: exit $rc, want 77: $(cat "$out")"
env -i PATH="$PATH" HOME=/nonexistent AWS_ENDPOINT_URL="$url" AWS_ACCESS_KEY_ID=AKIDTEST \
    AWS_SECRET_ACCESS_KEY=moto-secret AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    "$(dirname "$RW")/moto_ops" >"$out" 2>&1
rc=$?
sed 's/^/  /' "$out"
check $rc "STS, Logs, CloudWatch, CloudFormation, ELBv2 and the rollback target read back through the clients"
rm -f "$out" "$out.err"
echo "moto: $pass passed, $fail failed"
[ $fail = 0 ]
