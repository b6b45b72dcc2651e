"""The whole captioner: vision encoder + decoder + connector (+ a training-only region probe)."""
from __future__ import annotations

from typing import Dict, List

import torch
from torch import Tensor, nn

from .config import ModelConfig
from .connector import Connector
from .decoder import Decoder
from .vision import VisionEncoder


class GlanceModel(nn.Module):
    def __init__(self, cfg: ModelConfig, vocab_size: int, probe_classes: Dict[str, int] | None = None):
        super().__init__()
        self.cfg = cfg
        self.vocab_size = vocab_size
        self.vision = VisionEncoder(cfg)
        self.decoder = Decoder(cfg, vocab_size)
        self.connector = Connector(cfg, max_caption=cfg.max_positions)
        # Training-only probe: reads an object's attributes from a region's compressed tokens, a direct signal
        # that teaches the encoder to read full-resolution crops. Not exported.
        self.probe = nn.ModuleDict({name: nn.Linear(cfg.dec_dim, n) for name, n in (probe_classes or {}).items()})
        if cfg.token_probes:
            for name, n in (probe_classes or {}).items():
                width = cfg.region_feature_size if cfg.multi_feature else cfg.vision_dim
                self.probe["global_" + name] = nn.Linear(width, n)
                self.probe["crop_" + name] = nn.Linear(width, n)

    def embed(self, ids: Tensor) -> Tensor:
        return self.decoder.embed(ids)

    def exported_parameters(self) -> List[nn.Parameter]:
        return [p for n, p in self.named_parameters() if not n.startswith("probe.")]

    def count_exported(self) -> int:
        return sum(p.numel() for p in self.exported_parameters())
