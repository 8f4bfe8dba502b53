# Majakka - build with plain GNU make and pkg-config.
#
#   make run     install what is missing, build, create the demo database, serve
#   make test    every test: unit (cmocka), end to end (prove), browser, ASan+UBSan
#   make         just build build/majakka
#
# Sources are found by wildcard: a new src/*/x.c or tests/unit/test_x.c needs no
# edit here.

CC       ?= cc
PKGS     := libmicrohttpd jansson libsodium sqlite3 libgvc libcgraph cairo libical
DB       ?= var/majakka.db
LISTEN   ?= 127.0.0.1:8080

WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wpointer-arith \
            -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers
BASE     := -std=c17 -D_GNU_SOURCE -Isrc -include src/core/banned.h -g -MMD -MP
HARDEN   := -O2 -D_FORTIFY_SOURCE=3 -fstack-protector-strong -fPIE
LDHARDEN := -pie -Wl,-z,relro,-z,now
SAN      := -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
# Graphviz's dot layout plugin is linked in (src/view/layered.c), so the layout
# needs no plugin configuration file at run time (libgraphviz-dev ships the .so).
GVPLUGINDIR = $(shell pkg-config --variable=libdir libgvc 2>/dev/null)/graphviz
PKG_LIBS   += -L$(GVPLUGINDIR) -lgvplugin_dot_layout -Wl,-rpath,$(GVPLUGINDIR)

SRC      := $(sort $(wildcard src/*/*.c))
LIBSRC   := $(filter-out src/main.c,$(SRC)) 
TESTSRC  := $(sort $(wildcard tests/unit/test_*.c))

SCHEMA   := $(sort $(wildcard schema/*.sql))
OBJ      := $(LIBSRC:src/%.c=build/obj/%.o) build/obj/gen/schema.o
ASANOBJ  := $(LIBSRC:src/%.c=build/asan/obj/%.o) build/asan/obj/gen/schema.o
TESTS    := $(TESTSRC:tests/unit/%.c=build/tests/%)
FUZZSRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZOBJ  := $(LIBSRC:src/%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/schema.o
FUZZERS  := $(FUZZSRC:tests/fuzz/%.c=build/fuzz/%)
ASANTESTS:= $(TESTSRC:tests/unit/%.c=build/asan/tests/%)

.PHONY: all run test deps deps-test deps-bench bench floor fuzz fuzzers durability security clean

all: build/majakka

deps:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test

deps-bench:
	@scripts/deps.sh bench

# Load scenarios at county and nation scale next to nginx (docs/BENCHMARKS.md).
bench: deps-bench build/majakka
	scripts/bench.sh

# The best a child page of this design can do: its mandatory work alone,
# next to nginx and the HTTP layer (scripts/floor.sh, docs/BENCHMARKS.md).
floor: deps-bench build/majakka
	scripts/floor.sh

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(HARDEN) $(PKG_CFLAGS) -c $< -o $@

# The list of migrations, rewritten only when it changes: a migration removed
# from schema/ makes schema.c older than the list, so it is embedded again.
SCHEMA_LIST := build/gen/schema.list
$(shell mkdir -p build/gen; echo '$(SCHEMA)' | cmp -s - $(SCHEMA_LIST) 2>/dev/null || echo '$(SCHEMA)' > $(SCHEMA_LIST))

build/gen/schema.c: $(SCHEMA) $(SCHEMA_LIST) scripts/embed.sh
	@mkdir -p $(dir $@)
	scripts/embed.sh embedded_schema $(SCHEMA) > $@

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(HARDEN) -c $< -o $@

build/asan/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(SAN) -c $< -o $@

build/asan/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(SAN) $(PKG_CFLAGS) -c $< -o $@

build/libmajakka.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

build/asan/libmajakka.a: $(ASANOBJ)
	@rm -f $@
	ar rcs $@ $^

build/majakka: src/main.c build/libmajakka.a Makefile
	$(CC) $(BASE) $(WARN) $(HARDEN) $(PKG_CFLAGS) $< -o $@ $(LDHARDEN) build/libmajakka.a $(PKG_LIBS)

build/asan/majakka: src/main.c build/asan/libmajakka.a
	$(CC) $(BASE) $(WARN) $(SAN) $(PKG_CFLAGS) $< -o $@ build/asan/libmajakka.a $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libmajakka.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(HARDEN) $(PKG_CFLAGS) $< -o $@ $(LDHARDEN) build/libmajakka.a $(PKG_LIBS) -lcmocka

build/asan/tests/%: tests/unit/%.c build/asan/libmajakka.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(WARN) $(SAN) $(PKG_CFLAGS) $< -o $@ build/asan/libmajakka.a $(PKG_LIBS) -lcmocka

# The e2e suite again against the sanitizer build: one wrapper per script, so
# a single prove run reports everything in one summary.
build/asan/e2e/%.t: tests/e2e/%.t
	@mkdir -p $(dir $@)
	@printf '#!/bin/sh\nMAJAKKA_BIN=build/asan/majakka exec perl -Itests/lib %s\n' '$<' > $@
	@chmod +x $@

E2E      := $(sort $(wildcard tests/e2e/*.t))
ASANE2E  := $(E2E:tests/e2e/%=build/asan/e2e/%)

run: deps build/majakka
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then build/majakka demo --db $(DB); fi
	build/majakka serve --db $(DB) --listen $(LISTEN)

test: deps-bench build/majakka build/asan/majakka $(TESTS) $(ASANTESTS) $(ASANE2E) $(FUZZERS)
	@CMOCKA_MESSAGE_OUTPUT=TAP ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
	  MAJAKKA_BIN=build/majakka \
	  prove -j2 -Itests/lib --timer $(TESTS) $(ASANTESTS) $(E2E) $(ASANE2E) $(wildcard tests/browser/*.t) \
	    tests/bench/quick.t tests/bench/floor.t tests/bench/private_dir.t tests/fuzz/smoke.t tests/durability/quick.t tests/durability/faults_quick.t tests/security/quick.t \
	    tests/security/slow.t

# libFuzzer targets (clang, ASan+UBSan): tests/fuzz/fuzz_*.c over the library.
FUZZFLAGS:= -std=c17 -D_GNU_SOURCE -Isrc -include src/core/banned.h -g -MMD -MP -O1 -fno-omit-frame-pointer \
            -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SECONDS ?= 60

build/fuzz/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	clang $(FUZZFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c $< -o $@

build/fuzz/%: tests/fuzz/%.c $(FUZZOBJ)
	clang $(FUZZFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) $< $(FUZZOBJ) -o $@ $(PKG_LIBS)

fuzzers: $(FUZZERS)

# Long runs: FUZZ_SECONDS each (default 60); figures go to build/fuzz/summary.txt.
fuzz: deps-test fuzzers
	@: > build/fuzz/summary.txt
	@for f in $(FUZZERS); do n=$$(basename $$f); mkdir -p build/fuzz/corpus/$$n; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 build/fuzz/corpus/$$n tests/fuzz/corpus/$${n#fuzz_} \
	    > build/fuzz/$$n.log 2>&1 || { echo "$$n: CRASH (see build/fuzz/$$n.log)"; exit 1; }; \
	  echo "$$n: $$(grep -m1 stat::number_of_executed_units build/fuzz/$$n.log | awk '{print $$2}') executions," \
	    "$$(grep -m1 stat::peak_rss_mb build/fuzz/$$n.log | awk '{print $$2}') MB, 0 crashes" | tee -a build/fuzz/summary.txt; done

# Crash durability: SIGKILL the server DURABILITY_KILLS times under
# concurrent writers; every acknowledged write must survive exactly once.
# Then storage faults: FAULT_CYCLES phases of FAULT_SECONDS each in which
# libfiu fails fsync/fdatasync/pwrite/write/ftruncate with FAULT_PROBABILITY
# (one SIGKILL among them); no refused write may be acknowledged, none
# acknowledged may be lost.  Each prints a summary line (# DURABILITY, # FAULTS).
DURABILITY_KILLS ?= 50
FAULT_CYCLES ?= 30
FAULT_SECONDS ?= 3
FAULT_PROBABILITY ?= 0.05
durability: deps-test build/majakka
	perl -Itests/lib tests/durability/crash.pl $(DURABILITY_KILLS) 8
	perl -Itests/lib tests/durability/faults.pl $(FAULT_CYCLES) 8 $(FAULT_SECONDS) $(FAULT_PROBABILITY)

# sqlmap at level 5 / risk 3 on every endpoint that takes parameters; slow
# HTTP attacks (slowhttptest) for SLOW_SECONDS each with SLOW_CONNECTIONS.
SLOW_SECONDS ?= 60
SLOW_CONNECTIONS ?= 450
security: deps-test build/majakka
	scripts/security.sh
	perl -Itests/lib tests/security/slow.pl $(SLOW_SECONDS) $(SLOW_CONNECTIONS)

clean:
	rm -rf build

# Keep intermediate objects (the fuzz objects), so nothing is deleted after the
# test summary, which must stay the last line of `make test`.
.SECONDARY:

-include $(OBJ:.o=.d) $(ASANOBJ:.o=.d) $(FUZZOBJ:.o=.d)
