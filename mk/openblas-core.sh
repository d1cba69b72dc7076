#!/usr/bin/env bash
# Prints the OpenBLAS core type the harness pins (docs/machines.md, "What is pinned"): Haswell on an x86-64 CPU
# with AVX2 and FMA, nothing elsewhere. ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which picks its kernels from
# cpuid: SkylakeX or Cooperlake on AVX-512 Xeons, and "Barcelona" (SSE2 kernels of 2007) on AMD Zen 5, whose
# family it predates. Haswell's kernels run on both vendors, so both compute the same products.
# Usage: mk/openblas-core.sh [cpuinfo file]  (default /proc/cpuinfo)
cpuinfo="${1:-/proc/cpuinfo}"
flags="$(grep -m1 '^flags' "$cpuinfo" 2>/dev/null)"
case " $flags " in
  *" avx2 "*) case " $flags " in *" fma "*) echo Haswell ;; esac ;;
esac
