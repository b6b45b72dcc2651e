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

from typing import List, Optional, Sequence

import torch
from torch import Tensor

# Split only when it saves at least this share of the modelled cost (each extra call has a fixed price too).
MIN_SAVING = 0.15


def call_cost(n: int, longest: int, prefix: int, width: int) -> float:
    s = prefix + longest
    return float(n) * s * (s + width)


def length_buckets(lengths: Sequence[int], prefix: int, width: int = 512, max_buckets: int = 2,
                   min_saving: float = MIN_SAVING) -> List[List[int]]:
    """Row indices in two buckets of contiguous lengths (rows in their batch order inside each), or one bucket of
    every row when splitting saves less than min_saving of the cost or max_buckets is 1. width is the linear
    term's weight in the cost model (about 4x the model width: the MLP). (Three buckets were measured no faster.)"""
    if max_buckets not in (1, 2):
        raise ValueError(f"max_buckets must be 1 or 2, got {max_buckets}")
    rows = list(range(len(lengths)))
    if len(rows) < 2 or max_buckets == 1:
        return [rows]
    by_len = sorted(rows, key=lambda r: (lengths[r], r))
    ls = [lengths[r] for r in by_len]
    whole = call_cost(len(ls), ls[-1], prefix, width)
    cost, cut = min((call_cost(c, ls[c - 1], prefix, width) + call_cost(len(ls) - c, ls[-1], prefix, width), c)
                    for c in range(1, len(ls)))
    if cost > whole * (1.0 - min_saving):
        return [rows]
    return [sorted(by_len[:cut]), sorted(by_len[cut:])]


def rows_trimmed(x: Tensor, ix: Optional[Tensor], n: Optional[int] = None) -> Tensor:
    """A bucket's part of a right-padded batch tensor: rows ix (every row when None), cut to n columns (only
    trailing pads go) when n is given."""
    part = x if ix is None else x[ix.to(x.device)]
    return part if n is None else part[:, :n]


def bucket_index(rows: Sequence[int], buckets: int, device) -> Optional[Tensor]:
    """The index tensor of a bucket's rows, or None when the batch is one bucket (no gather needed)."""
    return None if buckets == 1 else torch.tensor(list(rows), dtype=torch.long, device=device)


def real_lengths(padded: Tensor, pad_value: int) -> List[int]:
    """Per row, the index after its last non-pad entry (right padding: the length that trimming keeps)."""
    real = padded != pad_value
    positions = torch.arange(1, padded.shape[1] + 1, device=padded.device)
    return (real.long() * positions).max(dim=1).values.tolist()
