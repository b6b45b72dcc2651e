"""Length buckets for padded decoder batches (issue 19: make each CPU step count).

A batch's text is right-padded to its longest caption, and with crowded scenes in the mix (up to 93 tokens a
detailed caption) nearly every batch of 48 holds one, while the median caption is far shorter: most of the decoder's
work went to padding. Running the decoder once per bucket of similar lengths, each trimmed to its own longest, gives
the same losses and gradients (right padding + causal attention: no real token ever sees a pad, and trailing pads
carry no loss), up to float rounding.

The split is chosen by a cost model of one decoder call on n rows padded to L tokens after a prefix of P positions:
n * (P + L) * (P + L + width), attention's quadratic term plus the projections' and MLP's linear one.
"""
from __future__ import annotations

from typing import List, Sequence

import torch
from torch import Tensor

# Split only when it saves at least this share of the modelled cost (each extra call has a fixed price too).
MIN_SAVING = 0.15


def call_cost(n: int, longest: int, prefix: int, width: int) -> float:
    s = prefix + longest
    return float(n) * s * (s + width)


def length_buckets(lengths: Sequence[int], prefix: int, width: int = 512, max_buckets: int = 2,
                   min_saving: float = MIN_SAVING) -> List[List[int]]:
    """Row indices grouped into at most max_buckets buckets of contiguous lengths (rows in their batch order
    inside each bucket), or one bucket of every row when splitting saves less than min_saving of the cost.
    width is the linear term's weight in the cost model (about 4x the model width: the MLP)."""
    rows = list(range(len(lengths)))
    if len(rows) < 2 or max_buckets < 2:
        return [rows]
    by_len = sorted(rows, key=lambda r: (lengths[r], r))
    ls = [lengths[r] for r in by_len]
    whole = call_cost(len(ls), ls[-1], prefix, width)
    best, cuts = whole, []
    if max_buckets == 2:
        candidates = [[c] for c in range(1, len(ls))]
    else:  # three buckets: every pair of cut points (batches are small: 48 rows give 1,128 pairs)
        candidates = [[a, b] for a in range(1, len(ls) - 1) for b in range(a + 1, len(ls))]
        candidates += [[c] for c in range(1, len(ls))]
    for cand in candidates:
        bounds = [0, *cand, len(ls)]
        cost = sum(call_cost(hi - lo, ls[hi - 1], prefix, width) for lo, hi in zip(bounds, bounds[1:]))
        if cost < best:
            best, cuts = cost, cand
    if not cuts or best > whole * (1.0 - min_saving):
        return [rows]
    bounds = [0, *cuts, len(ls)]
    return [sorted(by_len[lo:hi]) for lo, hi in zip(bounds, bounds[1:])]


def real_lengths(padded: Tensor, pad_value: int) -> List[int]:
    """Per row, the index after its last non-pad entry (right padding: the length that trimming keeps)."""
    real = padded != pad_value
    positions = torch.arange(1, padded.shape[1] + 1, device=padded.device)
    return (real.long() * positions).max(dim=1).values.tolist()
