"""ViT vision encoder: the 64x64 global view and 64x64 full-resolution crops share it."""
from __future__ import annotations

from typing import Tuple

import torch
from torch import Tensor, nn

from .config import ModelConfig
from .layers import Block


class VisionEncoder(nn.Module):
    """pixel_values [N,3,S,S] -> image_embeds [N,T,D_dec] (MLP projector), region_features [N,T,F]."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        d, g = cfg.vision_dim, cfg.grid
        self.feature_layers = list(cfg.feature_layers)
        if cfg.conv_stem:
            # Early convolutions train faster than a lone patch projection and see strokes finer than a patch
            # (stripes, dots, the corners of an 8-14 px shape in a crop). Same token stride: patch_size.
            half = cfg.patch_size // 2
            self.patch = nn.Sequential(nn.Conv2d(3, cfg.conv_stem, 3, stride=2, padding=1), nn.GELU(),
                                       nn.Conv2d(cfg.conv_stem, d, kernel_size=half, stride=half))
        else:
            self.patch = nn.Conv2d(3, d, kernel_size=cfg.patch_size, stride=cfg.patch_size)
        self.pos = nn.Parameter(torch.randn(1, g * g, d) * 0.02)
        self.blocks = nn.ModuleList(Block(d, cfg.vision_heads, cfg.mlp_ratio) for _ in range(cfg.vision_layers))
        self.feature_norms = nn.ModuleList(nn.LayerNorm(d) for _ in cfg.feature_layers)
        self.ln = nn.LayerNorm(d)
        self.projector = nn.Sequential(nn.Linear(d, cfg.dec_dim), nn.GELU(), nn.Linear(cfg.dec_dim, cfg.dec_dim))

    def forward(self, pixel_values: Tensor) -> Tuple[Tensor, Tensor]:
        x = self.patch(pixel_values).flatten(2).transpose(1, 2) + self.pos
        feats = []
        for i, block in enumerate(self.blocks, start=1):
            x, _, _ = block(x)
            if i in self.feature_layers:
                feats.append(self.feature_norms[self.feature_layers.index(i)](x))
        image_embeds = self.projector(self.ln(x))
        return image_embeds, torch.cat(feats, dim=-1)
