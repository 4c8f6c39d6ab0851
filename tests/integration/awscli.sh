#!/bin/sh
# awscli.sh BINARY: the real AWS CLI against `rollwatch sim`, through
# --endpoint-url and the sim's keys: ECS list/describe/update-service
# --force-new-deployment, CloudWatch Logs filter-log-events, CloudWatch
# get-metric-data and STS get-caller-identity must all succeed and say what
# the sim's world holds. Debian's awscli (version 2, /usr/bin/aws) is preferred;
# with only a version 1 CLI, the commands its protocols reach are run and the
# rest skipped with the reason. With no CLI at all the test is skipped.
# Prints "awscli: N passed, N failed[, N skipped]".
set -u
RW=$1
AWS=""
for c in "${AWS_CLI:-}" /usr/bin/aws "$(command -v aws 2>/dev/null)"; do
    if [ -n "$c" ] && [ -x "$c" ] && "$c" --version >/dev/null 2>&1; then AWS=$c; break; fi
done
if [ -z "$AWS" ]; then
    echo "awscli: skipped: no aws CLI found (Debian: apt-get install awscli)"
    exit 0
fi
ver=$("$AWS" --version 2>&1)
echo "awscli: using $AWS: $ver"
dir=$(mktemp -d /tmp/rw-awscli.XXXXXX)
"$RW" sim --port 0 --scenario bad-deploy --env-file "$dir/env" >/dev/null 2>"$dir/err" &
sim=$!
trap 'kill $sim 2>/dev/null; rm -rf "$dir"' EXIT
i=0
until [ -s "$dir/env" ]; do
    i=$((i + 1))
    [ $i -gt 100 ] && { echo "awscli: the sim did not start: $(cat "$dir/err")"; exit 1; }
    sleep 0.1
done
. "$dir/env"
pass=0; fail=0; skip=0
check() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "  FAIL $2"; fi; }
aws() {
    env -i PATH="$PATH" HOME="$dir" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
        AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
        AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER= \
        "$AWS" --endpoint-url "$AWS_ENDPOINT_URL" --output json \
        --cli-read-timeout 10 --cli-connect-timeout 5 "$@"
}
# json FILE EXPR: python's verdict on the parsed output
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" 2>/dev/null; }

aws ecs list-services --cluster demo-fargate >"$dir/ls" 2>"$dir/ls.err"
check $? "ecs list-services: $(cat "$dir/ls.err")"
json "$dir/ls" 'len(d["serviceArns"]) == 3 and any(a.endswith("/consumer-agent") for a in d["serviceArns"])'
check $? "ecs list-services output: $(cat "$dir/ls")"

aws ecs describe-services --cluster demo-fargate --services consumer-agent >"$dir/ds" 2>"$dir/ds.err"
check $? "ecs describe-services: $(cat "$dir/ds.err")"
json "$dir/ds" 'd["services"][0]["deployments"][0]["rolloutState"] == "IN_PROGRESS" and d["services"][0]["taskDefinition"].endswith(":4")'
check $? "ecs describe-services output: $(head -c 400 "$dir/ds")"

aws ecs update-service --cluster demo-fargate --service rover-agent --force-new-deployment \
    >"$dir/us" 2>"$dir/us.err"
check $? "ecs update-service: $(cat "$dir/us.err")"
json "$dir/us" 'len(d["service"]["deployments"]) == 2 and d["service"]["deployments"][0]["rolloutState"] == "IN_PROGRESS"'
check $? "ecs update-service output: $(head -c 400 "$dir/us")"

aws logs filter-log-events --log-group-name /ecs/consumer-agent --filter-pattern '"upstream timeout"' \
    --max-items 20 >"$dir/fl" 2>"$dir/fl.err"
check $? "logs filter-log-events: $(cat "$dir/fl.err")"
json "$dir/fl" 'len(d["events"]) > 0 and all("upstream timeout" in e["message"] for e in d["events"])'
check $? "logs filter-log-events output: $(head -c 400 "$dir/fl")"

aws sts get-caller-identity >"$dir/id" 2>"$dir/id.err"
check $? "sts get-caller-identity: $(cat "$dir/id.err")"
json "$dir/id" 'd["Account"] == "123456789012" and d["Arn"].startswith("arn:aws:iam::123456789012:")'
check $? "sts get-caller-identity output: $(cat "$dir/id")"

# CloudWatch (ALB RequestCount of consumer-agent's target group, found through
# ELBv2): CLI v2 of Debian speaks the query protocol; botocore >= 1.36 prefers
# smithy-rpc-v2-cbor, which the sim does not speak.
proto=$(python3 -c 'import botocore.session as s; print(s.get_session().get_service_model("cloudwatch").metadata.get("protocols", ["query"])[0])' 2>/dev/null)
case "$ver" in aws-cli/1.*) ;; *) proto=query ;; esac
if [ "$proto" = smithy-rpc-v2-cbor ]; then
    skip=$((skip + 1))
    echo "  skip cloudwatch get-metric-data: this CLI's botocore speaks smithy-rpc-v2-cbor to CloudWatch"
else
    tgarn=$(python3 -c "import json; print(json.load(open('$dir/ds'))['services'][0]['loadBalancers'][0]['targetGroupArn'])")
    aws elbv2 describe-target-groups --target-group-arns "$tgarn" >"$dir/tg" 2>"$dir/tg.err"
    check $? "elbv2 describe-target-groups: $(cat "$dir/tg.err")"
    lb=$(python3 -c "import json; print(json.load(open('$dir/tg'))['TargetGroups'][0]['LoadBalancerArns'][0].split(':loadbalancer/')[1])" 2>/dev/null)
    tg=${tgarn##*:}
    cat >"$dir/q.json" <<Q
[{"Id":"req","MetricStat":{"Metric":{"Namespace":"AWS/ApplicationELB","MetricName":"RequestCount",
  "Dimensions":[{"Name":"TargetGroup","Value":"$tg"},{"Name":"LoadBalancer","Value":"$lb"}]},
  "Period":60,"Stat":"Sum"}}]
Q
    end=$(date -u +%Y-%m-%dT%H:%M:%SZ); begin=$(date -u -d '-30 min' +%Y-%m-%dT%H:%M:%SZ)
    aws cloudwatch get-metric-data --start-time "$begin" --end-time "$end" \
        --metric-data-queries "file://$dir/q.json" >"$dir/md" 2>"$dir/md.err"
    check $? "cloudwatch get-metric-data: $(cat "$dir/md.err")"
    json "$dir/md" 'len(d["MetricDataResults"][0]["Values"]) >= 20 and min(d["MetricDataResults"][0]["Values"]) > 0'
    check $? "cloudwatch get-metric-data output: $(head -c 400 "$dir/md")"
fi
echo "awscli: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
