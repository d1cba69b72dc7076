# RAIS-SGD: the reviewers' sanity checks, one command each, and the RAIS experiments.
# Included by the top Makefile, which defines ISREPRO (bin/isrepro), SCALE (default cpu) and `cli`.
# Outputs go to reports/out (checks/<id>.json and runs/*.json); `make report` renders them.
#
#   make check-last-layer [SCALE=smoke|cpu]   last-layer vs full per-sample gradient norms (reviewer 000)
#   make check-subset     [SCALE=smoke|cpu]   IS on 1/5 of the data vs RAIS and uniform on all of it (reviewer 000)
#   make check-goodfellow [SCALE=smoke|cpu]   Goodfellow per-example gradients vs batch-size-1 backprop (reviewer 002)
#   make rais             [SCALE=smoke|cpu|paper]  rais-mnist-oracle, rais-cifar10, rais-cifar100
#
# ND4J's OpenMP threads spin-wait; on a shared 2-core machine one thread per JVM was 8x faster for the
# batch-size-1 backprop these checks do, so the targets run with OMP_NUM_THREADS=1 unless it is set.

RAIS_OUT ?= reports/out

.PHONY: check-last-layer check-subset check-goodfellow rais

check-last-layer check-subset check-goodfellow rais: export OMP_NUM_THREADS ?= 1

check-last-layer check-subset check-goodfellow: cli
	$(ISREPRO) $@ $(SCALE) $(abspath $(RAIS_OUT))

rais: cli
	$(ISREPRO) matrix --scale $(SCALE) --out $(abspath $(RAIS_OUT)) rais-mnist-oracle rais-cifar10 rais-cifar100
