"""The independent PyTorch twin (docs/framework.md, "The independent twin"): Algorithm 1 of Katharopoulos &
Fleuret (2018) end to end with its own draws — uniform, loss or upper-bound — on the data subset and protocol a
DL4J run exported (`isrepro run --lockstep-export DIR`), from DL4J's initialisation scheme, with DL4J's step
semantics (dl4j.Twin). Writes a run record (isrepro.run/2, docs/records.md) with provenance.framework "pytorch".

    python3 -m isrepro_torch.algorithm1 --export DIR --method upper-bound --seed 0 --out reports/out
"""

import argparse
import datetime
import json
import math
import os
import platform
import re
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from . import dl4j, nets
from .lockstep import write_atomically

METHODS = ("uniform", "loss", "upper-bound")


def lstm_init(twin, generator):
    """DL4J's initialisation of Architectures.lstm (XAVIER throughout, LSTMParamInitializer): W and RW
    N(0, 2/(fanIn + fanOut)) with fanIn = hidden, fanOut = features + hidden; the bias 0 but the forget gate's block
    (DL4J's second) 1; the output layer N(0, 2/(hidden + classes)), bias 0. Updater state zero."""
    net = twin.net
    hidden, features = net.hidden, net.W.shape[1]
    classes = net.out.weight.shape[0]
    with torch.no_grad():
        for p, std in ((net.W, math.sqrt(2.0 / (2 * hidden + features))),
                       (net.RW, math.sqrt(2.0 / (2 * hidden + features))),
                       (net.out.weight, math.sqrt(2.0 / (hidden + classes)))):
            p.copy_(torch.randn(p.shape, generator=generator, dtype=torch.float64).to(p.dtype) * std)
        net.b.zero_()
        net.b[hidden:2 * hidden] = 1.0
        net.out.bias.zero_()
    twin.reset_state()


def xavier(meta, name):
    """Whether DL4J draws the weight `name` with WeightInit.XAVIER (the output layers of Architectures) rather than
    RELU, as the exported configuration says; the §4.2 export's output layer is `out`."""
    conf = dl4j.layer_confs(meta).get(name.rsplit("_", 1)[0])
    if conf is None or "weightInitFn" not in conf:
        return name.startswith("out_")
    return conf["weightInitFn"]["@class"].endswith("WeightInitXavier")


def dl4j_init(twin, generator):
    """DL4J's initialisation as Architectures sets it: WeightInit.RELU, N(0, 2/fanIn), for convolutions and dense
    layers; XAVIER, N(0, 2/(fanIn+fanOut)), for the output layer; zero biases; batch norm gamma 1, beta 0, running
    mean 0 and log10 std 0. Variables the export names as the same for every run seed (a fine-tuning run's
    pre-trained backbone, §4.3) are DL4J's initial values instead; the others are drawn here. The §4.4 LSTM has its
    own scheme (lstm_init). Updater state zero."""
    if isinstance(twin.net, nets.Lstm):
        return lstm_init(twin, generator)
    fixed = set((twin.export.meta.get("initialisation") or {}).get("sameForEverySeed", []))
    initial = twin.export.split(twin.export.load("params_initial.npy")) if fixed else {}
    for name, (module, attr) in twin.names.items():
        p = getattr(module, attr)
        with torch.no_grad():
            if name in fixed:
                p.copy_(torch.as_tensor(initial[name], dtype=p.dtype).reshape(p.shape))
            elif name.endswith("_W"):
                fan_in = p[0].numel()
                fan_out = p.shape[0] * (p[0, 0].numel() if p.dim() > 2 else 1)
                std = math.sqrt(2.0 / ((fan_in + fan_out) if xavier(twin.export.meta, name) else fan_in))
                p.copy_(torch.randn(p.shape, generator=generator, dtype=torch.float64).to(p.dtype) * std)
            elif name.endswith("_gamma"):
                p.fill_(1.0)
            else:
                p.zero_()
    twin.reset_state()
    for vertex, bn in twin.bns.items():
        twin.running[vertex + "_mean"] = torch.zeros(bn.num_features, dtype=twin.dtype)
        twin.running[vertex + "_log10stdev"] = torch.zeros(bn.num_features, dtype=twin.dtype)
    twin._sync_running()


def lr_at(schedule, progress):
    lr = schedule["initial"]
    for d in schedule["drops"]:
        if progress >= d["fraction"]:
            lr *= d["factor"]
    return lr


def tau_of(scores):
    s = np.asarray(scores, dtype=np.float64)
    total = s.sum()
    return 1.0 if total == 0 else math.sqrt(len(s) * float((s * s).sum())) / total


def evaluate(twin, x, y, chunk=256):
    twin.net.eval()
    loss, wrong = 0.0, 0
    with torch.no_grad():
        for s in range(0, len(y), chunk):
            xb = torch.as_tensor(x[s:s + chunk], dtype=twin.dtype)
            yb = torch.as_tensor(y[s:s + chunk], dtype=torch.long)
            z = twin.net(xb)
            loss += float(F.cross_entropy(z, yb, reduction="sum"))
            wrong += int((z.argmax(1) != yb).sum())
    return loss / len(y), wrong / len(y)


def scores_of(twin, indices, method, train):
    """Scores of the samples at the current parameters: eq. 20's upper bound |softmax(z) - y| or the loss,
    inference mode (presample) or from the training forward (uniform steps, line 15)."""
    x, y = twin.batch(indices)
    twin.net.train(train)
    with torch.no_grad():
        z = twin.net(x)
    if method == "loss":
        return F.cross_entropy(z, y, reduction="none").double().numpy()
    p = torch.softmax(z, 1)
    return (p - F.one_hot(y, p.shape[1]).to(p.dtype)).norm(dim=1).double().numpy()


def subset(export, name, size):
    x, y = export.load(name + "_x.npy"), export.load(name + "_y.npy")
    keep = np.random.default_rng(20180710).permutation(len(y))[:size]
    return x[keep], y[keep]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def git(*args):
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True,
                              cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def run(export, method, seed, threads):
    cfg = export.config
    # the protocol as the run used it: a --set of the DL4J run is in its method parameters, or, where the exported
    # method does not take the setting (a uniform run's tau_th), in its `set`; the record names it (record_name)
    mp, given = cfg.get("methodParams") or {}, cfg.get("set") or {}
    b, big_b, tau_th, a_tau = (mp.get(k, given.get(k, cfg[k])) for k in ("batchSize", "presample", "tauTh", "aTau"))
    if cfg["budget"]["unit"] != "cost":
        raise ValueError(f"the twin runs cost budgets only, this export has {cfg['budget']}")
    budget = cfg["budget"]["amount"]
    evaluations = cfg["evaluations"]
    torch.set_num_threads(threads)
    twin = dl4j.Twin(export, torch.float32)
    dl4j_init(twin, torch.Generator().manual_seed(seed))
    rng = np.random.default_rng([seed, 20180710])
    n = len(export.train_y)
    eval_idx = export.load("train_eval_indices.npy")
    # the run's evaluation sizes (Evaluator): testEvalSize test samples, half as many validation samples, each
    # a fixed subset (another one than DL4J's, which Java's permutation picks)
    test_x, test_y = subset(export, "test", cfg["testEvalSize"])
    val_x, val_y = subset(export, "validation", max(1, cfg["testEvalSize"] // 2))
    started = datetime.datetime.now(datetime.timezone.utc).isoformat()
    cost = wall = 0.0
    it = is_its = 0
    tau, is_on = 0.0, False
    first_is = first_above = None
    first_is_s = first_is_cost = None
    series = []
    lr = lr_at(cfg["lrSchedule"], 0.0)

    def point():
        tl, _ = evaluate(twin, export.train_x[eval_idx], export.train_y[eval_idx])
        te_loss, te_err = evaluate(twin, test_x, test_y)
        _, va_err = evaluate(twin, val_x, val_y)
        series.append({"wallSeconds": wall, "costUnits": cost, "iteration": it, "samplesSeen": it * b,
                       "epoch": it * b / n, "trainLoss": tl, "testError": te_err, "testLoss": te_loss,
                       "validationError": va_err, "tau": tau if it > 0 and method != "uniform" else None,
                       "isOn": is_on, "learningRate": lr})

    point()
    next_eval = 1
    status = "completed"
    while cost / budget < 1.0:
        lr = lr_at(cfg["lrSchedule"], cost / budget)
        t0 = time.perf_counter()
        above = method != "uniform" and tau > tau_th
        if above and first_above is None:
            first_above = it
        if above:
            pre = rng.integers(0, n, big_b)
            s = scores_of(twin, pre, method, train=False)
            g = s / s.sum() if s.sum() > 0 else np.full(big_b, 1.0 / big_b)
            chosen = rng.choice(big_b, size=b, replace=True, p=g)
            idx, w = pre[chosen], 1.0 / (big_b * g[chosen])   # line 9: w_i = 1/(B g_i)
            loss, _ = twin.step(idx, w, lr)
            tau = a_tau * tau + (1 - a_tau) * tau_of(s[:b])
            cost += big_b + 3 * b
            is_its += 1
            is_on = True
        else:
            idx = rng.integers(0, n, b)
            if method != "uniform":
                tau = a_tau * tau + (1 - a_tau) * tau_of(scores_of(twin, idx, method, train=True))
            loss, _ = twin.step(idx, np.ones(b), lr)
            cost += 3 * b
            is_on = False
        wall += time.perf_counter() - t0
        if is_on and first_is is None:
            first_is, first_is_s, first_is_cost = it, wall, cost
        it += 1
        if not math.isfinite(loss):
            status = "diverged"
            break
        if cost / budget >= next_eval / evaluations:
            point()
            next_eval += 1
    if status == "completed" and series[-1]["iteration"] != it:
        point()
    last = series[-1]
    prov = dict(export.meta.get("provenance") or {})
    prov.update({"gitCommit": git("rev-parse", "HEAD") or "unknown",
                 "gitDirty": bool(git("status", "--porcelain", "--untracked-files=no")),
                 "backend": f"PyTorch {torch.__version__}", "nd4jBackendArtifact": None,
                 "dl4jVersion": None, "jvm": None, "cpu": prov.get("cpu") or cpu_model(),
                 "cores": os.cpu_count(), "os": f"{platform.system()} {platform.machine()}",
                 "threads": {"nd4jThreads": None, "ompNumThreads": os.environ.get("OMP_NUM_THREADS"),
                             "identicalRecordsNeed": "the same seed, export, PyTorch build and threads"},
                 "startedAt": started, "finishedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                 "resumedCount": 0, "framework": "pytorch"})
    config = dict(cfg)
    config["method"] = method
    config["seed"] = seed
    config["methodParams"] = ({"batchSize": b} if method == "uniform" else
                              {"scorer": method, "batchSize": b, "presample": big_b, "tauTh": tau_th, "aTau": a_tau,
                               "chunkSize": big_b, "tauPopulation": "BATCH"})
    config["framework"] = "pytorch"
    return {"schema": "isrepro.run/2", "experiment": cfg["experiment"], "method": method, "variant": cfg.get("variant"),
            "seed": seed, "scale": cfg["scale"], "status": status, "standIn": cfg.get("standIn"), "config": config,
            "provenance": prov, "series": series,
            "summary": {"finalTrainLoss": last["trainLoss"], "finalTestError": last["testError"],
                        "finalValidationError": last["validationError"], "iterations": it, "isIterations": is_its,
                        "firstIsOnIteration": first_is, "firstTauAboveThIteration": first_above,
                        "firstIsOnSeconds": first_is_s, "firstIsOnCost": first_is_cost, "wallSeconds": wall,
                        "costUnits": cost}}


def record_name(cfg, method, seed):
    """Runner.runName's name with "__pytorch" added. An export made with --set carries its variant ("set
    aTau=0.5,tauTh=1.0", docs/records.md), so the twin's records of that protocol have their own files and are never
    pooled with, or written over, records of the experiment's own protocol."""
    label = method if cfg.get("variant") is None else method + "-" + re.sub(r"[^A-Za-z0-9=.]+", "", cfg["variant"])
    return f"{cfg['experiment']}__{label}__seed{seed}__{cfg['scale']}__pytorch"


# what run() sets in a record's configuration beside the export's own
_OWN_KEYS = ("method", "seed", "methodParams", "framework")


def finished(path, cfg):
    """Whether path holds a finished (completed or diverged) record made from an export of this configuration,
    as the matrix skips a DL4J run whose finished record of the same configuration exists: `make framework-twin`
    stopped part-way goes on where it was."""
    try:
        with open(path, encoding="utf-8") as f:
            rec = json.load(f)
    except (OSError, ValueError):
        return False
    if rec.get("status") not in ("completed", "diverged"):
        return False
    mine = {k: v for k, v in (rec.get("config") or {}).items() if k not in _OWN_KEYS}
    return mine == {k: v for k, v in cfg.items() if k not in _OWN_KEYS}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--export", required=True, help="a DL4J run's --lockstep-export directory (data and protocol)")
    ap.add_argument("--method", required=True, choices=METHODS)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True, help="output directory; the record goes to OUT/runs/")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="run even when a finished record of the same export exists")
    args = ap.parse_args(argv)
    if args.seed < 0:
        print(f"algorithm1: seed {args.seed} is negative", file=sys.stderr)
        return 2
    try:
        export = dl4j.Export(args.export, steps=False)
        dl4j.build_network(export.meta)
    except (ValueError, OSError) as e:
        print(f"algorithm1: {e}", file=sys.stderr)
        return 2
    c = export.config
    path = os.path.join(args.out, "runs", f"{record_name(c, args.method, args.seed)}.json")
    if not args.force and finished(path, c):
        print(f"{path}: a finished record of the same export exists; skipped (--force runs it again)")
        return 0
    record = run(export, args.method, args.seed, args.threads)
    write_atomically(path, record)
    s = record["summary"]
    print(f"{path}: final train loss {s['finalTrainLoss']:.4g}, {s['iterations']} iterations, "
          f"{s['isIterations']} importance-sampled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
