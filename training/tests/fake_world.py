"""A tiny stand-in for the scene world, written by the tests themselves: PNGs + captions.json in the format of
docs/dataset-format.md, captions in the grammar of docs/caption-grammar.md. Scenes hold 1-3 objects, or any 0-9
(`counts`): an empty scene's caption is "no objects." in both styles, as the world's (src/world/captions.ts)."""
from __future__ import annotations

import json
import os
import random
from typing import List, Optional, Sequence

from PIL import Image, ImageDraw

COLOURS = {"red": (220, 40, 40), "blue": (40, 60, 220), "green": (40, 180, 60), "yellow": (230, 210, 40)}
SHAPES = ("circle", "square")
SIZES = {"small": 14, "medium": 30, "large": 56}
PHRASES = [["in the top left", "at the top", "in the top right"], ["on the left", "in the center", "on the right"],
           ["in the bottom left", "at the bottom", "in the bottom right"]]
# The cell names of captions.json's `objects[].position` (src/world/scene.ts CELLS), row by row.
CELLS = [["top left", "top center", "top right"], ["middle left", "center", "middle right"],
         ["bottom left", "bottom center", "bottom right"]]
COUNTS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
EMPTY = "no objects."


def obj_phrase(o: dict) -> str:
    pat = "" if o["pattern"] == "plain" else o["pattern"] + " "
    return f"a {o['size']} {o['colour']} {pat}{o['shape']} {o['phrase']}"


def detailed(objs: List[dict]) -> str:
    if not objs:
        return EMPTY
    parts = [obj_phrase(o) for o in objs]
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{COUNTS[len(objs) - 1]} object{'s' if len(objs) > 1 else ''}: {body}."


def short(objs: List[dict]) -> str:
    if not objs:
        return EMPTY
    order = sorted(range(len(objs)), key=lambda i: (["large", "medium", "small"].index(objs[i]["size"]), i))
    items = [f"a {objs[i]['size']} {objs[i]['colour']} {objs[i]['shape']}" for i in order[:2]]
    if len(objs) == 1:
        return items[0] + "."
    if len(objs) == 2:
        return f"{items[0]} and {items[1]}."
    rest = "one other object" if len(objs) == 3 else f"{COUNTS[len(objs) - 3]} other objects"
    return f"{items[0]}, {items[1]} and {rest}."


def make_scene(rng: random.Random, size: int = 256, count: Optional[int] = None) -> List[dict]:
    """`count` objects (default 1-3), one per cell, in reading order."""
    objs, cells = [], rng.sample(range(9), rng.randint(1, 3) if count is None else count)
    for cell in sorted(cells):
        objs.append(make_object(rng, cell, size))
    return objs


def make_object(rng: random.Random, cell: int, size: int = 256) -> dict:
    """A random object centred near the middle of `cell` (0-8, row-major)."""
    r, c = divmod(cell, 3)
    name = rng.choice(list(SIZES))
    s = SIZES[name] * size // 256
    cx = int((c + 0.5) * size / 3) + rng.randint(-5, 5)
    cy = int((r + 0.5) * size / 3) + rng.randint(-5, 5)
    return {"shape": rng.choice(SHAPES), "colour": rng.choice(list(COLOURS)), "size": name,
            "pattern": rng.choice(["plain", "striped"]), "phrase": PHRASES[r][c], "position": CELLS[r][c],
            "cx": cx, "cy": cy, "bbox": [cx - s // 2, cy - s // 2, s, s]}


def draw(objs: List[dict], size: int) -> Image.Image:
    img = Image.new("RGB", (size, size), (128, 128, 128))
    d = ImageDraw.Draw(img)
    for o in objs:
        x, y, w, h = o["bbox"]
        box = [x, y, x + w - 1, y + h - 1]
        (d.ellipse if o["shape"] == "circle" else d.rectangle)(box, fill=COLOURS[o["colour"]])
        if o["pattern"] == "striped":
            for yy in range(y, y + h, 4):
                d.line([x, yy, x + w - 1, yy], fill=(255, 255, 255))
    return img


def write_split(folder: str, n: int, seed: int = 0, size: int = 256, counts: Optional[Sequence[int]] = None) -> str:
    """n scenes; scene i holds counts[i % len(counts)] objects (default: 1-3 at random)."""
    rng = random.Random(seed)
    os.makedirs(os.path.join(folder, "images"), exist_ok=True)
    images, anns, perts = [], [], []
    for i in range(n):
        objs = make_scene(rng, size, None if counts is None else counts[i % len(counts)])
        name = f"images/{i:06d}.png"
        draw(objs, size).save(os.path.join(folder, name))
        images.append({"id": i, "file_name": name, "width": size, "height": size,
                       "objects": [{k: v for k, v in o.items() if k != "phrase"} for o in objs]})
        for style, text in (("detailed", detailed(objs)), ("short", short(objs))):
            aid = len(anns)
            anns.append({"id": aid, "image_id": i, "style": style, "caption": text})
            for j in range(3):
                edited = [dict(o) for o in objs]
                edits = []
                if j > 0 and not edited:  # an empty scene's only edit: an added (hallucinated) object
                    edited.append(make_object(rng, rng.randrange(9), size))
                    edits.append({"kind": "add", "object": 0, "from": None, "to": obj_phrase(edited[0])})
                elif j > 0:
                    k = rng.randrange(len(edited))
                    new = rng.choice([c for c in COLOURS if c != edited[k]["colour"]])
                    edits.append({"kind": "colour", "object": k, "from": edited[k]["colour"], "to": new})
                    edited[k]["colour"] = new
                perts.append({"annotation_id": aid, "image_id": i, "style": style, "edits": edits,
                              "caption": detailed(edited) if style == "detailed" else short(edited)})
    with open(os.path.join(folder, "captions.json"), "w") as f:
        json.dump({"info": {"split": "fake", "size": size, "count": n}, "images": images, "annotations": anns,
                   "perturbations": perts}, f)
    return folder
