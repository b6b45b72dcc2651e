"""Training batches: stage 1 (coarse captioning + saliency targets) and stage 2 (refinement of a pseudo-initial
caption). Sequences follow docs/model-format.md; text parts are right-padded, so causal attention alone keeps
padding out of every real token's view and positions match inference."""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torch import Tensor

from .data import ATTRIBUTES, CaptionSet
from .phrases import footprint, phrase_objects
from .tokenizer import EOS, PAD, REFINE, STYLE_TOKEN, WordTokenizer, pre_tokenize

IGNORE = -100


@dataclass
class EncodedCaption:
    ids: List[int]
    perturbed: List[List[int]]                       # pseudo-initial captions (token ids)
    phrases: List[Tuple[int, int, int]]              # (start, end, object) over ids


class EncodedSet:
    """Token ids, phrase-object maps and footprints of a CaptionSet, computed once."""

    def __init__(self, cs: CaptionSet, tok: WordTokenizer, grid: int, max_tokens: int):
        self.cs, self.tok, self.grid = cs, tok, grid
        self.items: List[Dict[str, List[EncodedCaption]]] = []
        self.footprints: List[np.ndarray] = []
        for sc in cs.scenes:
            per_style: Dict[str, List[EncodedCaption]] = {}
            for style, caps in sc.captions.items():
                if style not in STYLE_TOKEN:
                    continue
                encs = []
                for cap, perts in zip(caps, sc.perturbations[style]):
                    words = pre_tokenize(cap)[:max_tokens]
                    ids = [tok.vocab.get(w, 3) for w in words]
                    encs.append(EncodedCaption(ids, [tok.encode(p)[:max_tokens] for p in perts],
                                               phrase_objects(words, style, sc.objects)))
                per_style[style] = encs
            self.items.append(per_style)
            self.footprints.append(scene_footprints(sc.objects, grid, cs.size))

    def pick(self, rng: random.Random, i: int, detailed_prob: float) -> Tuple[str, EncodedCaption]:
        styles = list(self.items[i])
        if len(styles) > 1 and "detailed" in styles and "short" in styles:
            style = "detailed" if rng.random() < detailed_prob else "short"
        else:
            style = rng.choice(styles)
        return style, rng.choice(self.items[i][style])


def scene_footprints(objects: Sequence[dict], grid: int, size: int) -> np.ndarray:
    """[n_objects, grid^2]: each object's footprint (phrases.footprint of its bbox); [0, grid^2] for an empty
    scene, whose captions ("no objects.") have no phrase and so no saliency target."""
    fps = [footprint(ob["bbox"], grid, size) for ob in objects if "bbox" in ob]
    return np.stack(fps) if fps else np.zeros((0, grid * grid), np.float32)


def perturb_words(ids: List[int], vocab_ids: Sequence[int], rng: random.Random) -> List[int]:
    """Fallback pseudo-initial caption for data without perturbations: 0-3 random word substitutions."""
    out = list(ids)
    for _ in range(rng.randint(0, 3)):
        if out:
            out[rng.randrange(len(out))] = rng.choice(vocab_ids)
    return out


def pad(seqs: Sequence[Sequence[int]], value: int) -> Tensor:
    n = max(len(s) for s in seqs)
    return torch.tensor([list(s) + [value] * (n - len(s)) for s in seqs], dtype=torch.long)


@dataclass
class Stage1Batch:
    text: Tensor          # [B,L] <task> caption
    labels: Tensor        # [B,L] caption </s>, IGNORE on padding
    sal_target: Tensor    # [B,L,T] footprint of the object whose phrase the input token belongs to
    sal_mask: Tensor      # [B,L] 1 where supervised
    # Each row's text length before padding (host side: a step reads it without a device sync; buckets.py).
    lengths: Optional[List[int]] = None


def stage1_batch(enc: EncodedSet, picks: Sequence[Tuple[int, str, EncodedCaption]],
                 footprints: Optional[Sequence[Optional[np.ndarray]]] = None) -> Stage1Batch:
    """footprints: per pick, the objects' footprints as its image shows them (scene_footprints of the warped
    boxes after augment.camera's geometry), or None for the scene's own (EncodedSet.footprints)."""
    t = enc.grid * enc.grid
    texts = [[STYLE_TOKEN[s]] + c.ids for _, s, c in picks]
    labels = [c.ids + [EOS] for _, _, c in picks]
    n = max(len(x) for x in texts)
    target = np.zeros((len(picks), n, t), np.float32)
    mask = np.zeros((len(picks), n), np.float32)
    for b, (i, _, c) in enumerate(picks):
        fps = enc.footprints[i] if footprints is None or footprints[b] is None else footprints[b]
        for s, e, ob in c.phrases:
            target[b, s + 1:e + 1] = fps[ob]  # text position j holds caption word j-1
            mask[b, s + 1:e + 1] = 1.0
    return Stage1Batch(pad(texts, PAD), pad(labels, IGNORE), torch.from_numpy(target), torch.from_numpy(mask),
                       [len(x) for x in texts])


@dataclass
class Stage2Batch:
    style_ids: List[int]
    initial: Tensor        # [B,Lc] pseudo-initial caption C (PAD-padded)
    initial_mask: Tensor   # [B,Lc]
    text: Tensor           # [B,L] <refine> C <task> target
    labels: Tensor         # [B,L] IGNORE except target </s>
    # Before padding, per row (host side, as Stage1Batch.lengths): the text's and C's.
    text_lengths: Optional[List[int]] = None
    initial_lengths: Optional[List[int]] = None


@dataclass
class DetailNoise:
    """Pseudo-initial captions that guess the details a 64 px global view cannot read (docs/training.md).

    With the world's perturbations alone (0-3 edits anywhere) a caption's small-object shape is right nearly
    every time in training, while pass 1 reads small shapes little better than chance (world_v5 at the end of
    stage 1: 16 %, 8 shapes). Here `share` of stage-2 samples start from the true caption with each object's
    shape and pattern redrawn at random with its size's probability (`by_size`), so those details must come
    from the region crops. Measured (world_v6 vs world_v5): no gain beyond noise, so it is off by default."""
    share: float
    by_size: Dict[str, float]
    shape_ids: List[int]
    pattern_ids: List[int]


def detail_noise(tok: WordTokenizer, values: Dict[str, Sequence[str]], share: float,
                 by_size: Dict[str, float]) -> Optional[DetailNoise]:
    """None when off or when the data has no shape words; "plain" is never written, so it has no id."""
    shapes = [tok.vocab[w] for w in values.get("shape", []) if w in tok.vocab]
    patterns = [tok.vocab[w] for w in values.get("pattern", []) if w in tok.vocab and w != "plain"]
    if share <= 0 or not shapes:
        return None
    return DetailNoise(share, dict(by_size), shapes, patterns)


def blur_details(ids: Sequence[int], phrases: Sequence[Tuple[int, int, int]], objects: Sequence[dict],
                 noise: DetailNoise, rng: random.Random) -> List[int]:
    """`ids` with, per object phrase drawn by its size's probability, a random shape word and a random pattern
    (a pattern word, or none = plain) in place of the true ones. Phrases are edited last to first, so an
    inserted or removed pattern word does not move the spans still to edit."""
    out = list(ids)
    shapes, patterns = set(noise.shape_ids), set(noise.pattern_ids)
    for s, e, ob in sorted(phrases, reverse=True):
        if rng.random() >= noise.by_size.get(str(objects[ob].get("size")), 0.0):
            continue
        seg = out[s:e]
        at = next((j for j, t in enumerate(seg) if t in shapes), None)
        if at is None:
            continue
        seg[at] = rng.choice(noise.shape_ids)
        old = next((j for j, t in enumerate(seg[:at]) if t in patterns), None)
        new = rng.choice([None] + noise.pattern_ids)
        if old is not None and new is None:
            del seg[old]
        elif old is not None:
            seg[old] = new
        elif new is not None:
            seg.insert(at, new)
        out[s:e] = seg
    return out


def stage2_batch(enc: EncodedSet, picks: Sequence[Tuple[int, str, EncodedCaption]], rng: random.Random,
                 fallback_vocab: Sequence[int], noise: Optional[DetailNoise] = None) -> Stage2Batch:
    inits, texts, labels = [], [], []
    for i, style, c in picks:
        if noise is not None and c.phrases and rng.random() < noise.share:
            init = blur_details(c.ids, c.phrases, enc.cs.scenes[i].objects, noise, rng)
        else:
            init = list(rng.choice(c.perturbed)) if c.perturbed else perturb_words(c.ids, fallback_vocab, rng)
        if not init:
            init = [EOS]  # an empty caption still needs one token to attend to
        inits.append(init)
        texts.append([REFINE] + init + [STYLE_TOKEN[style]] + c.ids)
        labels.append([IGNORE] * (len(init) + 1) + c.ids + [EOS])
    initial = pad(inits, PAD)
    return Stage2Batch([STYLE_TOKEN[s] for _, s, _ in picks], initial, (initial != PAD).long(),
                       pad(texts, PAD), pad(labels, IGNORE), [len(x) for x in texts], [len(x) for x in inits])


def probe_labels(objects: Sequence[Sequence[dict]], classes: Dict[str, List[str]],
                 corners: Sequence[Sequence[Tuple[int, int]]], window: int) -> Dict[str, Tensor]:
    """Per image (its objects, as the image shows them) and each of its chosen regions, flattened in that order:
    the attributes of the object whose centre is inside the window and nearest its centre; "none" (last shape
    class) when no object's centre is inside (every region of an empty scene)."""
    out = {a: [] for a in classes}
    for objs, cs_corners in zip(objects, corners):
        for x0, y0 in cs_corners:
            best, best_d = None, None
            for ob in objs:
                cx, cy = ob.get("cx"), ob.get("cy")
                if cx is None and "bbox" in ob:
                    bx, by, bw, bh = ob["bbox"]
                    cx, cy = bx + bw / 2, by + bh / 2
                if cx is None or not (x0 <= cx < x0 + window and y0 <= cy < y0 + window):
                    continue
                d = (cx - x0 - window / 2) ** 2 + (cy - y0 - window / 2) ** 2
                if best_d is None or d < best_d:
                    best, best_d = ob, d
            for a, vals in classes.items():
                if best is None:
                    out[a].append(len(vals) - 1 if a == "shape" else IGNORE)
                else:
                    v = str(best.get(a))
                    out[a].append(vals.index(v) if v in vals else IGNORE)
    return {a: torch.tensor(v, dtype=torch.long) for a, v in out.items()}


def probe_classes(cs: CaptionSet) -> Optional[Dict[str, List[str]]]:
    if not cs.has_objects:
        return None
    vals = cs.attribute_values()
    classes = {a: vals[a] for a in ATTRIBUTES if a in vals}
    if "shape" in classes:
        classes["shape"] = classes["shape"] + ["<none>"]
    return classes
