#!/usr/bin/env python3
"""DL4J against PyTorch on the same CPU (docs/benchmarks.md, "DL4J against PyTorch").

For each repetition and each (network, operation, batch), runs org.isrepro.benchmark.PeerBench through JMH
(one fork, one nd4j-native build per --variant) and then the same network in PyTorch (companion/isrepro_torch/nets.py) timed
the way JMH times it (warmup iterations, then measurement iterations of fixed length, mean time per call),
so the two frameworks alternate and share whatever load the machine has. Writes one JSON file (schema
isrepro.peer-speed/1) atomically. Usage: see `make bench-peer` (mk/peer.mk) or --help.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

SCHEMA = "isrepro.peer-speed/1"
# The cpu-scale shapes (reproduction's Experiments): LeNet b=128, B=640 (§4.1); WRN-10-1 on 16x16
# b=32, B=160 (§4.2 stand-in); LSTM-64 over 14 steps of 14 pixels b=32 (§4.4 stand-in), and the earlier
# stand-in's LSTM-32 over 196 steps b=32, kept for comparison with the committed measurements.
DEFAULT_ENTRIES = "lenet:step:128,lenet:forward:640,wrn16:step:32,wrn16:forward:160,lstm64x14:step:32,lstm:step:32"
# JavaCPP loads the build named by this system property when its jar is on the classpath ("" = generic).
EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension"


class Failure(Exception):
    pass


def parse_entries(text):
    entries = []
    for item in text.split(","):
        parts = item.strip().split(":")
        if len(parts) != 3 or not parts[2].isdigit() or int(parts[2]) < 1:
            raise Failure(f"--entries: '{item}' is not network:operation:batch (e.g. lenet:step:128)")
        if parts[1] not in ("step", "forward"):
            raise Failure(f"--entries: operation must be step or forward, got '{parts[1]}' in '{item}'")
        entries.append((parts[0], parts[1], int(parts[2])))
    return entries


def parse_variants(text):
    """'default' = whatever the classpath loads; otherwise classifiers like linux-x86_64-onednn-avx2."""
    out = []
    for v in text.split(","):
        v = v.strip()
        if v == "default":
            out.append((v, None))
        elif v.startswith("linux-x86_64"):
            out.append((v, v[len("linux-x86_64"):]))
        else:
            raise Failure(f"--variants: '{v}' is neither 'default' nor a classifier like linux-x86_64-avx2")
    return out


def java_base(args, extension):
    cmd = [args.java]
    if extension is not None:
        cmd.append(f"-D{EXTENSION_PROPERTY}={extension}")
    return cmd + ["-cp", args.classpath]


def native_info(args, extension, env):
    cmd = java_base(args, extension) + ["-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                                        "org.isrepro.benchmark.NativeInfo"]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        raise Failure("NativeInfo failed: " + (p.stderr.strip().splitlines() or ["no output"])[-1])
    info = json.loads(lines[-1])
    info.pop("libraries", None)
    return info


def run_jmh(args, extension, env, network, operation, batch, tmpdir):
    out = os.path.join(tmpdir, "jmh.json")
    jvm = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
    if extension is not None:
        jvm += f" -D{EXTENSION_PROPERTY}={extension}"
    # JMH's lock only keeps two JMH runs of one user apart; on a shared machine the load is recorded instead.
    cmd = java_base(args, extension) + ["-Djmh.ignoreLock=true",
        "org.openjdk.jmh.Main", "PeerBench.run",
        "-p", f"network={network}", "-p", f"operation={operation}", "-p", f"batch={batch}",
        "-f", "1", "-wi", str(args.warmup), "-w", f"{args.seconds}s", "-i", str(args.iterations),
        "-r", f"{args.seconds}s", "-jvmArgsAppend", jvm, "-rf", "json", "-rff", out]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.returncode != 0 or not os.path.exists(out):
        tail = (p.stderr.strip() or p.stdout.strip()).splitlines()[-5:]
        raise Failure(f"JMH failed for {network} {operation} b={batch}: " + " | ".join(tail))
    with open(out) as f:
        result = json.load(f)
    os.remove(out)
    if not result:
        raise Failure(f"JMH produced no result for {network} {operation} b={batch}")
    metric = result[0]["primaryMetric"]
    if metric["scoreUnit"] != "ms/op":
        raise Failure(f"unexpected JMH unit {metric['scoreUnit']}")
    aux = result[0].get("secondaryMetrics", {})
    cpu = sum(sum(fork) for fork in aux["cpuMs"]["rawData"]) if "cpuMs" in aux else None
    calls = sum(sum(fork) for fork in aux["calls"]["rawData"]) if "calls" in aux else 0
    return metric["score"], (cpu / calls if cpu is not None and calls else None)


def time_torch(task, args):
    """JMH's AverageTime by hand: warmup iterations, then iterations of args.seconds each; mean ms per call.
    Also this thread's CPU time per call over the measurement iterations (PeerBench.Cpu's counterpart)."""
    def iteration():
        n, start, cpu = 0, time.perf_counter(), time.thread_time()
        while True:
            task.run()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= args.seconds:
                return elapsed * 1e3 / n, (time.thread_time() - cpu) * 1e3, n
    for _ in range(args.warmup):
        iteration()
    runs = [iteration() for _ in range(args.iterations)]
    return statistics.mean(r[0] for r in runs), sum(r[1] for r in runs) / sum(r[2] for r in runs)


def cpu_info():
    model, flags = None, []
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and model is None:
                    model = value.strip()
                if key.strip() == "flags" and not flags:
                    flags = value.split()
    except OSError:
        pass
    simd = [x for x in ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni") if x in flags]
    return {"model": model or platform.processor(), "cores": os.cpu_count(), "simd": simd, "flags": flags}


def git_commit():
    try:
        p = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True).stdout.strip()
        return p.stdout.strip() + ("-dirty" if dirty else "") if p.returncode == 0 else None
    except OSError:
        return None


def write_atomically(path, data):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".peer-speed.", dir=directory)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--classpath", required=True, help="benchmark/target/benchmarks.jar, plus any native jars")
    ap.add_argument("--java", default="java")
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, required=True, help="OpenMP threads for both frameworks")
    ap.add_argument("--repetitions", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=2, help="warmup iterations")
    ap.add_argument("--iterations", type=int, default=3, help="measurement iterations")
    ap.add_argument("--seconds", type=int, default=2, help="length of one iteration")
    ap.add_argument("--entries", default=DEFAULT_ENTRIES, help="network:operation:batch,...")
    ap.add_argument("--variants", default="default",
                    help="nd4j-native builds to time: 'default' (what the classpath loads) or classifiers, "
                         "e.g. linux-x86_64,linux-x86_64-avx2,linux-x86_64-onednn-avx2")
    args = ap.parse_args(argv)
    for name in ("threads", "repetitions", "iterations", "seconds"):
        if getattr(args, name) < 1:
            raise Failure(f"--{name} must be >= 1, got {getattr(args, name)}")
    if args.warmup < 0:
        raise Failure(f"--warmup must be >= 0, got {args.warmup}")
    entries = parse_entries(args.entries)
    variants = parse_variants(args.variants)
    for jar in args.classpath.split(os.pathsep):
        if not os.path.exists(jar):
            raise Failure(f"--classpath: {jar} does not exist (run `make bench-peer`, which builds it)")

    threads = str(args.threads)
    env = dict(os.environ, OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads, OPENBLAS_NUM_THREADS=threads)
    os.environ.update(OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads)
    try:
        import torch
    except ImportError:
        raise Failure("PyTorch is not installed: `make bench-peer` installs Debian's python3-torch")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "companion"))
    from isrepro_torch import nets as torch_nets
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    for network, operation, batch in entries:
        if network not in torch_nets.NETWORKS:
            raise Failure(f"--entries: unknown network '{network}'; known: {sorted(torch_nets.NETWORKS)}")

    natives = {}
    for name, extension in variants:
        info = native_info(args, extension, env)
        if extension is not None and info.get("classifier") != name:
            raise Failure(f"asked for nd4j-native {name} but {info.get('classifier')} was loaded: "
                          "is its jar on --classpath?")
        natives[name] = info
        print(f"peer: {name}: loads {info.get('classifier')}", file=sys.stderr)

    started = datetime.datetime.now(datetime.timezone.utc)
    dl4j = {(v, e): [] for v, _ in variants for e in entries}
    dl4j_cpu = {(v, e): [] for v, _ in variants for e in entries}
    torch_ms = {e: [] for e in entries}
    torch_cpu = {e: [] for e in entries}
    loads = {e: [] for e in entries}
    with tempfile.TemporaryDirectory(prefix="peer-speed-") as tmpdir:
        for rep in range(args.repetitions):
            for e in entries:
                network, operation, batch = e
                loads[e].append(round(os.getloadavg()[0], 2))
                for name, extension in variants:
                    ms, cpu = run_jmh(args, extension, env, network, operation, batch, tmpdir)
                    dl4j[(name, e)].append(ms)
                    dl4j_cpu[(name, e)].append(cpu)
                    print(f"peer: rep {rep + 1}/{args.repetitions} {network} {operation} b={batch} "
                          f"dl4j[{name}] {ms:.1f} ms (cpu {cpu or float('nan'):.1f} ms)", file=sys.stderr)
                ms, cpu = time_torch(torch_nets.Task(network, operation, batch), args)
                torch_ms[e].append(ms)
                torch_cpu[e].append(cpu)
                print(f"peer: rep {rep + 1}/{args.repetitions} {network} {operation} b={batch} "
                      f"torch {ms:.1f} ms (cpu {cpu:.1f} ms, load {loads[e][-1]})", file=sys.stderr)

    results = []
    for name, _ in variants:
        for e in entries:
            d, t = statistics.median(dl4j[(name, e)]), statistics.median(torch_ms[e])
            cpu = {}
            # One OpenMP thread: both frameworks compute on the calling thread, whose CPU time is the cost of a
            # call net of the time the machine's other jobs took; with more threads it would miss the workers.
            if args.threads == 1 and None not in dl4j_cpu[(name, e)]:
                dc, tc = statistics.median(dl4j_cpu[(name, e)]), statistics.median(torch_cpu[e])
                cpu = {"dl4jCpuMs": round(dc, 3), "torchCpuMs": round(tc, 3), "cpuRatio": round(dc / tc, 3),
                       "dl4jCpuMsAll": [round(x, 3) for x in dl4j_cpu[(name, e)]],
                       "torchCpuMsAll": [round(x, 3) for x in torch_cpu[e]]}
            results.append({
                "network": e[0], "operation": e[1], "batch": e[2],
                "classifier": natives[name].get("classifier"),
                "dl4jMs": round(d, 3), "torchMs": round(t, 3), "ratio": round(d / t, 3),
                "repetitions": args.repetitions,
                "dl4jMsAll": [round(x, 3) for x in dl4j[(name, e)]],
                "torchMsAll": [round(x, 3) for x in torch_ms[e]],
                "loadAverage1mAll": loads[e],
                **cpu,
            })
    doc = {
        "schema": SCHEMA,
        "provenance": {
            "date": started.isoformat(timespec="seconds"),
            "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "gitCommit": git_commit(),
            "cpu": cpu_info(),
            "threads": args.threads,
            "dataType": "float32",
            "nd4jNative": natives,
            "torch": {"version": torch.__version__, "threads": torch.get_num_threads(),
                      "mkldnn": torch.backends.mkldnn.is_available()},
            "python": platform.python_version(),
            "method": {"warmupIterations": args.warmup, "iterations": args.iterations,
                       "iterationSeconds": args.seconds, "forks": 1,
                       "order": "per repetition and entry: DL4J (each variant, one JMH fork) then PyTorch",
                       "statistic": "per repetition the mean ms per call over the measurement iterations; "
                                    "dl4jMs and torchMs are medians over repetitions; ratio = dl4jMs / torchMs; "
                                    "with 1 thread also the calling thread's CPU time per call (dl4jCpuMs, "
                                    "torchCpuMs, cpuRatio), which the other jobs on a shared machine do not inflate"},
            "loadAverageAtEnd": [round(x, 2) for x in os.getloadavg()],
        },
        "entries": results,
    }
    write_atomically(args.out, doc)
    for r in results:
        line = (f"{r['network']:6} {r['operation']:7} b={r['batch']:<4} {r['classifier']:26} "
                f"dl4j {r['dl4jMs']:9.1f} ms  torch {r['torchMs']:8.1f} ms  ratio {r['ratio']:.2f}")
        if "cpuRatio" in r:
            line += f"  | cpu {r['dl4jCpuMs']:9.1f} / {r['torchCpuMs']:8.1f} ms  ratio {r['cpuRatio']:.2f}"
        print(line)
    print(f"peer: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Failure as f:
        print(f"bench-peer: {f}", file=sys.stderr)
        sys.exit(2)
