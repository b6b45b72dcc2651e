"""SeR-Connector: compresses each region's feature tokens into R tokens and fuses them with the coarse caption."""
from __future__ import annotations

from typing import Optional, Tuple

import torch
from torch import Tensor, nn

from .config import ModelConfig
from .layers import NEG_INF, Block, CrossBlock


class Connector(nn.Module):
    """region_features [B,k,T,F], region_boxes [B,k,4], caption_embeds [B,L,D] -> region_embeds [B,k*R,D].

    Per region, R learned queries (plus an embedding of the region's box) cross-attend to the region's T
    feature tokens (plus their position in the crop). A small bidirectional transformer then runs over
    [all k*R region tokens][caption tokens], so each region token can see which caption phrase it is about.
    """

    def __init__(self, cfg: ModelConfig, max_caption: int = 160):
        super().__init__()
        d, f, t, r = cfg.dec_dim, cfg.region_feature_size, cfg.grid * cfg.grid, cfg.tokens_per_region
        self.r = r
        self.in_proj = nn.Sequential(nn.LayerNorm(f), nn.Linear(f, d))
        self.crop_pos = nn.Parameter(torch.randn(1, t, d) * 0.02)
        self.queries = nn.Parameter(torch.randn(1, r, d) * 0.02)
        self.box = nn.Sequential(nn.Linear(4, d), nn.GELU(), nn.Linear(d, d))
        self.compress = CrossBlock(d, cfg.dec_heads, cfg.mlp_ratio, d)
        self.caption_proj = nn.Linear(d, d)
        self.caption_pos = nn.Embedding(max_caption, d)
        self.kind = nn.Parameter(torch.randn(2, d) * 0.02)  # region token vs caption token
        self.fuse = nn.ModuleList(Block(d, cfg.dec_heads, cfg.mlp_ratio) for _ in range(cfg.connector_layers))
        self.ln = nn.LayerNorm(d)

    def compress_regions(self, region_features: Tensor, region_boxes: Tensor) -> Tensor:
        """-> [B,k,R,D], the per-region tokens before fusion (also used by the training's region probe)."""
        b, k, t, f = region_features.shape
        x = self.in_proj(region_features.reshape(b * k, t, f)) + self.crop_pos
        box = self.box(region_boxes.reshape(b * k, 1, 4))
        q = self.queries.expand(b * k, -1, -1) + box
        return self.compress(q, x).reshape(b, k, self.r, -1)

    def forward(self, region_features: Tensor, region_boxes: Tensor, caption_embeds: Tensor,
                caption_mask: Optional[Tensor] = None) -> Tuple[Tensor, Tensor]:
        """caption_mask [B,L] (1 = real) is for padded training batches. Returns (region_embeds, compressed)."""
        b, k = region_features.shape[:2]
        compressed = self.compress_regions(region_features, region_boxes)
        reg = compressed.reshape(b, k * self.r, -1) + self.kind[0]
        L = caption_embeds.shape[1]
        cap = self.caption_proj(caption_embeds) + self.caption_pos(torch.arange(L, device=caption_embeds.device)) \
            + self.kind[1]
        x = torch.cat([reg, cap], dim=1)
        bias = None
        if caption_mask is not None:
            keep = torch.cat([torch.ones(b, k * self.r, device=x.device), caption_mask.float()], dim=1)
            bias = (1.0 - keep)[:, None, None, :] * NEG_INF
        for block in self.fuse:
            x, _, _ = block(x, bias=bias)
        return self.ln(x[:, : k * self.r]), compressed
