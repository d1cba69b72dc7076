"""The networks of org.isrepro.reproduction.models.Architectures (and the benchmark's Workload) in PyTorch,
layer for layer, with DL4J's names for their parameters and activations so that the framework check
(docs/framework.md) can load a DL4J export; docs/benchmarks.md ("DL4J against PyTorch") lists how each layer
was matched."""

import torch
import torch.nn as nn
import torch.nn.functional as F

LEARNING_RATE = 0.01  # Workload.LEARNING_RATE
WEIGHT_DECAY = 1e-3   # DL4J l2(1e-3): gradient 1e-3*W on weights, not biases (Architectures.java)
CLASSES = 10
BN_EPS = 1e-5         # DL4J BatchNormalization's default eps; its decay 0.9 is PyTorch's momentum 0.1
LN_EPS = 1e-3         # LayerNorm.DEFAULT_EPS, the reference code's layer normalisation


class Activations(dict):
    """Records each layer's output under DL4J's name; `override` maps a ReLU layer's name to a function that
    replaces the ReLU on its input (the framework check replays DL4J's ReLU masks this way)."""

    def __init__(self, override=None):
        super().__init__()
        self.override = override or {}


def _record(acts, name, value):
    if acts is not None:
        acts[name] = value
    return value


def _relu(acts, name, x):
    fn = getattr(acts, "override", {}).get(name) if acts is not None else None
    return _record(acts, name, fn(x) if fn is not None else F.relu(x))


def same_pad(x, kernel, stride):
    """DL4J's ConvolutionMode.Same (ConvolutionUtils.getSameModeTopLeftPadding): output ceil(in/stride), the
    total padding split with the smaller half on top/left — TensorFlow's SAME. For a stride-2 3x3 kernel on an
    even side that is (0, 1), not PyTorch's symmetric padding=1."""
    h, w = x.shape[2], x.shape[3]
    pads = []
    for size in (w, h):
        out = -(-size // stride)
        total = max(0, (out - 1) * stride + kernel - size)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads) if any(pads) else x


class LeNet(nn.Module):
    """Architectures.lenet(channels, h, w, classes, ..., conv1, conv2, dense): conv5 ReLU, max-pool 2/2, conv5 ReLU,
    max-pool 2/2, dense ReLU, dense (softmax in the loss). DL4J's default convolution mode is Truncate: no padding.
    DL4J names the layers by index: 0 conv, 1 pool, 2 conv, 3 pool, 4 dense, 5 output."""

    def __init__(self, channels=1, side=28, classes=CLASSES, conv1=20, conv2=50, dense=500):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, conv1, 5)
        self.conv2 = nn.Conv2d(conv1, conv2, 5)
        s = ((side - 4) // 2 - 4) // 2
        self.dense = nn.Linear(conv2 * s * s, dense)
        self.out = nn.Linear(dense, classes)

    # the layers whose output is a ReLU's (DL4J folds the activation into the layer)
    RELU_LAYERS = ("0", "2", "4")

    def forward(self, x, acts=None):
        x = _relu(acts, "0", self.conv1(x))
        x = _record(acts, "1", F.max_pool2d(x, 2, 2))
        x = _relu(acts, "2", self.conv2(x))
        x = _record(acts, "3", F.max_pool2d(x, 2, 2))
        x = _relu(acts, "4", self.dense(x.flatten(1)))  # DL4J's CnnToFeedForwardPreProcessor: NCHW in C order
        return self.out(x)

    def dl4j_names(self):
        """DL4J variable name -> (module, attribute); dense weights stored [nIn, nOut] in 'f' order are
        PyTorch's [out, in] in C order, so the flat slices map without a transpose."""
        names = {}
        for i, m in (("0", self.conv1), ("2", self.conv2), ("4", self.dense), ("5", self.out)):
            names[i + "_W"] = (m, "weight")
            names[i + "_b"] = (m, "bias")
        return names


class LayerNorm(nn.Module):
    """org.isrepro.reproduction.models.LayerNorm, the reference code's per-sample layer normalisation: each sample
    normalised by its own mean and biased variance over C, H, W; y = gamma * (x - mu) / sqrt(var + eps) + beta_c
    with one gamma and one beta per channel (DL4J's [1, C] each). No running statistics: training
    and inference compute the same function."""

    def __init__(self, channels, eps=LN_EPS):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        dims = tuple(range(1, x.dim()))
        mean = x.mean(dim=dims, keepdim=True)
        var = x.var(dim=dims, unbiased=False, keepdim=True)
        shape = (1, -1) + (1,) * (x.dim() - 2)
        return self.weight.reshape(shape) * (x - mean) / torch.sqrt(var + self.eps) + self.bias.reshape(shape)


def _norm(kind, channels):
    if kind == "layer":
        return LayerNorm(channels)
    if kind == "batch":
        return nn.BatchNorm2d(channels, eps=BN_EPS, momentum=0.1)
    raise ValueError(f"norm must be layer or batch, got '{kind}'")


class WrnBlock(nn.Module):
    """Architectures.wrn's pre-activation block: norm-ReLU-conv3x3(stride)-norm-ReLU-conv3x3, no conv biases; a
    1x1 projection of the first ReLU's output when the shape changes, else the block's input is added. The norm
    is layer normalisation (DL4J names it _ln1, _ln2) or batch normalisation (_bn1, _bn2).
    Convolutions and normalisation are linear, as Architectures.wrn sets them (DL4J's builders would
    otherwise default to a sigmoid); convolutions pad as DL4J's Same mode does."""

    def __init__(self, cin, cout, stride, norm="layer"):
        super().__init__()
        self.stride = stride
        self.prefix = "_ln" if norm == "layer" else "_bn"
        self.bn1 = _norm(norm, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 0, bias=False)
        self.bn2 = _norm(norm, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 0, bias=False)
        self.proj = nn.Conv2d(cin, cout, 1, stride, 0, bias=False) if stride != 1 or cin != cout else None

    def forward(self, x, acts=None, name=""):
        a = _record(acts, name + self.prefix + "1", self.bn1(x))
        a = _relu(acts, name + "_relu1", a)
        h = _record(acts, name + "_conv1", self.conv1(same_pad(a, 3, self.stride)))
        h = _record(acts, name + self.prefix + "2", self.bn2(h))
        h = _relu(acts, name + "_relu2", h)
        h = _record(acts, name + "_conv2", self.conv2(same_pad(h, 3, 1)))
        s = _record(acts, name + "_proj", self.proj(a)) if self.proj is not None else x
        return _record(acts, name + "_add", h + s)


class Wrn(nn.Module):
    """Architectures.wrn(depth, widen, channels, size, classes): conv3x3-16 stem, three groups of (depth-4)/6
    blocks of widths 16k, 32k, 64k (stride 2 entering groups 2 and 3), norm-ReLU, global average pool, dense.
    Blocks are named as DL4J's vertices: g<group>b<block>. norm "layer" (the default, as Architectures.wrn's) or
    "batch" (Normalisation.BATCH)."""

    def __init__(self, depth=10, widen=1, channels=1, classes=CLASSES, norm="layer"):
        super().__init__()
        self.norm = norm
        self.prefix = "ln" if norm == "layer" else "bn"
        n = (depth - 4) // 6
        self.stem = nn.Conv2d(channels, 16, 3, 1, 0, bias=False)
        blocks, cin = {}, 16
        for group, width in enumerate((16 * widen, 32 * widen, 64 * widen)):
            for b in range(n):
                blocks[f"g{group}b{b}"] = WrnBlock(cin, width, 2 if group > 0 and b == 0 else 1, norm)
                cin = width
        self.blocks = nn.ModuleDict(blocks)
        self.bn = _norm(norm, cin)
        self.out = nn.Linear(cin, classes)

    def forward(self, x, acts=None):
        x = _record(acts, "stem", self.stem(same_pad(x, 3, 1)))
        for name, block in self.blocks.items():
            x = block(x, acts, name)
        x = _record(acts, self.prefix + "_final", self.bn(x))
        x = _relu(acts, "relu_final", x)
        x = _record(acts, "pool", x.mean(dim=(2, 3)))
        return self.out(x)

    def norms(self):
        """DL4J vertex name -> normalisation module (LayerNorm or BatchNorm2d)."""
        out = {self.prefix + "_final": self.bn}
        for name, block in self.blocks.items():
            out[name + block.prefix + "1"] = block.bn1
            out[name + block.prefix + "2"] = block.bn2
        return out

    def batch_norms(self):
        """DL4J vertex name -> BatchNorm2d, whose running statistics the twin keeps (none with layer norm)."""
        return {v: m for v, m in self.norms().items() if isinstance(m, nn.BatchNorm2d)}

    def dl4j_names(self):
        """DL4J variable name -> (module, attribute). Batch normalisation's running statistics are listed by
        batch_norms(); conv kernels are [out, in, kh, kw] in C order in both frameworks; layer normalisation's
        gamma [1, 1] and beta [1, C] are its weight [1] and bias [C]."""
        names = {"stem_W": (self.stem, "weight"), "out_W": (self.out, "weight"), "out_b": (self.out, "bias")}
        for vertex, bn in self.norms().items():
            names[vertex + "_gamma"] = (bn, "weight")
            names[vertex + "_beta"] = (bn, "bias")
        for name, block in self.blocks.items():
            names[name + "_conv1_W"] = (block.conv1, "weight")
            names[name + "_conv2_W"] = (block.conv2, "weight")
            if block.proj is not None:
                names[name + "_proj_W"] = (block.proj, "weight")
        return names


class Lstm(nn.Module):
    """Architectures.lstm(features, hidden, classes): one LSTM layer (tanh cell and output, sigmoid gates, no
    peepholes, zero initial state) over the sequence, its last time step (LastTimeStep, DL4J layer "0") into a
    dense softmax layer ("1").

    The parameters are held as DL4J holds them (LSTMParamInitializer), so that an export loads without
    rearranging: W, DL4J's [features, 4*hidden] in 'f' order, is [4*hidden, features] here; RW [4*hidden, hidden];
    one bias b [4*hidden]. Their four gate blocks are in DL4J's order — cell candidate (tanh), forget, output,
    input gate — which the forward pass rearranges into PyTorch's (input, forget, cell, output) for its fused
    LSTM, with PyTorch's second bias held at zero. DL4J takes sequences as [n, features, time] (`ncw=True`, the
    framework check); the benchmark feeds [n, time, features]."""

    # PyTorch's gate k is DL4J's block TORCH_FROM_DL4J[k] (NativeLstm.DL4J_BLOCK maps libnd4j's the same way)
    TORCH_FROM_DL4J = (3, 1, 0, 2)

    def __init__(self, features=1, hidden=32, classes=CLASSES, ncw=False):
        super().__init__()
        self.hidden = hidden
        self.ncw = ncw
        bound = 1.0 / hidden ** 0.5  # nn.LSTM's initialisation, for the benchmark; the check loads DL4J's
        self.W = nn.Parameter(torch.empty(4 * hidden, features).uniform_(-bound, bound))
        self.RW = nn.Parameter(torch.empty(4 * hidden, hidden).uniform_(-bound, bound))
        self.b = nn.Parameter(torch.empty(4 * hidden).uniform_(-bound, bound))
        self.out = nn.Linear(hidden, classes)

    def _torch_order(self, p):
        n = self.hidden
        return torch.cat([p[k * n:(k + 1) * n] for k in self.TORCH_FROM_DL4J])

    def forward(self, x, acts=None):
        if self.ncw:
            x = x.transpose(1, 2)
        zero = x.new_zeros(1, x.shape[0], self.hidden)
        bias = self._torch_order(self.b)
        h, _, _ = torch.lstm(x, (zero, zero), [self._torch_order(self.W), self._torch_order(self.RW), bias,
                                               torch.zeros_like(bias)],
                             True, 1, 0.0, self.training, False, True)
        z = self.out(_record(acts, "0", h[:, -1]))
        _record(acts, "1", torch.softmax(z, dim=1))  # DL4J's output layer activation
        return z

    def dl4j_names(self):
        """DL4J variable name -> (module, attribute); DL4J's [nIn, nOut] 'f'-order arrays are [nOut, nIn] in C
        order, the shapes held here, so the flat slices map without a transpose."""
        return {"0_W": (self, "W"), "0_RW": (self, "RW"), "0_b": (self, "b"), "1_W": (self.out, "weight"),
                "1_b": (self.out, "bias")}


def _sgd(model):
    """Nesterov momentum 0.9, lr 0.01 (Workload), weight decay on the weights only, like DL4J's l2. For speed
    only: PyTorch's Nesterov differs from DL4J's when the learning rate changes (dl4j.Nesterovs is DL4J's)."""
    decay = [p for n, p in model.named_parameters() if n.endswith("weight") and p.dim() > 1]
    rest = [p for n, p in model.named_parameters() if not (n.endswith("weight") and p.dim() > 1)]
    return torch.optim.SGD([{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": rest, "weight_decay": 0.0}],
                           lr=LEARNING_RATE, momentum=0.9, nesterov=True)


# network id (Workload) -> (model factory, optimizer factory, sample shape as torch takes it, clip per parameter)
NETWORKS = {
    "lenet": (LeNet, _sgd, (1, 28, 28), None),
    "wrn16": (lambda: Wrn(10, 1, 1), _sgd, (1, 16, 16), None),
    # DL4J's ClipL2PerParamType(1.0): each parameter array's gradient clipped to L2 norm 1
    "lstm": (Lstm, lambda m: torch.optim.Adam(m.parameters(), lr=1e-3), (196, 1), 1.0),
    # the cpu §4.4 stand-in: LSTM-64 over 14 steps of 14 pixels (Workload.LSTM64X14)
    "lstm64x14": (lambda: Lstm(14, 64), lambda m: torch.optim.Adam(m.parameters(), lr=1e-3), (14, 14), 1.0),
}


class Task:
    """One (network, operation, batch): step() or forward() on fixed random data, as PeerBench does."""

    def __init__(self, network, operation, batch, seed=2):
        if network not in NETWORKS:
            raise ValueError(f"unknown network '{network}'; known: {sorted(NETWORKS)}")
        if operation not in ("step", "forward"):
            raise ValueError(f"operation must be step or forward, got '{operation}'")
        make, optimizer, shape, clip = NETWORKS[network]
        torch.manual_seed(1)
        self.model = make().float()
        self.optimizer = optimizer(self.model)
        self.clip = clip
        g = torch.Generator().manual_seed(seed)
        self.x = torch.rand((batch,) + shape, generator=g, dtype=torch.float32)
        self.y = torch.randint(0, CLASSES, (batch,), generator=g)
        self.run = self.step if operation == "step" else self.forward
        if operation == "forward":
            self.model.eval()
        else:
            self.model.train()

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(self.model(self.x), self.y)  # softmax + cross-entropy, mean over the batch
        loss.backward()
        if self.clip is not None:
            for p in self.model.parameters():
                torch.nn.utils.clip_grad_norm_([p], self.clip)
        self.optimizer.step()
        return loss.item()

    def forward(self):
        with torch.inference_mode():
            return torch.softmax(self.model(self.x), dim=1)  # DL4J's output() applies the softmax
