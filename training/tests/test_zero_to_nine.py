"""Scenes of 0 and 7-9 objects (the world's --empty-share / --crowded-share mix) through every stage: encoding,
stage-1 batches and saliency targets, probes and their labels, region selection and stage 2, a tiny run of all
three stages with the camera augmentation, and evaluation."""
import json
import os
import random

import numpy as np
import pytest
import torch

from training import checkpoint
from training.batches import IGNORE, EncodedSet, probe_classes, probe_labels, stage1_batch, stage2_batch
from training.config import load_run_config
from training.data import CaptionSet
from training.model import GlanceModel
from training.preprocess import global_view
from training.probes import object_windows, token_labels
from training.steps import stage2_losses
from training.tests.fake_world import detailed
from training.tests.helpers import tiny_run
from training.tokenizer import EOS, WordTokenizer, pre_tokenize

CONFIGS = os.path.join(os.path.dirname(__file__), "..", "configs")


@pytest.fixture(scope="module")
def mixed(mixed_data):
    cs = CaptionSet(str(mixed_data / "train"))
    tok = WordTokenizer.build(cs.all_captions())
    return cs, tok, EncodedSet(cs, tok, 8, 100)


def _by_count(cs, n):
    return next(i for i, sc in enumerate(cs.scenes) if len(sc.objects) == n)


def test_empty_and_crowded_scenes_are_encoded(mixed):
    cs, tok, enc = mixed
    assert {"no", "seven", "eight", "nine"} <= set(tok.vocab)   # the vocabulary comes from the training captions
    empty, nine = _by_count(cs, 0), _by_count(cs, 9)
    assert cs.scenes[empty].captions == {"detailed": ["no objects."], "short": ["no objects."]}
    assert enc.footprints[empty].shape == (0, 64)
    for style in ("detailed", "short"):
        (c,) = enc.items[empty][style]
        assert tok.decode(c.ids) == "no objects." and c.phrases == []
        assert any(p != c.ids for p in c.perturbed)              # an added object: "one object: ..."
    (d,) = enc.items[nine]["detailed"]
    assert tok.decode(d.ids).startswith("nine objects:") and [o for _, _, o in d.phrases] == list(range(9))
    (s,) = enc.items[nine]["short"]
    assert tok.decode(s.ids).endswith("and seven other objects.") and len(s.phrases) == 2
    # stage 1: the empty scene's caption is learnt, with no saliency target; the crowded one's 9 phrases are
    b = stage1_batch(enc, [(empty, "detailed", enc.items[empty]["detailed"][0]), (nine, "detailed", d)])
    assert b.labels[0, :4].tolist() == tok.encode("no objects.") + [EOS]
    assert b.sal_mask[0].sum() == 0 and b.sal_target[0].sum() == 0
    assert b.sal_mask[1].sum() == sum(e - s for s, e, _ in d.phrases)
    assert np.allclose(b.sal_target[1].sum(-1)[b.sal_mask[1] > 0], 1.0)


def test_labels_of_empty_and_crowded_scenes(mixed):
    cs, _, _ = mixed
    classes = probe_classes(cs)
    empty, nine = _by_count(cs, 0), _by_count(cs, 9)
    objects = [cs.scenes[empty].objects, cs.scenes[nine].objects]
    none = classes["shape"].index("<none>")
    # region probe: every region of an empty scene is "none"
    labels = probe_labels(objects, classes, [[(0, 0), (96, 96)], [(0, 0)]], 64)
    assert labels["shape"][:2].tolist() == [none, none] and (labels["colour"][:2] == IGNORE).all()
    assert labels["shape"][2] != none
    # token probes: the global view of 9 objects labels 9 tokens; an empty view its centre token "<none>" only
    pos, lab = token_labels(objects, classes, [(0, 0, 0, 256), (1, 0, 0, 256), (0, 96, 32, 64)], 8)
    assert pos.tolist().count(36) >= 1 and len(pos) == 1 + 9 + 1
    assert pos[0] == 36 and pos[-1] == 2 * 64 + 36
    assert lab["shape"][0] == none and lab["shape"][-1] == none and lab["colour"][0] == IGNORE
    assert (lab["shape"][1:10] != none).all()
    # stage-1 crops: an empty scene's windows are background crops at random places inside the frame
    wins = object_windows([[]] * 20 + [cs.scenes[nine].objects], 2, 64, 256, 12, random.Random(0))
    assert all(0 <= x <= 192 and 0 <= y <= 192 for w in wins for x, y in w)
    assert len({c for w in wins[:20] for c in w}) > 20
    assert all(any(x <= o["cx"] < x + 64 and y <= o["cy"] < y + 64 for o in cs.scenes[nine].objects)
               for x, y in wins[-1])


def test_stage2_with_fewer_regions_is_each_group_as_inference_runs_it(mixed):
    # C = "no objects." has no content word: an all-zero heat map, one region (docs/model-format.md step 6);
    # the sample is trained with that one region, as inference runs it, beside samples with k regions
    cs, tok, enc = mixed
    torch.manual_seed(0)
    run = load_run_config(os.path.join(CONFIGS, "tiny.json"))
    classes = probe_classes(cs)
    model = GlanceModel(run.model, len(tok), {k: len(v) for k, v in classes.items()}).eval()
    rows = [_by_count(cs, 9), _by_count(cs, 0), 2, 3]
    rng = random.Random(0)
    picks = [(i, "detailed", enc.items[i]["detailed"][0]) for i in rows]
    batch = stage2_batch(enc, picks, rng, [])
    squares = torch.from_numpy(cs.load_images(None)[rows])
    emb, _ = model.vision(global_view(squares, run.model.global_size))
    corners = [[(0, 0), (96, 96), (192, 192)], [(0, 0)], [(32, 0), (96, 96), (192, 0)], [(0, 192), (64, 64), (0, 0)]]
    objects = [cs.scenes[i].objects for i in rows]
    targets = probe_labels(objects, classes, corners, 64)
    with torch.no_grad():
        mixed_out = stage2_losses(model, emb, squares, batch, corners, targets)

        def part(sub):
            b = type(batch)([batch.style_ids[r] for r in sub], batch.initial[sub], batch.initial_mask[sub],
                            batch.text[sub], batch.labels[sub])
            t = probe_labels([objects[r] for r in sub], classes, [corners[r] for r in sub], 64)
            n = int((batch.labels[sub] != IGNORE).sum())
            return stage2_losses(model, emb[sub], squares[sub], b, [corners[r] for r in sub], t), n

        (full, n_full), (one, n_one) = part([0, 2, 3]), part([1])
    expect = (full["refine"] * n_full + one["refine"] * n_one) / (n_full + n_one)
    assert torch.allclose(mixed_out["refine"], expect, atol=1e-5)
    assert torch.isfinite(mixed_out["probe"])


def test_the_longest_caption_fits_the_positions():
    # nine objects, each with a pattern and a four-word position phrase: 3 + 9 * 9 + 8 separators + "." = 93
    objs = [{"size": "large", "colour": "yellow", "pattern": "striped", "shape": "square",
             "phrase": "in the bottom right"}] * 9
    n = len(pre_tokenize(detailed(objs)))
    assert n == 93
    for name in ("world_v7.json", "world_v8.json", "world_v8_gpu.json", "world_v8_gpu_cam.json"):
        run = load_run_config(os.path.join(CONFIGS, name))
        m, t = run.model, run.train
        assert t.max_caption_tokens >= n
        regions = m.regions_k * m.tokens_per_region
        # training, stage 2: [E_img][regions][<refine>] C [<task>] caption (C at most max_caption_tokens)
        assert m.grid ** 2 + regions + 1 + t.max_caption_tokens + 1 + n <= m.max_positions
        # inference: both passes may write max_new_tokens = longest + 8 (train.max_new_tokens)
        assert m.grid ** 2 + regions + 1 + (n + 8) + 1 + (n + 8) <= m.max_positions


def test_every_stage_runs_on_empty_and_crowded_scenes_with_the_camera(mixed_data, tmp_path):
    from training.evaluate import camera_degraded, main
    from training.train import train
    run = tiny_run(str(mixed_data / "train"), stage0_steps=2, stage1_steps=3, stage2_steps=3, camera_aug=1.0,
                   camera_looks=True, camera_geometry=True, log_every=1)
    model, _, tok, state = checkpoint.load(train(run, str(tmp_path / "run")))
    assert state["stats"]["steps"] == 8 and state["stats"]["finished"]
    assert state["max_new_tokens"]["detailed"] >= len(tok.encode(max(
        CaptionSet(str(mixed_data / "train")).all_captions(), key=lambda c: len(pre_tokenize(c))))) + 8
    log = open(tmp_path / "run" / "log.txt").read()
    assert "refine" in log and "nan" not in log
    main(["--run", str(tmp_path / "run"), "--split", str(mixed_data / "test"), "--threads", "1", "--no-score",
          "--camera-seed", "3", "--camera-looks", "--camera-geometry"])
    f = json.load(open(tmp_path / "run" / "eval-captions.json"))
    assert len(f["captions"]) == 12 and {c["id"] for c in f["captions"]} == set(range(6))
    assert "looks, geometry" in f["notes"][-1]
    test = CaptionSet(str(mixed_data / "test"))
    images = test.load_images(None)
    a = camera_degraded(images, 3, looks=True, objects=[sc.objects for sc in test.scenes])
    assert (a == camera_degraded(images, 3, looks=True, objects=[sc.objects for sc in test.scenes])).all()
    assert (a != images).any()

