"""Transformer building blocks shared by the vision encoder, the decoder and the connector.

Attention is written out (no fused kernels) so that its probabilities can be returned (the saliency output)
and so that the ONNX export is plain MatMul/Softmax that every onnxruntime backend runs.
"""
from __future__ import annotations

import math
from typing import Optional, Tuple

import torch
from torch import Tensor, nn

NEG_INF = -1e9  # finite, so a row whose keys are all masked stays finite


class Attention(nn.Module):
    def __init__(self, dim: int, heads: int, kv_dim: Optional[int] = None):
        super().__init__()
        self.heads, self.head_dim = heads, dim // heads
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(kv_dim or dim, 2 * dim)
        self.out = nn.Linear(dim, dim)

    def split(self, x: Tensor) -> Tensor:  # [B,L,D] -> [B,H,L,hd]
        b, n, _ = x.shape
        return x.view(b, n, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x: Tensor, ctx: Optional[Tensor] = None, bias: Optional[Tensor] = None,
                past: Optional[Tuple[Tensor, Tensor]] = None) -> Tuple[Tensor, Tensor, Tuple[Tensor, Tensor]]:
        """Returns (output, attention probabilities [B,H,q,keys], (keys, values) incl. past)."""
        q = self.split(self.q(x))
        k, v = self.kv(x if ctx is None else ctx).chunk(2, dim=-1)
        k, v = self.split(k), self.split(v)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        if bias is not None:
            scores = scores + bias
        probs = scores.softmax(dim=-1)
        y = torch.matmul(probs, v).transpose(1, 2).reshape(x.shape[0], x.shape[1], -1)
        return self.out(y), probs, (k, v)


class Mlp(nn.Sequential):
    def __init__(self, dim: int, ratio: int):
        super().__init__(nn.Linear(dim, dim * ratio), nn.GELU(), nn.Linear(dim * ratio, dim))


class Block(nn.Module):
    """Pre-LN transformer block: self-attention (optionally with a KV cache) and an MLP.

    zero_init: the residual branches start at 0, so the block starts as the identity. The vision encoder
    needs it: with default init its 4 blocks washed out the stem's local features and a shape probe stayed at
    chance for 400 steps, while the stem alone learned shapes."""

    def __init__(self, dim: int, heads: int, ratio: int, zero_init: bool = False):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.mlp = Mlp(dim, ratio)
        if zero_init:
            for lin in (self.attn.out, self.mlp[2]):
                nn.init.zeros_(lin.weight)
                nn.init.zeros_(lin.bias)

    def forward(self, x: Tensor, bias: Optional[Tensor] = None, past: Optional[Tuple[Tensor, Tensor]] = None):
        a, probs, kv = self.attn(self.ln1(x), bias=bias, past=past)
        x = x + a
        return x + self.mlp(self.ln2(x)), probs, kv


class CrossBlock(nn.Module):
    """Queries attend to a context (no self-attention), then an MLP."""

    def __init__(self, dim: int, heads: int, ratio: int, ctx_dim: int):
        super().__init__()
        self.ln_q, self.ln_c, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(ctx_dim), nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, kv_dim=ctx_dim)
        self.mlp = Mlp(dim, ratio)

    def forward(self, q: Tensor, ctx: Tensor) -> Tensor:
        a, _, _ = self.attn(self.ln_q(q), ctx=self.ln_c(ctx))
        q = q + a
        return q + self.mlp(self.ln2(q))
