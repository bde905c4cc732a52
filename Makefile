# salesutils - see README.md.  make [all|check|demo|bench|install|deb|clean]
# the version, here alone: --version, the installed man pages, the package
VERSION = 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
# the shipped stage models, rules and plans: -m NAME, -r NAME, -p NAME
SHAREDIR = $(PREFIX)/share/salesutils
CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -Wall -Wextra -Wpedantic -Werror=implicit-function-declaration
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib
LDLIBS = -lcsv -linih -lxlsxwriter -lm
# su.h includes a header per lib module
HDRS = lib/su.h $(wildcard lib/su_*.h)

# make check SANITIZE=1: AddressSanitizer + UndefinedBehaviorSanitizer,
# built apart so the two builds never mix
ifeq ($(SANITIZE),1)
BUILD = build/san
CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
BUILD = build/rel
endif

PROGS = forecast stagecheck cyclestat mqlqualify commission roi arr dashboard
LIBSRC = $(wildcard lib/*.c)
LIBOBJ = $(LIBSRC:lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/builtin.o
BINS = $(PROGS:%=$(BUILD)/bin/%)
TESTBINS = $(BUILD)/bin/unit $(BUILD)/bin/csvdump $(BUILD)/inject.so
MAN1 = $(PROGS:%=man/%.1)
MAN5 = man/stagecheck-model.5 man/mqlqualify-rules.5 man/commission-plan.5 \
    man/roi-formulas.5
MAN7 = man/salesutils.7

# the shell completions, from the programs' own option tables (their
# --list-options): bash, zsh, fish
COMPLETIONS = $(BUILD)/completions/bash/salesutils
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d

all: deps-build $(BINS) $(COMPLETIONS)

$(COMPLETIONS): $(BINS) lib/mkcompletions.sh $(wildcard completions/*)
	sh lib/mkcompletions.sh $(BUILD)/bin $(SHAREDIR) $(BUILD)/completions \
	    $(PROGS)

deps-build:
	@sh .ci/deps build
deps-test:
	@sh .ci/deps test
deps-bench:
	@sh .ci/deps bench
deps-demo:
	@sh .ci/deps demo

$(BUILD)/lib/%.o: lib/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# where -m/-r/-p look for a bare name once installed; a new PREFIX rebuilds it
$(BUILD)/lib/shipped.o: lib/shipped.c $(HDRS) $(BUILD)/sharedir
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DSU_SHAREDIR='"$(SHAREDIR)"' $(CFLAGS) -c -o $@ $<
$(BUILD)/sharedir: FORCE
	@mkdir -p $(@D)
	@echo '$(SHAREDIR)' | cmp -s - $@ || echo '$(SHAREDIR)' >$@
FORCE:
# --version prints VERSION; a new one rebuilds cli.o
$(BUILD)/lib/cli.o: lib/cli.c $(HDRS) $(BUILD)/version
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DSU_VERSION='"$(VERSION)"' $(CFLAGS) -c -o $@ $<
$(BUILD)/version: FORCE
	@mkdir -p $(@D)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' >$@

# the built-in stage model (seed 003's) and qualification rules, and every
# shipped model by name (for "try -m salesforce"), compiled in
SHIPPED_MODELS = $(sort $(wildcard examples/models/*.ini))
SHIPPED = $(SHIPPED_MODELS) examples/rules/default.ini
$(BUILD)/lib/builtin.c: $(SHIPPED) lib/mkbuiltin.sh Makefile
	@mkdir -p $(@D)
	sh lib/mkbuiltin.sh $(SHIPPED) >$@.tmp && mv $@.tmp $@

$(BUILD)/lib/builtin.o: $(BUILD)/lib/builtin.c $(HDRS)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/libsu.a: $(LIBOBJ)
	$(AR) rcs $@ $(LIBOBJ)

$(BUILD)/bin/%: cmd/%.c $(BUILD)/libsu.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsu.a $(LDLIBS)

# commission is split by concern: cmd/commission.c (options, the run, main)
# and its parts in cmd/commission/, which share a private header
COMMISSION_SRC = cmd/commission.c $(wildcard cmd/commission/*.c)
$(BUILD)/bin/commission: $(COMMISSION_SRC) cmd/commission/commission.h \
    $(BUILD)/libsu.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(COMMISSION_SRC) \
	    $(BUILD)/libsu.a $(LDLIBS)

# forecast likewise: cmd/forecast.c and cmd/forecast/ (the waterfall)
FORECAST_SRC = cmd/forecast.c $(wildcard cmd/forecast/*.c)
$(BUILD)/bin/forecast: $(FORECAST_SRC) cmd/forecast/forecast.h \
    $(BUILD)/libsu.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(FORECAST_SRC) \
	    $(BUILD)/libsu.a $(LDLIBS)

# the unit tests: one file a lib module, main.c runs them (csvdump is a tool)
UNITSRC = $(filter-out tests/unit/csvdump.c,$(wildcard tests/unit/*.c))
$(BUILD)/bin/unit: $(UNITSRC) $(wildcard tests/unit/*.h) $(BUILD)/libsu.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(UNITSRC) $(BUILD)/libsu.a \
	    $(LDLIBS)

$(BUILD)/bin/csvdump: tests/unit/csvdump.c $(BUILD)/libsu.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsu.a $(LDLIBS)

$(BUILD)/bin/csvcount: bench/csvcount.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/bin/cputime: bench/cputime.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

# fault injection for the tests (LD_PRELOAD), never with the sanitizers
$(BUILD)/inject.so: tests/fault/inject.c
	$(CC) -O1 -g -fPIC -shared -o $@ $< -ldl

# the tests: C unit tests of lib/, then bats; the last line is the count
# make check VALGRIND=1: every program under valgrind's memcheck
check: deps-build deps-test $(BINS) $(COMPLETIONS) $(TESTBINS)
	@BIN=$(CURDIR)/$(BUILD)/bin VALGRIND=$(VALGRIND) SANITIZE=$(SANITIZE) sh tests/run

demo: all deps-demo
	@sh examples/demo $(CURDIR)/$(BUILD)/bin

bench: deps-bench all $(BUILD)/bin/csvcount $(BUILD)/bin/cputime
	@sh bench/run $(CURDIR)/$(BUILD)/bin

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(SHAREDIR)/models $(DESTDIR)$(SHAREDIR)/rules \
	    $(DESTDIR)$(SHAREDIR)/plans $(DESTDIR)$(SHAREDIR)/roi
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	for m in $(MAN1) $(MAN5) $(MAN7); do \
		s=$${m##*.}; \
		sed '1s/"salesutils [^"]*"/"salesutils $(VERSION)"/' $$m \
		    >$(DESTDIR)$(MANDIR)/man$$s/$${m#man/} || exit 1; \
	done
	cp examples/models/*.ini $(DESTDIR)$(SHAREDIR)/models/
	cp examples/rules/*.ini $(DESTDIR)$(SHAREDIR)/rules/
	cp examples/plans/*.ini $(DESTDIR)$(SHAREDIR)/plans/
	cp examples/roi/*.ini $(DESTDIR)$(SHAREDIR)/roi/
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR)
	for p in $(PROGS); do \
		cp $(COMPLETIONS) $(DESTDIR)$(BASHCOMPDIR)/$$p && \
		cp $(BUILD)/completions/fish/$$p.fish $(DESTDIR)$(FISHCOMPDIR)/ \
		    || exit 1; \
	done
	cp $(BUILD)/completions/zsh/_salesutils $(DESTDIR)$(ZSHCOMPDIR)/

uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -rf $(DESTDIR)$(SHAREDIR)
	rm -f $(PROGS:%=$(DESTDIR)$(BASHCOMPDIR)/%)
	rm -f $(PROGS:%=$(DESTDIR)$(FISHCOMPDIR)/%.fish)
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_salesutils

# make fuzz FUZZ_SECONDS=N: each libFuzzer harness in tests/fuzz for N
# seconds, from its seed corpus (tests/fuzz/corpus/NAME; what it finds goes
# to build/fuzz/corpus/NAME, a crash to build/fuzz/crash-*); then for N
# seconds more the end-to-end fuzzer, tests/fuzz/e2e: every program built
# with the sanitizers (build/san) on mutated examples with options from its
# --help, from FUZZ_SEED (a failure is kept in build/fuzz/e2e/fail-*)
FUZZ_SECONDS ?= 20
FUZZ_SEED ?= 1
FUZZERS = csv values model expr rules plan scan
FUZZCC = clang
FUZZFLAGS = -g -O1 -std=c11 -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZLIBOBJ = $(LIBSRC:lib/%.c=build/fuzz/lib/%.o) build/fuzz/lib/builtin.o

build/fuzz/lib/%.o: lib/%.c $(HDRS)
	@mkdir -p $(@D)
	$(FUZZCC) $(CPPFLAGS) -DSU_VERSION='"$(VERSION)"' $(FUZZFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/lib/builtin.o: $(BUILD)/lib/builtin.c
	@mkdir -p $(@D)
	$(FUZZCC) $(CPPFLAGS) $(FUZZFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZLIBOBJ)
	$(FUZZCC) $(CPPFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZLIBOBJ) $(LDLIBS)

fuzz: deps-build deps-fuzz $(FUZZERS:%=build/fuzz/fuzz_%)
	@sh tests/fuzz/run $(FUZZ_SECONDS) $(FUZZERS)
	@$(MAKE) --no-print-directory SANITIZE=1 all
	@python3 tests/fuzz/e2e -s $(FUZZ_SECONDS) --seed $(FUZZ_SEED)

deps-fuzz:
	@sh .ci/deps fuzz

# make deb: the Debian package, built (dpkg-buildpackage -us -uc -b) in a
# copy of the tree under build/deb, so nothing lands beside the tree;
# debian/changelog must have an entry for VERSION
deb:
	@v=$$(dpkg-parsechangelog -S Version) && [ "$$v" = "$(VERSION)" ] || \
	    { echo "debian/changelog is at $$v, the Makefile at $(VERSION):" \
	    "add an entry (dch -v $(VERSION))" >&2; exit 1; }
	rm -rf build/deb
	mkdir -p build/deb/salesutils-$(VERSION)
	tar -cf - --exclude=./build --exclude=./.git --exclude=./bench/data \
	    --exclude=./bench/node_modules . | \
	    tar -xf - -C build/deb/salesutils-$(VERSION)
	cd build/deb/salesutils-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls build/deb/*.deb

print-version:
	@echo $(VERSION)

clean:
	rm -rf build bench/data

.PHONY: FORCE all check demo bench fuzz install uninstall deb print-version clean deps-build deps-test deps-bench deps-demo deps-fuzz
.SECONDARY:
