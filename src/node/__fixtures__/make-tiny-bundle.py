"""Writes a tiny random-weight bundle that follows docs/model-format.md, plus the PyTorch reference captions of a
few images, so src/node tests exercise the real ONNX path before the trained bundle exists.

The model is the training code's own GlanceModel (training/), tiny and untrained; the ONNX export below is ours
(a stand-in until training has its exporter); the reference comes from training/infer.py's Captioner, i.e. the
PyTorch side of the parity contract. Run from the repo root (Debian's python has torch):

    /usr/bin/python3 src/node/__fixtures__/make-tiny-bundle.py
"""
from __future__ import annotations

import json
import os
import sys

import numpy as np
import torch
from PIL import Image, ImageDraw

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, ROOT)
torch.set_num_threads(1)

from training.config import ModelConfig  # noqa: E402
from training.infer import Captioner  # noqa: E402
from training.model import GlanceModel  # noqa: E402
from training.preprocess import fit_square  # noqa: E402
from training.tokenizer import WordTokenizer  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tiny-bundle")
IMAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "images")
WORDS = "one two objects object a small medium large red blue green white star circle square in the top left center " \
        "bottom right on at and other striped dotted . , :"
CONTENT = "small medium large red blue green white star circle square striped dotted".split()
MAX_NEW = {"short": 8, "detailed": 14}

cfg = ModelConfig(image_size=32, global_size=16, patch_size=4, vision_dim=16, vision_layers=2, vision_heads=2,
                  feature_layers=[1, 2], dec_dim=16, dec_layers=2, dec_heads=2, max_positions=96, mlp_ratio=2,
                  regions_k=2, nms_radius=1, tokens_per_region=2, connector_layers=1, saliency_layer=1,
                  saliency_heads=[0])


def build_model(tok: WordTokenizer) -> GlanceModel:
    torch.manual_seed(7)
    model = GlanceModel(cfg, len(tok)).eval()
    with torch.no_grad():
        # Untrained logits are nearly flat and ignore the token; give tokens and images a voice (bigger embeddings)
        # and sharpen the logits so argmax is far from ties (ORT vs torch rounding).
        model.decoder.embed.weight.mul_(50.0)
        model.vision.projector[2].weight.mul_(20.0)
        model.decoder.head.weight.mul_(float(os.environ.get("HEAD_SCALE", "20")))
        model.decoder.head.weight[2].add_(model.decoder.head.weight[2:].std() * float(os.environ.get("EOS_BIAS", "0")))
        # Make the untrained saliency head attend unevenly so the heat map and regions are not trivial.
        model.decoder.blocks[cfg.saliency_layer].attn.q.weight.mul_(8.0)
    return model


class Vision(torch.nn.Module):
    def __init__(self, m): super().__init__(); self.m = m
    def forward(self, pixel_values): return self.m.vision(pixel_values)


class Embed(torch.nn.Module):
    def __init__(self, m): super().__init__(); self.m = m
    def forward(self, input_ids): return self.m.embed(input_ids)


class Connect(torch.nn.Module):
    def __init__(self, m): super().__init__(); self.m = m
    def forward(self, region_features, region_boxes, caption_embeds):
        return self.m.connector(region_features, region_boxes, caption_embeds)[0]


class Decode(torch.nn.Module):
    def __init__(self, m): super().__init__(); self.m = m
    def forward(self, inputs_embeds, attention_mask, *flat_past):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(len(flat_past) // 2)]
        logits, presents, saliency = self.m.decoder(inputs_embeds, attention_mask, past)
        flat = [t for kv in presents for t in kv]
        return (logits, *flat, saliency)


def export(model: GlanceModel, vocab_size: int) -> None:
    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    g, t, d, f = cfg.global_size, cfg.grid ** 2, cfg.dec_dim, cfg.region_feature_size
    h, hd, layers = cfg.dec_heads, cfg.dec_dim // cfg.dec_heads, cfg.dec_layers
    path = lambda name: os.path.join(OUT, "onnx", f"{name}.onnx")  # noqa: E731
    kw = dict(opset_version=17, do_constant_folding=True)
    torch.onnx.export(Vision(model), (torch.randn(2, 3, g, g),), path("vision_encoder"),
                      input_names=["pixel_values"], output_names=["image_embeds", "region_features"],
                      dynamic_axes={"pixel_values": {0: "N"}, "image_embeds": {0: "N"}, "region_features": {0: "N"}}, **kw)
    torch.onnx.export(Embed(model), (torch.ones(1, 3, dtype=torch.long),), path("embed_tokens"),
                      input_names=["input_ids"], output_names=["inputs_embeds"],
                      dynamic_axes={"input_ids": {0: "B", 1: "L"}, "inputs_embeds": {0: "B", 1: "L"}}, **kw)
    torch.onnx.export(Connect(model), (torch.randn(1, 2, t, f), torch.rand(1, 2, 4), torch.randn(1, 5, d)),
                      path("connector"), input_names=["region_features", "region_boxes", "caption_embeds"],
                      output_names=["region_embeds"],
                      dynamic_axes={"region_features": {0: "B", 1: "k"}, "region_boxes": {0: "B", 1: "k"},
                                    "caption_embeds": {0: "B", 1: "L"}, "region_embeds": {0: "B", 1: "kR"}}, **kw)
    past_names = [f"past_key_values.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    present_names = [f"present.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    p, q = 5, 3
    past = [torch.randn(1, h, p, hd) for _ in past_names]
    axes = {"inputs_embeds": {0: "B", 1: "q"}, "attention_mask": {0: "B", 1: "pq"}, "logits": {0: "B", 1: "q"},
            "saliency": {0: "B", 1: "q", 2: "pq"}}
    axes.update({n: {0: "B", 2: "p"} for n in past_names})
    axes.update({n: {0: "B", 2: "pq"} for n in present_names})
    torch.onnx.export(Decode(model), (torch.randn(1, q, d), torch.ones(1, p + q, dtype=torch.long), *past),
                      path("decoder_model_merged"), input_names=["inputs_embeds", "attention_mask", *past_names],
                      output_names=["logits", *present_names, "saliency"], dynamic_axes=axes, **kw)


def write_config(tok: WordTokenizer) -> None:
    config = {
        "model_type": "glance-mmser", "format_version": 1,
        "image": {"size": cfg.image_size, "global_size": cfg.global_size, "fit": "center-crop", "letterbox_value": 0,
                  "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
        "vision": {"patch_size": cfg.patch_size, "grid": cfg.grid, "hidden_size": cfg.vision_dim,
                   "num_layers": cfg.vision_layers, "feature_layers": cfg.feature_layers,
                   "region_feature_size": cfg.region_feature_size},
        "decoder": {"hidden_size": cfg.dec_dim, "num_layers": cfg.dec_layers, "num_heads": cfg.dec_heads,
                    "head_dim": cfg.dec_dim // cfg.dec_heads, "vocab_size": len(tok),
                    "max_positions": cfg.max_positions},
        "regions": {"k": cfg.regions_k, "window": cfg.global_size, "nms_radius": cfg.nms_radius,
                    "tokens_per_region": cfg.tokens_per_region},
        "saliency": {"layer": cfg.saliency_layer, "heads": cfg.saliency_heads, "content_token_ids": tok.ids_of(CONTENT)},
        "tokens": {"pad": 0, "bos": 1, "eos": 2, "unk": 3, "short": 4, "detailed": 5, "refine": 6},
        "generation": {"max_new_tokens": MAX_NEW},
        "training": {"note": "random weights: a test fixture, not a model", "seed": 7},
    }
    with open(os.path.join(OUT, "config.json"), "w") as fh:
        json.dump(config, fh, indent=1)
    tok.save(os.path.join(OUT, "tokenizer.json"))


def write_images() -> list:
    os.makedirs(IMAGES, exist_ok=True)
    rng = np.random.default_rng(3)
    names = []
    for i in range(4):
        img = Image.new("RGB", (32, 32), tuple(int(v) for v in rng.integers(0, 80, 3)))
        draw = ImageDraw.Draw(img)
        for _ in range(2):
            x, y, s = (int(v) for v in rng.integers(0, 24, 3))
            draw.ellipse((x, y, x + 4 + s // 2, y + 4 + s // 2), fill=tuple(int(v) for v in rng.integers(60, 256, 3)))
        name = f"scene-{i}.png"
        img.save(os.path.join(IMAGES, name))
        names.append(name)
    Image.new("RGB", (48, 32), (200, 30, 30)).save(os.path.join(IMAGES, "wide.png"))
    Image.new("RGB", (32, 32), (30, 30, 200)).save(os.path.join(IMAGES, "blue.jpg"), quality=92)
    # PNG flavours the Node decoder must read: 1-bit grey, palette, 16-bit grey, grey+alpha.
    Image.new("1", (5, 3), 1).save(os.path.join(IMAGES, "grey1.png"))
    pal = Image.new("P", (4, 2))
    pal.putpalette([255, 0, 0, 0, 255, 0])
    pal.putpixel((1, 0), 1)
    pal.save(os.path.join(IMAGES, "palette.png"))
    Image.new("I;16", (2, 2), 300 * 257 // 300).save(os.path.join(IMAGES, "grey16.png"))
    Image.new("LA", (2, 2), (100, 50)).save(os.path.join(IMAGES, "grey-alpha.png"))
    # A noisy non-square frame and training's own fit of it (PIL bilinear), to compare the TS resize with.
    noise = Image.fromarray(rng.integers(0, 256, (45, 70, 3), dtype=np.uint8), "RGB")
    noise.save(os.path.join(IMAGES, "noise-70x45.png"))
    fitted, _, _, _ = fit_square(noise, 32)
    Image.fromarray(fitted).save(os.path.join(IMAGES, "noise-70x45-fit32-pil.png"))
    return names


def main() -> None:
    tok = WordTokenizer.build([WORDS])
    model = build_model(tok)
    export(model, len(tok))
    write_config(tok)
    names = write_images()
    captioner = Captioner(model, tok, tok.ids_of(CONTENT), MAX_NEW)
    reference = []
    for name in names:
        square = np.asarray(Image.open(os.path.join(IMAGES, name)).convert("RGB"), dtype=np.uint8)
        for style in ("short", "detailed"):
            r = captioner.caption_one(square, style)
            reference.append({"image": f"images/{name}", "style": style, "coarse_ids": r.coarse_ids,
                              "refined_ids": r.refined_ids, "coarse": tok.decode(r.coarse_ids),
                              "refined": tok.decode(r.refined_ids), "heat": r.heat.reshape(-1).tolist(),
                              "corners": [list(c) for c in r.corners], "first_logits": r.first_logits})
    with open(os.path.join(OUT, "reference.json"), "w") as fh:
        json.dump({"note": "training/infer.py Captioner.caption_one on the tiny random bundle", "items": reference},
                  fh, indent=1)
    print("wrote", OUT, "with", len(reference), "reference captions")


if __name__ == "__main__":
    main()
