"""Which caption words describe which object, and where that object lies on the image-token grid.

Used by the saliency loss: while the decoder reads object i's phrase (from its "a" through its position phrase),
the saliency head's attention over the image tokens should match object i's footprint on the grid.
"""
from __future__ import annotations

from typing import List, Sequence, Tuple

import numpy as np

SEPARATORS = {",", "and", "."}
SIZE_RANK = {"large": 0, "medium": 1, "small": 2}


def phrase_spans(words: Sequence[str]) -> List[Tuple[int, int]]:
    """[start, end) word spans of the object phrases: segments between separators (after a ":" if any) that
    start with "a"."""
    start = words.index(":") + 1 if ":" in words else 0
    spans, seg = [], start
    for i in range(start, len(words) + 1):
        if i == len(words) or words[i] in SEPARATORS:
            if seg < i and words[seg] == "a":
                spans.append((seg, i))
            seg = i + 1
    return spans


def described_objects(style: str, objects: Sequence[dict]) -> List[int]:
    """Indices of the objects the caption's phrases name, in phrase order (docs/caption-grammar.md)."""
    if style == "short":
        order = sorted(range(len(objects)), key=lambda i: (SIZE_RANK.get(str(objects[i].get("size")), 9), i))
        return order[:2]
    return list(range(len(objects)))


def phrase_objects(words: Sequence[str], style: str, objects: Sequence[dict]) -> List[Tuple[int, int, int]]:
    """(start, end, object index) per phrase; empty when the phrases and the objects do not line up."""
    spans = phrase_spans(words)
    idx = described_objects(style, objects)
    if not objects or len(spans) != len(idx):
        return []
    out = []
    for (s, e), i in zip(spans, idx):
        phrase = set(words[s:e])
        ob = objects[i]
        if str(ob.get("shape")) not in phrase or str(ob.get("colour")) not in phrase:
            return []
        out.append((s, e, i))
    return out


def footprint(bbox: Sequence[float], grid: int, size: int) -> np.ndarray:
    """Share of the bbox's area in each grid cell, [grid*grid] summing to 1 (row-major)."""
    x, y, w, h = bbox
    cell = size / grid
    edges = np.arange(grid + 1) * cell
    ox = np.clip(np.minimum(edges[1:], x + w) - np.maximum(edges[:-1], x), 0, None)
    oy = np.clip(np.minimum(edges[1:], y + h) - np.maximum(edges[:-1], y), 0, None)
    area = np.outer(oy, ox).reshape(-1)
    total = area.sum()
    if total <= 0:  # degenerate box: the cell of its centre
        cx = min(max(int((x + w / 2) // cell), 0), grid - 1)
        cy = min(max(int((y + h / 2) // cell), 0), grid - 1)
        area = np.zeros(grid * grid)
        area[cy * grid + cx] = 1.0
        total = 1.0
    return (area / total).astype(np.float32)
