#!/usr/bin/env python3
"""Where a JFR recording's time went (docs/benchmarks.md, "Where a training step's time goes").

Reads the execution samples (threads in Java code) and native-method samples (threads inside a JNI call,
i.e. ND4J's native ops) of one thread (default: main) from `jfr print --json` and prints three tables:
  - self: the top frame of each sample (for native samples, the JNI method that was called),
  - harness: the innermost org.isrepro frame on each stack (what our code spent, including what it called),
  - layer: the innermost DL4J layer/vertex/updater/loss class on each stack.
Usage: jfr_hotspots.py RECORDING.jfr [--thread main] [--top 25]
"""

import argparse
import collections
import json
import subprocess
import sys


def frames(event):
    for f in event["values"]["stackTrace"]["frames"] if event["values"].get("stackTrace") else []:
        m = f["method"]
        yield m["type"]["name"].replace("/", ".") + "." + m["name"]


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--thread", default="main")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--jfr", default="jfr")
    args = ap.parse_args(argv)
    p = subprocess.run([args.jfr, "print", "--json", "--stack-depth", "96", "--events",
                        "jdk.ExecutionSample,jdk.NativeMethodSample", args.recording], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"jfr_hotspots: jfr print failed: {p.stderr.strip()}")
    events = json.loads(p.stdout)["recording"]["events"]
    self_t, harness, layer = collections.Counter(), collections.Counter(), collections.Counter()
    kinds = collections.Counter()
    n = 0
    for e in events:
        thread = e["values"].get("sampledThread") or {}
        if thread.get("javaName") != args.thread:
            continue
        stack = list(frames(e))
        if not stack:
            continue
        n += 1
        native = e["type"] == "jdk.NativeMethodSample"
        kinds["native (ND4J ops and other JNI)" if native else "java"] += 1
        self_t[("native " if native else "") + stack[0]] += 1
        h = next((f for f in stack if f.startswith("org.isrepro.")), "(no harness frame)")
        harness[h] += 1
        l = next((f.rsplit(".", 1)[0] for f in stack if f.startswith("org.deeplearning4j.nn.layers.")
                  or f.startswith("org.deeplearning4j.nn.graph.vertex.")
                  or f.startswith("org.deeplearning4j.nn.updater.")
                  or f.startswith("org.nd4j.linalg.lossfunctions.")), "(no DL4J layer frame)")
        layer[l] += 1
    if n == 0:
        sys.exit(f"jfr_hotspots: no samples of thread '{args.thread}' in {args.recording}")
    print(f"{n} samples of thread '{args.thread}'")
    for title, c in (("kind", kinds), ("self (top frame)", self_t), ("harness (innermost org.isrepro frame)", harness),
                     ("layer (innermost DL4J layer, vertex, updater or loss)", layer)):
        print(f"\n## {title}")
        for k, v in c.most_common(args.top):
            print(f"{100.0 * v / n:6.1f}%  {v:6d}  {k}")


if __name__ == "__main__":
    main(sys.argv[1:])
