"""Parser of the scene world's caption grammar (docs/caption-grammar.md) and per-object caption metrics."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from .tokenizer import pre_tokenize

SIZES = ("small", "medium", "large")
COLOURS = ("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "white", "gray", "black")
PATTERNS = ("striped", "dotted")
SHAPES = ("circle", "square", "triangle", "star", "hexagon", "diamond", "heart", "cross")
COUNTS = ("one", "two", "three", "four", "five", "six")
FIELDS = ("size", "colour", "pattern", "shape", "position")

Obj = Tuple[str, str, str, str, str]  # size, colour, pattern ("plain" if unsaid), shape, position phrase


def parse_detailed(text: str) -> Tuple[Optional[int], List[Optional[Obj]]]:
    """-> (count said, objects); an object phrase that does not parse becomes None."""
    words = pre_tokenize(text)
    count = COUNTS.index(words[0]) + 1 if words and words[0] in COUNTS else None
    start = words.index(":") + 1 if ":" in words else 0
    objs: List[Optional[Obj]] = []
    seg: List[str] = []
    for w in words[start:] + ["."]:
        if w in (",", "and", "."):
            if seg:
                objs.append(_parse_obj(seg))
            seg = []
        else:
            seg.append(w)
    return count, objs


def _parse_obj(w: List[str]) -> Optional[Obj]:
    if len(w) < 5 or w[0] != "a" or w[1] not in SIZES or w[2] not in COLOURS:
        return None
    i, pattern = 3, "plain"
    if w[i] in PATTERNS:
        pattern, i = w[i], i + 1
    if i >= len(w) or w[i] not in SHAPES:
        return None
    position = " ".join(w[i + 1:])
    if not position:
        return None
    return (w[1], w[2], pattern, w[i], position)


def match(pred: Sequence[Optional[Obj]], truth: Sequence[Obj], min_agree: int = 3) -> Dict[int, int]:
    """Greedy one-to-one matching truth index -> pred index by the number of agreeing fields (at least
    min_agree of 5), ties by closeness in reading order."""
    pairs = []
    for ti, t in enumerate(truth):
        for pi, p in enumerate(pred):
            if p is None:
                continue
            agree = sum(a == b for a, b in zip(p, t))
            if agree >= min_agree:
                pairs.append((-agree, abs(ti - pi), ti, pi))
    out: Dict[int, int] = {}
    used = set()
    for _, _, ti, pi in sorted(pairs):
        if ti not in out and pi not in used:
            out[ti] = pi
            used.add(pi)
    return out


@dataclass
class ObjectStats:
    """Counts over a set of (predicted, true) detailed captions."""
    objects: Counter = field(default_factory=Counter)        # by size, "all"
    full: Counter = field(default_factory=Counter)           # fully correct, by size, "all"
    attr: Counter = field(default_factory=Counter)           # correct per field
    missed: int = 0
    hallucinated: int = 0
    predicted: int = 0
    captions: int = 0
    exact: int = 0

    def add(self, pred_text: str, true_text: str) -> None:
        _, truth = parse_detailed(true_text)
        truth_objs = [t for t in truth if t is not None]
        _, pred = parse_detailed(pred_text)
        m = match(pred, truth_objs)
        self.captions += 1
        self.exact += int(pred_text.strip() == true_text.strip())
        self.predicted += len(pred)
        self.hallucinated += len(pred) - len(m)
        self.missed += len(truth_objs) - len(m)
        for ti, t in enumerate(truth_objs):
            self.objects[t[0]] += 1
            self.objects["all"] += 1
            p = pred[m[ti]] if ti in m else None
            if p is None:
                continue
            for f, a, b in zip(FIELDS, p, t):
                self.attr[f] += int(a == b)
                self.attr[f + "_" + t[0]] += int(a == b)
            if p == t:
                self.full[t[0]] += 1
                self.full["all"] += 1

    def summary(self) -> Dict[str, float]:
        n = max(self.objects["all"], 1)
        out = {f"full_acc_{s}": self.full[s] / max(self.objects[s], 1) for s in ("all",) + SIZES}
        out.update({f"attr_acc_{f}": self.attr[f] / n for f in FIELDS})
        # By true size: whether the global view alone can read small objects' shape and pattern is the question
        # the second look answers (docs/world.md, "Difficulty").
        out.update({f"attr_acc_{f}_{s}": self.attr[f + "_" + s] / max(self.objects[s], 1)
                    for f in FIELDS for s in SIZES})
        out["missed_rate"] = self.missed / n
        out["hallucinated_rate"] = self.hallucinated / max(self.predicted, 1)
        out["exact_caption"] = self.exact / max(self.captions, 1)
        out.update({"objects": float(n), "missed": float(self.missed), "hallucinated": float(self.hallucinated)})
        return out
