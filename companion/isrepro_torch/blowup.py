"""Per-sample anatomy of importance-sampled steps of a DL4J run (docs/machines.md, "What turns a last-bit
difference into a worse run"): for each step with a checkpoint, each sampled sample's eq. 20 score in inference
mode (as Algorithm 1 scores the presample) and in training mode (batch statistics of its own training batch),
its weight w = 1/(B p) (Algorithm 1, line 9), its training-mode loss, the norm of its gradient with respect to the
last layer and its weighted share of the step; then what the step does to the loss of a fixed probe set, split
into the gradient and Nesterov momentum parts and with the running statistics' update isolated.

Usage: python3 -m isrepro_torch.blowup EXPORT FIRST LAST  (EXPORT written with --lockstep-every 1)."""

import copy
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

from .dl4j import Export, Twin


def checkpoint(export, t):
    """DL4J's parameters and updater state before step t, or None when the export has no checkpoint there."""
    d = os.path.join(export.path, "checkpoints", f"step{t:06d}")
    if not os.path.isdir(d):
        return None
    return {k: np.load(os.path.join(d, k + ".npy")) for k in ("params_before", "params_after", "state_before")}


def per_sample(twin, idx, w):
    """Training-mode forward of the batch: per-sample loss, eq. 20 score, last-layer gradient norm |p-y||h|."""
    x, y = twin.batch(idx)
    acts = {}
    net = copy.deepcopy(twin.net)  # forward in training mode moves PyTorch's running stats; keep twin's intact
    net.train()
    with torch.no_grad():
        z = net(x, acts)
        p = torch.softmax(z, 1)
        r = p - F.one_hot(y, p.shape[1]).to(p.dtype)
        loss = F.cross_entropy(z, y, reduction="none")
        gnorm = r.norm(dim=1) * torch.cat([acts["pool"], torch.ones(len(idx), 1)], 1).norm(dim=1)
    return loss.numpy(), r.norm(dim=1).numpy(), gnorm.numpy()


def probe_losses(twin, probe):
    """Mean loss of the probe set in inference mode (running statistics) and training mode (batch statistics
    of batches of 32, as the steps see them)."""
    inf = twin.mean_loss(probe)
    net = copy.deepcopy(twin.net)
    net.train()
    tot = 0.0
    with torch.no_grad():
        for s in range(0, len(probe), 32):
            x, y = twin.batch(probe[s:s + 32])
            tot += float(F.cross_entropy(net(x), y, reduction="sum"))
    return inf, tot / len(probe)


def main(path, first, last):
    ex = Export(path)
    st = ex.steps
    probe = ex.load("train_eval_indices.npy")
    B = ex.config["presample"]
    rows = []
    carried = None  # (params, state) after the previous step, taken by the twin (between checkpoints)
    for t in range(first, last + 1):
        c = checkpoint(ex, t)
        if c is None:
            if carried is None:
                raise ValueError(f"no checkpoint at step {t} of {path} and no earlier step to replay from")
            c = {"params_before": carried[0], "state_before": carried[1], "params_after": None}
        twin = Twin(ex)
        twin.load(c["params_before"], c["state_before"])
        idx, w = st["indices"][t], st["weights"][t]
        loss, score_train, gnorm = per_sample(twin, idx, w)
        pre = st["presample"][t]
        row = {"t": t, "is": bool(st["importance_sampled"][t]), "dl4j_loss": float(st["loss"][t]),
               "w_max": float(w.max()), "w_sum": float(w.sum())}
        if row["is"]:
            s_inf_pre = st["scores"][t]
            pos = [int(np.where(pre == i)[0][0]) for i in idx]
            s_inf = s_inf_pre[pos]
            row["p_min"] = float(s_inf.min() / s_inf_pre.sum())
        else:
            s_inf = twin.scores(idx)
        k = int(np.argmax(w * gnorm))
        row.update({
            "top": {"sample": int(idx[k]), "w": float(w[k]), "score_inf": float(s_inf[k]),
                    "score_train": float(score_train[k]), "loss_train": float(loss[k]), "gnorm": float(gnorm[k])},
            "share_of_weighted_gnorm_top": float(w[k] * gnorm[k] / (w * gnorm).sum()),
            "weighted_loss_twin": float((w * loss).mean()),
            "unweighted_loss_twin": float(loss.mean()),
            "spearman_inf_train": float(np.corrcoef(np.argsort(np.argsort(s_inf)),
                                                    np.argsort(np.argsort(score_train)))[0, 1]),
        })
        # What the step does to the probe set, in the twin: as taken, with unit weights, with momentum zeroed,
        # and with the running statistics kept from before the step.
        before = probe_losses(twin, probe)
        lr = float(st["lr"][t])
        variants = {}
        for name, ww, zero_v, keep_running in (("as taken", w, False, False), ("unit weights", np.ones_like(w), False, False),
                                               ("no momentum", w, True, False), ("running stats frozen", w, False, True)):
            tw = Twin(ex)
            tw.load(c["params_before"], c["state_before"])
            if zero_v:
                tw.velocity = {n: torch.zeros_like(v) for n, v in tw.velocity.items()}
            saved = {n: v.clone() for n, v in tw.running.items()}
            tw.step(idx, ww, lr)
            if keep_running:
                tw.running = saved
                tw._sync_running()
            variants[name] = probe_losses(tw, probe)
        row["probe_before"] = before
        row["probe_after"] = variants
        # the twin's step against DL4J's (sanity: same parameters after)
        tw = Twin(ex)
        tw.load(c["params_before"], c["state_before"])
        tw.step(idx, w, lr)
        a = tw.flat_params()
        carried = (a, tw.flat_state())
        if c["params_after"] is not None:
            row["twin_vs_dl4j_after"] = float(np.linalg.norm(a - c["params_after"]) / np.linalg.norm(c["params_after"]))
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
