"""ONNX-vs-PyTorch parity: writes a fixture (inputs + PyTorch outputs) and runs parity/check_onnx.mjs on it with
onnxruntime-node (onnxruntime is not available to Python on these machines).

  /usr/bin/python3 -m training.parity --run training/runs/world_v8b --bundle public/models/glance-world-v2 \
      --split data/world/test [--scenes 4]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from typing import Dict, List, Optional

import numpy as np
import torch

from . import checkpoint
from .infer import Captioner, captioner_from_checkpoint
from .model import GlanceModel
from .onnx_parts import ConnectorPart, DecoderPart
from .preprocess import crops, global_view
from .regions import boxes_fraction

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SCRIPT = os.path.join(os.path.dirname(__file__), "parity", "check_onnx.mjs")


def _t(x: torch.Tensor) -> Dict:
    x = x.detach().contiguous()
    kind = "int64" if x.dtype == torch.long else "float32"
    return {"type": kind, "dims": list(x.shape), "data": x.reshape(-1).tolist()}


@torch.no_grad()
def part_cases(m: GlanceModel, seed: int = 0) -> List[Dict]:
    g = torch.Generator().manual_seed(seed)
    cfg = m.cfg
    s, t, f, d = cfg.global_size, cfg.grid ** 2, cfg.region_feature_size, cfg.dec_dim
    h, hd = cfg.dec_heads, cfg.dec_dim // cfg.dec_heads
    cases = []
    pix = torch.randn(2, 3, s, s, generator=g)
    emb, feats = m.vision(pix)
    cases.append({"name": "vision N=2", "part": "vision_encoder", "feeds": {"pixel_values": _t(pix)},
                  "expected": {"image_embeds": _t(emb), "region_features": _t(feats)}})
    ids = torch.randint(0, m.vocab_size, (2, 5), generator=g)
    cases.append({"name": "embed 2x5", "part": "embed_tokens", "feeds": {"input_ids": _t(ids)},
                  "expected": {"inputs_embeds": _t(m.embed(ids))}})
    for k, L in ((cfg.regions_k, 9), (2, 1)):
        rf, rb, ce = torch.randn(1, k, t, f, generator=g), torch.rand(1, k, 4, generator=g), torch.randn(1, L, d, generator=g)
        cases.append({"name": f"connector k={k} L={L}", "part": "connector",
                      "feeds": {"region_features": _t(rf), "region_boxes": _t(rb), "caption_embeds": _t(ce)},
                      "expected": {"region_embeds": _t(ConnectorPart(m)(rf, rb, ce))}})
    for p, q in ((0, t), (t + 3, 1), (5, 4)):
        x = torch.randn(1, q, d, generator=g)
        past = [torch.randn(1, h, p, hd, generator=g) for _ in range(2 * cfg.dec_layers)]
        mask = torch.ones(1, p + q, dtype=torch.long)
        out = DecoderPart(m)(x, mask, *past)
        feeds = {"inputs_embeds": _t(x), "attention_mask": _t(mask)}
        expected = {"logits": _t(out[0]), "saliency": _t(out[-1])}
        for i in range(cfg.dec_layers):
            for j, kind in enumerate(("key", "value")):
                feeds[f"past_key_values.{i}.{kind}"] = _t(past[2 * i + j])
                expected[f"present.{i}.{kind}"] = _t(out[1 + 2 * i + j])
        cases.append({"name": f"decoder p={p} q={q}", "part": "decoder_model_merged", "feeds": feeds,
                      "expected": expected})
    return cases


@torch.no_grad()
def two_pass_cases(cap: Captioner, squares: np.ndarray, names: List[str]) -> List[Dict]:
    cfg = cap.cfg
    out = []
    for sq, name in zip(squares, names):
        t_sq = torch.from_numpy(np.ascontiguousarray(sq[None]))
        for style in cap.max_new_tokens:
            r = cap.caption_one(sq, style)
            out.append({"name": name, "style": style, "global_pixels": _t(global_view(t_sq, cfg.global_size)),
                        "crop_pixels": _t(crops(t_sq, [r.corners], cfg.global_size)[0]),
                        "region_boxes": _t(torch.from_numpy(boxes_fraction(r.corners, cfg.global_size,
                                                                             cfg.image_size))[None]),
                        "coarse_ids": r.coarse_ids, "refined_ids": r.refined_ids,
                        "heat": r.heat.reshape(-1).tolist()})
    return out


def check(run_dir: str, bundle: str, squares: Optional[np.ndarray] = None, names: Optional[List[str]] = None,
          tolerance: float = 1e-4, heat_tolerance: float = 1e-4) -> Dict:
    m, _, tok, state = checkpoint.load(os.path.join(run_dir, "checkpoint.pt"))
    cap = captioner_from_checkpoint(state, m, tok)
    fixture = {"bundle": os.path.abspath(bundle), "tolerance": tolerance, "heat_tolerance": heat_tolerance,
               "cases": part_cases(m)}
    if squares is not None:
        fixture["two_pass"] = two_pass_cases(cap, squares, names or [str(i) for i in range(len(squares))])
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(fixture, f)
    try:
        proc = subprocess.run(["node", SCRIPT, f.name], cwd=ROOT, capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if not proc.stdout.strip().startswith("{"):
        raise RuntimeError(f"parity script failed: {proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    report["exit_code"] = proc.returncode
    return report


def main() -> None:
    from .data import CaptionSet
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--split", default="data/world/test")
    ap.add_argument("--scenes", type=int, default=4)
    args = ap.parse_args()
    cs = CaptionSet(args.split, args.scenes)
    report = check(args.run, args.bundle, cs.load_images(None), [s.file_name for s in cs.scenes])
    print(json.dumps(report, indent=1))
    raise SystemExit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
