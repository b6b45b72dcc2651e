"""Export a trained run as a model bundle (docs/model-format.md).

  /usr/bin/python3 -m training.export --run training/runs/world_v8b --out public/models/glance-world-v2 \
      [--test-dir data/world/test] [--parity]

Writes onnx/*.onnx (opset 17), config.json, tokenizer.json, reference.json (PyTorch reference outputs for the
first 16 test scenes) and README.md (the model card, with <run>/eval.json when training.evaluate wrote it).
"""
from __future__ import annotations

import argparse
import json
import os
from typing import Dict, Optional

import numpy as np

from . import checkpoint
from .infer import captioner_from_checkpoint
from .model_card import model_card
from .onnx_parts import OPSET, export_all
from .preprocess import MEAN, STD
from .tokenizer import BOS, DETAILED, EOS, PAD, REFINE, SHORT, UNK


def bundle_config(run, tok, state) -> Dict:
    c = run.model
    return {
        "model_type": "glance-mmser",
        "format_version": 1,
        "image": {"size": c.image_size, "global_size": c.global_size, "fit": "center-crop", "letterbox_value": 0,
                  "mean": [MEAN] * 3, "std": [STD] * 3},
        "vision": {"patch_size": c.patch_size, "grid": c.grid, "hidden_size": c.vision_dim,
                   "num_layers": c.vision_layers, "feature_layers": list(c.feature_layers),
                   "region_feature_size": c.region_feature_size},
        "decoder": {"hidden_size": c.dec_dim, "num_layers": c.dec_layers, "num_heads": c.dec_heads,
                    "head_dim": c.dec_dim // c.dec_heads, "vocab_size": len(tok), "max_positions": c.max_positions},
        "regions": {"k": c.regions_k, "window": c.global_size, "nms_radius": c.nms_radius,
                    "tokens_per_region": c.tokens_per_region},
        "saliency": {"layer": c.saliency_layer, "heads": list(c.saliency_heads),
                     "content_token_ids": list(state["content_ids"])},
        "tokens": {"pad": PAD, "bos": BOS, "eos": EOS, "unk": UNK, "short": SHORT, "detailed": DETAILED,
                   "refine": REFINE},
        "generation": {"max_new_tokens": dict(state["max_new_tokens"])},
        "training": {"run": run.name, "opset": OPSET, "parameters": None, **state.get("stats", {}),
                     "seed": run.train.seed, "data": run.train.train_dir},
    }


def reference(cap, test_dir: str, count: int = 16) -> Dict:
    from .data import CaptionSet
    cs = CaptionSet(test_dir, count, cap.cfg.image_size)
    squares = cs.load_images(None)
    scenes = []
    for sc, sq in zip(cs.scenes, squares):
        entry: Dict = {"file_name": sc.file_name, "image_id": sc.image_id}
        for style in ("detailed", "short"):
            r = cap.caption_one(sq, style)
            w = cap.cfg.global_size
            entry[style] = {"coarse_ids": r.coarse_ids, "coarse_text": cap.text(r.coarse_ids),
                            "refined_ids": r.refined_ids, "refined_text": cap.text(r.refined_ids),
                            "heat": np.round(r.heat, 7).tolist(),
                            "regions": [[x0, y0, x0 + w, y0 + w] for x0, y0 in r.corners],
                            "first_logits": [round(v, 5) for v in r.first_logits[:16]]}
        scenes.append(entry)
    return {"description": "PyTorch reference greedy two-pass outputs (training/infer.py, float32) for parity "
                           "tests; heat is the 8x8 saliency heat map (row-major rows), regions are window boxes "
                           "in model-square pixels, first_logits the first 16 logits of pass 1's first step.",
            "split": os.path.basename(os.path.normpath(test_dir)), "scenes": scenes}


def export(run_dir: str, out: str, test_dir: Optional[str] = None) -> Dict:
    model, run, tok, state = checkpoint.load(os.path.join(run_dir, "checkpoint.pt"))
    os.makedirs(out, exist_ok=True)
    export_all(model, os.path.join(out, "onnx"))
    cfg = bundle_config(run, tok, state)
    cfg["training"]["parameters"] = model.count_exported()
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
    tok.save(os.path.join(out, "tokenizer.json"))
    with open(os.path.join(out, "tokenizer_config.json"), "w") as f:
        json.dump(tok.hf_config(run.model.max_positions), f, indent=1)
    if test_dir:
        cap = captioner_from_checkpoint(state, model, tok)
        with open(os.path.join(out, "reference.json"), "w") as f:
            json.dump(reference(cap, test_dir), f)
    # The world figures: `npm run eval`'s report, written by training.evaluate (the PyTorch captions) or copied
    # from an `npm run eval` of the bundle (reports/<date>/eval.json). The model card says which captions it scored.
    report_path = os.path.join(run_dir, "eval.json")
    report = json.load(open(report_path)) if os.path.exists(report_path) else None
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(model_card(cfg, run, out, report))
    return cfg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--test-dir", default="data/world/test")
    ap.add_argument("--parity", action="store_true", help="also check ONNX vs PyTorch with onnxruntime-node")
    args = ap.parse_args()
    test_dir = args.test_dir if args.test_dir and os.path.exists(args.test_dir) else None
    export(args.run, args.out, test_dir)
    print(f"exported {args.run} -> {args.out}")
    if args.parity:
        from .parity import main as parity_main
        import sys
        sys.argv = ["parity", "--run", args.run, "--bundle", args.out] + (["--split", test_dir] if test_dir else [])
        parity_main()


if __name__ == "__main__":
    main()
