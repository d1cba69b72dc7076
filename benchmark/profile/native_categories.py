#!/usr/bin/env python3
"""Groups one thread's perf samples (`perf report --sort dso,sym --stdio -g none` output) into what a training
step is made of (docs/benchmarks.md, "Where the floor is"): oneDNN's kernels, matrix products, ND4J's
element-wise and reduction kernels, ND4J's per-operation bookkeeping, memory management, the kernel, the JVM
and Java code. With --ms (the call's time from JMH) each share is also given in ms per call. --detail lists
ND4J's kernels by operation.

Usage: native_categories.py SYMS [--ms 33.0] [--detail]
"""

import argparse
import collections
import re
import sys

LINE = re.compile(r"\s*([\d.]+)%\s+(\[JIT\] tid \d+|\S+)\s+\[(.)\]\s+(.*)")
ONEDNN_KERNEL = re.compile(r"_?jit_|brgemm|dnnl")
ELEMENTWISE = re.compile(r"PairWise|pairwise|Transform|transform|broadcast|reduce|Reduce|SummaryStats|Scalar|"
                         r"scalar|relu|Relu|Sigmoid|Tanh|Assign|applyPairwiseLambda|applyLambda|IndexReduce")

CATEGORIES = [
    "oneDNN kernels (convolution, batch norm, reorders, matmul)",
    "matrix products (OpenBLAS)",
    "ND4J element-wise and reduction kernels (incl. libm)",
    "ND4J per-operation bookkeeping (dispatch, shapes, buffers, JNI glue)",
    "memory: malloc, free, memcpy (libc)",
    "kernel (page faults, system calls)",
    "JVM runtime (JNI object allocation, GC barriers, interpreter)",
    "Java code (DL4J, ND4J, JavaCPP; compiled)",
]

DETAIL = [
    ("variance (batch-norm statistics)", r"SummaryStatsVariance"),
    ("mean", r"simdOps::Mean"),
    ("sum", r"simdOps::Sum"),
    ("broadcast add/multiply/subtract", r"broadcast"),
    ("relu, relu_bp", r"relu|Relu"),
    ("sigmoid, tanh (incl. libm)", r"Sigmoid|Tanh|expm1|exp|tanh"),
    ("pairwise (add, multiply, ...)", r"PairWise|pairwise|applyPairwiseLambda"),
    ("assign (copies)", r"Assign"),
    ("scalar and other transforms", r"Scalar|scalar|Transform|transform"),
]


def category(dso, sym):
    if dso.startswith("[JIT]"):
        # oneDNN's generated kernels are named by its perf map; everything else there is the JVM's code
        return CATEGORIES[0] if ONEDNN_KERNEL.match(sym) else CATEGORIES[7]
    if "libnd4jcpu" in dso:
        if "dnnl" in sym:
            return CATEGORIES[0]
        if "gemm" in sym:
            return CATEGORIES[1]
        return CATEGORIES[2] if ELEMENTWISE.search(sym) else CATEGORIES[3]
    if "openblas" in dso:
        return CATEGORIES[1]
    if "libm." in dso:
        return CATEGORIES[2]
    if "libc.so" in dso or "ld-linux" in dso:
        return CATEGORIES[4]
    if "kernel" in dso:
        return CATEGORIES[5]
    if "libjvm" in dso:
        return CATEGORIES[6]
    return CATEGORIES[3]


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("syms")
    ap.add_argument("--ms", type=float, default=0.0)
    ap.add_argument("--detail", action="store_true")
    args = ap.parse_args(argv)
    shares, detail = collections.Counter(), collections.Counter()
    total = 0.0
    with open(args.syms) as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            pct, dso, sym = float(m.group(1)), m.group(2), m.group(4)
            total += pct
            c = category(dso, sym)
            shares[c] += pct
            if c == CATEGORIES[2]:
                name = next((n for n, rx in DETAIL if re.search(rx, sym)), "other")
                detail[name] += pct
    if total == 0:
        sys.exit(f"native_categories: no samples in {args.syms}")
    print("| where | share | ms per call |" if args.ms else "| where | share |")
    print("|---|---|---|" if args.ms else "|---|---|")
    for c in CATEGORIES:
        share = 100 * shares[c] / total
        print(f"| {c} | {share:.1f}% |" + (f" {share * args.ms / 100:.1f} |" if args.ms else ""))
    if args.detail:
        print()
        for name, pct in detail.most_common():
            share = 100 * pct / total
            print(f"| ND4J kernel: {name} | {share:.1f}% |" + (f" {share * args.ms / 100:.1f} |" if args.ms else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
