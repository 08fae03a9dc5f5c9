# zaitaku — build, test, run. Plain make + pkg-config (see README for what each library is for).
#   make            build build/zaitaku (release flags)
#   make run        install deps, build, create and seed var/zaitaku.db, serve on 127.0.0.1:8080
#   make check      lint, install deps, build with ASan/UBSan, run unit, API and browser tests
#   make lint       the layering rules of docs/architecture.md (scripts/lint.sh)
#   make bench      benchmarks (bench/)
#   make fuzz       longer libFuzzer runs
# BUILD=dir selects the build directory so that parallel builds do not collide.

BUILD   ?= build
CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium liboath libzip libxml-2.0 xlsxwriter pangocairo libqrencode libical libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter -Wvla -Wformat=2
CFLAGS  ?= -O2 -g
# src/core/banned.h refuses strcpy, sprintf & co. at compile time (git's banned.h).
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -Isrc -include src/core/banned.h $(PKG_CFLAGS) -MMD -MP
LDFLAGS ?=
ALL_LDFLAGS = $(LDFLAGS) $(EXTRA_LDFLAGS)

# Every .c under src/ except the CLI entry point forms libzaitaku.a, which unit tests link.
LIB_SRC  := $(sort $(shell find src -name '*.c' ! -path 'src/cli/main.c'))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/src/cli/main.o
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# src/core and src/domain alone form libzaitaku-core.a, compiled without the libraries' include
# paths; the unit tests of the domain link it and nothing else but libm: the linker proves the
# domain pure (docs/architecture.md). Add a test here when it needs only core and domain.
CORE_SRC := $(sort $(wildcard src/core/*.c src/domain/*.c))
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
CORE_TESTS := test_attachment test_clock test_designation test_domain test_grouping test_holiday test_network_rules test_patient test_region test_role test_rota test_search
CORE_TESTS += test_match
CORE_TESTS += test_referral
CORE_TESTS += test_subsidy
CORE_TESTS += test_programme
CORE_TEST_BIN := $(CORE_TESTS:%=$(BUILD)/tests/%)
$(CORE_OBJ) $(CORE_TEST_BIN): PKG_CFLAGS :=

SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all deps run check lint tests-run bench fuzz clean format
all: $(BUILD)/zaitaku

deps:
	@./scripts/install-deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libzaitaku.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/libzaitaku-core.a: $(CORE_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/zaitaku: $(MAIN_OBJ) $(BUILD)/libzaitaku.a
	@echo "  LD  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libzaitaku.a tests/unit/unit.h
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libzaitaku.a $(ALL_LDFLAGS) $(PKG_LIBS)

$(CORE_TEST_BIN): $(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libzaitaku-core.a tests/unit/unit.h
	@mkdir -p $(dir $@)
	@echo "  LD  $@ (core only)"
	@$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libzaitaku-core.a $(ALL_LDFLAGS) -lm

$(BUILD)/bench/%: bench/%.c $(BUILD)/libzaitaku.a
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libzaitaku.a $(ALL_LDFLAGS) $(PKG_LIBS)

DB ?= var/zaitaku.db
LISTEN ?= 127.0.0.1:8080
PUBLIC_URL ?= http://$(LISTEN)
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p var
	@./$(BUILD)/zaitaku --db $(DB) init --if-absent
	@./$(BUILD)/zaitaku --db $(DB) demo --if-empty
	./$(BUILD)/zaitaku --db $(DB) serve --listen $(LISTEN) --public-url $(PUBLIC_URL)

# The test build lives in build-check with sanitizers; tests find the binary through ZAITAKU_BIN.
CHECK_BUILD := build-check
lint:
	@./scripts/lint.sh

check: lint
	@./scripts/install-deps.sh
	@# The default build (gcc) that `make run` serves the demo with: a gcc-only warning must fail here too.
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory BUILD=$(CHECK_BUILD) CC=clang CFLAGS="-O1 -g -DZT_TEST_HOOKS $(SAN)" EXTRA_LDFLAGS="$(SAN)" tests-run
	@./tests/fuzz/run.sh $${FUZZ_SECONDS:-5}

tests-run: $(BUILD)/zaitaku $(UNIT_BIN)
	@./tests/run-unit.sh $(BUILD)
	@ZAITAKU_BIN=$(abspath $(BUILD)/zaitaku) ./tests/run-integration.sh

BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
# Unit tests and the API smoke tests under valgrind (non-sanitized build): make valgrind BUILD=build-vg
.PHONY: valgrind
valgrind: $(BUILD)/zaitaku $(UNIT_BIN)
	@./tests/run-valgrind.sh $(BUILD)

bench:
	@./scripts/install-deps.sh --bench
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@./bench/run.sh $(BUILD)

fuzz: deps
	@./tests/fuzz/run.sh 300

clean:
	rm -rf build build-check build-* var/*.db-*

format:
	clang-format -i $$(find src tests -name '*.[ch]')

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# The embedded reference lists (io/refdata.c .incbin)
$(BUILD)/src/io/refdata.o: data/municipalities.csv data/municipality-offices.csv
