"""Caption a split with the PyTorch reference greedy two-pass decoding, then score the captions with the one
scorer of the scene world, the TypeScript `npm run eval` (src/world/score.ts, docs/eval-bench.md).

  /usr/bin/python3 -m training.evaluate --run training/runs/world_v7 --split data/world/test [--limit N]
      [--device cuda] [--camera-seed S] [--no-score]

Writes <run>/eval-captions.json (a glance-captions file: every scene's coarse and refined caption in each style
the split has), then runs `npm run eval -- --set world --captions <run>/eval-captions.json --data <split>
--json <run>/eval.json` (Markdown under <run>/reports/) and prints its figures. `training.export` puts that
report in the model card. Python has no scorer of its own, so a figure from here and one from `npm run eval` on
the ONNX bundle differ only by the captions, never by the definition. `--no-score` stops after the captions
(score them later with the command above; it needs `npm ci`).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from typing import Dict, List, Optional

import numpy as np
import torch

from . import checkpoint
from .augment import camera
from .data import CaptionSet
from .infer import Captioner, captioner_from_checkpoint
from .model_card import report_table

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TSX = os.path.join(ROOT, "node_modules", ".bin", "tsx")


def caption_split(cap: Captioner, cs: CaptionSet, images, batch: int = 50, log=print) -> List[Dict]:
    """Coarse and refined greedy captions of every scene, in each style all its scenes have references for."""
    out: List[Dict] = []
    start = time.time()
    for lo in range(0, len(cs), batch):
        scenes = cs.scenes[lo:lo + batch]
        sq = images[lo:lo + batch]
        for style in ("short", "detailed"):
            if not all(style in s.captions for s in scenes):
                continue
            for sc, r in zip(scenes, cap.caption_many(sq, style)):
                out.append({"id": sc.image_id, "style": style, "coarse": cap.text(r.coarse_ids),
                            "refined": cap.text(r.refined_ids)})
        log(f"captioned {min(lo + batch, len(cs))}/{len(cs)} scenes, {time.time() - start:.0f}s")
    return out


def captions_file(captions: List[Dict], producer: str, split: str, notes: List[str]) -> Dict:
    """The glance-captions file `npm run eval -- --captions` reads (src/eval/captions-file.ts)."""
    return {"kind": "glance-captions", "version": 1, "producer": producer, "data": split, "captions": captions,
            "notes": notes}


def score(captions_path: str, split: str, report_path: str, reports_dir: str) -> Dict:
    """Scores a captions file with `npm run eval` (scripts/eval.ts) and returns its report (eval.json)."""
    cmd = [TSX, "scripts/eval.ts", "--set", "world", "--captions", os.path.abspath(captions_path),
           "--data", os.path.abspath(split), "--json", os.path.abspath(report_path),
           "--out", os.path.abspath(reports_dir)]
    if not os.path.exists(TSX):
        raise SystemExit(f"{TSX} is missing: run `npm ci` in {ROOT}, then score with: {' '.join(cmd)}")
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    with open(report_path) as f:
        return json.load(f)


def camera_degraded(images: np.ndarray, seed: int, chunk: int = 100, looks: bool = False,
                    objects: Optional[List[List[dict]]] = None) -> np.ndarray:
    """Every image through augment.camera (share 1) with a generator of this seed: a fixed camera-degraded
    version of a split (the same images for every model evaluated with the seed). `looks`: a third of them look
    like a screen, a third like a printout. `objects` (per image): warp them too, each warp drawn so that every
    object keeps its cell and reading order (the split's captions stay true, so `npm run eval` scores them
    against the split as it is)."""
    gen = torch.Generator()
    gen.manual_seed(seed)
    host = np.random.default_rng(seed)
    out = []
    for lo in range(0, len(images), chunk):
        sq = torch.from_numpy(np.ascontiguousarray(images[lo:lo + chunk]))
        out.append(camera(sq, 1.0, gen, looks_on=looks, geometry=objects is not None,
                          objects=None if objects is None else objects[lo:lo + chunk], host_rng=host)[0].numpy())
    return np.concatenate(out)


def main(argv: Optional[list] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--split", default="data/world/test")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--camera-seed", type=int, default=None,
                    help="degrade every image with augment.camera, this seed (training/augment.py's ranges)")
    ap.add_argument("--camera-looks", action="store_true", help="with --camera-seed: screen and printout looks too")
    ap.add_argument("--camera-geometry", action="store_true",
                    help="with --camera-seed: perspective warps too (drawn to keep every object's cell)")
    ap.add_argument("--no-score", action="store_true", help="write the captions only")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    model, run, tok, state = checkpoint.load(os.path.join(args.run, "checkpoint.pt"))
    cs = CaptionSet(args.split, args.limit, run.model.image_size)
    images = cs.load_images(None)
    notes = [f"Greedy two-pass captions of {len(cs)} scenes by training.evaluate (PyTorch, float32, "
             f"{args.device}) from {os.path.join(args.run, 'checkpoint.pt')}."]
    if args.camera_seed is not None:
        images = camera_degraded(images, args.camera_seed, looks=args.camera_looks,
                                 objects=[sc.objects for sc in cs.scenes] if args.camera_geometry else None)
        extra = "".join(f", {w}" for w, on in (("looks", args.camera_looks), ("geometry", args.camera_geometry)) if on)
        notes.append(f"Every image camera-degraded first (training/augment.py, seed {args.camera_seed}{extra}).")
    captions = caption_split(captioner_from_checkpoint(state, model.to(args.device), tok), cs, images)
    producer = f"training.evaluate, PyTorch reference of {os.path.normpath(args.run)}"
    captions_path = os.path.join(args.run, "eval-captions.json")
    with open(captions_path, "w") as f:
        json.dump(captions_file(captions, producer, args.split, notes), f, indent=1)
    print(f"wrote {captions_path}")
    if args.no_score:
        return
    report = score(captions_path, args.split, os.path.join(args.run, "eval.json"), os.path.join(args.run, "reports"))
    print("\n".join(report_table(report)))


if __name__ == "__main__":
    main()
