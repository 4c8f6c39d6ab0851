#!/bin/sh
# install-deps.sh: install the libraries and tools rollwatch needs to build and test.
# Debian/Ubuntu: installs the missing packages with apt-get (sudo when not root).
# awscli (version 2) is for the tests that drive the real AWS CLI against the sim.
# Elsewhere: prints the equivalent dnf or brew line and exits non-zero.
set -eu

DEB_PKGS="build-essential pkg-config libncurses-dev libcurl4-openssl-dev libssl-dev \
libcjson-dev libpcre2-dev libcunit1-dev libexpat1-dev libmicrohttpd-dev tmux clang awscli"
DNF_PKGS="gcc make pkgconf-pkg-config ncurses-devel libcurl-devel openssl-devel \
cjson-devel pcre2-devel CUnit-devel expat-devel libmicrohttpd-devel tmux clang"
BREW_PKGS="pkg-config ncurses curl openssl@3 cjson pcre2 cunit expat libmicrohttpd tmux"

if [ -r /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
    missing=""
    for p in $DEB_PKGS; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $p"
        fi
    done
    if [ -z "$missing" ]; then
        echo "install-deps: all packages present"
        exit 0
    fi
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    echo "install-deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing
    exit 0
fi

echo "install-deps: not a Debian system; install the equivalent packages:" >&2
if command -v dnf >/dev/null 2>&1; then
    echo "  sudo dnf install $DNF_PKGS" >&2
elif command -v brew >/dev/null 2>&1; then
    echo "  brew install $BREW_PKGS" >&2
else
    echo "  dnf:  sudo dnf install $DNF_PKGS" >&2
    echo "  brew: brew install $BREW_PKGS" >&2
fi
exit 1
