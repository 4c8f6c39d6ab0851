#!/bin/sh
# run.sh BINARY: the screen tests. They drive the real console in tmux and
# check what a person would see. Prints "N passed, N failed"; exits non-zero
# on any failure.
set -u
RW=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
WORK=$(mktemp -d /tmp/rw-screen.XXXXXX)
export RW WORK
here=$(dirname "$0")
. "$here/lib.sh"
. "$here/cases.sh"
. "$here/console.sh"
. "$here/cost.sh"
. "$here/metrics.sh"
. "$here/logs.sh"
[ -n "${ONLY:-}" ] ||
    SCREEN_TESTS="$SCREEN_TESTS $CONSOLE_TESTS $METRICS_TESTS $LOGS_TESTS $COST_TESTS"

if ! command -v tmux >/dev/null 2>&1; then
    echo "screen tests: tmux is missing (make check installs it)"; exit 1
fi
pass=0; fail=0; n=0
for t in $SCREEN_TESTS; do
    n=$((n + 1))
    SOCK="rw-screen-$$-$n"   # a fresh tmux server per test: no race with the last one's exit
    ( set -e; $t )   # not in an if: set -e must stay in force inside
    if [ $? = 0 ]; then
        echo "  ok    $t"; pass=$((pass + 1))
    else
        echo "  FAIL  $t"; fail=$((fail + 1))
    fi
    T kill-server 2>/dev/null || true
done
rm -rf "$WORK"
echo "screen: $pass passed, $fail failed"
[ "$fail" = 0 ]
