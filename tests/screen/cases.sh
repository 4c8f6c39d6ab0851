# cases.sh: the screen test cases (sourced by run.sh; each runs under set -e).

SCREEN_TESTS="${ONLY:-layout_shows_every_pane focus_and_zoom help_lists_bindings
theme_switch_to_mono resize_keeps_state command_line_history quit_with_q
quit_with_ctrl_c quit_with_sigterm quit_with_sighup fatal_signal_restores
suspend_and_resume ascii_outside_utf8 paste_never_triggers_actions
header_without_credentials header_with_environment_credentials
demo_starts_and_stops_its_sim demo_sim_dies_with_the_console}"

layout_shows_every_pane() {
    start_shell 200 60
    run_console --demo
    for t in "[1 Services demo-fargate]" " 2 Deployments / Tasks " " 3 Logs " " 4 Health " \
             " 5 Metrics " " 6 Events " "rollwatch · demo" "UTC"; do
        wait_for "$t"
    done
    keys q
    wait_file "$WORK/rc"
}

focus_and_zoom() {
    start_shell 200 60
    run_console --demo
    keys Tab; wait_for "[2 Deployments / Tasks consumer-agent]"
    keys BTab; wait_for "[1 Services demo-fargate]"
    keys 3; wait_for "[3 Logs consumer-agent"
    keys z; wait_for "consumer-agent) (zoom)]"
    expect_not "Services"
    expect_not "Metrics"
    keys Escape; wait_for " 1 Services "
    expect "[3 Logs consumer-agent"
    keys q
    wait_file "$WORK/rc"
}

help_lists_bindings() {
    start_shell 120 50
    run_console --demo
    keys '?'; wait_for "Everywhere"
    for k in "quit" "S-Tab" "Esc" "Enter" "^L" "j Down" "PgUp" "g Home" "G End" \
             "focus Events" "zoom the focused pane"; do
        expect "$k"
    done
    keys Escape; wait_gone "Everywhere"
    keys q
    wait_file "$WORK/rc"
}

colour_now() { screen_e | grep -qE '\[([34][0-7]|9[0-7]|10[0-7]|[34]8;5;[0-9]+)m|;[34][0-7]m'; }
# has_colour: colour escapes on screen within 2 s (a loaded machine draws late)
has_colour() { n=20; while [ $n -gt 0 ]; do colour_now && return 0; sleep 0.1; n=$((n-1)); done; return 1; }

theme_switch_to_mono() {
    start_shell 120 40
    run_console --demo
    has_colour || { echo "    default theme shows no colour"; return 1; }
    keys : "theme mono" Enter; wait_for "theme: mono"
    sleep 0.3
    if colour_now; then echo "    mono theme still emits colour"; return 1; fi
    expect "[1 Services demo-fargate]"
    keys : "theme nosuch" Enter; wait_for "no theme named 'nosuch'"
    keys q
    wait_file "$WORK/rc"
}

resize_keeps_state() {
    start_shell 200 60
    run_console --demo
    keys 3; wait_for "[3 Logs consumer-agent"
    T resize-window -t s -x 80 -y 24; wait_gone " 4 Health "
    expect "[3 Logs consumer-agent"; expect " 1 Services "; expect " 2 Deployments / Tasks "
    keys 5; wait_for "[5 Metrics consumer-agent (ALB, 30m)]"  # hidden below 100 columns: zoomed
    keys 3; wait_for "[3 Logs consumer-agent"
    T resize-window -t s -x 50 -y 12; wait_for "terminal too small: 50x12"
    T resize-window -t s -x 200 -y 60; wait_for " 6 Events "
    expect "[3 Logs consumer-agent"
    keys z; wait_for "(zoom)"
    T resize-window -t s -x 80 -y 24; sleep 0.3
    expect "consumer-agent) (zoom)]"                  # zoom survives a resize
    keys q
    wait_file "$WORK/rc"
}

command_line_history() {
    start_shell 120 40
    run_console --demo
    wait_for "consumer-agent"
    keys : "svc rover-agent" Enter; wait_for "[2 Deployments / Tasks rover-agent]"
    keys : "svc nope" Enter; wait_for "no service named 'nope'"
    keys : Up Up; wait_for ":svc rover-agent"
    keys Escape; wait_gone ":svc rover-agent"
    keys : "bogus" Enter; wait_for "unknown command ':bogus'"
    keys : q Enter
    wait_file "$WORK/rc"
    [ "$(cat "$WORK/rc")" = 0 ]
    terminal_restored
}

quit_with_q() {
    start_shell 100 30
    run_console --demo
    keys q
    wait_file "$WORK/rc"
    [ "$(cat "$WORK/rc")" = 0 ] || { echo "    exit status $(cat "$WORK/rc")"; return 1; }
    terminal_restored
}

quit_with_ctrl_c() {
    start_shell 100 30
    run_console --demo
    keys C-c
    wait_file "$WORK/rc"
    [ "$(cat "$WORK/rc")" = 0 ] || { echo "    exit status $(cat "$WORK/rc")"; return 1; }
    terminal_restored
}

quit_with_signal() {
    start_shell 100 30
    run_console --demo
    kill -"$1" "$(cat "$WORK/pid")"
    wait_file "$WORK/rc"
    [ "$(cat "$WORK/rc")" = "$2" ] || { echo "    exit status $(cat "$WORK/rc"), want $2"; return 1; }
    terminal_restored
}

quit_with_sigterm() { quit_with_signal TERM 143; }
quit_with_sighup() { quit_with_signal HUP 129; }
fatal_signal_restores() { quit_with_signal SEGV 139; }

suspend_and_resume() {
    start_shell 120 40
    run_console --demo
    keys C-z; wait_for "Stopped"
    alt=$(T display -p -t s '#{alternate_on}')
    [ "$alt" = 0 ] || { echo "    alternate screen on while suspended"; return 1; }
    keys fg Enter; wait_for "[1 Services demo-fargate]"
    expect " 5 Metrics "
    keys q
    wait_file "$WORK/rc"
    terminal_restored
}

ascii_outside_utf8() {
    start_shell 120 30 LANG=C LC_ALL=C
    run_console --demo
    wait_for "+-[1 Services demo-fargate]--"
    wait_for " rollwatch | demo | fake cloud"
    if screen | grep -q "$(printf '\342\224')"; then echo "    box-drawing characters in a C locale"; return 1; fi
    keys q
    wait_file "$WORK/rc"
}

paste_never_triggers_actions() {
    start_shell 120 30
    run_console --demo
    T set-buffer -b p "qz?:"
    T paste-buffer -p -b p -t s        # bracketed: the console asked for it
    sleep 0.5
    expect "[1 Services demo-fargate]"               # not quit, not zoomed, no help
    expect_not "(zoom)"
    expect_not "Everywhere"
    keys :
    T set-buffer -b p "theme mono"
    T paste-buffer -p -b p -t s        # pasted into the command line: kept as text
    wait_for ":theme mono"
    keys Enter; wait_for "theme: mono"
    keys q
    wait_file "$WORK/rc"
    [ "$(cat "$WORK/rc")" = 0 ]
}

# Without --demo the console opens an AWS session; everything stays on loopback:
# no IMDS, an empty HOME, and every endpoint on a closed local port.
AWS_LOOPBACK="HOME=$WORK/nohome AWS_EC2_METADATA_DISABLED=true AWS_REGION=eu-west-1 AWS_ENDPOINT_URL=http://127.0.0.1:9"

header_without_credentials() {
    start_shell 200 40 $AWS_LOOPBACK
    run_console
    wait_for "no AWS credentials found (profile default)"
    expect "eu-west-1"
    keys q
    wait_file "$WORK/rc"
    terminal_restored
}

header_with_environment_credentials() {
    start_shell 200 40 $AWS_LOOPBACK AWS_ACCESS_KEY_ID=AKIDSCREEN AWS_SECRET_ACCESS_KEY=screen-secret
    run_console
    wait_for "(environment, long-term keys)"
    wait_for "GetCallerIdentity"            # STS is unreachable here: said, not hidden
    expect_not "screen-secret"
    keys q
    wait_file "$WORK/rc"
}

# --demo runs the fake cloud as a child: reachable while the console runs (the
# env file copied where asked), silent on the terminal, gone after q.
demo_ctl() { sed -n 's/^export ROLLWATCH_SIM_CONTROL=//p' "$WORK/demo.env"; }

demo_starts_and_stops_its_sim() {
    rm -f "$WORK/demo.env"
    start_shell 160 40
    run_console --demo --env-file "$WORK/demo.env"
    wait_for "demo: the fake cloud serves http://127.0.0.1:"
    ctl=$(demo_ctl)
    [ -n "$ctl" ] || { echo "    no ROLLWATCH_SIM_CONTROL in $WORK/demo.env"; return 1; }
    h=$(curl -s -m 2 "$ctl/health")
    [ "$h" = '{"status":"ok"}' ] || { echo "    $ctl/health answered '$h'"; return 1; }
    expect_not "listening on"                 # the sim's output never reaches the terminal
    keys q
    wait_file "$WORK/rc"
    [ "$(cat "$WORK/rc")" = 0 ] || { echo "    exit status $(cat "$WORK/rc")"; return 1; }
    if curl -s -m 2 "$ctl/health" >/dev/null; then echo "    the sim still answers after q"; return 1; fi
    terminal_restored
}

demo_sim_dies_with_the_console() {
    rm -f "$WORK/demo.env"
    start_shell 120 30
    run_console --demo --env-file "$WORK/demo.env"
    ctl=$(demo_ctl)
    curl -s -m 2 "$ctl/health" >/dev/null || { echo "    the sim does not answer"; return 1; }
    kill -KILL "$(cat "$WORK/pid")"           # no clean-up in the console: the kernel's job
    n=30
    while curl -s -m 1 "$ctl/health" >/dev/null; do
        n=$((n - 1))
        [ $n -gt 0 ] || { echo "    the sim outlived its console"; return 1; }
        sleep 0.1
    done
}
