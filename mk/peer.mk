# make bench-peer: DL4J against PyTorch on this machine (docs/benchmarks.md, "DL4J against PyTorch").
# Included by the top Makefile, which runs from the repository root and defines MVN, THREADS, SUDO and `setup`.
#
#   make bench-peer                         the cpu-scale networks in DL4J (JMH, org.isrepro.benchmark.PeerBench)
#                                           and PyTorch (benchmark/peer/), alternating, 3 repetitions; about
#                                           6 minutes on 2 cores
#   make bench-peer PEER_THREADS=1          one OpenMP thread for both (a loaded machine)
#   make bench-peer PEER_VARIANTS=linux-x86_64,linux-x86_64-avx2,linux-x86_64-onednn-avx2
#                                           time each nd4j-native build (fetched from Maven Central if missing)
#
# Installs Debian's python3-torch if Debian's python3 cannot import torch; `make test` never needs it.
# Writes $(PEER_OUT) (schema isrepro.peer-speed/1, docs/benchmarks.md) atomically.

comma := ,
empty :=
space := $(empty) $(empty)
PEER_PYTHON ?= /usr/bin/python3
PEER_THREADS ?= $(THREADS)
PEER_REPS ?= 3
PEER_VARIANTS ?= default
PEER_ARGS ?=
PEER_OUT ?= $(CURDIR)/reports/out/peer-speed.json
PEER_JAR := benchmark/target/benchmarks.jar
DL4J_VERSION := $(shell sed -n 's:.*<dl4j.version>\(.*\)</dl4j.version>.*:\1:p' pom.xml | head -1)
ND4J_NATIVE_REPO := $(HOME)/.m2/repository/org/nd4j/nd4j-native/$(DL4J_VERSION)
PEER_CLASSIFIERS := $(filter-out default,$(subst $(comma), ,$(PEER_VARIANTS)))
PEER_CLASSPATH := $(subst $(space),:,$(strip $(foreach c,$(PEER_CLASSIFIERS),\
	$(ND4J_NATIVE_REPO)/nd4j-native-$(DL4J_VERSION)-$(c).jar) $(PEER_JAR)))

.PHONY: bench-peer peer-setup
peer-setup: setup
	@$(PEER_PYTHON) -c 'import torch' 2>/dev/null || { \
	  echo "bench-peer: installing Debian's python3-torch"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-torch; }
	@$(PEER_PYTHON) -c 'import torch' || { echo "bench-peer: $(PEER_PYTHON) cannot import torch" >&2; exit 2; }

bench-peer: peer-setup
	$(or $(MVN_RUN),$(MVN)) -q -pl benchmark -am package -DskipTests
	@for c in $(PEER_CLASSIFIERS); do \
	  jar=$(ND4J_NATIVE_REPO)/nd4j-native-$(DL4J_VERSION)-$$c.jar; \
	  [ -f $$jar ] || $(MVN) -q dependency:get -Dartifact=org.nd4j:nd4j-native:$(DL4J_VERSION):jar:$$c \
	    -Dtransitive=false || { echo "bench-peer: no nd4j-native build '$$c' on Maven Central" >&2; exit 2; }; \
	done
	$(PEER_PYTHON) benchmark/peer/peer_speed.py --classpath $(PEER_CLASSPATH) --threads $(PEER_THREADS) \
	  --repetitions $(PEER_REPS) --variants $(PEER_VARIANTS) --out $(PEER_OUT) $(PEER_ARGS)
