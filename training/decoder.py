"""Decoder-only transformer LM over input embeddings, with a KV cache and the saliency attention output."""
from __future__ import annotations

from typing import List, Optional, Tuple

import torch
from torch import Tensor, nn

from .config import ModelConfig
from .layers import NEG_INF, Block

Past = List[Tuple[Tensor, Tensor]]


class Decoder(nn.Module):
    def __init__(self, cfg: ModelConfig, vocab_size: int):
        super().__init__()
        d = cfg.dec_dim
        self.cfg = cfg
        self.embed = nn.Embedding(vocab_size, d)
        self.pos = nn.Embedding(cfg.max_positions, d)
        self.blocks = nn.ModuleList(Block(d, cfg.dec_heads, cfg.mlp_ratio) for _ in range(cfg.dec_layers))
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab_size, bias=False)
        nn.init.normal_(self.embed.weight, std=0.02)
        nn.init.normal_(self.pos.weight, std=0.02)

    def forward(self, inputs_embeds: Tensor, attention_mask: Optional[Tensor] = None, past: Optional[Past] = None,
                all_saliency_heads: bool = False) -> Tuple[Tensor, Past, Tensor]:
        """inputs_embeds [B,q,D]; attention_mask [B,p+q] (1 = real token) or None; past: per layer (k, v)
        [B,H,p,hd]. Returns logits [B,q,V], presents, saliency: [B,q,p+q] (mean over the saliency heads) or,
        with all_saliency_heads, [B,h,q,p+q] for the training loss."""
        b, q, _ = inputs_embeds.shape
        p = past[0][0].shape[2] if past is not None else 0
        query_pos = torch.arange(q, device=inputs_embeds.device) + p
        key_pos = torch.arange(q + p, device=inputs_embeds.device)
        allowed = key_pos[None, :] <= query_pos[:, None]                       # [q, p+q] causal
        bias = (~allowed).float()[None, None] * NEG_INF
        if attention_mask is not None:
            bias = bias + (1.0 - attention_mask.float())[:, None, None, :] * NEG_INF
        x = inputs_embeds + self.pos(query_pos)[None]
        presents: Past = []
        saliency = None
        heads = self.cfg.saliency_heads
        for i, block in enumerate(self.blocks):
            x, probs, kv = block(x, bias=bias, past=None if past is None else past[i])
            presents.append(kv)
            if i == self.cfg.saliency_layer:
                sel = probs[:, heads[0]:heads[0] + 1] if len(heads) == 1 else probs[:, heads]
                saliency = sel if all_saliency_heads else sel.mean(dim=1)
        logits = self.head(self.ln(x))
        assert saliency is not None
        return logits, presents, saliency
