"""A DL4J run's export (reproduction's LockstepExport, docs/framework.md) and a PyTorch twin that takes its steps
with DL4J's semantics, so that a difference between the two frameworks is a difference in arithmetic, not in
definitions:

- the loss is (1/b) sum_i w_i L_i (Algorithm 1, line 10; core WeightedLoss) plus DL4J's l2 score 0.5*l2*|W|^2;
- l2 adds l2*W to the gradient of the weights (`_W`), not of biases or of batch or layer
  normalisation's gamma and beta, before the updater;
- DL4J's Nesterovs updater: v' = mu*v - lr*g, then params -= mu*v - (1+mu)*v' (not torch.optim.SGD's
  formulation, which differs once the learning rate changes);
- batch normalisation normalises with the batch's biased variance while training and with the running statistics
  when scoring (sqrt(var + eps)); DL4J keeps log10 of the running standard deviation, var = std^2, and moves mean
  and variance by decay 0.9 without eps;
- upper-bound scores (eq. 20) are |softmax(z) - y|_2 of an inference-mode forward pass.
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

from . import nets

MOMENTUM = 0.9
BN_DECAY = 0.9


class Export:
    """The files one `isrepro run --lockstep-export DIR` wrote."""

    def __init__(self, path, steps=True):
        """steps=False reads only what the export writes before the first step (data, protocol, initial
        parameters), which is all the independent twin needs."""
        self.path = path
        needed = "manifest.json" if steps else "meta.json"
        if not os.path.isfile(os.path.join(path, needed)):
            raise ValueError(f"{path} holds no {'finished ' if steps else ''}lockstep export (no {needed}); run "
                             "`bin/isrepro run ... --lockstep-export DIR` first")
        with open(os.path.join(path, "meta.json")) as f:
            self.meta = json.load(f)
        self.manifest = None
        if steps:
            with open(os.path.join(path, "manifest.json")) as f:
                self.manifest = json.load(f)
        self.config = self.meta["config"]
        self.params = [(p["name"], tuple(p["shape"])) for p in self.meta["layout"]["params"]]
        self.state = [(s["name"], s["part"], tuple(s["shape"])) for s in self.meta["layout"]["state"]]
        self.train_x = self.load("train_x.npy")
        self.train_y = self.load("train_y.npy")
        self.steps = None if not steps else {
            k: self.load(f"steps_{k}.npy") for k in
            ("indices", "weights", "lr", "loss", "importance_sampled", "presample", "scores", "batch_scores")}

    def load(self, name):
        return np.load(os.path.join(self.path, name))

    def split(self, flat):
        """A flat vector in the export's layout -> {name: 1-d array} (each as DL4J stores it)."""
        out, at = {}, 0
        for name, shape in self.params:
            n = int(np.prod(shape))
            out[name] = flat[at:at + n]
            at += n
        if at != flat.size:
            raise ValueError(f"parameter vector of {flat.size} values for a layout of {at}")
        return out

    def split_state(self, flat):
        out, at = {}, 0
        for name, part, shape in self.state:
            n = int(np.prod(shape))
            out[(name, part)] = flat[at:at + n]
            at += n
        if at != flat.size:
            raise ValueError(f"updater state of {flat.size} values for a layout of {at}")
        return out

    def join(self, named):
        return np.concatenate([np.asarray(named[name], dtype=np.float64).reshape(-1) for name, _ in self.params])

    def join_state(self, named):
        return np.concatenate([np.asarray(named[(name, part)], dtype=np.float64).reshape(-1)
                               for name, part, _ in self.state])


def wrn_norm(described):
    """"layer" or "batch" as the record's model description says ("WRN-10-1, layer normalisation" or "..., batch
    normalisation"); exports from before the WRN had layer normalisation say neither and are batch-normalised."""
    return "layer" if "layer normalisation" in described else "batch"


def build_network(meta):
    """The PyTorch network of the exported DL4J configuration."""
    model = meta["config"]["model"]
    shape, classes = meta["sampleShape"], meta["classes"]
    if model.startswith("WRN-"):
        head, _, normalisation = model.partition(",")
        depth, widen = (int(v) for v in head[4:].split("-"))
        return nets.Wrn(depth, widen, shape[0], classes, norm=wrn_norm(normalisation))
    raise ValueError(f"the twin has no network for '{model}' yet (known: WRN-d-k)")


class Twin:
    """A PyTorch network holding DL4J's named parameters, running statistics and Nesterovs state."""

    def __init__(self, export, dtype=torch.float32):
        self.export = export
        self.dtype = dtype
        self.net = build_network(export.meta).to(dtype)
        self.names = self.net.dl4j_names()
        self.bns = self.net.batch_norms() if hasattr(self.net, "batch_norms") else {}
        self.l2 = 1e-3 if "l2 gradient 1e-3" in export.config.get("optimizer", "") else 0.0
        self.running = {}   # DL4J's running statistics by variable name (mean, log10stdev)
        self.velocity = {}  # DL4J's Nesterovs V by variable name

    # ---- state in and out, in the export's layout
    def load(self, flat_params, flat_state=None):
        named = self.export.split(flat_params)
        for name, value in named.items():
            if name in self.names:
                module, attr = self.names[name]
                p = getattr(module, attr)
                p.data.copy_(torch.as_tensor(value, dtype=self.dtype).reshape(p.shape))
            else:
                self.running[name] = torch.as_tensor(value, dtype=self.dtype).clone()
        if flat_state is not None:
            for (name, part), value in self.export.split_state(flat_state).items():
                self.velocity[name] = torch.as_tensor(value, dtype=self.dtype).clone()
        self._sync_running()

    def named_params(self):
        out = {}
        for name, _ in self.export.params:
            if name in self.names:
                module, attr = self.names[name]
                out[name] = getattr(module, attr).detach().reshape(-1).double().numpy()
            else:
                out[name] = self.running[name].double().numpy()
        return out

    def flat_params(self):
        return self.export.join(self.named_params())

    def flat_state(self):
        return self.export.join_state({(n, p): self.velocity[n].double().numpy() for n, p, _ in self.export.state})

    def _sync_running(self):
        """DL4J's running variance is (10^log10stdev)^2; inference normalises by sqrt(var + eps), as PyTorch does."""
        for vertex, bn in self.bns.items():
            bn.running_mean.copy_(self.running[vertex + "_mean"])
            if vertex + "_log10stdev" in self.running:
                std = torch.pow(10.0, self.running[vertex + "_log10stdev"])
                bn.running_var.copy_(std * std)
            else:
                bn.running_var.copy_(self.running[vertex + "_var"])

    # ---- the step
    def batch(self, indices):
        x = torch.as_tensor(self.export.train_x[indices], dtype=self.dtype)
        y = torch.as_tensor(self.export.train_y[indices], dtype=torch.long)
        return x, y

    def step(self, indices, weights, lr, acts=None):
        """One DL4J training step; returns the loss DL4J reports, the data-loss gradients by name and, in the
        order of the export's layout, the parameters and state after the step."""
        x, y = self.batch(indices)
        w = torch.as_tensor(weights, dtype=self.dtype)
        self.net.train()
        for p in self.net.parameters():
            p.grad = None
        bn_inputs = {}
        hooks = [bn.register_forward_pre_hook(lambda m, inp, v=v: bn_inputs.__setitem__(v, inp[0].detach()))
                 for v, bn in self.bns.items()]
        try:
            logits = self.net(x, acts)
        finally:
            for h in hooks:
                h.remove()
        per_sample = F.cross_entropy(logits, y, reduction="none")
        data_loss = (w * per_sample).mean()
        data_loss.backward()
        reg = 0.0
        grads = {}
        with torch.no_grad():
            for name, (module, attr) in self.names.items():
                p = getattr(module, attr)
                g = p.grad.detach().clone()
                grads[name] = g.reshape(-1).double().numpy()
                if name.endswith("_W") and self.l2 > 0:
                    reg += 0.5 * self.l2 * float((p.double() ** 2).sum())
                    g = g + self.l2 * p
                v_prev = self.velocity[name]
                v = MOMENTUM * v_prev - lr * g.reshape(-1)
                p.sub_((MOMENTUM * v_prev - (1 + MOMENTUM) * v).reshape(p.shape))
                self.velocity[name] = v
            for vertex, inp in bn_inputs.items():
                dims = (0, 2, 3) if inp.dim() == 4 else (0,)
                mean = inp.mean(dim=dims)
                var = inp.var(dim=dims, unbiased=False)
                self.running[vertex + "_mean"] = BN_DECAY * self.running[vertex + "_mean"] + (1 - BN_DECAY) * mean
                if vertex + "_log10stdev" in self.running:
                    # measured against DL4J's export: no eps inside the running statistic (docs/framework.md)
                    std = torch.pow(10.0, self.running[vertex + "_log10stdev"])
                    new_var = BN_DECAY * std * std + (1 - BN_DECAY) * var
                    self.running[vertex + "_log10stdev"] = torch.log10(torch.sqrt(new_var))
                else:
                    self.running[vertex + "_var"] = BN_DECAY * self.running[vertex + "_var"] + (1 - BN_DECAY) * var
            self._sync_running()
        return float(data_loss) + reg, grads

    def scores(self, indices):
        """Upper-bound scores (eq. 20) of the samples, inference mode: |softmax(z_i) - y_i|_2."""
        x, y = self.batch(indices)
        self.net.eval()
        with torch.no_grad():
            p = torch.softmax(self.net(x), dim=1)
            return (p - F.one_hot(y, p.shape[1]).to(p.dtype)).norm(dim=1).double().numpy()

    def mean_loss(self, indices, chunk=256):
        """Inference-mode mean cross-entropy (the run's evaluation)."""
        self.net.eval()
        total = 0.0
        with torch.no_grad():
            for s in range(0, len(indices), chunk):
                x, y = self.batch(indices[s:s + chunk])
                total += float(F.cross_entropy(self.net(x), y, reduction="sum"))
        return total / len(indices)


def rel(a, b):
    """Relative L2 distance |a - b| / |b| (0 when both are 0)."""
    a, b = np.asarray(a, dtype=np.float64).ravel(), np.asarray(b, dtype=np.float64).ravel()
    nb = np.linalg.norm(b)
    d = np.linalg.norm(a - b)
    return 0.0 if d == 0 else (d / nb if nb > 0 else math.inf)


def spearman(a, b):
    ra = np.argsort(np.argsort(a, kind="stable"), kind="stable").astype(np.float64)
    rb = np.argsort(np.argsort(b, kind="stable"), kind="stable").astype(np.float64)
    ra -= ra.mean()
    rb -= rb.mean()
    d = math.sqrt(float((ra * ra).sum() * (rb * rb).sum()))
    return float((ra * rb).sum() / d) if d > 0 else 1.0
