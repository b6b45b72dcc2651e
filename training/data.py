"""COCO-style caption folders (docs/dataset-format.md): captions, optional objects and perturbations, images.

Only images[].id/file_name and annotations[].image_id/caption are required. The world's extensions (style,
objects with bbox, perturbations) switch on the task tokens, the saliency loss and the region probe.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
from PIL import Image

from .preprocess import fit_square

ATTRIBUTES = ("shape", "colour", "size", "pattern")


@dataclass
class Scene:
    image_id: int
    file_name: str
    captions: Dict[str, List[str]] = field(default_factory=dict)          # style -> captions
    perturbations: Dict[str, List[List[str]]] = field(default_factory=dict)  # style -> per caption, its C's
    objects: List[dict] = field(default_factory=list)                     # bbox etc. in model-square pixels


class CaptionSet:
    def __init__(self, folder: str, max_images: Optional[int] = None, size: int = 256):
        self.folder = folder
        self.size = size
        with open(os.path.join(folder, "captions.json"), "rb") as f:
            text = f.read()
        # what load_images' cache key covers: a split regenerated in place (e.g. with crowded and empty scenes,
        # same count, same last file name) must not reuse the old split's decoded images
        self.captions_sha1 = hashlib.sha1(text).hexdigest()
        raw = json.loads(text)
        images = sorted(raw["images"], key=lambda im: im["file_name"])
        if max_images is not None:
            images = images[:max_images]
        self.scenes: List[Scene] = []
        by_id: Dict[int, Scene] = {}
        for im in images:
            scene = Scene(int(im["id"]), im["file_name"])
            w, h = im.get("width", size), im.get("height", size)
            side = min(w, h)
            scale, dx, dy = size / side, (w - side) // 2, (h - side) // 2
            for ob in im.get("objects", []) or []:
                ob = dict(ob)
                if "bbox" in ob:
                    x, y, bw, bh = ob["bbox"]
                    ob["bbox"] = [(x - dx) * scale, (y - dy) * scale, bw * scale, bh * scale]
                if "cx" in ob:
                    ob["cx"], ob["cy"] = (ob["cx"] - dx) * scale, (ob["cy"] - dy) * scale
                scene.objects.append(ob)
            self.scenes.append(scene)
            by_id[scene.image_id] = scene
        ann_index: Dict[int, tuple] = {}
        for ann in raw["annotations"]:
            scene = by_id.get(int(ann["image_id"]))
            if scene is None:
                continue
            style = ann.get("style", "detailed")
            scene.captions.setdefault(style, []).append(ann["caption"])
            scene.perturbations.setdefault(style, []).append([])
            ann_index[int(ann.get("id", -1))] = (scene, style, len(scene.captions[style]) - 1)
        for pert in raw.get("perturbations", []) or []:
            hit = ann_index.get(int(pert.get("annotation_id", -2)))
            if hit is not None:
                scene, style, i = hit
                scene.perturbations[style][i].append(pert["caption"])
        self.styles = sorted({s for sc in self.scenes for s in sc.captions})
        self.has_objects = any(sc.objects and "bbox" in sc.objects[0] for sc in self.scenes)

    def __len__(self) -> int:
        return len(self.scenes)

    def all_captions(self) -> List[str]:
        out = []
        for sc in self.scenes:
            for style, caps in sc.captions.items():
                out.extend(caps)
                for perts in sc.perturbations[style]:
                    out.extend(perts)
        return out

    def attribute_values(self) -> Dict[str, List[str]]:
        vals: Dict[str, set] = {a: set() for a in ATTRIBUTES}
        for sc in self.scenes:
            for ob in sc.objects:
                for a in ATTRIBUTES:
                    if a in ob:
                        vals[a].add(str(ob[a]))
        return {a: sorted(v) for a, v in vals.items() if v}

    def _load_one(self, i: int) -> np.ndarray:
        with Image.open(os.path.join(self.folder, self.scenes[i].file_name)) as img:
            return fit_square(img, self.size)[0]

    def load_images(self, cache_dir: Optional[str] = None, workers: int = 2) -> np.ndarray:
        """All model squares as one uint8 array [N,S,S,3], cached as .npy (memory-mapped when re-read)."""
        key = hashlib.sha1(f"{os.path.abspath(self.folder)}|{len(self)}|{self.size}|"
                           f"{self.scenes[-1].file_name if self.scenes else ''}|{self.captions_sha1}".encode()
                           ).hexdigest()[:12]
        path = os.path.join(cache_dir, f"images-{key}.npy") if cache_dir else None
        # Memory-mapped: 6 GB of page cache that the kernel may evict, instead of 6 GB of anonymous memory that
        # made the OOM killer end a run on a machine shared with browser tests.
        if path and os.path.exists(path):
            return np.load(path, mmap_mode="r")
        arr = np.empty((len(self), self.size, self.size, 3), dtype=np.uint8)

        def fill(i: int) -> None:
            arr[i] = self._load_one(i)

        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(fill, range(len(self))))
        if path:
            os.makedirs(cache_dir, exist_ok=True)
            np.save(path + ".tmp.npy", arr)
            os.replace(path + ".tmp.npy", path)
            del arr
            return np.load(path, mmap_mode="r")
        return arr
