# benchmark module: JMH benchmarks of what scoring, sampling, tau and one step of each method cost.
# Included by the top Makefile, which runs from the repository root and defines MVN and `setup`.
#
#   make bench                  quick: one point of the grid (B=640, b=128, every model), 1 fork, 1 x 1 s warmup,
#                               3 x 1 s measurement; about 10 minutes on 2 cores
#   make bench BENCH=full       the whole grid with the classes' own settings (2 forks, 3 x 2 s warmup,
#                               5 x 2 s measurement): 152 benchmarks, about 90 minutes with one thread
#   make bench BENCH_ARGS='ScoringBench -p model=lenet'   extra JMH arguments (a benchmark regex, -p overrides)
#
# Writes $(BENCH_OUT)/jmh.json (JMH's -rf json) and $(BENCH_OUT)/benchmark-ratios.json (docs/reports.md);
# `make report` draws them. docs/benchmarks.md says what each benchmark answers.

MVN ?= mvn -B -ntp
BENCH ?= quick
BENCH_OUT ?= reports/out
BENCH_ARGS ?=
BENCH_JAR := benchmark/target/benchmarks.jar
BENCH_JAVA ?= java
# ND4J's OpenMP/BLAS threads. 1 by default: on 2 cores shared with other jobs, two threads per op wait for a
# descheduled partner at every parallel region and small ops (batch-size-1 backprop, one training step) slow
# down 3-8x while large ones do not, which distorts every ratio (docs/benchmarks.md, "Profiling").
# BENCH_THREADS= (empty) keeps ND4J's default of one thread per core, for an otherwise idle machine.
BENCH_THREADS ?= 1
# ND4J and DL4J log every fork's start at INFO; warnings (e.g. a fallback step) still show.
BENCH_JVM := -jvmArgsAppend -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
# Quick: one (B, b) for every model. IsIterationLargeBatchBench is the same benchmark as IsIterationBench
# for b = 128 and would time the same point twice once -p overrides both grids.
BENCH_QUICK := -f 1 -wi 1 -w 1s -i 3 -r 1s -p presample=640 -p batch=128 -p scores=128 \
	-e IsIterationLargeBatchBench

BENCH_JMH = $(if $(filter full,$(BENCH)),,$(BENCH_QUICK))

.PHONY: bench
bench: setup
	@case "$(BENCH)" in quick|full) ;; *) echo "bench: BENCH must be quick or full, got '$(BENCH)'" >&2; exit 2;; esac
	$(or $(MVN_RUN),$(MVN)) -q -pl benchmark -am package -DskipTests
	mkdir -p $(BENCH_OUT)
	$(if $(BENCH_THREADS),OMP_NUM_THREADS=$(BENCH_THREADS)) $(BENCH_JAVA) -jar $(BENCH_JAR) $(BENCH_JMH) $(BENCH_JVM) $(BENCH_ARGS) -rf json -rff $(abspath $(BENCH_OUT))/jmh.json
	$(if $(BENCH_THREADS),OMP_NUM_THREADS=$(BENCH_THREADS)) $(BENCH_JAVA) -cp $(BENCH_JAR) org.isrepro.benchmark.Ratios $(BENCH_OUT)/jmh.json $(BENCH_OUT)/benchmark-ratios.json
