"""Saliency heat map and region selection, step 5-6 of docs/model-format.md, shared by training and inference."""
from __future__ import annotations

import math
from typing import Iterable, List, Sequence, Tuple

import numpy as np


def heat_map(saliency_rows: np.ndarray, input_ids: Sequence[int], content_ids: Iterable[int], grid: int) -> np.ndarray:
    """saliency_rows [n, >=T]: the saliency row of each step whose input token is input_ids[i]. Sums, over the
    steps whose input token is a content word, the row over the image positions [0,T) divided by its sum."""
    t = grid * grid
    content = set(int(c) for c in content_ids)
    heat = np.zeros(t, dtype=np.float64)
    for row, tok in zip(saliency_rows, input_ids):
        if int(tok) in content:
            img = np.asarray(row[:t], dtype=np.float64)
            s = img.sum()
            if s > 0:
                heat += img / s
    return heat.reshape(grid, grid)


def js_round(x: float) -> int:
    """Math.round of JavaScript (halves go up), so that Python and the TS engine choose the same pixels."""
    return int(math.floor(x + 0.5))


def select_regions(heat: np.ndarray, k: int, window: int, size: int, nms_radius: int) -> List[Tuple[int, int]]:
    """Top-k cells with non-maximum suppression -> window top-left corners (x0, y0) in model-square pixels.

    Suppressed cells are set to 0 in the working copy; a pick (argmax, ties to the lowest row-major index) that
    lands on a suppressed cell ends the search early."""
    g = heat.shape[0]
    heat = np.asarray(heat, dtype=np.float64)
    work = heat.copy().reshape(-1)
    suppressed = np.zeros(g * g, dtype=bool)
    corners: List[Tuple[int, int]] = []
    for _ in range(k):
        idx = int(np.argmax(work))  # first index among ties
        if suppressed[idx]:
            break
        r, c = divmod(idx, g)
        r0, r1, c0, c1 = max(r - 1, 0), min(r + 1, g - 1), max(c - 1, 0), min(c + 1, g - 1)
        patch = heat[r0:r1 + 1, c0:c1 + 1]
        total = patch.sum()
        if total > 0:
            rows, cols = np.mgrid[r0:r1 + 1, c0:c1 + 1]
            cy, cx = float((patch * rows).sum() / total), float((patch * cols).sum() / total)
        else:
            cy, cx = float(r), float(c)
        x0 = min(max(js_round((cx + 0.5) * size / g - window / 2), 0), size - window)
        y0 = min(max(js_round((cy + 0.5) * size / g - window / 2), 0), size - window)
        corners.append((x0, y0))
        for rr in range(max(r - nms_radius, 0), min(r + nms_radius, g - 1) + 1):
            for cc in range(max(c - nms_radius, 0), min(c + nms_radius, g - 1) + 1):
                suppressed[rr * g + cc] = True
                work[rr * g + cc] = 0.0
    return corners


def boxes_fraction(corners: Sequence[Tuple[int, int]], window: int, size: int) -> np.ndarray:
    """Window corners -> [k,4] (x0, y0, x1, y1) as fractions of the model square (the connector's region_boxes)."""
    return np.array([[x0 / size, y0 / size, (x0 + window) / size, (y0 + window) / size] for x0, y0 in corners],
                    dtype=np.float32).reshape(-1, 4)


def select_regions_batch(heat: np.ndarray, k: int, window: int, size: int,
                         nms_radius: int) -> List[List[Tuple[int, int]]]:
    """select_regions for a batch of heat maps [B,G,G] at once (training: a Python loop per sample cost about
    50 ms a batch-256 step). Same rules, vectorised over the batch; the reference inference keeps the loop."""
    b, g, _ = heat.shape
    heat = np.asarray(heat, dtype=np.float64)
    work = heat.reshape(b, -1).copy()
    suppressed = np.zeros((b, g * g), dtype=bool)
    active = np.ones(b, dtype=bool)
    pad = np.zeros((b, g + 2, g + 2))
    pad[:, 1:-1, 1:-1] = heat
    every, three, cells = np.arange(b), np.arange(3), np.arange(g)
    out: List[List[Tuple[int, int]]] = [[] for _ in range(b)]
    for _ in range(k):
        idx = work.argmax(1)  # first index among ties
        active &= ~suppressed[every, idx]
        if not active.any():
            break
        r, c = np.divmod(idx, g)
        ri, ci = r[:, None] + three, c[:, None] + three                       # padded rows/cols r-1..r+1
        patch = pad[every[:, None, None], ri[:, :, None], ci[:, None, :]]    # [B,3,3], zeros outside the map
        total = patch.sum((1, 2))
        safe = np.where(total > 0, total, 1.0)
        cy = np.where(total > 0, (patch * (ri - 1)[:, :, None]).sum((1, 2)) / safe, r)
        cx = np.where(total > 0, (patch * (ci - 1)[:, None, :]).sum((1, 2)) / safe, c)
        x0 = np.clip(np.floor((cx + 0.5) * size / g - window / 2 + 0.5), 0, size - window).astype(int)
        y0 = np.clip(np.floor((cy + 0.5) * size / g - window / 2 + 0.5), 0, size - window).astype(int)
        for i in np.flatnonzero(active):
            out[i].append((int(x0[i]), int(y0[i])))
        near = (np.abs(cells[None, :, None] - r[:, None, None]) <= nms_radius) \
            & (np.abs(cells[None, None, :] - c[:, None, None]) <= nms_radius)
        near = near.reshape(b, -1) & active[:, None]
        suppressed |= near
        work[near] = 0.0
    return out
