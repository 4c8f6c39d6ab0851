#!/bin/sh
# check.sh BUILD: prove the headless library needs no curses. The link of
# headless_check already failed if it did; here we also check the archive's
# undefined symbols and that the linked program really runs the commands.
set -eu
b=$1
fail=0
if nm -u "$b/librollwatch.a" | grep -E ' (initscr|newterm|endwin|wgetch|wrefresh|doupdate|newwin|start_color|mvwprintw|stdscr)$'; then
    echo "headless: librollwatch.a needs curses symbols (above)"; fail=1
fi
if ldd "$b/headless_check" | grep -q ncurses; then
    echo "headless: headless_check is linked against ncurses"; fail=1
fi
set +e
"$b/headless_check" check >/dev/null 2>&1; rc=$?
set -e
if [ "$rc" != 69 ]; then echo "headless: 'check' exited $rc, want 69"; fail=1; fi
set +e  # logs runs from the headless library: a bad option is its usage error
"$b/headless_check" logs x --format xml >/dev/null 2>&1; rc=$?
set -e
if [ "$rc" != 64 ]; then echo "headless: 'logs --format xml' exited $rc, want 64"; fail=1; fi
set +e
"$b/headless_check" --bogus >/dev/null 2>&1; rc=$?
set -e
if [ "$rc" != 64 ]; then echo "headless: unknown flag exited $rc, want 64"; fail=1; fi
# debug sign through the headless library, with --region/--service as global flags
d=tests/data/sigv4/aws4_testsuite/get-vanilla
got=$("$b/headless_check" debug sign --access-key AKIDEXAMPLE \
    --secret-key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY --date 20150830T123600Z \
    --region us-east-1 --service service < "$d/get-vanilla.req" | sed -n 's/^Authorization: //p')
if [ "$got" != "$(cat "$d/get-vanilla.authz")" ]; then
    echo "headless: debug sign gave '$got'"; fail=1
fi
if [ "$fail" = 0 ]; then echo "headless: librollwatch.a links and runs without ncursesw: ok"; fi
exit "$fail"
