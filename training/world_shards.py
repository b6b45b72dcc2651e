"""Merge world dataset shards (`npm run world -- --start S --count N --out DIR_i`, run in parallel) into one split.

  python3 -m training.world_shards --split train --out data/world SHARD_DIR ...

Each shard folder holds <split>/images/*.png and <split>/captions.json; file names and annotation ids are global
(scene index based), so the merge moves the images and concatenates the lists. Used by training/gpu_world.sh.
"""
from __future__ import annotations

import argparse
import json
import os
from typing import List, Optional


def merge(split: str, out: str, shards: List[str]) -> int:
    dst = os.path.join(out, split)
    os.makedirs(os.path.join(dst, "images"), exist_ok=True)
    merged = {"images": [], "annotations": [], "perturbations": []}
    info = None
    for sh in shards:
        src = os.path.join(sh, split)
        with open(os.path.join(src, "captions.json")) as f:
            raw = json.load(f)
        for k in merged:
            merged[k].extend(raw.get(k, []))
        if info is None or raw["info"]["start"] < info["start"]:
            info = dict(raw["info"])
        for name in os.listdir(os.path.join(src, "images")):
            os.replace(os.path.join(src, "images", name), os.path.join(dst, "images", name))
    merged["images"].sort(key=lambda im: im["id"])
    info["count"] = len(merged["images"])
    with open(os.path.join(dst, "captions.json.tmp"), "w") as f:
        json.dump({"info": info, **merged}, f)
    os.replace(os.path.join(dst, "captions.json.tmp"), os.path.join(dst, "captions.json"))
    return info["count"]


def main(argv: Optional[List[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", required=True)
    ap.add_argument("--out", default="data/world")
    ap.add_argument("shards", nargs="+")
    args = ap.parse_args(argv)
    print(f"{args.split}: merged {merge(args.split, args.out, args.shards)} scenes into {args.out}")


if __name__ == "__main__":
    main()
