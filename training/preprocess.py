"""Pixel preprocessing of docs/model-format.md: fit, global view (box-downsample), crops, normalisation."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch
from PIL import Image
from torch import Tensor

MEAN = 0.5
STD = 0.5


def fit_square(img: Image.Image, size: int) -> tuple[np.ndarray, float, float, float]:
    """Centre-crop to a square and resize to size x size. Returns (uint8 [size,size,3], scale, dx, dy) so that a
    source pixel x maps to (x - dx) * scale."""
    img = img.convert("RGB")
    w, h = img.size
    side = min(w, h)
    dx, dy = (w - side) // 2, (h - side) // 2
    if (w, h) != (size, size):
        img = img.crop((dx, dy, dx + side, dy + side)).resize((size, size), Image.BILINEAR)
    else:
        dx = dy = 0
    return np.asarray(img, dtype=np.uint8), size / side, float(dx), float(dy)


def normalise(x: Tensor) -> Tensor:
    """uint8-valued (float or byte) [...,3,H,W] -> (x/255 - mean)/std."""
    return (x.float() / 255.0 - MEAN) / STD


def global_view(squares: Tensor, global_size: int) -> Tensor:
    """uint8 [B,S,S,3] model squares -> normalised [B,3,g,g]: mean of each (S/g)x(S/g) block, as the TS engine."""
    b, s, _, _ = squares.shape
    f = s // global_size
    x = squares.float().reshape(b, global_size, f, global_size, f, 3).mean(dim=(2, 4))
    return normalise(x.permute(0, 3, 1, 2))


def crops(squares: Tensor, boxes_px: Sequence[Sequence[Sequence[int]]], window: int) -> Tensor:
    """uint8 [B,S,S,3] and per image k top-left corners (x0, y0) -> normalised [B,k,3,window,window].

    One gather on the squares' device (a Python slice per crop cost 1,536 slices a batch-256 training step)."""
    dev = squares.device
    c = torch.tensor([[list(xy) for xy in corners] for corners in boxes_px], dtype=torch.long, device=dev)  # [B,k,2]
    ar = torch.arange(window, device=dev)
    ys = (c[..., 1, None] + ar)[:, :, :, None]                             # [B,k,w,1]
    xs = (c[..., 0, None] + ar)[:, :, None, :]                             # [B,k,1,w]
    rows = torch.arange(c.shape[0], device=dev)[:, None, None, None]
    return normalise(squares[rows, ys, xs].permute(0, 1, 4, 2, 3))        # [B,k,w,w,3] -> [B,k,3,w,w]
