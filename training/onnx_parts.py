"""The four ONNX parts of the bundle (docs/model-format.md), as thin wrappers around the trained model."""
from __future__ import annotations

import os
from typing import List

import torch
from torch import Tensor, nn

from .model import GlanceModel

OPSET = 17


class VisionPart(nn.Module):
    def __init__(self, m: GlanceModel):
        super().__init__()
        self.vision = m.vision

    def forward(self, pixel_values: Tensor):
        return self.vision(pixel_values)


class EmbedPart(nn.Module):
    def __init__(self, m: GlanceModel):
        super().__init__()
        self.embed = m.decoder.embed

    def forward(self, input_ids: Tensor) -> Tensor:
        return self.embed(input_ids)


class ConnectorPart(nn.Module):
    def __init__(self, m: GlanceModel):
        super().__init__()
        self.connector = m.connector

    def forward(self, region_features: Tensor, region_boxes: Tensor, caption_embeds: Tensor) -> Tensor:
        return self.connector(region_features, region_boxes, caption_embeds)[0]


class DecoderPart(nn.Module):
    def __init__(self, m: GlanceModel):
        super().__init__()
        self.decoder = m.decoder

    def forward(self, inputs_embeds: Tensor, attention_mask: Tensor, *flat_past: Tensor):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(len(flat_past) // 2)]
        logits, presents, saliency = self.decoder(inputs_embeds, attention_mask, past)
        flat: List[Tensor] = [t for kv in presents for t in kv]
        return (logits, *flat, saliency)


def export_all(m: GlanceModel, onnx_dir: str) -> None:
    cfg = m.cfg
    os.makedirs(onnx_dir, exist_ok=True)
    m = m.eval()
    s, t, f, d = cfg.global_size, cfg.grid ** 2, cfg.region_feature_size, cfg.dec_dim
    h, hd, n_layers = cfg.dec_heads, cfg.dec_dim // cfg.dec_heads, cfg.dec_layers
    kw = dict(opset_version=OPSET, do_constant_folding=True)
    with torch.no_grad():
        torch.onnx.export(VisionPart(m), (torch.randn(2, 3, s, s),), os.path.join(onnx_dir, "vision_encoder.onnx"),
                          input_names=["pixel_values"], output_names=["image_embeds", "region_features"],
                          dynamic_axes={"pixel_values": {0: "N"}, "image_embeds": {0: "N"},
                                        "region_features": {0: "N"}}, **kw)
        torch.onnx.export(EmbedPart(m), (torch.tensor([[1, 5, 7]]),), os.path.join(onnx_dir, "embed_tokens.onnx"),
                          input_names=["input_ids"], output_names=["inputs_embeds"],
                          dynamic_axes={"input_ids": {0: "B", 1: "L"}, "inputs_embeds": {0: "B", 1: "L"}}, **kw)
        torch.onnx.export(ConnectorPart(m), (torch.randn(1, 3, t, f), torch.rand(1, 3, 4), torch.randn(1, 5, d)),
                          os.path.join(onnx_dir, "connector.onnx"),
                          input_names=["region_features", "region_boxes", "caption_embeds"],
                          output_names=["region_embeds"],
                          dynamic_axes={"region_features": {0: "B", 1: "k"}, "region_boxes": {0: "B", 1: "k"},
                                        "caption_embeds": {0: "B", 1: "L"}, "region_embeds": {0: "B", 1: "kR"}},
                          **kw)
        p, q = 3, 2
        past_names, present_names, past = [], [], []
        dyn = {"inputs_embeds": {0: "B", 1: "q"}, "attention_mask": {0: "B", 1: "p_plus_q"},
               "logits": {0: "B", 1: "q"}, "saliency": {0: "B", 1: "q", 2: "p_plus_q"}}
        for i in range(n_layers):
            for kind in ("key", "value"):
                past_names.append(f"past_key_values.{i}.{kind}")
                present_names.append(f"present.{i}.{kind}")
                dyn[past_names[-1]] = {0: "B", 2: "p"}
                dyn[present_names[-1]] = {0: "B", 2: "p_plus_q"}
                past.append(torch.randn(1, h, p, hd))
        torch.onnx.export(DecoderPart(m), (torch.randn(1, q, d), torch.ones(1, p + q, dtype=torch.long), *past),
                          os.path.join(onnx_dir, "decoder_model_merged.onnx"),
                          input_names=["inputs_embeds", "attention_mask", *past_names],
                          output_names=["logits", *present_names, "saliency"], dynamic_axes=dyn, **kw)
