import random

import numpy as np
import pytest

from training.batches import IGNORE, EncodedSet, probe_classes, probe_labels, stage1_batch, stage2_batch
from training.data import CaptionSet
from training.phrases import footprint, phrase_objects, phrase_spans
from training.tokenizer import DETAILED, EOS, PAD, REFINE, SHORT, WordTokenizer, pre_tokenize


@pytest.fixture(scope="module")
def enc(fake_data):
    cs = CaptionSet(str(fake_data / "train"))
    tok = WordTokenizer.build(cs.all_captions())
    return EncodedSet(cs, tok, 8, 100)


def test_phrase_spans_follow_the_grammar():
    words = pre_tokenize("three objects: a small red dotted cross at the top, a large green square on the left "
                         "and a medium black hexagon in the bottom right.")
    spans = phrase_spans(words)
    assert [" ".join(words[s:e]) for s, e in spans] == [
        "a small red dotted cross at the top", "a large green square on the left",
        "a medium black hexagon in the bottom right"]
    short = pre_tokenize("a large red star, a medium blue circle and three other objects.")
    assert [" ".join(short[s:e]) for s, e in phrase_spans(short)] == ["a large red star", "a medium blue circle"]


def test_short_caption_phrases_map_to_the_most_prominent_objects():
    objs = [{"shape": "circle", "colour": "red", "size": "small"}, {"shape": "star", "colour": "blue", "size": "large"}]
    words = pre_tokenize("a large blue star and a small red circle.")
    assert [o for _, _, o in phrase_objects(words, "short", objs)] == [1, 0]
    assert phrase_objects(pre_tokenize("a large green star and a small red circle."), "short", objs) == []


def test_footprint_splits_area_between_cells():
    fp = footprint([16, 0, 32, 16], 8, 256).reshape(8, 8)  # half in cell (0,0), half in (0,1)
    assert np.isclose(fp[0, 0], 0.5) and np.isclose(fp[0, 1], 0.5) and np.isclose(fp.sum(), 1.0)


def test_stage1_batch_aligns_labels_and_saliency_targets(enc):
    rng = random.Random(0)
    picks = [(i,) + enc.pick(rng, i, 0.5) for i in range(6)]
    b = stage1_batch(enc, picks)
    for row, (i, style, c) in enumerate(picks):
        n = len(c.ids)
        assert b.text[row, 0] == (DETAILED if style == "detailed" else SHORT)
        assert b.text[row, 1:n + 1].tolist() == c.ids and (b.text[row, n + 1:] == PAD).all()
        assert b.labels[row, :n + 1].tolist() == c.ids + [EOS] and (b.labels[row, n + 1:] == IGNORE).all()
        # every supervised position's input token lies in a phrase that names the object of the footprint
        for s, e, ob in c.phrases:
            assert b.sal_mask[row, s + 1:e + 1].all()
            assert np.allclose(b.sal_target[row, s + 1].numpy(), enc.footprints[i][ob])
            assert enc.tok.inv[int(b.text[row, s + 1])] == "a"
        assert b.sal_mask[row].sum() == sum(e - s for s, e, _ in c.phrases)


def test_stage2_batch_is_refine_initial_task_target_with_loss_on_target_only(enc):
    rng = random.Random(1)
    picks = [(i,) + enc.pick(rng, i, 1.0) for i in range(8)]
    b = stage2_batch(enc, picks, rng, [])
    edited = 0
    for row, (i, style, c) in enumerate(picks):
        init = [t for t in b.initial[row].tolist() if t != PAD]
        assert init in c.perturbed
        edited += init != c.ids
        text = b.text[row].tolist()
        expect = [REFINE] + init + [DETAILED] + c.ids
        assert text[:len(expect)] == expect and all(t == PAD for t in text[len(expect):])
        labels = b.labels[row].tolist()
        assert all(x == IGNORE for x in labels[:len(init) + 1])
        assert labels[len(init) + 1:len(expect)] == c.ids + [EOS]
        assert all(x == IGNORE for x in labels[len(expect):])
        assert b.initial_mask[row].sum() == len(init)
    assert 0 < edited < len(picks)  # the fake world's perturbations: one unedited, two with a colour edit


def test_probe_labels_name_the_object_in_the_window(enc):
    cs = enc.cs
    classes = probe_classes(cs)
    ob = cs.scenes[0].objects[0]
    x0 = int(min(max(ob["cx"] - 32, 0), 192))
    y0 = int(min(max(ob["cy"] - 32, 0), 192))
    empty = (0, 0) if ob["cx"] > 80 or ob["cy"] > 80 else (192, 192)
    labels = probe_labels([cs.scenes[0].objects], classes, [[(x0, y0), empty]], 64)
    assert classes["shape"][labels["shape"][0]] == ob["shape"]
    assert classes["colour"][labels["colour"][0]] == ob["colour"]
    if not any(empty[0] <= o["cx"] < empty[0] + 64 and empty[1] <= o["cy"] < empty[1] + 64
               for o in cs.scenes[0].objects):
        assert classes["shape"][labels["shape"][1]] == "<none>" and labels["colour"][1] == IGNORE


def test_blur_details_redraws_only_the_chosen_sizes_shape_and_pattern():
    import random as _random
    from training.batches import DetailNoise, blur_details
    words = ("two objects : a small red dotted cross at the top and a large green square on the left .").split()
    vocab = {w: i for i, w in enumerate(dict.fromkeys(words + ["star", "heart", "striped"]))}
    ids = [vocab[w] for w in words]
    phrases = [(3, 11, 0), (12, 19, 1)]
    objects = [{"size": "small"}, {"size": "large"}]
    shapes = [vocab[w] for w in ("cross", "square", "star", "heart")]
    noise = DetailNoise(1.0, {"small": 1.0}, shapes, [vocab["dotted"], vocab["striped"]])
    inv = {i: w for w, i in vocab.items()}
    seen_patterns, seen_shapes = set(), set()
    for seed in range(200):
        out = [inv[i] for i in blur_details(ids, phrases, objects, noise, _random.Random(seed))]
        small, rest = out[3:-9], out[-9:]
        assert rest == words[-9:]                       # the large object's phrase is untouched
        assert small[:3] == ["a", "small", "red"] and small[-3:] == ["at", "the", "top"]
        middle = small[3:-3]                            # [pattern] shape
        assert len(middle) in (1, 2) and middle[-1] in ("cross", "square", "star", "heart")
        seen_shapes.add(middle[-1])
        seen_patterns.add(middle[0] if len(middle) == 2 else "plain")
    assert seen_shapes == {"cross", "square", "star", "heart"}
    assert seen_patterns == {"plain", "dotted", "striped"}
    # probability 0 for a size: nothing changes
    quiet = DetailNoise(1.0, {"medium": 1.0}, shapes, [vocab["dotted"]])
    assert blur_details(ids, phrases, objects, quiet, _random.Random(0)) == ids
