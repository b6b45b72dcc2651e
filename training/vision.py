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
            # Early convolutions: three 3x3 stride-2 convolutions (token stride 8 = patch_size) whose 15 px
            # receptive fields overlap the neighbouring patches. A lone patch projection splits an object that
            # straddles patch borders across tokens, and a from-scratch ViT learns to put it back together far
            # too slowly for a CPU budget: shape stayed at chance for 300 probe steps, colour took 20.
            assert cfg.patch_size == 8, "the convolutional stem has a stride of 8"
            c = cfg.conv_stem
            self.patch = nn.Sequential(nn.Conv2d(3, c, 3, stride=2, padding=1), nn.GELU(),
                                       nn.Conv2d(c, 2 * c, 3, stride=2, padding=1), nn.GELU(),
                                       nn.Conv2d(2 * c, d, 3, stride=2, padding=1))
        else:
            self.patch = nn.Conv2d(3, d, kernel_size=cfg.patch_size, stride=cfg.patch_size)
        self.pos = nn.Parameter(torch.randn(1, g * g, d) * 0.02)
        self.blocks = nn.ModuleList(Block(d, cfg.vision_heads, cfg.mlp_ratio, zero_init=cfg.zero_init)
                                    for _ in range(cfg.vision_layers))
        self.feature_norms = nn.ModuleList(nn.LayerNorm(d) for _ in cfg.feature_layers)
        self.multi_feature = cfg.multi_feature
        self.ln = nn.LayerNorm(d)
        proj_in = cfg.region_feature_size if cfg.multi_feature else d
        self.projector = nn.Sequential(nn.Linear(proj_in, cfg.dec_dim), nn.GELU(),
                                       nn.Linear(cfg.dec_dim, cfg.dec_dim))

    def forward(self, pixel_values: Tensor, skip_blocks: bool = False) -> Tuple[Tensor, Tensor]:
        """feature layer 0 is the patch embedding (after positions), i >= 1 the output of block i.
        skip_blocks: treat every block as the identity (what zero-initialised blocks are before training):
        training stage 0 trains the stem alone this way, at a fraction of the cost."""
        x = self.patch(pixel_values).flatten(2).transpose(1, 2) + self.pos
        feats = []
        if 0 in self.feature_layers:
            feats.append(self.feature_norms[self.feature_layers.index(0)](x))
        for i, block in enumerate(self.blocks, start=1):
            if not skip_blocks:
                x, _, _ = block(x)
            if i in self.feature_layers:
                feats.append(self.feature_norms[self.feature_layers.index(i)](x))
        region_features = torch.cat(feats, dim=-1)
        # multi_feature: the projector also reads the patch embeddings and intermediate layers, so local shape
        # features reach the decoder even while the randomly initialised blocks still drown them out (their
        # outputs grew to 5x the embeddings' norm within 50 steps and a shape probe on the last layer stayed at
        # chance, while one on the embeddings learned).
        image_embeds = self.projector(region_features if self.multi_feature else self.ln(x))
        return image_embeds, region_features
