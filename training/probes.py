"""Training-only attribute probes: direct signals that teach the vision encoder to read objects.

- token probes: the last-layer vision token at an object's centre (global view and crops) predicts the object's
  shape, colour, size and pattern. Without them the encoder learned colour, size and position from the caption
  loss alone but shapes and patterns barely above chance within the CPU budget (world_v1: 26 % / 33 %).
- the region probe (steps.stage2_losses): a region's compressed connector tokens predict the object in it.
None of these heads is exported.
"""
from __future__ import annotations

import random
from typing import Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor

from .batches import IGNORE

View = Tuple[int, float, float, float]  # image (index into the objects list), x0, y0, extent (model-square px)


def object_centre(ob: dict) -> Optional[Tuple[float, float]]:
    if ob.get("cx") is not None:
        return float(ob["cx"]), float(ob["cy"])
    if "bbox" in ob:
        x, y, w, h = ob["bbox"]
        return x + w / 2, y + h / 2
    return None


def token_labels(objects: Sequence[Sequence[dict]], classes: Dict[str, List[str]], views: Sequence[View],
                 grid: int, dense: bool = False) -> Tuple[Tensor, Dict[str, Tensor]]:
    """For every object whose centre lies inside a view (views[v][0] indexes `objects`, the objects each image
    shows): the token (view * grid^2 + cell) of the cell of its centre (dense: also of every cell whose centre is
    inside its bbox), and its attributes once per token. Centre-only is the default: interior tokens of a large
    object see only its fill, and with dense labels a shape probe learned more slowly (loss 1.79 vs 1.59 after
    400 steps).

    A view of an empty scene (no objects at all) labels its centre token "<none>" (the shape classes' last, as
    the region probe's) and nothing else, so an empty scene's global view and its stage-1 crop still teach what
    nothing looks like. Views of other scenes that hold no object centre stay unlabelled, as before: their
    tokens may lie inside a large object whose centre is elsewhere."""
    positions: List[int] = []
    out: Dict[str, List[int]] = {a: [] for a in classes}
    none = classes["shape"].index("<none>") if "<none>" in classes.get("shape", []) else None
    for v, (i, x0, y0, extent) in enumerate(views):
        if not objects[i]:
            if none is not None:
                positions.append(v * grid * grid + (grid // 2) * grid + grid // 2)
                for a in classes:
                    out[a].append(none if a == "shape" else IGNORE)
            continue
        cell = extent / grid
        for ob in objects[i]:
            c = object_centre(ob)
            if c is None or not (x0 <= c[0] < x0 + extent and y0 <= c[1] < y0 + extent):
                continue
            cells = {(min(int((c[1] - y0) // cell), grid - 1), min(int((c[0] - x0) // cell), grid - 1))}
            if dense and "bbox" in ob:
                bx, by, bw, bh = ob["bbox"]
                cells |= {(r, col) for r in range(grid) for col in range(grid)
                          if bx <= x0 + (col + 0.5) * cell < bx + bw and by <= y0 + (r + 0.5) * cell < by + bh}
            labels = [classes[a].index(str(ob.get(a))) if str(ob.get(a)) in classes[a] else IGNORE for a in classes]
            for r, col in sorted(cells):
                positions.append(v * grid * grid + r * grid + col)
                for a, lab in zip(classes, labels):
                    out[a].append(lab)
    return torch.tensor(positions, dtype=torch.long), {a: torch.tensor(v, dtype=torch.long) for a, v in out.items()}


def object_windows(objects: Sequence[Sequence[dict]], per_image: int, window: int, size: int, jitter: int,
                   rng: random.Random) -> List[List[Tuple[int, int]]]:
    """Stage-1 crops: per image (its objects), windows near randomly chosen objects (as saliency would place
    them). An image without objects gets windows at random places (background crops: token_labels gives them a
    "<none>" target)."""
    out = []
    for objs in objects:
        centres = [c for c in (object_centre(o) for o in objs) if c is not None]
        corners = []
        for _ in range(per_image):
            if not centres:
                corners.append((rng.randint(0, size - window), rng.randint(0, size - window)))
                continue
            cx, cy = rng.choice(centres)
            x0 = int(round(cx - window / 2 + rng.uniform(-jitter, jitter)))
            y0 = int(round(cy - window / 2 + rng.uniform(-jitter, jitter)))
            corners.append((min(max(x0, 0), size - window), min(max(y0, 0), size - window)))
        out.append(corners)
    return out


def token_probe_loss(model, feats: Tensor, positions: Tensor, labels: Dict[str, Tensor], prefix: str) -> Optional[Tensor]:
    """feats: region_features [N,T,F] of the views; the probes read all of it (multi_feature) or the last
    vision_dim channels, the last layer."""
    if positions.numel() == 0:
        return None
    d = feats.shape[-1] if model.cfg.multi_feature else model.cfg.vision_dim
    x = feats[..., -d:].reshape(-1, d)[positions.to(feats.device)].float()
    losses = [F.cross_entropy(model.probe[prefix + a](x).float(), y.to(x.device), ignore_index=IGNORE)
              for a, y in labels.items() if (y != IGNORE).any()]
    return torch.stack(losses).mean() if losses else None
