"""Evaluate a run with the PyTorch reference greedy two-pass decoding and the caption-grammar parser.

  /usr/bin/python3 -m training.evaluate --run training/runs/world_v7 --split data/world/test [--limit N] [--device cuda]
      [--camera-seed S] [--out FILE]

Writes <run>/metrics.json: per-object full accuracy by size, per-attribute accuracy, missed and hallucinated
objects for the coarse and the refined detailed caption, short-caption exact match, and how many fully correct
coarse captions stay correct after refinement. (CIDEr-D / BLEU-4 come from the TypeScript `npm run eval`.)
"""
from __future__ import annotations

import argparse
import json
import os
import time
from typing import Dict, Optional

import numpy as np
import torch

from . import checkpoint
from .augment import degrade
from .data import CaptionSet
from .grammar import ObjectStats
from .infer import Captioner, captioner_from_checkpoint


def evaluate(cap: Captioner, cs: CaptionSet, images, batch: int = 50, log=print) -> Dict:
    coarse, refined = ObjectStats(), ObjectStats()
    short = {"coarse_exact": 0, "refined_exact": 0, "n": 0}
    kept = {"coarse_correct": 0, "still_correct": 0, "fixed": 0, "broken": 0}
    examples = []
    start = time.time()
    for lo in range(0, len(cs), batch):
        scenes = cs.scenes[lo:lo + batch]
        sq = images[lo:lo + batch]
        for style in ("detailed", "short"):
            if not all(style in s.captions for s in scenes):
                continue
            for sc, r in zip(scenes, cap.caption_many(sq, style)):
                truth = sc.captions[style][0]
                c_txt, r_txt = cap.text(r.coarse_ids), cap.text(r.refined_ids)
                if style == "detailed":
                    coarse.add(c_txt, truth)
                    refined.add(r_txt, truth)
                    c_ok, r_ok = c_txt == truth, r_txt == truth
                    kept["coarse_correct"] += c_ok
                    kept["still_correct"] += c_ok and r_ok
                    kept["fixed"] += (not c_ok) and r_ok
                    kept["broken"] += c_ok and not r_ok
                    if len(examples) < 12 and c_txt != r_txt:
                        examples.append({"file": sc.file_name, "truth": truth, "coarse": c_txt, "refined": r_txt})
                else:
                    short["n"] += 1
                    short["coarse_exact"] += c_txt == truth
                    short["refined_exact"] += r_txt == truth
        log(f"evaluated {min(lo + batch, len(cs))}/{len(cs)} scenes, {time.time() - start:.0f}s")
    out = {"scenes": len(cs), "detailed": {"coarse": coarse.summary(), "refined": refined.summary()},
           "short": {"coarse_exact": short["coarse_exact"] / max(short["n"], 1),
                     "refined_exact": short["refined_exact"] / max(short["n"], 1), "n": short["n"]},
           "retention": {**kept, "kept_rate": kept["still_correct"] / max(kept["coarse_correct"], 1)},
           "examples": examples, "seconds": round(time.time() - start, 1)}
    return out


def camera_degraded(images: np.ndarray, seed: int, chunk: int = 100) -> np.ndarray:
    """Every image through augment.degrade (share 1) with a generator of this seed: a fixed camera-degraded
    version of a split (the same images for every model evaluated with the seed)."""
    gen = torch.Generator()
    gen.manual_seed(seed)
    return np.concatenate([degrade(torch.from_numpy(np.ascontiguousarray(images[lo:lo + chunk])), 1.0, gen).numpy()
                           for lo in range(0, len(images), chunk)])


def format_table(m: Dict) -> str:
    c, r = m["detailed"]["coarse"], m["detailed"]["refined"]
    rows = [("full-object accuracy, all", "full_acc_all"), ("  small objects", "full_acc_small"),
            ("  medium objects", "full_acc_medium"), ("  large objects", "full_acc_large"),
            ("shape accuracy", "attr_acc_shape"), ("  small objects", "attr_acc_shape_small"),
            ("colour accuracy", "attr_acc_colour"),
            ("size accuracy", "attr_acc_size"), ("pattern accuracy", "attr_acc_pattern"),
            ("  small objects", "attr_acc_pattern_small"),
            ("position accuracy", "attr_acc_position"), ("missed objects", "missed_rate"),
            ("hallucinated objects", "hallucinated_rate"), ("exact caption", "exact_caption")]
    lines = ["| detailed, greedy | coarse | refined |", "|---|---|---|"]
    lines += [f"| {name} | {100 * c[k]:.1f} % | {100 * r[k]:.1f} % |" for name, k in rows]
    ret = m["retention"]
    lines.append(f"| fully correct coarse captions kept correct | | {100 * ret['kept_rate']:.1f} % "
                 f"({ret['still_correct']}/{ret['coarse_correct']}) |")
    lines.append(f"| short caption exact match | {100 * m['short']['coarse_exact']:.1f} % | "
                 f"{100 * m['short']['refined_exact']:.1f} % |")
    return "\n".join(lines)


def main(argv: Optional[list] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--split", default="data/world/test")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--camera-seed", type=int, default=None,
                    help="degrade every image with augment.degrade, this seed (training/augment.py's ranges)")
    ap.add_argument("--out", default=None, help="default <run>/metrics.json")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    model, run, tok, state = checkpoint.load(os.path.join(args.run, "checkpoint.pt"))
    cs = CaptionSet(args.split, args.limit, run.model.image_size)
    images = cs.load_images(None)
    if args.camera_seed is not None:
        images = camera_degraded(images, args.camera_seed)
    m = evaluate(captioner_from_checkpoint(state, model.to(args.device), tok), cs, images)
    m["split"] = args.split
    m["camera_seed"] = args.camera_seed
    with open(args.out or os.path.join(args.run, "metrics.json"), "w") as f:
        json.dump(m, f, indent=1)
    print(format_table(m))


if __name__ == "__main__":
    main()
