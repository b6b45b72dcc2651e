"""Camera-like degradation of training squares (`camera_aug` in the train config; off in the shipped configs).

A share of each batch's model squares is degraded before the global view and the crops are taken from it, so
both looks see the same damage and the ground truth (cells, boxes, captions) stays valid: every operation here
is photometric or local (no geometry change). Per degraded image, drawn independently:

- contrast x0.75-1.25 around mid-grey and brightness -25..+25 levels,
- white balance: a gain of 0.9-1.1 per channel,
- Gaussian blur, sigma 0-1.2 px of the 256 px square (5x5 separable kernel),
- sensor noise, Gaussian, standard deviation 0-8 levels,
- JPEG-like blocking: 8x8 DCT of each channel quantised with the JPEG luminance table at quality 35-95 (half
  the degraded images).

Runs on the squares' device (uint8 [B,S,S,3] in, uint8 out), with its own generator so the batch sampling stays
as without it. Not done: perspective, rotation and scale jitter (they move objects across the caption's cells,
so the captions would have to be rewritten), and the look of a screen or a printout.
"""
from __future__ import annotations

import math
from typing import Optional

import torch
from torch import Tensor

_JPEG_LUMA = torch.tensor([
    [16, 11, 10, 16, 24, 40, 51, 61], [12, 12, 14, 19, 26, 58, 60, 55], [14, 13, 16, 24, 40, 57, 69, 56],
    [14, 17, 22, 29, 51, 87, 80, 62], [18, 22, 37, 56, 68, 109, 103, 77], [24, 35, 55, 64, 81, 104, 113, 92],
    [49, 64, 78, 87, 103, 121, 120, 101], [72, 92, 95, 98, 112, 100, 103, 99]], dtype=torch.float32)


def _uniform(n: int, lo: float, hi: float, gen: Optional[torch.Generator], device) -> Tensor:
    return lo + (hi - lo) * torch.rand(n, generator=gen, device=device)


def _dct_matrix(n: int, device) -> Tensor:
    k = torch.arange(n, dtype=torch.float32, device=device)
    m = torch.cos(math.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * n)) * math.sqrt(2.0 / n)
    m[0] /= math.sqrt(2.0)
    return m  # orthonormal DCT-II: y = m @ x


def blur(x: Tensor, sigma: Tensor) -> Tensor:
    """x float [B,C,H,W], per-image sigma [B] in pixels (0 = unchanged): separable 5-tap Gaussian, edges
    replicated."""
    b, c, h, w = x.shape
    taps = torch.arange(-2, 3, dtype=torch.float32, device=x.device)
    s = sigma.clamp_min(1e-3)[:, None]
    k = torch.exp(-0.5 * (taps[None, :] / s) ** 2)
    k = (k / k.sum(1, keepdim=True)).repeat_interleave(c, 0)             # [B*C,5]
    y = torch.nn.functional.pad(x.reshape(1, b * c, h, w), (2, 2, 2, 2), mode="replicate")
    y = torch.nn.functional.conv2d(y, k[:, None, None, :], groups=b * c)
    y = torch.nn.functional.conv2d(y, k[:, None, :, None], groups=b * c)
    return y.reshape(b, c, h, w)


def jpeg_like(x: Tensor, quality: Tensor) -> Tensor:
    """x float [B,C,H,W] in 0-255, H and W multiples of 8; per-image quality [B] (1-100, the IJG scaling)."""
    b, c, h, w = x.shape
    d = _dct_matrix(8, x.device)
    q = quality.clamp(1, 100)
    scale = torch.where(q < 50, 5000.0 / q, 200.0 - 2.0 * q)                # [B]
    table = ((_JPEG_LUMA.to(x.device)[None] * scale[:, None, None] + 50.0) / 100.0).floor().clamp(1, 255)
    blocks = (x - 128.0).reshape(b, c, h // 8, 8, w // 8, 8).permute(0, 1, 2, 4, 3, 5)  # [B,C,h8,w8,8,8]
    coef = d @ blocks @ d.T
    t = table[:, None, None, None]
    coef = torch.round(coef / t) * t
    out = (d.T @ coef @ d).permute(0, 1, 2, 4, 3, 5).reshape(b, c, h, w)
    return out + 128.0


def degrade(squares: Tensor, share: float, gen: Optional[torch.Generator] = None) -> Tensor:
    """uint8 [B,S,S,3] -> uint8 [B,S,S,3] with `share` of the images (each independently) degraded."""
    b = squares.shape[0]
    dev = squares.device
    pick = torch.rand(b, generator=gen, device=dev) < share
    if not bool(pick.any()):
        return squares
    idx = pick.nonzero().flatten()
    n = idx.numel()
    x = squares[idx].float().permute(0, 3, 1, 2)                           # [n,3,S,S]
    contrast = _uniform(n, 0.75, 1.25, gen, dev)[:, None, None, None]
    bright = _uniform(n, -25.0, 25.0, gen, dev)[:, None, None, None]
    gains = _uniform(n * 3, 0.9, 1.1, gen, dev).reshape(n, 3, 1, 1)
    x = ((x - 128.0) * contrast + 128.0 + bright) * gains
    x = blur(x, _uniform(n, 0.0, 1.2, gen, dev))
    x = x + torch.randn(x.shape, generator=gen, device=dev) * _uniform(n, 0.0, 8.0, gen, dev)[:, None, None, None]
    x = x.clamp(0, 255)
    if x.shape[-1] % 8 == 0 and x.shape[-2] % 8 == 0:
        jpeg = torch.rand(n, generator=gen, device=dev) < 0.5
        if bool(jpeg.any()):
            j = jpeg.nonzero().flatten()
            x[j] = jpeg_like(x[j], _uniform(j.numel(), 35.0, 95.0, gen, dev)).clamp(0, 255)
    out = squares.clone()
    out[idx] = x.round().to(torch.uint8).permute(0, 2, 3, 1)
    return out
