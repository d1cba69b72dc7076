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
- upper-bound scores (eq. 20) are |softmax(z) - y|_2 of an inference-mode forward pass;
- the §4.4 LSTM: DL4J's Adam (libnd4j's adamUpdater: alpha = lr*sqrt(1-beta2^t)/(1-beta1^t), update =
  alpha*m/(sqrt(v) + eps), eps outside the bias correction, t = DL4J's iteration count + 1), after each layer's
  gradient normalisation as its configuration names it (ClipL2PerParamType: every parameter array's mean
  gradient scaled to L2 norm <= threshold).
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
    if model.startswith("LeNet"):
        return _lenet(meta, shape, classes)
    if model.startswith("LSTM-"):
        # sizes from the exported parameters (the stand-in's hidden size and pixels per step vary by scale)
        shapes = {p["name"]: p["shape"] for p in meta["layout"]["params"]}
        features, gates = shapes["0_W"]
        return nets.Lstm(features, gates // 4, shapes["1_W"][1], ncw=True)
    raise ValueError(f"the twin has no network for '{model}' yet (known: WRN-d-k, LeNet, LSTM-h)")


def layer_confs(meta):
    """DL4J's layer configurations by layer name as paramTable() names them: a MultiLayerNetwork's by index, a
    ComputationGraph's by vertex. A wrapper (LastTimeStep) gives its underlying layer's, which is where DL4J keeps
    the wrapped layer's settings."""
    net = meta.get("network") or {}
    if "confs" in net:
        confs = {str(i): c["layer"] for i, c in enumerate(net["confs"])}
    else:
        confs = {name: v["layerConf"]["layer"] for name, v in (net.get("vertices") or {}).items() if "layerConf" in v}
    return {name: layer.get("underlying", layer) for name, layer in confs.items()}


def _lenet(meta, shape, classes):
    """Architectures.lenet's widths as the exported configuration states them; anything else it would build
    (frozen layers, other kernels or convolution modes) is refused rather than twinned approximately."""
    confs = layer_confs(meta)
    kinds = [confs.get(str(i), {}).get("@class", "").rsplit(".", 1)[-1] for i in range(6)]
    expected = ["ConvolutionLayer", "SubsamplingLayer", "ConvolutionLayer", "SubsamplingLayer", "DenseLayer",
                "OutputLayer"]
    if kinds != expected or len(confs) != 6:
        raise ValueError(f"the twin's LeNet is {expected}; this export's network has {kinds}")
    for i in ("0", "2"):
        c = confs[i]
        if list(c["kernelSize"]) != [5, 5] or list(c["stride"]) != [1, 1] or c["convolutionMode"] != "Truncate":
            raise ValueError(f"LeNet layer {i}: the twin has 5x5 stride-1 Truncate convolutions, the export {c}")
    if shape[1] != shape[2]:
        raise ValueError(f"the twin's LeNet takes square inputs, the export {shape}")
    return nets.LeNet(shape[0], shape[1], classes, confs["0"]["nout"], confs["2"]["nout"], confs["4"]["nout"])


def l2_by_variable(meta, names):
    """DL4J's l2 coefficient of each trainable variable, from the exported configuration: the layer's
    `regularization` for its weights (`W`, and an LSTM's recurrent weights `RW`, which LSTMParamInitializer counts
    as weights), `regularizationBias` for its bias `b`, none for batch normalisation (DL4J does not regularise
    gamma and beta). An export without the configuration gets the §4.2 stand-in's l2 1e-3 on weights, as its
    optimiser text states."""
    confs = layer_confs(meta)
    if any("Frozen" in c.get("@class", "") for c in confs.values()):
        raise ValueError("the export has frozen layers, which the twin does not take yet")
    out = {}
    for name in names:
        layer, param = name.rsplit("_", 1)
        conf = confs.get(layer)
        if conf is None:
            l2 = 1e-3 if param == "W" and "l2 gradient 1e-3" in meta["config"].get("optimizer", "") else 0.0
        else:
            key = {"W": "regularization", "RW": "regularization", "b": "regularizationBias"}.get(param)
            l2 = 0.0
            for r in (conf.get(key) or []) if key else []:
                kind = r.get("@class", "").rsplit(".", 1)[-1]
                if kind != "L2Regularization" or "FixedSchedule" not in r["l2"].get("@class", ""):
                    raise ValueError(f"{name}: the twin takes a fixed L2Regularization, the export has {r}")
                l2 += r["l2"]["value"]
        out[name] = l2
    return out


def updater_config(meta, names):
    """DL4J's updater of the layers with trainable variables, the same for all of them (the twin steps every
    variable alike): ("nesterovs", {momentum}) or ("adam", {beta1, beta2, epsilon}); other updaters, or layers
    that differ, are refused. An export without the configuration gets Nesterovs with the §4.2 momentum."""
    found = set()
    layers = {n.rsplit("_", 1)[0] for n in names}
    for name, conf in layer_confs(meta).items():
        u = conf.get("iupdater")
        if u is None or name not in layers:
            continue
        kind = u.get("@class", "").rsplit(".", 1)[-1]
        if kind == "Nesterovs":
            found.add(("nesterovs", (("momentum", float(u["momentum"])),)))
        elif kind == "Adam":
            found.add(("adam", tuple((k, float(u[k])) for k in ("beta1", "beta2", "epsilon"))))
        else:
            raise ValueError(f"layer {name} uses DL4J's {kind} updater; the twin takes Nesterovs and Adam only")
    if len(found) > 1:
        raise ValueError(f"layers use different updaters {sorted(found)}; the twin takes one")
    kind, params = found.pop() if found else ("nesterovs", (("momentum", MOMENTUM),))
    return kind, dict(params)


def clip_thresholds(meta):
    """{variable prefix: threshold} of the layers whose configuration names ClipL2PerParamType; other gradient
    normalisations fail: the twin does not implement them."""
    clip = {}
    for name, layer in layer_confs(meta).items():
        norm = layer.get("gradientNormalization") or "None"
        if norm == "ClipL2PerParamType":
            clip[name + "_"] = float(layer["gradientNormalizationThreshold"])
        elif norm != "None":
            raise ValueError(f"layer {name} normalises gradients by {norm}; the twin implements "
                             "ClipL2PerParamType only")
    return clip


def unclipped_layers(meta):
    """Layers with parameters that DL4J does not clip although the run's optimiser says it clips (§4.4's
    "clip 1"): the twin follows DL4J's configuration, so only this comparison with the protocol can see it."""
    if "clip" not in meta["config"].get("optimizer", ""):
        return []
    prefixes = {p["name"].split("_", 1)[0] for p in meta["layout"]["params"]}
    return [name for name, layer in layer_confs(meta).items()
            if name in prefixes and (layer.get("gradientNormalization") or "None") == "None"]


class Twin:
    """A PyTorch network holding DL4J's named parameters, running statistics and updater state (Nesterovs or Adam)."""

    def __init__(self, export, dtype=torch.float32):
        self.export = export
        self.dtype = dtype
        self.net = build_network(export.meta).to(dtype)
        self.names = self.net.dl4j_names()
        self.bns = self.net.batch_norms() if hasattr(self.net, "batch_norms") else {}
        self.l2 = l2_by_variable(export.meta, self.names)
        self.updater, self.updater_params = updater_config(export.meta, self.names)
        self.clip = clip_thresholds(export.meta)
        self.running = {}   # DL4J's running statistics by variable name (mean, log10stdev)
        self.velocity = {}  # DL4J's Nesterovs V by variable name
        self.moments = {}   # DL4J's Adam state by (variable name, part): part 0 is M, part 1 V (AdamUpdater)
        self.iteration = 0  # DL4J's iteration count before the next step (Adam's bias correction)

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
                if self.updater == "adam":
                    self.moments[(name, part)] = torch.as_tensor(value, dtype=self.dtype).clone()
                else:
                    self.velocity[name] = torch.as_tensor(value, dtype=self.dtype).clone()
        self._sync_running()

    def reset_state(self):
        """The updater's state before DL4J's first step: zeros, iteration count 0."""
        self.iteration = 0
        for name, (module, attr) in self.names.items():
            n = getattr(module, attr).numel()
            if self.updater == "adam":
                self.moments[(name, 0)] = torch.zeros(n, dtype=self.dtype)
                self.moments[(name, 1)] = torch.zeros(n, dtype=self.dtype)
            else:
                self.velocity[name] = torch.zeros(n, dtype=self.dtype)

    def _state_of(self, name, part):
        return self.moments[(name, part)] if self.updater == "adam" else self.velocity[name]

    def named_state(self):
        """The updater state by state_label(name, part), as numpy arrays."""
        return {state_label(n, p, self.updater): self._state_of(n, p).double().numpy() for n, p, _ in self.export.state}

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
        return self.export.join_state({(n, p): self._state_of(n, p).double().numpy() for n, p, _ in self.export.state})

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
                # DL4J clips (preApply) before its updater blocks add l2's gradient
                g = self._normalised(name, g)
                if self.l2[name] > 0:
                    reg += 0.5 * self.l2[name] * float((p.double() ** 2).sum())
                    g = g + self.l2[name] * p
                if self.updater == "adam":
                    self._adam(name, p, g, lr)
                    continue
                v_prev, mu = self.velocity[name], self.updater_params["momentum"]
                v = mu * v_prev - lr * g.reshape(-1)
                p.sub_((mu * v_prev - (1 + mu) * v).reshape(p.shape))
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
        self.iteration += 1
        return float(data_loss) + reg, grads

    def _normalised(self, name, g):
        """DL4J's ClipL2PerParamType (BaseMultiLayerUpdater.preApply), on the mean gradient: an array whose L2 norm
        exceeds the threshold is divided by norm/threshold."""
        threshold = next((t for prefix, t in self.clip.items() if name.startswith(prefix)), None)
        if threshold is None:
            return g
        norm = float(g.norm())
        return g / (norm / threshold) if norm > threshold else g

    def _adam(self, name, p, g, lr):
        """libnd4j's adamUpdater as DL4J's Adam calls it, with t = DL4J's iteration count + 1."""
        b1, b2, eps = (self.updater_params[k] for k in ("beta1", "beta2", "epsilon"))
        t = self.iteration + 1
        alpha = lr * math.sqrt(1.0 - b2 ** t) / (1.0 - b1 ** t)
        g = g.reshape(-1)
        m = b1 * self.moments[(name, 0)] + (1 - b1) * g
        v = b2 * self.moments[(name, 1)] + (1 - b2) * g * g
        p.sub_((alpha * m / (torch.sqrt(v) + eps)).reshape(p.shape))
        self.moments[(name, 0)], self.moments[(name, 1)] = m, v

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


def state_label(name, part, updater):
    """A variable's updater state as the check names it: the variable (Nesterovs' V) or variable/M, variable/V."""
    return f"{name}/{'MV'[part]}" if updater == "adam" else name


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
