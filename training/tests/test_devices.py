"""Every tensor a training step builds is on the batch's device (`--device cuda` once failed at the first stage-2
step: heat_maps joined a CPU tensor with the batch's CUDA tensor).

CI has no GPU, so the step runs on PyTorch's 'meta' device (shapes only, no data) under a dispatch mode that
raises when one operation gets tensors of two devices (0-dim CPU scalars excepted, as on CUDA). The meta device
alone would not catch it: torch.cat accepts a CPU and a meta tensor. Data-dependent reads (`if m.sum() > 0`)
answer "yes" on meta, the backward pass is not run (torch 1.13 has no meta convolution backward; autograd
keeps each gradient on its tensor's device anyway), and region selection, which reads the heat map on the host, is replaced by fixed windows.
"""
import random

import pytest
import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

import training.train as tr
from training.augment import degrade
from training.batches import EncodedSet, probe_classes, probe_labels, stage1_batch, stage2_batch
from training.data import CaptionSet
from training.model import GlanceModel
from training.preprocess import global_view
from training.probes import object_windows, token_labels, token_probe_loss
from training.steps import heat_maps
from training.tokenizer import WordTokenizer
from training.train import StepModule, to_device
from training.vocab import content_token_ids
from training.tests.helpers import tiny_run


class OneDevice(TorchDispatchMode):
    def __init__(self):
        super().__init__()
        self.ops = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        flat, _ = tree_flatten((args, kwargs))
        devices = {a.device.type for a in flat if isinstance(a, torch.Tensor) and a.dim() > 0}
        if len(devices) > 1:
            raise RuntimeError(f"{func} mixes devices {sorted(devices)}")
        self.ops += 1
        if func is torch.ops.aten._local_scalar_dense.default and args[0].device.type == "meta":
            return True if args[0].dtype == torch.bool else 1
        return func(*args, **kwargs)


def _setup(fake_data):
    run = tiny_run(str(fake_data / "train"))
    cs = CaptionSet(run.train.train_dir)
    tok = WordTokenizer.build(cs.all_captions())
    enc = EncodedSet(cs, tok, run.model.grid, 100)
    classes = probe_classes(cs)
    return run, cs, tok, enc, classes, cs.load_images(None)


def _meta_step_inputs(run, cs, enc, classes, images, model, idx):
    """A training step's inputs for scenes idx, built as train.py builds them, with the images on the meta device."""
    dev = torch.device("meta")
    rng = random.Random(0)
    objects = [cs.scenes[i].objects for i in idx]
    picks = [(i,) + enc.pick(rng, i, 0.5) for i in idx]
    s1 = to_device(stage1_batch(enc, picks[:3]), dev)
    s2 = to_device(stage2_batch(enc, picks, rng, []), dev)
    squares = torch.from_numpy(images[idx]).to(dev)

    def probe_fn(corners):
        return {a: v.to(dev) for a, v in probe_labels(objects, classes, corners, run.model.global_size).items()}

    def token_fn(feats, views, prefix):
        pos, labels = token_labels(objects, classes, views, run.model.grid)
        return token_probe_loss(model, feats, pos, labels, prefix)

    s1_corners = object_windows(objects, 1, run.model.global_size, run.model.image_size, 12, rng)
    return squares, global_view(squares, run.model.global_size), s1, s2, probe_fn, token_fn, s1_corners


def test_a_training_step_keeps_every_tensor_on_the_batch_device(fake_data, monkeypatch):
    run, cs, tok, enc, classes, images = _setup(fake_data)
    dev = torch.device("meta")
    model = GlanceModel(run.model, len(tok), {k: len(v) for k, v in classes.items()}).to(dev)
    step = StepModule(model, torch.tensor(content_token_ids(tok, cs.attribute_values()))).to(dev)
    k = run.model.regions_k
    monkeypatch.setattr(tr, "choose_regions", lambda heat, k_, *a: [[(0, 0), (64, 32), (192, 192)][:k_]
                                                                     for _ in range(heat.shape[0])])
    inputs = _meta_step_inputs(run, cs, enc, classes, images, model, list(range(6)))
    guard = OneDevice()
    with guard:
        losses = step(*inputs)
    assert k == 3 and guard.ops > 100
    assert set(losses) == {"caption", "saliency", "refine", "probe", "global_probe", "crop_probe"}
    assert all(v.device == dev for v in losses.values())


def test_the_guard_catches_the_old_heat_map_bug(fake_data):
    run, cs, tok, enc, classes, images = _setup(fake_data)
    model = GlanceModel(run.model, len(tok), {}).to("meta")
    emb = torch.zeros(2, run.model.grid ** 2, run.model.dec_dim, device="meta")
    initial = torch.ones(2, 5, dtype=torch.long, device="meta")
    with OneDevice():
        heat_maps(model, emb, [5, 4], initial, torch.tensor([7, 8], device="meta"),
                  initial_lengths=[5, 5])  # fixed: no error (lengths from the host, as a step passes them)
        with pytest.raises(RuntimeError, match="mixes devices"):
            torch.cat([torch.tensor([5, 4])[:, None], initial], dim=1)               # what it used to do


def test_degrade_keeps_dtype_device_and_the_clean_share():
    g = torch.Generator()
    g.manual_seed(0)
    sq = torch.randint(0, 256, (16, 64, 64, 3), dtype=torch.uint8, generator=g)
    out = degrade(sq, 0.5, g)
    assert out.dtype == torch.uint8 and out.shape == sq.shape
    same = [bool(torch.equal(a, b)) for a, b in zip(out, sq)]
    assert 2 <= sum(same) <= 14
    assert torch.equal(degrade(sq, 0.0, g), sq)
    flat = torch.full((2, 64, 64, 3), 100, dtype=torch.uint8)
    assert (degrade(flat, 1.0, g).float().mean() - 100).abs() < 40  # damage, not a different picture


def test_training_with_images_on_the_device_and_camera_damage(fake_data, tmp_path):
    # the GPU path (images gathered from one device tensor, degraded there), exercised on the CPU
    from training import checkpoint
    from training.train import train
    run = tiny_run(str(fake_data / "train"), stage1_steps=2, stage2_steps=2, images_on_device=True, camera_aug=0.5)
    _, _, _, state = checkpoint.load(train(run, str(tmp_path / "run")))
    assert state["stats"]["steps"] == 6 and state["stats"]["finished"]
    # and the camera-degraded evaluation of it: a fixed degradation per seed
    import json
    from training.evaluate import camera_degraded, main
    main(["--run", str(tmp_path / "run"), "--split", str(fake_data / "test"), "--threads", "1", "--camera-seed", "5",
          "--no-score"])
    f = json.load(open(tmp_path / "run" / "eval-captions.json"))
    assert f["kind"] == "glance-captions" and "seed 5" in f["notes"][-1]
    assert len(f["captions"]) == 12 and {c["id"] for c in f["captions"]} == set(range(6))
    images = CaptionSet(str(fake_data / "test")).load_images(None)
    a, b = camera_degraded(images, 5), camera_degraded(images, 5)
    assert (a == b).all() and (a != images).any() and a.dtype == images.dtype


def test_a_step_over_empty_and_crowded_scenes_with_fewer_regions_stays_on_the_device(mixed_data, monkeypatch):
    # an empty scene's "no objects." gives an all-zero heat map and one region: stage 2 then runs two groups
    run, cs, tok, enc, classes, images = _setup(mixed_data)
    dev = torch.device("meta")
    model = GlanceModel(run.model, len(tok), {k: len(v) for k, v in classes.items()}).to(dev)
    step = StepModule(model, torch.tensor(content_token_ids(tok, cs.attribute_values()))).to(dev)
    monkeypatch.setattr(tr, "choose_regions", lambda heat, k_, *a: [[(0, 0)]] + [[(0, 0), (64, 32), (192, 192)]]
                        * (heat.shape[0] - 1))
    idx = [0, 1, 3, 4, 5, 7]                                   # 0, 9, 8, 0, 7 and 9 objects
    assert [len(cs.scenes[i].objects) for i in idx] == [0, 9, 8, 0, 7, 9]
    inputs = _meta_step_inputs(run, cs, enc, classes, images, model, idx)
    with OneDevice():
        losses = step(*inputs)
    assert set(losses) == {"caption", "saliency", "refine", "probe", "global_probe", "crop_probe"}
    assert all(v.device == dev for v in losses.values())
