"""The benchmark networks of org.isrepro.benchmark.Workload (built by Architectures.java) rebuilt in PyTorch,
layer for layer; docs/benchmarks.md ("DL4J against PyTorch") lists how each layer was matched."""

import torch
import torch.nn as nn
import torch.nn.functional as F

LEARNING_RATE = 0.01  # Workload.LEARNING_RATE
WEIGHT_DECAY = 1e-3   # DL4J l2(1e-3): gradient 1e-3*W on weights, not biases (Architectures.java)
CLASSES = 10


class LeNet(nn.Module):
    """Architectures.lenet(1, 28, 28, 10): conv5-20 ReLU, max-pool 2/2, conv5-50 ReLU, max-pool 2/2,
    dense 500 ReLU, dense 10 (softmax in the loss). DL4J's default convolution mode is Truncate: no padding."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5)
        self.conv2 = nn.Conv2d(20, 50, 5)
        self.dense = nn.Linear(50 * 4 * 4, 500)
        self.out = nn.Linear(500, CLASSES)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)
        return self.out(F.relu(self.dense(x.flatten(1))))


class WrnBlock(nn.Module):
    """Architectures.wrn's pre-activation block: BN-ReLU-conv3x3(stride)-BN-ReLU-conv3x3, no conv biases; a
    1x1 projection of the first ReLU's output when the shape changes, else the block's input is added.
    Convolutions and batch normalisation are linear, as Architectures.wrn sets them (DL4J's builders would
    otherwise default to a sigmoid)."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin, eps=1e-5, momentum=0.1)  # DL4J: eps 1e-5, decay 0.9
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout, eps=1e-5, momentum=0.1)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.proj = nn.Conv2d(cin, cout, 1, stride, 0, bias=False) if stride != 1 or cin != cout else None

    def forward(self, x):
        a = F.relu(self.bn1(x))
        h = self.conv2(F.relu(self.bn2(self.conv1(a))))
        return h + (self.proj(a) if self.proj is not None else x)


class Wrn(nn.Module):
    """Architectures.wrn(depth, widen, channels, size, 10): conv3x3-16 stem, three groups of (depth-4)/6
    blocks of widths 16k, 32k, 64k (stride 2 entering groups 2 and 3), BN-ReLU, global average pool, dense."""

    def __init__(self, depth=10, widen=1, channels=1):
        super().__init__()
        n = (depth - 4) // 6
        self.stem = nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
        blocks, cin = [], 16
        for group, width in enumerate((16 * widen, 32 * widen, 64 * widen)):
            for b in range(n):
                blocks.append(WrnBlock(cin, width, 2 if group > 0 and b == 0 else 1))
                cin = width
        self.blocks = nn.Sequential(*blocks)
        self.bn = nn.BatchNorm2d(cin, eps=1e-5, momentum=0.1)
        self.out = nn.Linear(cin, CLASSES)

    def forward(self, x):
        x = F.relu(self.bn(self.blocks(self.stem(x))))
        return self.out(x.mean(dim=(2, 3)))


class Lstm(nn.Module):
    """Architectures.lstm(1, 32, 10): one LSTM layer (tanh, sigmoid gates, no peepholes) over the sequence,
    its last time step (LastTimeStep) into a dense softmax layer. Inputs are [n, time, features] here
    (batch_first) where DL4J takes [n, features, time]."""

    def __init__(self, hidden=32):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden, batch_first=True)
        self.out = nn.Linear(hidden, CLASSES)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.out(h[:, -1])


def _sgd(model):
    """Nesterov momentum 0.9, lr 0.01 (Workload), weight decay on the weights only, like DL4J's l2."""
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
