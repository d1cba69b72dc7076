# Which ND4J native build the CPU backend uses. By default the fastest this CPU can run: the oneDNN + AVX2
# build (Maven profile `native-avx2`) when /proc/cpuinfo lists avx2, the generic x86-64 build otherwise;
# NATIVE=generic or NATIVE=onednn-avx2 forces one. With oneDNN, DL4J's convolution, pooling and batch
# normalisation layers run on oneDNN instead of ND4J's im2col (core's OneDnn; docs/benchmarks.md, "oneDNN"):
# records are then identical between runs of the same build but not across builds (docs/records.md).
# Included by the top Makefile before MVN_RUN is used; bin/isrepro makes the same choice.
NATIVE ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo onednn-avx2 || echo generic)
ifeq ($(BACKEND),cuda)
  NATIVE_PROFILE :=
else ifeq ($(NATIVE),onednn-avx2)
  NATIVE_PROFILE := -Pnative-avx2
else
  NATIVE_PROFILE :=
endif

# OpenBLAS's kernels, pinned for every target that starts Java or Python here (bin/isrepro does the same when run
# alone): the same products on Intel and AMD processors, whatever OpenBLAS 0.3.19's cpuid tables say of them
# (docs/machines.md, "What is pinned"). OPENBLAS_CORETYPE=... on the command line or in the environment wins.
OPENBLAS_CORETYPE ?= $(shell bash mk/openblas-core.sh)
ifneq ($(strip $(OPENBLAS_CORETYPE)),)
  export OPENBLAS_CORETYPE
endif
