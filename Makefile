# rollwatch: build, test, demo, install.  See README.md.
#   make demo      install what is missing, build, run the console on the fake cloud
#   make check     install what is missing, build, run every test
#   make sanitize  the whole check under ASan + UBSan
#   make bench / make fuzz / make install / make clean

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
SAN ?=
FUZZ_SECONDS ?= 30

PKGS_LIB := libcurl libcrypto libcjson libpcre2-8 expat
PKGS_ALL := $(PKGS_LIB) ncursesw cunit libmicrohttpd

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS_ALL) 2>/dev/null)
LIB_LIBS := $(shell pkg-config --libs $(PKGS_LIB) 2>/dev/null)
TUI_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null)
TEST_LIBS := $(shell pkg-config --libs cunit libmicrohttpd 2>/dev/null) -lpthread -lm
SIM_LIBS := $(shell pkg-config --libs libmicrohttpd 2>/dev/null) -lpthread -lm

override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I. -I$(BUILD) \
	$(PKG_CFLAGS) -MMD -MP $(SAN)
override LDFLAGS += $(SAN)

LIB_SRC := $(wildcard core/*.c clients/*.c clients/aws/*.c)
SIM_SRC := $(wildcard sim/*.c)
TUI_SRC := $(filter-out tui/main.c,$(wildcard tui/*.c panes/*.c))
TEST_SRC := $(wildcard tests/test_*.c)
SUPPORT_SRC := $(wildcard tests/support/*.c)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
BENCH_SRC := $(wildcard tests/bench/bench_*.c)
THEMES := $(wildcard themes/*.theme)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
LIB_OBJ := $(call obj,$(LIB_SRC))
TUI_OBJ := $(call obj,$(TUI_SRC)) $(BUILD)/obj/themes_embedded.o
SIM_OBJ := $(call obj,$(SIM_SRC))
TEST_OBJ := $(call obj,$(TEST_SRC) $(SUPPORT_SRC) tests/runner.c)
FUZZ_REPLAY := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/replay_%,$(FUZZ_SRC))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))
BENCH_BIN := $(patsubst tests/bench/%.c,$(BUILD)/%,$(BENCH_SRC))

.PHONY: all deps check check-run sanitize demo bench bench-run fuzz fuzz-run \
	install uninstall clean headless-check fuzz-replay
.DEFAULT_GOAL := all

all: $(BUILD)/rollwatch

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/themes_embedded.c: $(THEMES) share/embed-themes.sh
	@mkdir -p $(BUILD)
	sh share/embed-themes.sh $(THEMES) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/themes_embedded.o: $(BUILD)/themes_embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# core/ and clients/: the headless library, which links without ncursesw
$(BUILD)/librollwatch.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/librollwatch-tui.a: $(TUI_OBJ)
	rm -f $@ && ar rcs $@ $^

# sim/: the fake cloud (libmicrohttpd), linked into the program and the tests only
$(BUILD)/librollwatch-sim.a: $(SIM_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/rollwatch: $(BUILD)/obj/tui/main.o $(BUILD)/librollwatch-tui.a \
		$(BUILD)/librollwatch-sim.a $(BUILD)/librollwatch.a
	$(CC) $(LDFLAGS) -o $@ $^ $(TUI_LIBS) $(SIM_LIBS) $(LIB_LIBS)

$(BUILD)/test_suites.h: $(TEST_SRC)
	@mkdir -p $(BUILD)
	for f in $(TEST_SRC); do n=$${f#tests/test_}; echo "SUITE(test_$${n%.c}_register)"; \
	done > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tests/runner.o: $(BUILD)/test_suites.h

$(BUILD)/test_runner: $(TEST_OBJ) $(BUILD)/librollwatch-tui.a $(BUILD)/librollwatch-sim.a \
		$(BUILD)/librollwatch.a
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) $(TUI_LIBS) $(LIB_LIBS)

# proves the headless sub-commands need nothing but the library (no ncursesw)
$(BUILD)/headless_check: $(BUILD)/obj/tests/headless/headless_main.o $(BUILD)/librollwatch.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

# reads moto_server back through the clients (run by tests/integration/moto.sh)
$(BUILD)/moto_ops: $(BUILD)/obj/tests/integration/moto_ops.o $(BUILD)/librollwatch.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

headless-check: $(BUILD)/headless_check
	sh tests/headless/check.sh $(BUILD)

$(BUILD)/fuzz/replay_%: $(BUILD)/obj/tests/fuzz/%.o $(BUILD)/obj/tests/fuzz/replay_main.o \
		$(BUILD)/librollwatch-tui.a $(BUILD)/librollwatch-sim.a $(BUILD)/librollwatch.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(TUI_LIBS) $(SIM_LIBS) $(LIB_LIBS)

fuzz-replay: $(FUZZ_REPLAY)
	@for f in $(FUZZ_REPLAY); do n=$${f##*/replay_fuzz_}; \
	  $$f tests/fuzz/corpus/$$n || exit 1; done

deps:
	@if ! pkg-config --exists $(PKGS_ALL) || ! command -v tmux >/dev/null 2>&1 || \
	  { [ -r /etc/debian_version ] && ! [ -x /usr/bin/aws ]; }; then \
	  sh share/install-deps.sh; fi

check: deps
	$(MAKE) check-run

check-run: $(BUILD)/rollwatch $(BUILD)/test_runner $(BUILD)/moto_ops
	$(BUILD)/test_runner
	$(MAKE) headless-check fuzz-replay
	sh tests/integration/moto.sh $(BUILD)/rollwatch
	sh tests/integration/sim.sh $(BUILD)/rollwatch
	sh tests/integration/sim_scenarios.sh $(BUILD)/rollwatch
	sh tests/integration/awscli.sh $(BUILD)/rollwatch
	sh tests/integration/logs.sh $(BUILD)/rollwatch
	sh tests/screen/run.sh $(BUILD)/rollwatch

sanitize: deps
	$(MAKE) BUILD=build-san CFLAGS="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  check-run

demo: deps
	$(MAKE) all
	$(BUILD)/rollwatch --demo --scenario bad-deploy

# (benchpage: the synthetic FilterLogEvents pages the log benchmarks share)
$(BUILD)/bench_%: $(BUILD)/obj/tests/bench/bench_%.o $(BUILD)/obj/tests/bench/benchpage.o \
		$(BUILD)/librollwatch.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LIBS)

# bench_keys runs the real console (and its fake cloud) on a pty: every library, and
# the console's key handler wrapped so that it can count the transfers in flight
$(BUILD)/bench_keys: $(BUILD)/obj/tests/bench/bench_keys.o $(BUILD)/librollwatch-tui.a \
		$(BUILD)/librollwatch-sim.a $(BUILD)/librollwatch.a
	$(CC) $(LDFLAGS) -Wl,--wrap=app_key -o $@ $^ $(TUI_LIBS) $(SIM_LIBS) $(LIB_LIBS) -lutil

# bench_tail_lag runs the fake cloud in its own process (tests/support/simclient)
$(BUILD)/bench_tail_lag: $(BUILD)/obj/tests/bench/bench_tail_lag.o \
		$(BUILD)/obj/tests/support/simclient.o $(BUILD)/librollwatch-sim.a $(BUILD)/librollwatch.a
	$(CC) $(LDFLAGS) -o $@ $^ $(SIM_LIBS) $(LIB_LIBS)

bench: deps
	$(MAKE) bench-run

bench-run: $(BENCH_BIN) $(BUILD)/rollwatch
	@for b in $(BENCH_BIN); do $$b || exit 1; done
	sh tests/bench/compare_aws_logs_tail.sh $(BUILD)/rollwatch

# libFuzzer builds with clang: every parser of outside bytes has a target
fuzz: deps
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fsanitize=fuzzer-no-link" fuzz-run

$(BUILD)/fuzz/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(BUILD)/librollwatch-tui.a \
		$(BUILD)/librollwatch-sim.a $(BUILD)/librollwatch.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(TUI_LIBS) $(SIM_LIBS) $(LIB_LIBS)

fuzz-run: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do n=$${f##*/fuzz_}; mkdir -p $(BUILD)/corpus/$$n; \
	  echo "fuzz $$n for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 $(BUILD)/corpus/$$n \
	    tests/fuzz/corpus/$$n || exit 1; done

install: $(BUILD)/rollwatch
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(DATADIR)/rollwatch/themes \
	  $(DESTDIR)$(DATADIR)/bash-completion/completions $(DESTDIR)$(DATADIR)/zsh/site-functions
	install -m 755 $(BUILD)/rollwatch $(DESTDIR)$(BINDIR)/rollwatch
	install -m 644 share/man/rollwatch.1 $(DESTDIR)$(MANDIR)/man1/rollwatch.1
	install -m 644 $(THEMES) $(DESTDIR)$(DATADIR)/rollwatch/themes/
	install -m 644 share/completions/rollwatch.bash \
	  $(DESTDIR)$(DATADIR)/bash-completion/completions/rollwatch
	install -m 644 share/completions/_rollwatch $(DESTDIR)$(DATADIR)/zsh/site-functions/_rollwatch

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rollwatch $(DESTDIR)$(MANDIR)/man1/rollwatch.1 \
	  $(DESTDIR)$(DATADIR)/bash-completion/completions/rollwatch \
	  $(DESTDIR)$(DATADIR)/zsh/site-functions/_rollwatch
	rm -rf $(DESTDIR)$(DATADIR)/rollwatch

clean:
	rm -rf build build-san build-fuzz build-clang

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
