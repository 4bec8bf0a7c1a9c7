"""PyTorch reference for bench/run encoder: the same encoder (post-LN BERT: word, position and type embeddings with
a LayerNorm; 4 layers of self-attention and a GELU feed-forward, each followed by residual + LayerNorm; hidden 256,
4 heads, FFN 1024) with BERT's masked-LM head (dense + GELU + LayerNorm + the tied projection + a bias) applied at
the predicted positions only, AdamW, seq 128, batch 16, 19 predicted positions per sequence (15% of 126), random
word ids (throughput only), 2 threads. Prints steps/s, then the libraries and environment (reference.py).

    /usr/bin/python3 bench/encoder_reference.py [VOCAB [STEPS [WARMUP]]]   (defaults 8005, 20, 3)
"""
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

import reference

torch.set_num_threads(2)
torch.manual_seed(0)
V = int(sys.argv[1]) if len(sys.argv) > 1 else 8005
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
WARMUP = int(sys.argv[3]) if len(sys.argv) > 3 else 3
T, B, C, L, NH, FF, P = 128, 16, 256, 4, 4, 1024, 19


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(C, C) for _ in range(4))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = (f(x).view(b, t, NH, c // NH).transpose(1, 2) for f in (self.q, self.k, self.v))
        att = ((q @ k.transpose(-2, -1)) / math.sqrt(c // NH)).softmax(-1)
        return self.o((att @ v).transpose(1, 2).reshape(b, t, c))


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn, self.ln_1 = Attention(), nn.LayerNorm(C)
        self.mlp, self.ln_2 = nn.Sequential(nn.Linear(C, FF), nn.GELU(), nn.Linear(FF, C)), nn.LayerNorm(C)

    def forward(self, x):
        x = self.ln_1(x + self.attn(x))
        return self.ln_2(x + self.mlp(x))


class Bert(nn.Module):
    def __init__(self):
        super().__init__()
        self.word, self.pos, self.token_type = nn.Embedding(V, C), nn.Embedding(T, C), nn.Embedding(2, C)
        self.ln = nn.LayerNorm(C)
        self.layers = nn.ModuleList(Layer() for _ in range(L))
        self.dense, self.ln_mlm, self.bias = nn.Linear(C, C), nn.LayerNorm(C), nn.Parameter(torch.zeros(V))

    def forward(self, ids, rows):
        x = self.ln(self.word(ids) + self.pos(torch.arange(ids.shape[1])) + self.token_type(torch.zeros_like(ids)))
        for layer in self.layers:
            x = layer(x)
        h = x.reshape(-1, C)[rows]                                   # (N, C): the predicted positions
        return self.ln_mlm(F.gelu(self.dense(h))) @ self.word.weight.t() + self.bias


model = Bert()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)


def step():
    ids = torch.randint(5, V, (B, T))
    rows = torch.cat([torch.randperm(T - 2)[:P] + 1 + b * T for b in range(B)])
    labels = ids.reshape(-1)[rows]
    loss = F.cross_entropy(model(ids, rows), labels)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()


reference.run(step, STEPS, WARMUP, B * T)
