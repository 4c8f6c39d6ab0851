# lib.sh: helpers for screen tests. Each test drives the real binary in a
# detached tmux session on a private server (send-keys, capture-pane -p).
# Sourced by run.sh; expects $RW (the binary) and $WORK (a temp dir).

SOCK="rw-screen-$$"
T() { tmux -L "$SOCK" "$@"; }

# start_shell W H [VAR=VALUE...]: a fresh interactive shell in session "s" of
# size WxH, with the extra environment given.
start_shell() {
    w=$1; h=$2; shift 2
    T kill-server 2>/dev/null || true
    T -f /dev/null new-session -d -s s -x "$w" -y "$h" \
        -e "XDG_STATE_HOME=$WORK/state" -e "XDG_CONFIG_HOME=$WORK/config" \
        -e "LANG=${LANG:-C.UTF-8}" -e "ASAN_OPTIONS=${ASAN_OPTIONS:-}" -e "UBSAN_OPTIONS=${UBSAN_OPTIONS:-}" \
        "env -u NO_COLOR PS1='$ ' TERM=tmux-256color $* bash --norc --noprofile -i"
    T set-option -g default-terminal tmux-256color >/dev/null
    T set-window-option -g window-size manual >/dev/null 2>&1 || true
    wait_for '$' 50
}

# run_console ARGS: start the console in the shell, recording the terminal's
# state before and after, the exit status and the pid.
run_console() {
    rm -f "$WORK/before" "$WORK/after" "$WORK/rc" "$WORK/pid"
    T send-keys -t s "stty -g > $WORK/before; sh -c 'echo \$\$ > $WORK/pid; exec $RW $*'; echo \$? > $WORK/rc; stty -g > $WORK/after" Enter
    wait_for '1 Services' 100
}

screen() { T capture-pane -p -t s; }
screen_e() { T capture-pane -p -e -t s; }
keys() { T send-keys -t s "$@"; }

# wait_for TEXT [TENTHS]: wait until TEXT is on screen (default 5 s).
wait_for() {
    n=${2:-50}
    while [ "$n" -gt 0 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
        n=$((n - 1))
    done
    echo "    timed out waiting for: $1"
    screen | sed 's/^/    | /' | head -40
    return 1
}

# wait_gone TEXT: wait until TEXT is no longer on screen.
wait_gone() {
    n=50
    while [ "$n" -gt 0 ]; do
        screen | grep -qF -- "$1" || return 0
        sleep 0.1
        n=$((n - 1))
    done
    echo "    still on screen: $1"
    return 1
}

# wait_file F: wait until F exists (the console has exited).
wait_file() {
    n=50
    while [ "$n" -gt 0 ]; do
        [ -s "$1" ] && [ -s "$WORK/after" ] && return 0
        sleep 0.1
        n=$((n - 1))
    done
    echo "    the console did not exit ($1 missing)"
    return 1
}

# terminal_restored: stty settings equal, alternate screen off, cursor shown.
terminal_restored() {
    cmp -s "$WORK/before" "$WORK/after" || { echo "    stty differs: $(cat "$WORK/before") vs $(cat "$WORK/after")"; return 1; }
    alt=$(T display -p -t s '#{alternate_on}')
    [ "$alt" = 0 ] || { echo "    alternate screen still on"; return 1; }
    cur=$(T display -p -t s '#{cursor_flag}')
    [ "$cur" = 1 ] || { echo "    cursor still hidden"; return 1; }
}

expect() { screen | grep -qF -- "$1" || { echo "    expected on screen: $1"; screen | sed 's/^/    | /' | head -30; return 1; }; }
expect_not() { if screen | grep -qF -- "$1"; then echo "    unexpected on screen: $1"; return 1; fi; }
