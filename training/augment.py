"""Camera-like degradation of training squares (`camera_aug`, `camera_looks`, `camera_geometry` in the train
config; all off by default and in world_v7, so old configs and checkpoints train exactly as before).

A share (`camera_aug`) of each batch's model squares is degraded before the global view and the crops are taken
from it, so both looks (the global view and the second look's full-resolution crops) see the same damage. Per
degraded image, in the order a camera would add them, each drawn independently and uniformly:

1. The look of a medium (`camera_looks`; a third of the degraded images each: none, screen, printout).
   - screen (a photo of an LCD): gamma 0.8-1.25; RGB subpixel columns (a 3-px column triad, each column
     x(1+2a) on its own channel and x(1-a) on the other two, a 0.02-0.08, random phase); scanlines (one row in
     every 2-4 darkened by 0-10 %); moire-like sinusoidal banding (amplitude 0-6 %, period 6-40 px, any direction,
     the channels' phases apart by up to 1 rad, so the bands are faintly coloured).
   - printout (a photo of a print): saturation x0.75-1, ink black level 10-40 and a paper white of R 228-250,
     G 222-245, B 200-235 (warm paper; together a contrast of x0.63-0.94, by channel); uneven lighting: a
     vignette darkening up to 20 % at the corners around a random centre plus a linear light gradient of up to
     +-8 % across the page.
2. Geometry (`camera_geometry`): a perspective warp about the centre: zoom x0.95-1.05, roll -4..+4 degrees, and
   each image corner moved by up to 3 % of the side (uniform in a disc; mild keystone). Bilinear resampling,
   edge pixels replicated outside the scene (the ranges of the test-camera split, src/world/camera.ts, with a
   degree more roll).
3. Photometric (always): contrast x0.75-1.25 around mid-grey and brightness -25..+25 levels; white balance, a
   gain of 0.9-1.1 per channel; Gaussian blur, sigma 0-0.8 px of the 256 px square (5x5 separable kernel);
   Gaussian sensor noise, standard deviation 0-8 levels; JPEG-like blocking on half of them: 8x8 DCT of each
   channel quantised with the JPEG luminance table at quality 35-95.

Why these ranges: small objects are 8-14 px at 256 (2-4 px in the global view), so every step is mild enough that
a small object's shape and pattern stay readable in the crop (checked by eye at the extremes: blur above 0.8 px
wipes out the dots of a 10-12 px dotted object, so the blur stops there; noise of 8 levels and JPEG quality 35
alone leave them; warps change an object's size by a few per cent; subpixel and banding amplitudes are a few per
cent), while together they cover most of the test-camera split's ranges (src/world/camera.ts; its blur reaches
1.0 px) and the look of a webcam filming a screen or a printout.

Ground truth under the geometry. Captions name each object's 3x3 cell and list objects in reading order (cell,
then centre y, then x). The warp is redrawn whenever it would change that: an object's centre crossing a cell
border or coming closer to one than min(3 px, its original clearance) (the world keeps centres 3 px off borders
so a cell is never a coin toss), two objects of one cell swapping order, or an object's box leaving the frame (1
px margin). It tries 4 draws, at 1, 0.6, 0.35 and 0.2 of the full strength, then uses the identity. Rewriting the
captions instead (re-derived cells, re-sorted objects) would have to rewrite the three pseudo-initial captions of
each caption too, whose edits were drawn by src/world/perturb.ts against the original cells and order: a second
implementation of the caption grammar and the perturbations in Python, while redrawing loses little. With
redrawing, the captions and perturbations stay true as written; only the centres and boxes move, and every
label read from geometry (saliency footprints, token-probe cells, stage-1 crop places, region-probe objects) is
read from the warped ones (`camera` returns them). Measured on 2,000 scenes of the world's train mix (15 %
crowded, 2 % empty; 3 draws each): the full-strength draw kept the truth for 73.8 % of the 1-6-object scenes and
47.5 % of the 7-9-object ones, and only 0.5 % and 1.7 % were left unwarped (empty scenes: always the first).

Everything runs on the squares' device (uint8 [B,S,S,3] in, uint8 out) with its own generator, so the batch
sampling stays as without it; the geometry's draws and checks run on the host (numpy, vectorised over the
degraded images and their tries, about 1 ms for 24 images), and the warp is one grid_sample on the device.
"""
from __future__ import annotations

import math
from typing import List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from .probes import object_centre

_JPEG_LUMA = torch.tensor([
    [16, 11, 10, 16, 24, 40, 51, 61], [12, 12, 14, 19, 26, 58, 60, 55], [14, 13, 16, 24, 40, 57, 69, 56],
    [14, 17, 22, 29, 51, 87, 80, 62], [18, 22, 37, 56, 68, 109, 103, 77], [24, 35, 55, 64, 81, 104, 113, 92],
    [49, 64, 78, 87, 103, 121, 120, 101], [72, 92, 95, 98, 112, 100, 103, 99]], dtype=torch.float32)

# Blur: at sigma 1.0 px the dots of a 10-12 px dotted object are gone, at 0.8 faint but there (and the warp's
# bilinear resampling softens by up to about 0.5 px more); it was 0-1.2 before the geometry existed.
BLUR_SIGMA = 0.8
# Geometry (units of the side unless said): see the module docstring.
ZOOM = 0.05                     # x(1 - ZOOM) .. x(1 + ZOOM)
ROLL_DEG = 4.0                  # -ROLL_DEG .. +ROLL_DEG
CORNER_SHIFT = 0.03             # each corner, uniform in a disc of this radius
TRY_STRENGTHS = (1.0, 0.6, 0.35, 0.2)  # redraws at these fractions of the ranges, then the identity
CELL_CLEARANCE = 3 / 256        # a centre keeps min(this, its original clearance) from the cell borders
FRAME_MARGIN = 1 / 256          # a box inside the frame stays this far inside


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
    k = torch.where(k < 1e-20, torch.zeros_like(k), k)  # no denormal taps (sigma near 0.15: 2x slower on a CPU)
    k = (k / k.sum(1, keepdim=True)).repeat_interleave(c, 0)             # [B*C,5]
    y = torch.nn.functional.pad(x.reshape(1, b * c, h, w), (2, 2, 2, 2), mode="replicate")
    y = y.contiguous(memory_format=torch.channels_last)  # a CPU's depthwise convolution: 2x faster this way
    y = torch.nn.functional.conv2d(y, k[:, None, None, :], groups=b * c)
    y = torch.nn.functional.conv2d(y, k[:, None, :, None], groups=b * c)
    return y.reshape(b, c, h, w).contiguous()


def jpeg_like(x: Tensor, quality: Tensor) -> Tensor:
    """x float [B,C,H,W] in 0-255, H and W multiples of 8; per-image quality [B] (1-100, the IJG scaling).

    The 8x8 DCT of every block is a stride-8 convolution with the 64 basis images and its inverse the transposed
    one (about 3x faster on a CPU than batched 8x8 matrix products; the same sums in another order)."""
    b, c, h, w = x.shape
    d = _dct_matrix(8, x.device)
    basis = (d[:, None, :, None] * d[None, :, None, :]).reshape(64, 1, 8, 8)  # coefficient (u, v) <- pixel (y, x)
    q = quality.clamp(1, 100)
    scale = torch.where(q < 50, 5000.0 / q, 200.0 - 2.0 * q)                # [B]
    table = ((_JPEG_LUMA.to(x.device)[None] * scale[:, None, None] + 50.0) / 100.0).floor().clamp(1, 255)
    t = table.reshape(b, 1, 64, 1, 1)
    coef = F.conv2d((x - 128.0).reshape(b * c, 1, h, w), basis, stride=8).reshape(b, c, 64, h // 8, w // 8)
    coef = (torch.round(coef / t) * t).reshape(b * c, 64, h // 8, w // 8)
    return F.conv_transpose2d(coef, basis, stride=8).reshape(b, c, h, w) + 128.0


def sensor_noise(x: Tensor, std: Tensor, gen: Optional[torch.Generator]) -> Tensor:
    """x float [n,C,H,W] plus Gaussian noise of standard deviation std [n] (levels). The images of one call take
    their noise from one field drawn 32 px larger, each at its own random offset: independent per pixel within an
    image, 5-10x cheaper on a CPU than a fresh draw per image (the model never sees two images together)."""
    n, c, h, w = x.shape
    m = 32
    field = torch.randn((c, h + m, w + m), generator=gen, device=x.device)
    offsets = torch.randint(0, m + 1, (n, 2), generator=gen, device=x.device).tolist()
    out = torch.empty_like(x)
    for j, (oy, ox) in enumerate(offsets):
        torch.addcmul(x[j], field[:, oy:oy + h, ox:ox + w], std[j], out=out[j])
    return out


# ---- the look of a screen or a printout ----------------------------------------------------------------------

def screen_look(x: Tensor, gen: Optional[torch.Generator]) -> Tensor:
    """x float [n,3,S,S] in 0-255 -> (in place) as a camera sees it on an LCD (module docstring, 1). The pattern is
    subpixel columns x scanlines x (1 + banding), a sum of three products of a column factor and a row factor
    (the banding's sin split by the angle-sum rule), so only a few operations run at full resolution."""
    n, _, h, w = x.shape
    dev = x.device
    u = lambda lo, hi: _uniform(n, lo, hi, gen, dev)[:, None, None, None]  # noqa: E731
    gamma = u(0.8, 1.25)
    cols = torch.arange(w, device=dev, dtype=torch.float32)[None, None, None, :]
    rows = torch.arange(h, device=dev, dtype=torch.float32)[None, None, :, None]
    chan = torch.arange(3, device=dev)[None, :, None, None]
    phase = torch.randint(0, 3, (n, 1, 1, 1), generator=gen, device=dev)
    a = u(0.02, 0.08)
    subpixel = torch.where((cols.long() + phase) % 3 == chan, 1 + 2 * a, 1 - a)          # [n,3,1,W]
    period = torch.randint(2, 5, (n, 1, 1, 1), generator=gen, device=dev)
    offset = torch.randint(0, 4, (n, 1, 1, 1), generator=gen, device=dev)
    scan = 1 - u(0.0, 0.10) * ((rows.long() + offset) % period == 0).float()             # [n,1,H,1]
    # banding amp * sin(f (x cos t + y sin t) + phase_c) = amp (sin A cos B + cos A sin B)
    angle, freq = u(0.0, math.pi), 2 * math.pi / u(6.0, 40.0)
    across = freq * cols * torch.cos(angle) + u(0.0, 2 * math.pi) + chan * u(0.0, 1.0)   # A: [n,3,1,W]
    down = freq * rows * torch.sin(angle)                                                 # B: [n,1,H,1]
    amp = u(0.0, 0.06) * subpixel
    pattern = subpixel * scan
    pattern.addcmul_(amp * torch.sin(across), scan * torch.cos(down))
    pattern.addcmul_(amp * torch.cos(across), scan * torch.sin(down))
    return x.div_(255.0).pow_(gamma).mul_(pattern).mul_(255.0)


def printout_look(x: Tensor, gen: Optional[torch.Generator]) -> Tensor:
    """x float [n,3,S,S] in 0-255 -> (in place) as a camera sees it printed on paper (module docstring, 1)."""
    n, _, h, w = x.shape
    dev = x.device
    u = lambda lo, hi: _uniform(n, lo, hi, gen, dev)[:, None, None, None]  # noqa: E731
    sat = u(0.75, 1.0)
    ink = u(10.0, 40.0)
    paper = torch.cat([u(228.0, 250.0), u(222.0, 245.0), u(200.0, 235.0)], dim=1)   # [n,3,1,1]
    k = (paper - ink) / 255.0
    # ink + k (lum + sat (x - lum)) = (ink + k (1 - sat) lum) + (k sat) x
    lum = torch.einsum("nchw,c->nhw", x, torch.tensor([0.299, 0.587, 0.114], device=dev))[:, None]
    x.mul_(k * sat).addcmul_(k * (1 - sat), lum).add_(ink)
    # uneven lighting, 1 - v r^2 + l (p - 0.5) . (cos t, sin t): a column part plus a row part
    ys = (torch.arange(h, device=dev, dtype=torch.float32)[None, None, :, None] + 0.5) / h
    xs = (torch.arange(w, device=dev, dtype=torch.float32)[None, None, None, :] + 0.5) / w
    v, angle, slope = u(0.0, 0.2), u(0.0, 2 * math.pi), u(-0.08, 0.08)
    light = (1 - v * (xs - u(0.3, 0.7)) ** 2 + slope * torch.cos(angle) * (xs - 0.5)) \
        + (-v * (ys - u(0.3, 0.7)) ** 2 + slope * torch.sin(angle) * (ys - 0.5))          # [n,1,H,W]
    return x.mul_(light)


# ---- geometry ------------------------------------------------------------------------------------------------

def square_to_quad(quad: np.ndarray) -> np.ndarray:
    """quad [...,4,2] (where the unit square's TL, TR, BR, BL land) -> the projective maps [...,3,3] of the unit
    square onto it (Heckbert's square-to-quad; src/world/camera.ts squareToQuad)."""
    x0, x1, x2, x3 = (quad[..., i, 0] for i in range(4))
    y0, y1, y2, y3 = (quad[..., i, 1] for i in range(4))
    sx, sy = x0 - x1 + x2 - x3, y0 - y1 + y2 - y3
    dx1, dx2, dy1, dy2 = x1 - x2, x3 - x2, y1 - y2, y3 - y2
    den = dx1 * dy2 - dx2 * dy1
    g = (sx * dy2 - dx2 * sy) / den
    h = (dx1 * sy - sx * dy1) / den
    one = np.ones_like(g)
    return np.stack([np.stack([x1 - x0 + g * x1, x3 - x0 + h * x3, x0], -1),
                     np.stack([y1 - y0 + g * y1, y3 - y0 + h * y3, y0], -1),
                     np.stack([g, h, one], -1)], -2)


def map_points(h: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """h [...,3,3], pts [...,P,2] -> [...,P,2]."""
    hom = np.concatenate([pts, np.ones(pts.shape[:-1] + (1,))], -1) @ np.swapaxes(h, -1, -2)
    return hom[..., :2] / hom[..., 2:]


def draw_warps(rng: np.random.Generator, shape: Tuple[int, ...], strength: np.ndarray, size: int) -> np.ndarray:
    """Homographies [*shape,3,3] in pixels of a size x size square (scene -> picture), each drawn at its
    `strength` (broadcast to shape) of the full ranges: zoom, roll about the centre, then corner shifts."""
    s = np.broadcast_to(strength, shape)
    zoom = 1 + s * rng.uniform(-ZOOM, ZOOM, shape)
    roll = s * np.deg2rad(rng.uniform(-ROLL_DEG, ROLL_DEG, shape))
    radius = s[..., None] * CORNER_SHIFT * np.sqrt(rng.uniform(0, 1, shape + (4,)))
    theta = rng.uniform(0, 2 * np.pi, shape + (4,))
    unit = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=np.float64) - 0.5
    cos, sin = np.cos(roll)[..., None], np.sin(roll)[..., None]
    qx = 0.5 + zoom[..., None] * (cos * unit[:, 0] - sin * unit[:, 1]) + radius * np.cos(theta)
    qy = 0.5 + zoom[..., None] * (sin * unit[:, 0] + cos * unit[:, 1]) + radius * np.sin(theta)
    h = square_to_quad(np.stack([qx, qy], -1))
    d, d_inv = np.diag([size, size, 1.0]), np.diag([1.0 / size, 1.0 / size, 1.0])
    return d @ h @ d_inv


def _object_arrays(objects: Sequence[Sequence[dict]], size: int):
    """Per image (padded to the most objects): centres [n,M,2], box corners [n,M,4,2], which are real [n,M],
    which have a box [n,M]."""
    n, m = len(objects), max([len(o) for o in objects] + [1])
    centres, corners = np.zeros((n, m, 2)), np.zeros((n, m, 4, 2))
    real, boxed = np.zeros((n, m), bool), np.zeros((n, m), bool)
    for i, objs in enumerate(objects):
        for j, ob in enumerate(objs):
            c = object_centre(ob)
            if c is None:
                continue
            real[i, j] = True
            centres[i, j] = c
            if "bbox" in ob:
                x, y, w, h = ob["bbox"]
                corners[i, j] = [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
                boxed[i, j] = True
            else:
                corners[i, j] = c
    return centres, corners, real, boxed


def _keeps_truth(c0: np.ndarray, c1: np.ndarray, b0: np.ndarray, b1: np.ndarray, real: np.ndarray,
                 boxed: np.ndarray, size: int) -> np.ndarray:
    """c0 [n,1,M,2] centres before, c1 [n,T,M,2] after each try (boxes b0/b1 [...,M,4,2]) -> [n,T]: every
    centre in its cell, clear of its borders, the same order within each cell, boxes inside the frame."""
    third = size / 3
    cell0 = np.clip(np.floor(c0 / third), 0, 2)
    cell1 = np.floor(c1 / third)
    same_cell = (cell0 == cell1).all(-1)                                                # [n,T,M]
    clear0 = np.minimum(c0 - cell0 * third, (cell0 + 1) * third - c0).min(-1)
    clear1 = np.minimum(c1 - cell0 * third, (cell0 + 1) * third - c1).min(-1)
    clear = clear1 >= np.minimum(clear0, CELL_CLEARANCE * size)
    margin = FRAME_MARGIN * size
    inside0 = ((b0 >= margin) & (b0 <= size - margin)).all((-1, -2))
    inside1 = ((b1 >= margin) & (b1 <= size - margin)).all((-1, -2))
    frame = inside1 | ~inside0 | ~boxed[:, None]
    ok = ((same_cell & clear & frame) | ~real[:, None]).all(-1)
    # reading order within a cell: (cy, cx) of every pair of one cell compares the same way after the warp
    key0 = cell0[..., 1] * 3 + cell0[..., 0]                                              # [n,1,M]
    pair = (key0[..., :, None] == key0[..., None, :]) & real[:, None, :, None] & real[:, None, None, :]

    def before(c):
        y, x = c[..., 1], c[..., 0]
        above, level = y[..., :, None] < y[..., None, :], y[..., :, None] == y[..., None, :]
        return above | (level & (x[..., :, None] < x[..., None, :]))

    order = ((before(c0) == before(c1)) | ~pair).all((-1, -2))
    return ok & order


def warp_objects(objects: Sequence[dict], h: np.ndarray) -> List[dict]:
    """Copies of `objects` with centre and box mapped by the pixel homography h (box: the mapped corners'
    bounding box). Cells and everything else stay as they were (the warp was drawn to keep them)."""
    out = []
    for ob in objects:
        ob = dict(ob)
        c = object_centre(ob)
        if ob.get("cx") is not None:
            ob["cx"], ob["cy"] = (float(v) for v in map_points(h, np.array([c]))[0])
        if "bbox" in ob:
            x, y, w, hh = ob["bbox"]
            pts = map_points(h, np.array([[x, y], [x + w, y], [x + w, y + hh], [x, y + hh]], dtype=np.float64))
            lo, hi = pts.min(0), pts.max(0)
            ob["bbox"] = [float(lo[0]), float(lo[1]), float(hi[0] - lo[0]), float(hi[1] - lo[1])]
        out.append(ob)
    return out


def choose_warps(objects: Sequence[Sequence[dict]], size: int, rng: np.random.Generator) -> List[Optional[np.ndarray]]:
    """Per image, the first of len(TRY_STRENGTHS) drawn warps that keeps its ground truth (module docstring),
    or None (the identity)."""
    n, t = len(objects), len(TRY_STRENGTHS)
    if n == 0:
        return []
    hs = draw_warps(rng, (n, t), np.array(TRY_STRENGTHS), size)                         # [n,T,3,3]
    c0, b0, real, boxed = _object_arrays(objects, size)
    c1 = map_points(hs, np.broadcast_to(c0[:, None], (n, t) + c0.shape[1:]))
    b1 = map_points(hs[:, :, None], np.broadcast_to(b0[:, None], (n, t) + b0.shape[1:]))
    ok = _keeps_truth(c0[:, None], c1, b0[:, None], b1, real, boxed, size)              # [n,T]
    first = ok.argmax(1)
    return [hs[i, first[i]] if ok[i, first[i]] else None for i in range(n)]


def warp_images(x: Tensor, hs: np.ndarray) -> Tensor:
    """x float [n,C,S,S], hs [n,3,3] pixel homographies scene -> picture: each picture pixel centre is mapped
    back into the scene and sampled bilinearly, edge pixels replicated outside (src/world/camera.ts warpPixels)."""
    n, _, h, w = x.shape
    inv = np.linalg.inv(hs)                                                  # picture -> scene, pixels
    # grid_sample's coordinates are 2 p / size - 1: fold that into the first two rows
    rows = np.stack([2.0 / w * inv[:, 0] - inv[:, 2], 2.0 / h * inv[:, 1] - inv[:, 2], inv[:, 2]], 1)
    m = torch.from_numpy(rows).to(device=x.device, dtype=torch.float32)[:, :, :, None, None]  # [n,3,3,1,1]
    xs = (torch.arange(w, device=x.device, dtype=torch.float32) + 0.5)[None, None, :]
    ys = (torch.arange(h, device=x.device, dtype=torch.float32) + 0.5)[None, :, None]
    grid = torch.empty((n, h, w, 2), device=x.device)
    den = torch.add(m[:, 2, 0] * xs, m[:, 2, 1] * ys + m[:, 2, 2])          # outer sums: [n,h,w]
    for r in range(2):
        torch.add(m[:, r, 0] * xs, m[:, r, 1] * ys + m[:, r, 2], out=grid[..., r])
        grid[..., r].div_(den)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


# ---- the whole degradation -----------------------------------------------------------------------------------

def _runs(keys: Sequence[int]) -> dict:
    """Sorted keys -> {key: (start, stop)} of each key's run."""
    out: dict = {}
    for i, k in enumerate(keys):
        out[k] = (out.get(k, (i, i))[0], i + 1)
    return out


def camera(squares: Tensor, share: float, gen: Optional[torch.Generator] = None, *, looks_on: bool = False,
           geometry: bool = False, objects: Optional[Sequence[Sequence[dict]]] = None,
           host_rng: Optional[np.random.Generator] = None) -> Tuple[Tensor, Optional[List[Sequence[dict]]]]:
    """uint8 [B,S,S,3] -> (uint8 [B,S,S,3] with `share` of the images, each independently, degraded; the objects
    each image shows). With `geometry`, `objects` (per image, as CaptionSet.scenes[i].objects) is required and
    the returned list holds warped copies for the warped images and the very same lists for the others (None
    when `objects` is None). Seeded generators give the same images and objects every time.

    Speed (a 2-core CPU trains the shipped model): the degraded images are processed sorted by (look, JPEG or
    not), so each look and each JPEG group is a slice changed in place, not a gathered copy; every degraded image
    goes through one grid_sample (the identity for those the geometry left alone) and one blur."""
    b = squares.shape[0]
    dev = squares.device
    out_objects = None if objects is None else list(objects)
    if geometry and objects is None:
        raise ValueError("camera geometry needs the images' objects to keep their ground truth")
    pick = torch.rand(b, generator=gen, device=dev) < share
    if not bool(pick.any()):
        return squares, out_objects
    idx = pick.nonzero().flatten()
    n = idx.numel()
    kind = torch.randint(0, 3, (n,), generator=gen, device=dev) if looks_on else torch.zeros(n, dtype=torch.long,
                                                                                               device=dev)
    jpeg = torch.rand(n, generator=gen, device=dev) < 0.5
    keys = (kind * 2 + (~jpeg).long()).tolist()       # look 0/1/2, JPEG first within each
    order = sorted(range(n), key=keys.__getitem__)
    keys = [keys[j] for j in order]
    idx = idx[torch.tensor(order, device=dev)]
    x = squares[idx].permute(0, 3, 1, 2).float().contiguous()             # [n,3,S,S], integer-valued
    looks = _runs([k // 2 for k in keys])
    for look, fn in ((1, screen_look), (2, printout_look)):
        if look in looks:
            fn(x[slice(*looks[look])], gen)                               # in place
    if geometry:
        if host_rng is None:
            host_rng = np.random.default_rng(int(torch.randint(0, 2 ** 62, (1,), generator=gen, device=dev)))
        rows = idx.tolist()
        warps = choose_warps([objects[r] for r in rows], squares.shape[1], host_rng)
        if any(h is not None for h in warps):
            x = warp_images(x, np.stack([np.eye(3) if h is None else h for h in warps]))
            for j, h in enumerate(warps):
                if h is not None:
                    out_objects[rows[j]] = warp_objects(objects[rows[j]], h)
    contrast = _uniform(n, 0.75, 1.25, gen, dev)[:, None, None, None]
    bright = _uniform(n, -25.0, 25.0, gen, dev)[:, None, None, None]
    gains = _uniform(n * 3, 0.9, 1.1, gen, dev).reshape(n, 3, 1, 1)
    x = torch.addcmul((128.0 * (1 - contrast) + bright) * gains, x, contrast * gains)  # ((x-128)c + 128 + b) g
    x = blur(x, _uniform(n, 0.0, BLUR_SIGMA, gen, dev))
    x = sensor_noise(x, _uniform(n, 0.0, 8.0, gen, dev), gen).clamp_(0, 255)
    quality = _uniform(n, 35.0, 95.0, gen, dev)
    if x.shape[-1] % 8 == 0 and x.shape[-2] % 8 == 0:
        for key, (lo, hi) in _runs(keys).items():
            if key % 2 == 0:                                              # the JPEG part of each look's run
                x[lo:hi] = jpeg_like(x[lo:hi], quality[lo:hi]).clamp_(0, 255)
    out = squares.clone()
    out[idx] = x.round_().to(torch.uint8).permute(0, 2, 3, 1)
    return out, out_objects


def degrade(squares: Tensor, share: float, gen: Optional[torch.Generator] = None) -> Tensor:
    """uint8 [B,S,S,3] -> uint8 [B,S,S,3] with `share` of the images (each independently) degraded photometrically
    (step 3 of the module docstring only: `camera_aug` without looks and geometry)."""
    return camera(squares, share, gen)[0]
