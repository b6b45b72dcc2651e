"""Does pass 2 use the second look? The refine loss of a checkpoint on a split's scenes three ways: with each scene's
own region crops, with another scene's (the batch shifted by one), and with flat grey crops. A decoder that reads
its region tokens does much worse without its own crops; one that only copies and repairs the coarse caption from
the global view does not care. world_v8 (issue 19, 2026-12-07) gave 0.132 / 0.139 / 0.146 on 96 test scenes: it
had learnt to ignore the look (detailed refined 58.4 % against coarse 58.3 %), though its regions held 313 of the
334 objects and its crop and region probes read them (losses 0.061 and 0.114 at the end). About 20 s on the CPU,
so it can be run on any checkpoint mid-training.

  /usr/bin/python3 -m training.region_use --run training/runs/world_v8 [--split data/world/test] [--scenes 96]
"""
from __future__ import annotations

import argparse
import os
import random
from typing import Dict

import torch

from . import checkpoint
from .batches import EncodedSet, stage2_batch
from .data import CaptionSet
from .preprocess import global_view
from .steps import choose_regions, heat_maps, stage2_losses


@torch.no_grad()
def region_use(run_dir: str, split: str, scenes: int = 96, seed: int = 0) -> Dict[str, float]:
    """Refine losses {'own', 'shifted', 'grey'} and how many objects' centres the chosen regions hold."""
    model, run, tok, state = checkpoint.load(os.path.join(run_dir, "checkpoint.pt"))
    model.eval()
    cfg = run.model
    cs = CaptionSet(split, scenes, cfg.image_size)
    squares = torch.from_numpy(cs.load_images(None))
    enc = EncodedSet(cs, tok, cfg.grid, run.train.max_caption_tokens)
    rng = random.Random(seed)
    picks = [(i,) + enc.pick(rng, i, run.train.detailed_prob) for i in range(len(cs))]
    batch = stage2_batch(enc, picks, rng, list(range(len(tok))), None)
    embeds, _ = model.vision(global_view(squares, cfg.global_size))
    heat = heat_maps(model, embeds, batch.style_ids, batch.initial, torch.tensor(state["content_ids"]))
    corners = choose_regions(heat, cfg.regions_k, cfg.global_size, cfg.image_size, cfg.nms_radius)

    def refine(images, where) -> float:
        return float(stage2_losses(model, embeds, images, batch, where)["refine"])

    held = total = 0
    for scene, windows in zip(cs.scenes, corners):
        for ob in scene.objects:
            total += 1
            held += any(x0 <= ob["cx"] < x0 + cfg.global_size and y0 <= ob["cy"] < y0 + cfg.global_size
                        for x0, y0 in windows)
    return {"own": refine(squares, corners),
            "shifted": refine(torch.roll(squares, 1, 0), corners[-1:] + corners[:-1]),
            "grey": refine(torch.full_like(squares, 128), corners),
            "objects_in_regions": held, "objects": total}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--split", default="data/world/test")
    ap.add_argument("--scenes", type=int, default=96)
    args = ap.parse_args()
    r = region_use(args.run, args.split, args.scenes)
    print(f"refine loss: own regions {r['own']:.3f}, another scene's {r['shifted']:.3f}, grey crops {r['grey']:.3f}; "
          f"regions hold {r['objects_in_regions']} of {r['objects']} objects")


if __name__ == "__main__":
    main()
