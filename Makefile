# salesutils - see README.md.  make [all|check|demo|bench|install|clean]
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -Wall -Wextra -Wpedantic -Werror=implicit-function-declaration
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib
LDLIBS = -lcsv

# make check SANITIZE=1: AddressSanitizer + UndefinedBehaviorSanitizer,
# built apart so the two builds never mix
ifeq ($(SANITIZE),1)
BUILD = build/san
CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
else
BUILD = build/rel
endif

PROGS = forecast
LIBSRC = $(wildcard lib/*.c)
LIBOBJ = $(LIBSRC:lib/%.c=$(BUILD)/lib/%.o)
BINS = $(PROGS:%=$(BUILD)/bin/%)
TESTBINS = $(BUILD)/bin/unit $(BUILD)/bin/csvdump
MAN1 = $(PROGS:%=man/%.1)
MAN7 = man/salesutils.7

all: deps-build $(BINS)

deps-build:
	@sh .ci/deps build
deps-test:
	@sh .ci/deps test
deps-bench:
	@sh .ci/deps bench

$(BUILD)/lib/%.o: lib/%.c lib/su.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/libsu.a: $(LIBOBJ)
	$(AR) rcs $@ $(LIBOBJ)

$(BUILD)/bin/%: cmd/%.c $(BUILD)/libsu.a lib/su.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsu.a $(LDLIBS)

$(BUILD)/bin/unit: tests/unit/unit.c $(BUILD)/libsu.a lib/su.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsu.a $(LDLIBS)

$(BUILD)/bin/csvdump: tests/unit/csvdump.c $(BUILD)/libsu.a lib/su.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsu.a $(LDLIBS)

$(BUILD)/bin/csvcount: bench/csvcount.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

# the tests: C unit tests of lib/, then bats; the last line is the count
check: deps-build deps-test $(BINS) $(TESTBINS)
	@BIN=$(CURDIR)/$(BUILD)/bin sh tests/run

demo: all
	@sh examples/demo $(CURDIR)/$(BUILD)/bin

bench: deps-bench all $(BUILD)/bin/csvcount
	@sh bench/run $(CURDIR)/$(BUILD)/bin

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/

uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)

clean:
	rm -rf build bench/data

.PHONY: all check demo bench install uninstall clean deps-build deps-test deps-bench
.SECONDARY:
