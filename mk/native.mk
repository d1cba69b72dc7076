# Which ND4J native build the CPU backend uses. On a host whose CPU has AVX2 the `native-avx2` Maven profile adds
# the oneDNN + AVX2 build (docs/benchmarks.md: what it changes); elsewhere, and with BACKEND=cuda, the generic
# build. NATIVE=generic forces the generic build. Included by the top Makefile before MVN_RUN is used.
NATIVE ?= $(if $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo y),onednn-avx2,generic)
ifeq ($(BACKEND),cuda)
  NATIVE_PROFILE :=
else ifeq ($(NATIVE),onednn-avx2)
  NATIVE_PROFILE := -Pnative-avx2
else
  NATIVE_PROFILE :=
endif
