"""The framework check (docs/framework.md): a PyTorch twin takes a DL4J run's steps again.

One step at a time: at each exported checkpoint the twin loads DL4J's parameters, running statistics and
updater state (Nesterovs or Adam), takes the same step (same samples, importance weights, learning rate) and
compares the loss (1e-4 relative), its upper-bound scores of the same presample (Spearman >= 0.999, same top
sample) and each variable's update new - old (relative L2 <= 1e-3). A failing step is taken apart layer by layer: forward
activations (where exported), gradients in backward order, the updater state; the twin also runs in float64,
which says which framework is off, and with DL4J's own ReLU masks, which says whether a ReLU's kink explains it.

Free-running: the twin replays all the run's samples and weights from DL4J's initial parameters on its own and
reports, at each of the run's evaluations, both training losses and the parameter distance.

Writes one check record (isrepro.check/2, docs/reports.md) atomically.

    python3 -m isrepro_torch.lockstep --export DIR [--export DIR ...] --out FILE --scale cpu
"""

import argparse
import datetime
import json
import os
import sys
import tempfile

import numpy as np
import torch

from . import dl4j, nets

LOSS_TOL = 1e-4
SPEARMAN_MIN = 0.999
UPDATE_TOL = 1e-3
ACTIVATION_TOL = 1e-4
RUNNING = ("_mean", "_log10stdev", "_var")


class Failure(Exception):
    pass


def is_running(name):
    return name.endswith(RUNNING)


def one_step(export, c, dtype, override=None):
    d = os.path.join(export.path, c["dir"])
    twin = dl4j.Twin(export, dtype)
    twin.load(np.load(os.path.join(d, "params_before.npy")), np.load(os.path.join(d, "state_before.npy")))
    twin.iteration = c.get("dl4jIterationCount", 0)
    it = c["iteration"]
    acts = nets.Activations(override)
    loss, grads = twin.step(export.steps["indices"][it], export.steps["weights"][it], export.steps["lr"][it], acts)
    out = {"loss": loss, "grads": grads, "after": export.split(twin.flat_params()), "acts": acts,
           "state": twin.named_state()}
    if c["importanceSampled"]:
        twin.load(np.load(os.path.join(d, "params_before.npy")))
        pre = export.steps["presample"][it]
        out["scores"] = twin.scores(pre[pre >= 0])
    return out


def check_step(export, c):
    """One checkpoint: the verdict and, layer by layer, how far DL4J and the float32 twin are apart."""
    d = os.path.join(export.path, c["dir"])
    it = c["iteration"]
    before = export.split(np.load(os.path.join(d, "params_before.npy")))
    after = export.split(np.load(os.path.join(d, "params_after.npy")))
    grad = export.split(np.load(os.path.join(d, "gradient.npy")))
    updater = dl4j.updater_config(export.meta, [n for n, _ in export.params if not is_running(n)])[0]
    state_after = {dl4j.state_label(n, p, updater): v
                   for (n, p), v in export.split_state(np.load(os.path.join(d, "state_after.npy"))).items()}
    t32 = one_step(export, c, torch.float32)
    t64 = one_step(export, c, torch.float64)
    row = {"network": export.config["model"], "run": run_name(export), "iteration": it,
           "importanceSampled": bool(c["importanceSampled"]), "lr": float(export.steps["lr"][it]),
           "lossDl4j": float(c["loss"]), "lossTorch": t32["loss"]}
    row["lossRel"] = abs(row["lossDl4j"] - row["lossTorch"]) / abs(row["lossTorch"])
    layers = []
    for a in c.get("activations", []):
        if a["name"] in t32["acts"]:
            ref = np.load(os.path.join(d, a["file"]))
            layers.append(("activation", a["name"], dl4j.rel(ref, t32["acts"][a["name"]].detach().numpy()),
                           dl4j.rel(ref, t64["acts"][a["name"]].detach().numpy()),
                           dl4j.rel(t32["acts"][a["name"]].detach().numpy(), t64["acts"][a["name"]].detach().numpy())))
    for name, _ in reversed(export.params):
        if name in t32["grads"]:
            layers.append(("gradient", name, dl4j.rel(grad[name], t32["grads"][name]),
                           dl4j.rel(grad[name], t64["grads"][name]), dl4j.rel(t32["grads"][name], t64["grads"][name])))
    for name in t32["state"]:
        layers.append(("updater state", name, dl4j.rel(state_after[name], t32["state"][name]),
                       dl4j.rel(state_after[name], t64["state"][name]), dl4j.rel(t32["state"][name], t64["state"][name])))
    updates = []
    for name, _ in export.params:
        u_d, u_32, u_64 = after[name] - before[name], t32["after"][name] - before[name], t64["after"][name] - before[name]
        updates.append(("update", name, dl4j.rel(u_d, u_32), dl4j.rel(u_d, u_64), dl4j.rel(u_32, u_64)))
    worst = max(updates, key=lambda u: u[2])
    row["worstUpdateLayer"], row["worstUpdateRel"] = worst[1], worst[2]
    # DL4J stores float32: new - old of a variable that moves little is known only to about one ulp of its values
    u_worst = after[worst[1]] - before[worst[1]]
    ulp = np.spacing(np.abs(after[worst[1]]).astype(np.float32)).astype(np.float64)
    row["worstUpdateRoundingFloor"] = (float(np.linalg.norm(ulp) / np.linalg.norm(u_worst.astype(np.float64)))
                                       if np.any(u_worst) else 0.0)
    row["worstUpdateDl4jVs64"], row["worstUpdateTorch32Vs64"] = max(u[3] for u in updates), max(u[4] for u in updates)
    ok = row["lossRel"] <= LOSS_TOL and row["worstUpdateRel"] <= UPDATE_TOL
    if c["importanceSampled"]:
        ref = export.steps["scores"][it][:len(t32["scores"])]
        row["scoresSpearman"] = dl4j.spearman(ref, t32["scores"])
        row["scoresRel"] = dl4j.rel(ref, t32["scores"])
        # the same sample, not the same position: a presample drawn with replacement can hold a sample twice,
        # and DL4J's two scores of it differ in the last bit where the twin's are equal
        pre = export.steps["presample"][it]
        pre = pre[pre >= 0]
        row["topSame"] = int(pre[np.argmax(ref)]) == int(pre[np.argmax(t32["scores"])])
        ok = ok and row["scoresSpearman"] >= SPEARMAN_MIN and row["topSame"]
    row["pass"] = ok
    row["layers"] = layers + updates
    if row["lossRel"] > LOSS_TOL:
        row["lossRelWithFloat32L2Sum"] = loss_with_float32_l2(export, before, row)
    if not ok:
        row["firstLayer"] = first_layer(row, layers + updates)
        row["kink"] = kink_test(export, c, grad, t32)
        if row["kink"] is None and row["worstUpdateRel"] > UPDATE_TOL:
            row["nearestKink"] = nearest_kink(export, c, grad, t32)
    return row


def loss_with_float32_l2(export, before, row):
    """The loss difference with the twin's l2 score 0.5*l2*|W|^2 summed as a float32 running sum, term by term
    (the twin sums in float64): DL4J's score accumulates so, which over a layer of 400,000 weights (the cpu LeNet's
    dense layer) is 1e-4 relative below the exact sum (docs/framework.md)."""
    l2 = dl4j.l2_by_variable(export.meta, [n for n, _ in export.params if not is_running(n)])
    exact = sequential = 0.0
    for name, coeff in l2.items():
        if coeff > 0:
            w = before[name].astype(np.float32)
            exact += 0.5 * coeff * float((w.astype(np.float64) ** 2).sum())
            sequential += 0.5 * coeff * float(np.cumsum(w * w, dtype=np.float32)[-1])
    torch_loss = row["lossTorch"] - exact + sequential
    return abs(row["lossDl4j"] - torch_loss) / abs(torch_loss)


def first_layer(row, layers):
    """The first forward activation, then gradient (backward order), updater state or update that differs."""
    tol = {"activation": ACTIVATION_TOL, "gradient": UPDATE_TOL, "updater state": UPDATE_TOL, "update": UPDATE_TOL}
    for kind, name, r32, r64, t in layers:
        if r32 > tol[kind]:
            return {"kind": kind, "name": name, "rel": r32, "dl4jVs64": r64, "torch32Vs64": t}
    if row["lossRel"] > LOSS_TOL:
        return {"kind": "loss", "name": "loss", "rel": row["lossRel"], "dl4jVs64": None, "torch32Vs64": None}
    return {"kind": "upper-bound scores", "name": "scores", "rel": row.get("scoresRel"), "dl4jVs64": None,
            "torch32Vs64": None}


def kink_test(export, c, grad, t32):
    """Replays the step in float64 with DL4J's own ReLU masks (where activations were exported): if the gradients
    then agree, the difference is a ReLU input on the other side of zero in the two frameworks (float rounding
    at a kink), not a difference in what they compute."""
    d = os.path.join(export.path, c["dir"])
    masks = {}
    flips = 0
    relus = getattr(type(dl4j.build_network(export.meta)), "RELU_LAYERS", None)
    for a in c.get("activations", []):
        if (a["name"] in relus if relus else "relu" in a["name"]) and a["name"] in t32["acts"]:
            ref = np.load(os.path.join(d, a["file"]))
            masks[a["name"]] = torch.as_tensor(ref > 0)
            flips += int(((ref > 0) != (t32["acts"][a["name"]].detach().numpy() > 0)).sum())
    if not masks:
        return None
    override = {n: (lambda m: (lambda v: torch.where(m, v, torch.zeros_like(v))))(m) for n, m in masks.items()}
    replay = one_step(export, c, torch.float64, override)
    worst = max(dl4j.rel(grad[n], replay["grads"][n]) for n in replay["grads"])
    return {"reluSignFlips": flips, "worstGradientRelWithDl4jMasks": worst}


def nearest_kink(export, c, grad, t32):
    """Where no activations were exported: the float64 twin's ReLU input nearest to zero (with its copies, the same
    sample drawn more than once into an importance-sampled batch) is put on the other side of the kink; if DL4J's or
    the float32 twin's gradients then agree with the float64 twin's, that one input, within float32 rounding of
    zero, is the whole difference."""
    relus = getattr(type(dl4j.build_network(export.meta)), "RELU_LAYERS", None)
    inputs = {}

    def recorder(name):
        def f(v):
            inputs[name] = v.detach().clone()
            return torch.relu(v)
        return f

    names = [n for n in one_step(export, c, torch.float64)["acts"] if (n in relus if relus else "relu" in n)]
    base = one_step(export, c, torch.float64, {n: recorder(n) for n in names})
    if not inputs:
        return None
    layer = min(inputs, key=lambda n: float(inputs[n].abs().min()))
    z = inputs[layer]
    flat = z.reshape(z.shape[0], -1)
    at = int(flat.abs().min(dim=0).values.argmin())  # the unit; its copies are the samples with the same input
    value = float(flat[:, at][flat[:, at].abs().argmin()])
    copies = flat[:, at] == value
    masks = {n: inputs[n] > 0 for n in inputs}
    m = masks[layer].reshape(z.shape[0], -1).clone()
    m[copies, at] = ~m[copies, at]
    masks[layer] = m.reshape(z.shape)
    flipped = one_step(export, c, torch.float64,
                       {n: (lambda k: (lambda v: torch.where(k, v, torch.zeros_like(v))))(k) for n, k in masks.items()})
    worst = lambda g: max(dl4j.rel(g[n], flipped["grads"][n]) for n in flipped["grads"])
    return {"layer": layer, "preActivation": value, "copies": int(copies.sum()),
            "dl4jVs64": max(dl4j.rel(grad[n], base["grads"][n]) for n in base["grads"]),
            "torch32Vs64": max(dl4j.rel(t32["grads"][n], base["grads"][n]) for n in base["grads"]),
            "dl4jVsFlipped64": worst(grad), "torch32VsFlipped64": worst(t32["grads"])}


def run_name(export):
    c = export.config
    settings = ",".join(f"{k}={v}" for k, v in sorted((c.get("set") or {}).items()))
    method = c["method"] + (f"[{settings}]" if settings else "")
    return f"{c['experiment']}__{method}__seed{c['seed']}__{c['scale']}"


def free_running(export):
    """The whole run replayed by the float32 twin from DL4J's initial parameters, with DL4J's samples and weights."""
    twin = dl4j.Twin(export, torch.float32)
    twin.load(export.load("params_initial.npy"))
    twin.reset_state()
    evals = {e["iteration"]: e for e in export.manifest["evaluations"]}
    eval_idx = export.load("train_eval_indices.npy")
    trainable = [n for n, _ in export.params if not is_running(n)]
    rows = []
    steps = len(export.steps["lr"])
    for it in range(steps + 1):
        if it in evals:
            e = evals[it]
            ref = export.split(np.load(os.path.join(export.path, e["file"])))
            mine = export.split(twin.flat_params())
            dist_all = dl4j.rel(np.concatenate([mine[n] for n, _ in export.params]),
                                np.concatenate([ref[n] for n, _ in export.params]))
            dist_tr = dl4j.rel(np.concatenate([mine[n] for n in trainable]), np.concatenate([ref[n] for n in trainable]))
            rows.append({"run": run_name(export), "iteration": it, "trainLossDl4j": e["trainLoss"],
                         "trainLossTorch": twin.mean_loss(eval_idx), "paramDistance": dist_tr,
                         "paramDistanceWithRunningStats": dist_all})
        if it < steps:
            twin.step(export.steps["indices"][it], export.steps["weights"][it], export.steps["lr"][it])
    return rows


def verdict(rows):
    failing = [r for r in rows if not r["pass"]]
    n_is = sum(1 for r in rows if r["importanceSampled"])
    return {"checkpoints": len(rows), "isCheckpoints": n_is, "uniformCheckpoints": len(rows) - n_is,
            "failed": len(failing), "first": failing[0] if failing else None,
            "failedOn": {"loss": sum(r["lossRel"] > LOSS_TOL for r in failing),
                         "update": sum(r["worstUpdateRel"] > UPDATE_TOL for r in failing),
                         "scores": sum(r.get("topSame") is False or r.get("scoresSpearman", 1.0) < SPEARMAN_MIN
                                       for r in failing)}}


def describe(networks, steps_covered):
    parts = []
    for net, v in networks.items():
        f = v["first"]
        if f is None:
            parts.append(f"{net}: pass at all {v['checkpoints']} checkpoints ({v['uniformCheckpoints']} uniform, "
                         f"{v['isCheckpoints']} importance-sampled)")
            continue
        fl = f["firstLayer"]
        text = (f"{net}: fail at {v['failed']} of {v['checkpoints']} checkpoints; first at step {f['iteration']} of "
                f"{f['run']} ({'importance-sampled' if f['importanceSampled'] else 'uniform'}), first layer: "
                f"{fl['kind']} {fl['name']}, relative difference {fl['rel']:.3g} (DL4J vs float64 twin "
                f"{_g(fl['dl4jVs64'])}, float32 twin vs float64 {_g(fl['torch32Vs64'])})")
        k = f.get("kink")
        if k is not None:
            text += (f"; {k['reluSignFlips']} ReLU input(s) on the other side of zero, and with DL4J's ReLU masks the "
                     f"float64 twin's gradients agree to {k['worstGradientRelWithDl4jMasks']:.2g}")
        text += nearest_kink_text(f.get("nearestKink"))
        if "lossRelWithFloat32L2Sum" in f:
            text += (f"; the loss agrees to {f['lossRelWithFloat32L2Sum']:.2g} with the l2 score summed in float32 "
                     "as DL4J does")
        text += " (failing on the " + ", ".join(f"{k}: {n}" for k, n in v["failedOn"].items()) + ")"
        parts.append(text)
    return "; ".join(parts) + f". Steps covered: {steps_covered}."


def update_table(rows):
    """Per network and variable, over its checkpoints: the worst and median relative difference of DL4J's update
    from the float32 twin's (and each from float64's), so that a layer that is off at every step stands out."""
    out = {"title": "Update agreement per variable", "columns": ["network", "variable", "checkpoints",
                                                                 "worst_update_rel", "worst_at_step",
                                                                 "median_update_rel", "worst_dl4j_vs_float64",
                                                                 "worst_torch32_vs_float64"], "rows": []}
    by = {}
    for r in rows:
        for kind, name, r32, r64, t in r["layers"]:
            if kind == "update":
                by.setdefault((r["network"], name), []).append((r32, r["iteration"], r64, t))
    for (net, name), v in by.items():
        worst = max(v)
        out["rows"].append([net, name, len(v), finite(worst[0]), worst[1], finite(float(np.median([x[0] for x in v]))),
                            finite(max(x[2] for x in v)), finite(max(x[3] for x in v))])
    return out


def diagnosis(r):
    """What a failing step's own measurements say of its cause (None for a passing step)."""
    if r["pass"]:
        return None
    parts = []
    if "lossRelWithFloat32L2Sum" in r:
        parts.append(f"loss within {r['lossRelWithFloat32L2Sum']:.2g} with the l2 score summed in float32 as DL4J does")
    if r.get("topSame") is False:
        parts.append("another top sample")
    k = r.get("kink")
    if k is not None:
        parts.append(f"{k['reluSignFlips']} ReLU input(s) on the other side of zero; with DL4J's ReLU masks the "
                     f"float64 twin's gradients agree to {k['worstGradientRelWithDl4jMasks']:.2g}")
    text = nearest_kink_text(r.get("nearestKink"))
    if text:
        parts.append(text[2:])
    return "; ".join(parts) or None


def nearest_kink_text(n):
    if n is None:
        return ""
    return (f"; the float64 twin's ReLU input nearest to zero ({n['preActivation']:.2g} in layer {n['layer']}, "
            f"{n['copies']} cop{'y' if n['copies'] == 1 else 'ies'}) put on the other side: DL4J's gradients agree "
            f"with it to {n['dl4jVsFlipped64']:.2g} (else {n['dl4jVs64']:.2g}), the float32 twin's to "
            f"{n['torch32VsFlipped64']:.2g} (else {n['torch32Vs64']:.2g})")


def _g(v):
    return "–" if v is None else f"{v:.3g}"


def write_atomically(path, value):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path), suffix=".part",
                               dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(value, f, indent=2, allow_nan=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def finite(v):
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--export", action="append", required=True, help="a DL4J run's --lockstep-export directory")
    ap.add_argument("--out", required=True, help="the check record to write (checks/framework-lockstep.json)")
    ap.add_argument("--scale", required=True, choices=("smoke", "cpu", "paper"))
    ap.add_argument("--no-free-running", action="store_true", help="only the one-step comparison")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    try:
        exports = [dl4j.Export(p) for p in args.export]
        for ex in exports:
            dl4j.build_network(ex.meta)
    except (ValueError, OSError) as e:
        print(f"check-framework: {e}", file=sys.stderr)
        return 2
    step_rows, free_rows, networks, covered, warnings = [], [], {}, [], []
    for ex in exports:
        rows = [check_step(ex, c) for c in ex.manifest["checkpoints"]]
        for r in rows:
            scores = f" scores Spearman {r['scoresSpearman']:.5f}" if r["importanceSampled"] else ""
            print(f"{r['run']} step {r['iteration']:5d} {'IS' if r['importanceSampled'] else 'u '} loss rel "
                  f"{r['lossRel']:.1e} worst update {r['worstUpdateRel']:.1e} ({r['worstUpdateLayer']}, float32 rounding "
                  f"{r['worstUpdateRoundingFloor']:.1e}){scores} "
                  f"{'pass' if r['pass'] else 'FAIL: ' + str(diagnosis(r))}", flush=True)
        step_rows += rows
        m = ex.manifest
        unclipped = dl4j.unclipped_layers(ex.meta)
        if unclipped:
            warning = (f"{run_name(ex)}: its optimiser is '{ex.config['optimizer']}', but DL4J clips no gradient of "
                       f"layer(s) {', '.join(unclipped)} (the twin does as DL4J does)")
            print("check-framework: warning:", warning, file=sys.stderr)
            warnings.append(warning)
        covered.append(f"{run_name(ex)}: {m['uniformSteps']} uniform and {m['importanceSampledSteps']} "
                       f"importance-sampled steps, a checkpoint every {m['checkpointEvery']} of each kind")
        if not args.no_free_running:
            free_rows += free_running(ex)
    for r in step_rows:
        networks.setdefault(r["network"], []).append(r)
    verdicts = {net: verdict(rows) for net, rows in networks.items()}
    provenance = exports[0].meta.get("provenance")
    tables = [
        {"title": "Verdict per network", "columns": ["network", "checkpoints", "uniform_checkpoints",
                                                     "is_checkpoints", "failed", "first_failing_step",
                                                     "first_failing_run", "first_layer_kind", "first_layer",
                                                     "first_layer_rel", "dl4j_vs_float64", "torch32_vs_float64",
                                                     "relu_sign_flips", "gradient_rel_with_dl4j_relu_masks",
                                                     "verdict"],
         "rows": []},
        {"title": "One step at a time", "columns": ["run", "step", "importance_sampled", "lr", "loss_dl4j",
                                                    "loss_torch", "loss_rel", "scores_spearman", "scores_rel",
                                                    "top_same", "worst_update_layer", "worst_update_rel",
                                                    "worst_update_float32_rounding", "dl4j_vs_float64",
                                                    "torch32_vs_float64", "pass", "diagnosis"],
         "rows": [[r["run"], r["iteration"], r["importanceSampled"] and 1 or 0, r["lr"], r["lossDl4j"],
                   r["lossTorch"], r["lossRel"], finite(r.get("scoresSpearman")), finite(r.get("scoresRel")),
                   None if "topSame" not in r else int(r["topSame"]), r["worstUpdateLayer"], finite(r["worstUpdateRel"]),
                   finite(r["worstUpdateRoundingFloor"]), finite(r["worstUpdateDl4jVs64"]),
                   finite(r["worstUpdateTorch32Vs64"]), "pass" if r["pass"] else "fail", diagnosis(r)]
                  for r in step_rows]},
    ]
    tables.append(update_table(step_rows))
    for net, v in verdicts.items():
        f = v["first"]
        fl = f["firstLayer"] if f else None
        k = f.get("kink") if f else None
        tables[0]["rows"].append([net, v["checkpoints"], v["uniformCheckpoints"], v["isCheckpoints"], v["failed"],
                                  f["iteration"] if f else None, f["run"] if f else None,
                                  fl["kind"] if fl else None, fl["name"] if fl else None,
                                  finite(fl["rel"]) if fl else None, finite(fl["dl4jVs64"]) if fl else None,
                                  finite(fl["torch32Vs64"]) if fl else None,
                                  k["reluSignFlips"] if k else None,
                                  finite(k["worstGradientRelWithDl4jMasks"]) if k else None,
                                  "fail" if f else "pass"])
    for net, rows in networks.items():
        f = verdicts[net]["first"]
        if f is not None:
            tables.append({"title": f"First divergence, layer by layer: {f['run']} step {f['iteration']}",
                           "columns": ["kind", "layer", "dl4j_vs_torch32", "dl4j_vs_float64", "torch32_vs_float64"],
                           "rows": [[k, n, finite(a), finite(b), finite(t)] for k, n, a, b, t in f["layers"]]})
    figures = []
    if free_rows:
        tables.append({"title": "Free-running: the twin replays the run's samples and weights on its own",
                       "columns": ["run", "iteration", "train_loss_dl4j", "train_loss_torch", "param_distance",
                                   "param_distance_with_running_stats"],
                       "rows": [[r["run"], r["iteration"], finite(r["trainLossDl4j"]), finite(r["trainLossTorch"]),
                                 finite(r["paramDistance"]), finite(r["paramDistanceWithRunningStats"])]
                                for r in free_rows]})
        runs = sorted({r["run"] for r in free_rows})
        series_loss, series_dist = [], []
        for run in runs:
            rr = [r for r in free_rows if r["run"] == run]
            x = [float(r["iteration"]) for r in rr]
            series_loss.append({"name": f"DL4J {run}", "x": x, "y": [finite(r["trainLossDl4j"]) for r in rr]})
            series_loss.append({"name": f"PyTorch twin {run}", "x": x, "y": [finite(r["trainLossTorch"]) for r in rr]})
            series_dist.append({"name": run, "x": x, "y": [finite(r["paramDistance"]) or None for r in rr]})
        figures.append({"id": "free-running-loss", "title": "Free-running: training loss, DL4J and its PyTorch twin",
                        "xLabel": "iteration", "yLabel": "training loss", "logY": True, "kind": "line",
                        "series": series_loss})
        figures.append({"id": "free-running-distance", "title": "Free-running: relative parameter distance",
                        "xLabel": "iteration", "yLabel": "|theta_torch - theta_dl4j| / |theta_dl4j|", "logY": True,
                        "kind": "line", "series": series_dist})
    record = {"schema": "isrepro.check/2", "id": "framework-lockstep",
              "title": "DL4J against a PyTorch twin in lockstep",
              "description": (f"PyTorch {torch.__version__} twin with DL4J's semantics (docs/framework.md); pass: loss "
                              f"within {LOSS_TOL:g} relative, upper-bound scores Spearman >= {SPEARMAN_MIN}, same top "
                              f"sample, every variable's update within {UPDATE_TOL:g} relative L2. "
                              + describe(verdicts, "; ".join(covered))
                              + "".join(f" Configuration: {w}." for w in warnings)),
              "scale": args.scale, "provenance": provenance, "tables": tables, "figures": figures}
    write_atomically(args.out, record)
    print("check-framework:", record["description"])
    print("wrote", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
