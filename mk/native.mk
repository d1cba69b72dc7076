# Which ND4J native build the CPU backend uses: the generic x86-64 build by default. NATIVE=onednn-avx2 (on a CPU
# with AVX2) adds the oneDNN + AVX2 build through the `native-avx2` Maven profile. It is opt-in: side by side on
# this project's networks it was not measurably faster (docs/benchmarks.md: the time goes to DL4J's im2col path
# either way), and with it a resumed RAIS run drew weights that differed from the uninterrupted run's in the last
# bit, which breaks the resume guarantee (docs/records.md). The cpu reference run of 2026-12-01 used it (its
# provenance says so). Included by the top Makefile before MVN_RUN is used.
NATIVE ?= generic
ifeq ($(BACKEND),cuda)
  NATIVE_PROFILE :=
else ifeq ($(NATIVE),onednn-avx2)
  NATIVE_PROFILE := -Pnative-avx2
else
  NATIVE_PROFILE :=
endif
