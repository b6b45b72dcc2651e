"""Length buckets (training/buckets.py): the split, and that bucketed decoder calls give the losses, gradients and
heat maps of one padded call."""
import os
import random

import pytest
import torch

from training.batches import EncodedSet, PAD, probe_classes, probe_labels, stage1_batch, stage2_batch
from training.buckets import length_buckets, real_lengths
from training.config import load_run_config
from training.data import CaptionSet
from training.model import GlanceModel
from training.preprocess import global_view
from training.steps import heat_maps, stage1_losses, stage2_losses
from training.tokenizer import WordTokenizer
from training.vocab import content_token_ids

CONFIGS = os.path.join(os.path.dirname(__file__), "..", "configs")


def test_a_few_long_rows_get_their_own_bucket():
    lengths = [20] * 40 + [90] * 8
    groups = length_buckets(lengths, prefix=88)
    assert groups == [list(range(40)), list(range(40, 48))]
    # rows keep their batch order inside a bucket, whatever the order of the lengths
    shuffled = [90, 20, 20, 90] + [20] * 20
    groups = length_buckets(shuffled, prefix=88)
    assert groups == [[1, 2] + list(range(4, 24)), [0, 3]]


def test_no_split_when_it_saves_little_or_is_off():
    assert length_buckets([30, 31, 32, 33], prefix=88) == [[0, 1, 2, 3]]
    assert length_buckets([20] * 40 + [90] * 8, prefix=88, max_buckets=1) == [list(range(48))]
    assert length_buckets([5], prefix=88) == [[0]]
    with pytest.raises(ValueError, match="1 or 2"):
        length_buckets([10, 90], prefix=64, max_buckets=3)


def test_real_lengths_of_right_padded_rows():
    padded = torch.tensor([[5, 6, 7, PAD], [5, PAD, PAD, PAD], [5, 6, 7, 8]])
    assert real_lengths(padded, PAD) == [3, 1, 4]


def _setup(mixed_data):
    cs = CaptionSet(str(mixed_data / "train"))
    tok = WordTokenizer.build(cs.all_captions())
    enc = EncodedSet(cs, tok, 8, 100)
    run = load_run_config(os.path.join(CONFIGS, "tiny.json"))
    classes = probe_classes(cs)
    torch.manual_seed(0)
    model = GlanceModel(run.model, len(tok), {k: len(v) for k, v in classes.items()})
    # Detailed captions of crowded scenes beside short ones of empty and small scenes: lengths from 3 to ~90.
    by_count = {}
    for i, sc in enumerate(cs.scenes):
        by_count.setdefault(len(sc.objects), i)
    rows = [by_count[9], by_count[0], by_count[1], by_count[0], by_count[2], by_count[3], by_count[1], by_count[0]]
    styles = ["detailed"] + ["short"] * (len(rows) - 1)
    picks = [(i, s, enc.items[i][s][0]) for i, s in zip(rows, styles)]
    squares = torch.from_numpy(cs.load_images(None)[rows])
    return cs, tok, enc, run, classes, model, rows, picks, squares


def _counting_calls(model):
    """Counts the decoder's forward calls (so a test knows the buckets really split)."""
    calls = []
    model.decoder.register_forward_hook(lambda *_: calls.append(1))
    return calls


def _grads(model):
    return {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}


def _close(a, b):
    return set(a) == set(b) and all(torch.allclose(a[n], b[n], atol=1e-5, rtol=1e-4) for n in a)


def test_bucketed_stage1_losses_and_gradients_equal_one_padded_call(mixed_data):
    cs, tok, enc, run, classes, model, rows, picks, squares = _setup(mixed_data)
    batch = stage1_batch(enc, picks)
    assert batch.lengths == real_lengths(batch.text, PAD)  # recorded on the host as the padding reads them
    assert len(length_buckets(real_lengths(batch.text, PAD), 64, 4 * run.model.dec_dim)) == 2  # it does split
    results, calls = [], _counting_calls(model)
    for buckets in (1, 2):
        model.zero_grad()
        emb, _ = model.vision(global_view(squares, run.model.global_size))
        out = stage1_losses(model, emb, batch, max_buckets=buckets)
        (out["caption"] + out["saliency"]).backward()
        results.append(({k: v.detach() for k, v in out.items()}, _grads(model)))
    assert len(calls) == 1 + 2
    (one, g_one), (two, g_two) = results
    assert set(one) == {"caption", "saliency"} == set(two)
    for k in one:
        assert torch.allclose(one[k], two[k], atol=1e-5), k
    assert _close(g_one, g_two)


def test_bucketed_heat_maps_and_stage2_equal_one_padded_call(mixed_data):
    cs, tok, enc, run, classes, model, rows, picks, squares = _setup(mixed_data)
    batch = stage2_batch(enc, picks, random.Random(0), [])
    assert batch.text_lengths == real_lengths(batch.text, PAD)
    assert batch.initial_lengths == real_lengths(batch.initial, PAD)
    model.eval()
    emb, _ = model.vision(global_view(squares, run.model.global_size))
    content = torch.tensor(content_token_ids(tok, cs.attribute_values()))
    init_lengths = real_lengths(batch.initial, PAD)
    assert max(init_lengths) > 4 * min(init_lengths)
    calls = _counting_calls(model)
    heat_one = heat_maps(model, emb.detach(), batch.style_ids, batch.initial, content, max_buckets=1)
    heat_two = heat_maps(model, emb.detach(), batch.style_ids, batch.initial, content, max_buckets=2,
                         initial_lengths=batch.initial_lengths)
    assert len(calls) == 1 + 2
    assert torch.allclose(heat_one, heat_two, atol=1e-5)
    assert heat_two.abs().sum() > 0
    calls.clear()

    corners = [[(0, 0), (96, 96), (192, 192)]] * len(rows)
    corners[1] = [(0, 0)]  # one sample with a single region: groups by region count and by length together
    targets = probe_labels([cs.scenes[i].objects for i in rows], classes, corners, 64)
    results = []
    for buckets in (1, 2):
        model.zero_grad()
        emb, _ = model.vision(global_view(squares, run.model.global_size))
        out = stage2_losses(model, emb, squares, batch, corners, targets, max_buckets=buckets)
        (out["refine"] + out["probe"]).backward()
        results.append(({k: v.detach() for k, v in out.items()}, _grads(model)))
    assert len(calls) == 2 + 3  # by region count (1 and 3 regions), then the 3-region rows by length
    (one, g_one), (two, g_two) = results
    for k in one:
        assert torch.allclose(one[k], two[k], atol=1e-5), k
    assert _close(g_one, g_two)
