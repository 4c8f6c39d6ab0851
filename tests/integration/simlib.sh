# simlib.sh: shared by the integration scripts that run several sims. Source it
# after setting RW (the binary); it makes $dir (removed on exit, with every sim
# started), check() and the pass/fail counts, and:
#   start NAME ARGS...  run `rollwatch sim ARGS` and wait for its env file $dir/NAME.env
#   rw NAME ARGS...     run rollwatch ARGS against sim NAME, with nothing else of
#                       this machine's AWS setup in its environment
#   rw_bg NAME ARGS...  rw in the background: $bgpid is rollwatch's own pid
#                       (so `kill $bgpid` stops it), killed at exit too
dir=$(mktemp -d /tmp/rw-int.XXXXXX)
pids=""
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$dir"' EXIT
pass=0; fail=0
check() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "  FAIL $2"; fi; }
start() {
    name=$1; shift
    "$RW" sim --port 0 --env-file "$dir/$name.env" "$@" >/dev/null 2>"$dir/$name.err" &
    pids="$pids $!"
    i=0
    until [ -s "$dir/$name.env" ]; do
        i=$((i + 1))
        [ $i -gt 100 ] && { echo "  sim $name did not start: $(cat "$dir/$name.err")"; return 1; }
        sleep 0.1
    done
}
# rw_exec NAME ARGS...: become rollwatch ARGS against sim NAME (run it in a subshell)
rw_exec() {
    sim=$1; shift
    . "$dir/$sim.env"
    exec env -i PATH="$PATH" HOME=/nonexistent AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 \
        AWS_ENDPOINT_URL="$AWS_ENDPOINT_URL" AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" \
        AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" "$RW" "$@"
}
rw() { ( rw_exec "$@" ); }
rw_bg() {
    ( rw_exec "$@" ) &
    bgpid=$!
    pids="$pids $bgpid"
}
