"""The camera augmentation (training/augment.py): the looks, the geometry and its ground truth."""
import random

import numpy as np
import torch

from training.augment import (camera, choose_warps, degrade, draw_warps, map_points, square_to_quad, warp_images,
                              warp_objects)
from training.data import CaptionSet
from training.tests.fake_world import make_scene


def _gen(seed):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def test_square_to_quad_maps_the_corners():
    unit = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=np.float64)
    assert np.allclose(square_to_quad(unit), np.eye(3))
    quad = np.array([[0.02, -0.01], [1.03, 0.01], [0.97, 1.02], [-0.01, 0.99]])
    assert np.allclose(map_points(square_to_quad(quad), unit), quad)
    hs = draw_warps(np.random.default_rng(0), (50,), np.ones(50), 256)
    centre = map_points(hs, np.full((50, 1, 2), 128.0))[:, 0]
    assert np.abs(centre - 128).max() < 0.03 * 256 * 1.5     # about the centre: zoom and roll leave it, shifts move it
    far = map_points(hs, np.zeros((50, 1, 2)))[:, 0]
    assert 2 < np.abs(far).max() < 0.05 * 128 + 128 * np.sin(np.deg2rad(4)) * 1.5 + 0.03 * 256 + 1


def test_the_warp_moves_pixels_where_it_moves_the_boxes():
    size = 256
    img = torch.zeros(1, 3, size, size)
    img[:, :, 60:72, 180:192] = 255.0                          # a 12 px square: box [180, 60, 12, 12]
    ob = {"cx": 186.0, "cy": 66.0, "bbox": [180, 60, 12, 12]}
    for seed in range(5):
        h = draw_warps(np.random.default_rng(seed), (1,), np.ones(1), size)[0]
        out = warp_images(img, h[None])[0, 0]
        (moved,) = warp_objects([ob], h)
        ys, xs = torch.nonzero(out > 127, as_tuple=True)
        w = out[out > 127]
        cx, cy = float((xs.float() + 0.5) @ w / w.sum()), float((ys.float() + 0.5) @ w / w.sum())
        assert abs(cx - moved["cx"]) < 0.4 and abs(cy - moved["cy"]) < 0.4
        x, y, bw, bh = moved["bbox"]
        assert x - 1 <= xs.min() and xs.max() + 1 <= x + bw + 1 and y - 1 <= ys.min() and ys.max() + 1 <= y + bh + 1
        assert abs(bw - 12) < 2 and abs(bh - 12) < 2


def test_chosen_warps_keep_cells_order_and_frame():
    rng = random.Random(0)
    scenes = [make_scene(rng, 256, n) for n in [0, 1, 3, 6, 9] * 40]
    warps = choose_warps(scenes, 256, np.random.default_rng(0))
    assert sum(h is not None for h in warps) > 0.8 * len(warps)
    assert all(h is not None for h, objs in zip(warps, scenes) if not objs)
    for h, objs in zip(warps, scenes):
        if h is None:
            continue
        moved = warp_objects(objs, h)
        for a, b in zip(objs, moved):
            assert (int(a["cx"] // (256 / 3)), int(a["cy"] // (256 / 3))) == (int(b["cx"] // (256 / 3)),
                                                                             int(b["cy"] // (256 / 3)))
            x, y, w, hh = b["bbox"]
            assert x >= 1 and y >= 1 and x + w <= 255 and y + hh <= 255
            assert (b["shape"], b["position"]) == (a["shape"], a["position"])
    # an object right at a border (1 px off) can only be warped by the identity or by a warp keeping it inside
    tight = [[{"cx": 256 / 3 - 1, "cy": 40.0, "bbox": [256 / 3 - 8, 33, 14, 14]}]] * 50
    for h in choose_warps(tight, 256, np.random.default_rng(1)):
        if h is not None:
            assert map_points(h, np.array([[256 / 3 - 1, 40.0]]))[0, 0] < 256 / 3


def test_camera_without_looks_and_geometry_is_the_old_degrade():
    sq = torch.randint(0, 256, (8, 64, 64, 3), dtype=torch.uint8, generator=_gen(0))
    a, objs = camera(sq, 0.5, _gen(1), objects=[[]] * 8)
    assert torch.equal(a, degrade(sq, 0.5, _gen(1))) and objs == [[]] * 8


def test_camera_returns_the_objects_each_image_shows(fake_data):
    cs = CaptionSet(str(fake_data / "train"))
    images = torch.from_numpy(cs.load_images(None)[:12])
    objects = [cs.scenes[i].objects for i in range(12)]
    out, shown = camera(images, 1.0, _gen(0), looks_on=True, geometry=True, objects=objects,
                        host_rng=np.random.default_rng(0))
    again, shown2 = camera(images, 1.0, _gen(0), looks_on=True, geometry=True, objects=objects,
                           host_rng=np.random.default_rng(0))
    assert torch.equal(out, again) and shown == shown2                            # seeded: reproducible
    assert out.dtype == torch.uint8 and out.shape == images.shape
    warped = [r for r in range(12) if shown[r] is not objects[r]]
    assert len(warped) >= 8
    for r in warped:
        assert [o["position"] for o in shown[r]] == [o["position"] for o in objects[r]]
        assert any(abs(a["cx"] - b["cx"]) + abs(a["cy"] - b["cy"]) > 0.01 for a, b in zip(shown[r], objects[r]))
    # damage, not a different picture
    assert (out.float() - images.float()).abs().mean() < 40


def test_the_looks_are_moderate():
    from training.augment import printout_look, screen_look
    flat = torch.full((16, 3, 64, 64), 128.0)
    for fn in (screen_look, printout_look):
        y = fn(flat.clone(), _gen(2))
        assert y.shape == flat.shape and (y - 128).abs().mean() < 30 and (y != 128).flatten(1).any(1).all()
    # a screen shows its subpixel columns: the channels' column profiles differ with period 3
    y = screen_look(torch.full((1, 3, 64, 63), 200.0), _gen(3))[0].mean(1)         # [3,W]
    assert (y[:, 0::3].mean(1) - y[:, 1::3].mean(1)).abs().max() > 2
