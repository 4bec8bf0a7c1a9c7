"""PyTorch reference for bench/run train: the same GPT (4 layers, d_model 256, 4 heads, d_inner 1024,
seq 128, batch 16, character vocabulary, Adam) in plain PyTorch, 2 threads. Prints steps/s, then which
BLAS and threading libraries this process loaded and the environment variables that steer them.

    /usr/bin/python3 bench/train_reference.py [VOCAB [STEPS [WARMUP]]]   (defaults 86, 40, 5)

STEPS 0 trains nothing and prints only the libraries and the environment (reference.py is the harness). The bench runs this script
with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (see TrainBench)."""
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import reference

torch.set_num_threads(2)
torch.manual_seed(0)
V, T, B, C, L, H, FF = int(sys.argv[1]) if len(sys.argv) > 1 else 86, 128, 16, 256, 4, 4, 1024
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 40
WARMUP = int(sys.argv[3]) if len(sys.argv) > 3 else 5

class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = nn.Linear(C, 3 * C)
        self.c_proj = nn.Linear(C, C)
        self.register_buffer("mask", torch.triu(torch.ones(T, T, dtype=torch.bool), 1))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        q, k, v = (z.view(b, t, H, c // H).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(c // H)
        att = att.masked_fill(self.mask[:t, :t], float("-inf")).softmax(-1)
        return self.c_proj((att @ v).transpose(1, 2).reshape(b, t, c))


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.attn, self.ln_2 = nn.LayerNorm(C), Attention(), nn.LayerNorm(C)
        self.mlp = nn.Sequential(nn.Linear(C, FF), nn.GELU(), nn.Linear(FF, C))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Gpt(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, C), nn.Embedding(T, C)
        self.h = nn.ModuleList(Layer() for _ in range(L))
        self.ln_f = nn.LayerNorm(C)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for layer in self.h:
            x = layer(x)
        return self.ln_f(x) @ self.wte.weight.t()


model = Gpt()
opt = torch.optim.Adam(model.parameters(), lr=3e-4)
data = torch.randint(0, V, (100_000,))


def step():
    ix = torch.randint(0, len(data) - T - 1, (B,))
    x = torch.stack([data[i:i + T] for i in ix])
    y = torch.stack([data[i + 1:i + T + 1] for i in ix])
    loss = F.cross_entropy(model(x).view(-1, V), y.view(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()


reference.run(step, STEPS, WARMUP, B * T)
