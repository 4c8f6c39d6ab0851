# logs.sh: screen tests of the Logs pane against the embedded fake cloud: it
# follows bad-deploy's logs, filters them with /error and pauses (new lines
# counted, the view still); an invalid regex shows its error and keeps the old
# filter; an injected line with OSC 52, a title set, cursor moves, a C1
# control comes out escaped (capture-pane -e shows nothing raw, the window
# title is unchanged; invalid UTF-8, which the control API's JSON cannot carry,
# is covered by test_logfmt and test_logline); JSON and boot events render compactly
# and flagged (slow-boot); `c` switches payments-api to its log router.
LOGS_TESTS="logs_follow_filter_pause logs_escape_injection logs_json_and_boot
logs_sidecar_switch logs_task_only logs_config_rules"

logs_follow_filter_pause() {
    start_shell 160 45
    run_console --demo --scenario bad-deploy
    wait_for "(/ecs/consumer-agent · consumer-agent)" 40
    wait_for "status=" 60
    keys 3 / e r r o r Enter; wait_for "filter: error" 20
    wait_for "upstream timeout" 80
    keys / "(" Enter; wait_for "(kept: error)" 20           # named test 10
    keys Escape Escape
    keys f; wait_for "paused (f follows)" 20
    before=$(screen | grep -A14 "3 Logs" | sed -n 2,10p)
    wait_for "new" 150                                       # "+N new" while paused
    after=$(screen | grep -A14 "3 Logs" | sed -n 2,10p)
    [ "$before" = "$after" ] || { echo "    the paused view moved"; return 1; }
    keys f; wait_for "following" 20
    keys q
    wait_file "$WORK/rc"
}

logs_escape_injection() {
    rm -f "$WORK/demo.env"
    start_shell 160 45
    run_console --demo --scenario steady --env-file "$WORK/demo.env"
    wait_for "(/ecs/consumer-agent · consumer-agent)" 40
    ctl=$(demo_ctl)
    task=$(screen | grep -m1 -o "[0-9a-f]\{8\} :3   RUNNING" | cut -c1-8)
    stream=$(curl -s -m 5 "$ctl/truth/logs?group=%2Fecs%2Fconsumer-agent" | python3 -c "
import json,sys
print(next(e['logStreamName'] for e in json.load(sys.stdin)['events'] if '/$task' in e['logStreamName']))")
    python3 - "$stream" >"$WORK/evil.json" <<'PY'
import json, sys
evil = "EVIL>\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[2J\x1b[H\x1b[31mred\u009b31m"
print(json.dumps({"group": "/ecs/consumer-agent", "stream": sys.argv[1], "messages": [evil],
                  "delay_ms": 0}))
PY
    curl -s -m 5 -X POST --data-binary @"$WORK/evil.json" "$ctl/logs" >/dev/null
    wait_for "EVIL>" 80
    line=$(screen | grep -m1 "EVIL>")
    case "$line" in *'\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[2J\x1b[H\x1b[31mred\u009b31m'*) ;;
        *) echo "    not shown escaped: $line"; return 1;; esac
    if screen_e | grep "EVIL>" | grep -q "$(printf '\033')\]"; then
        echo "    an OSC sequence reached the terminal raw"; return 1
    fi
    title=$(T display -p -t s '#{pane_title}')
    [ "$title" != pwned ] || { echo "    the window title was set"; return 1; }
    keys q
    wait_file "$WORK/rc"
}

logs_json_and_boot() {
    start_shell 160 45
    run_console --demo --scenario slow-boot --speed 5
    wait_for "(/ecs/consumer-agent · consumer-agent)" 40
    keys 3 / b o o t Enter
    wait_for "[boot over budget]" 200                        # boot_ms 7500 > 5000
    wait_for "runtime_ready" 200
    expect "warning Boot time exceeded budget boot_ms="      # level and event first
    keys q
    wait_file "$WORK/rc"
}

logs_sidecar_switch() {
    start_shell 160 45
    run_console --demo --scenario steady
    wait_for "payments-api" 40
    keys : "svc payments-api" Enter
    wait_for "(/ecs/payments-api · payments-api)" 60
    keys 3 ">" ">"; wait_for "last 60m" 20                   # the router logs seldom
    keys c
    wait_for "(/ecs/payments-api · log_router)" 60
    wait_for "getaddrinfo" 100                               # Fluent Bit's own lines
    expect_not "GET /api/payments"                           # not the app's
    keys c
    wait_for "(/ecs/payments-api · payments-api)" 60
    keys q
    wait_file "$WORK/rc"
}

# o: only the task selected in Tasks (its lines start with its short id)
logs_task_only() {
    start_shell 160 45
    run_console --demo --scenario steady
    wait_for "(/ecs/consumer-agent · consumer-agent)" 40
    wait_for "status=" 60
    keys 2 j j; sleep 0.5                    # past the deployment line, onto a task
    task=$(screen | grep -o "[0-9a-f]\{8\} :3   RUNNING" | sed -n 2p | cut -c1-8)
    keys 3 o; wait_for "task $task" 20
    sleep 3
    others=$(screen | grep -A14 "3 Logs" | sed -n 2,13p | grep -v "│ $task " | grep -c "status=" || true)
    [ "$others" = 0 ] || { echo "    lines of other tasks: $others"; return 1; }
    keys o; wait_for "all tasks" 20
    keys q
    wait_file "$WORK/rc"
}

# the config's [logs] rules: status 404 lines (plain or JSON) take the error colour, like
# status=504 ones; a bad max_lines is reported, not fatal
logs_config_rules() {
    printf '[logs]\nerror = status.?.?404\nmax_lines = 5\n' >"$WORK/rw.conf"
    start_shell 200 50
    run_console --demo --scenario bad-deploy --config "$WORK/rw.conf"
    wait_for "config: [logs] max_lines must be 1000 to 10000000" 30
    keys 3 z; wait_for "(zoom)]" 20
    n=600
    while [ "$n" -gt 0 ]; do
        screen_e | grep -q "status=404" && screen_e | grep -q "status=50[24]" && break
        sleep 0.1; n=$((n - 1))
    done
    # fg RE: the foreground colour in force where RE's text first starts (tmux
    # sends only what changes, so follow every SGR over the whole screen)
    sgr() { screen_e | python3 -c "
import re, sys
text = sys.stdin.read()
m = re.search(sys.argv[1], text)
fg = 'default'
for c in re.findall(r'\x1b\[([0-9;]*)m', text[:m.start()] if m else ''):
    p = c.split(';') if c else ['0']
    i = 0
    while i < len(p):
        if p[i] in ('', '0', '39'):
            fg = 'default'
        elif p[i] == '38' and i + 1 < len(p):
            n = 3 if p[i + 1] == '5' else 5
            fg = ';'.join(p[i:i + n]); i += n - 1
        elif p[i].isdigit() and (30 <= int(p[i]) <= 37 or 90 <= int(p[i]) <= 97):
            fg = p[i]
        i += 1
print(fg if m else 'none')" "$1"; }
    a=$(sgr "status=404"); b=$(sgr "status=50[24]"); c=$(sgr "status=200")
    [ "$a" != none ] && [ "$a" = "$b" ] && [ "$a" != "$c" ] ||
        { echo "    404: '$a' 5xx: '$b' 200: '$c'"; return 1; }
    keys q
    wait_file "$WORK/rc"
}
