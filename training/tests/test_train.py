import os
import random

import pytest
import torch

from training import checkpoint
from training.batches import EncodedSet, probe_classes, probe_labels, stage1_batch, stage2_batch
from training.data import CaptionSet
from training.model import GlanceModel
from training.preprocess import global_view
from training.probes import object_windows, token_labels, token_probe_loss
from training.tokenizer import WordTokenizer
from training.train import StepModule, lr_at, make_optimizer, train
from training.vocab import content_token_ids
from training.tests.helpers import tiny_run


def test_a_few_steps_lower_every_loss(fake_data):
    torch.manual_seed(0)
    run = tiny_run(str(fake_data / "train"))
    cs = CaptionSet(run.train.train_dir)
    tok = WordTokenizer.build(cs.all_captions())
    enc = EncodedSet(cs, tok, run.model.grid, 100)
    classes = probe_classes(cs)
    images = cs.load_images(None)
    model = GlanceModel(run.model, len(tok), {k: len(v) for k, v in classes.items()})
    step = StepModule(model, torch.tensor(content_token_ids(tok, cs.attribute_values())))
    opt = make_optimizer(model, run)
    rng = random.Random(0)
    idx = list(range(8))
    objects = [cs.scenes[i].objects for i in idx]
    picks = [(i,) + enc.pick(rng, i, 0.5) for i in idx]
    s1 = stage1_batch(enc, picks)
    s2 = stage2_batch(enc, picks, rng, [])
    squares = torch.from_numpy(images[idx])
    gview = global_view(squares, run.model.global_size)

    def probe_fn(corners):
        return probe_labels(objects, classes, corners, run.model.global_size)

    def token_fn(feats, views, prefix):
        pos, labels = token_labels(objects, classes, views, run.model.grid)
        return token_probe_loss(model, feats, pos, labels, prefix)

    s1_corners = object_windows(objects, 1, 64, 256, 12, rng)

    history = []
    for _ in range(25):
        losses = step(squares, gview, s1, s2, probe_fn, token_fn, s1_corners)
        history.append({k: float(v) for k, v in losses.items()})
        total = losses["caption"] + losses["refine"] + 0.5 * losses["saliency"] + 0.3 * losses["probe"] \
            + 0.5 * (losses["global_probe"] + losses["crop_probe"])
        opt.zero_grad()
        total.backward()
        opt.step()
    assert set(history[0]) == {"caption", "refine", "saliency", "probe", "global_probe", "crop_probe"}
    for k in history[0]:
        assert history[-1][k] < 0.8 * history[0][k], (k, history[0][k], history[-1][k])


def test_train_cli_writes_a_loadable_checkpoint(fake_data, tmp_path):
    run = tiny_run(str(fake_data / "train"), stage1_steps=3, stage2_steps=2, log_every=1)
    path = train(run, str(tmp_path / "run"))
    model, run2, tok, state = checkpoint.load(path)
    # tiny.json adds 2 stage-0 steps (stem and token probes only) before the 3 + 2
    assert state["stats"]["steps"] == 7 and state["stats"]["stage1_steps"] == 5
    assert state["stats"]["stage0_steps"] == 2
    assert run2.model == run.model and len(tok) == model.vocab_size
    assert set(state["max_new_tokens"]) == {"detailed", "short"}
    assert all(tok.inv[i] in {"small", "medium", "large", "red", "blue", "green", "yellow", "circle", "square",
                              "striped", "plain"} for i in state["content_ids"])
    log = open(os.path.join(tmp_path, "run", "log.txt")).read()
    assert "stage 1 from step 2" in log and "stage 2 from step 5" in log


def test_a_killed_run_resumes_where_it_stopped(fake_data, tmp_path, monkeypatch):
    import training.train as tr
    run = tiny_run(str(fake_data / "train"), stage1_steps=3, stage2_steps=2, log_every=1, checkpoint_every_min=0.0)
    real = tr.stage2_batch

    def die(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(tr, "stage2_batch", die)
    out = str(tmp_path / "run")
    try:
        train(run, out)
    except KeyboardInterrupt:
        pass
    state = torch.load(os.path.join(out, "checkpoint.pt"))
    assert state["stats"]["steps"] == 5 and not state["stats"]["finished"]
    monkeypatch.setattr(tr, "stage2_batch", real)
    path = train(run, out, resume=True)
    state = torch.load(path)
    assert state["stats"]["steps"] == 7 and state["stats"]["finished"] and state["stats"]["stage1_steps"] == 5
    assert "resumed from step 5" in open(os.path.join(out, "log.txt")).read()


def test_a_finished_run_extends_under_a_longer_schedule(fake_data, tmp_path):
    short = tiny_run(str(fake_data / "train"), stage1_steps=3, stage2_steps=2, log_every=1)
    first = train(short, str(tmp_path / "short"))
    longer = tiny_run(str(fake_data / "train"), stage1_steps=3, stage2_steps=4, log_every=1)
    out = str(tmp_path / "longer")
    path = train(longer, out, extend=first)
    state = torch.load(path)
    # tiny.json's 2 stage-0 steps, then 3 + 2 steps, then 2 more of stage 2 (stage 2 still began at step 5)
    assert state["stats"]["steps"] == 9 and state["stats"]["finished"] and state["stats"]["stage1_steps"] == 5
    log = open(os.path.join(out, "log.txt")).read()
    assert "resumed from step 7" in log and "extending" in log
    assert state["stats"]["extends"]["run"] == short.name and state["stats"]["extends"]["steps"] == 7
    assert torch.load(first)["stats"]["steps"] == 7  # the run it extended is left as it was
    with pytest.raises(ValueError, match="ends at 7"):
        train(short, str(tmp_path / "again"), extend=path)
    # extending the extension keeps the whole chain
    third = tiny_run(str(fake_data / "train"), stage1_steps=3, stage2_steps=5, log_every=1)
    third.name = "third"
    state = torch.load(train(third, str(tmp_path / "third"), extend=path))
    assert state["stats"]["extends"]["run"] == longer.name and state["stats"]["extends"]["steps"] == 9
    assert state["stats"]["extends"]["extends"]["run"] == short.name


def test_an_extension_warms_its_learning_rate_up_again_only_when_asked(fake_data):
    run = tiny_run(str(fake_data / "train"), stage1_steps=3, stage2_steps=10, warmup_steps=1)
    assert lr_at(run, 8, 0.0, rewarm_from=7) == lr_at(run, 8, 0.0)  # rewarm_steps 0: as before
    run.train.rewarm_steps = 4
    full = [lr_at(run, s, 0.0) for s in range(7, 13)]
    again = [lr_at(run, s, 0.0, rewarm_from=7) for s in range(7, 13)]
    assert again[:4] == pytest.approx([full[i] * (i + 1) / 4 for i in range(4)])
    assert again[4:] == pytest.approx(full[4:])
    assert lr_at(run, 8, 0.0) == lr_at(run, 8, 0.0, rewarm_from=None)  # a run that extends nothing
