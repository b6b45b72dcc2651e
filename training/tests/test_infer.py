import numpy as np
import pytest
import torch

from training import checkpoint
from training.data import CaptionSet
from training.infer import captioner_from_checkpoint
from training.train import train
from training.tests.helpers import tiny_run


@pytest.fixture(scope="module")
def trained(fake_data, tmp_path_factory):
    run = tiny_run(str(fake_data / "train"), stage1_steps=4, stage2_steps=2)
    path = train(run, str(tmp_path_factory.mktemp("run")))
    return checkpoint.load(path)


def test_kv_cache_steps_equal_one_full_forward(trained):
    model = trained[0]
    torch.manual_seed(0)
    x = torch.randn(2, 11, model.cfg.dec_dim)
    with torch.no_grad():
        full_logits, _, full_sal = model.decoder(x)
        logits, past, sal = model.decoder(x[:, :7])
        for j in range(7, 11):
            step_logits, past, step_sal = model.decoder(x[:, j:j + 1], torch.ones(2, j + 1, dtype=torch.long), past)
            assert torch.allclose(step_logits[:, 0], full_logits[:, j], atol=1e-5)
            assert torch.allclose(step_sal[:, 0], full_sal[:, j, :j + 1], atol=1e-6)
    assert torch.allclose(logits, full_logits[:, :7], atol=1e-5)
    assert torch.allclose(sal.sum(-1), torch.ones(2, 7))


def test_masked_keys_get_no_attention(trained):
    model = trained[0]
    x = torch.randn(1, 5, model.cfg.dec_dim)
    mask = torch.tensor([[1, 0, 1, 1, 1]])
    with torch.no_grad():
        _, _, sal = model.decoder(x, mask)
    assert torch.all(sal[0, :, 1] < 1e-6)


def test_batched_captioning_equals_one_by_one(trained, fake_data):
    model, _, tok, state = trained
    cap = captioner_from_checkpoint(state, model, tok, {"detailed": 12, "short": 6})
    cs = CaptionSet(str(fake_data / "test"))
    images = cs.load_images(None)
    many = cap.caption_many(images[:4], "detailed")
    for sq, r in zip(images[:4], many):
        one = cap.caption_one(sq, "detailed")
        assert one.coarse_ids == r.coarse_ids and one.refined_ids == r.refined_ids
        assert one.corners == r.corners and np.allclose(one.heat, r.heat, atol=1e-5)
        assert 1 <= len(r.corners) <= model.cfg.regions_k
        assert len(r.coarse_ids) <= 12 and len(r.refined_ids) <= 12
        assert all(0 <= x0 <= 192 and 0 <= y0 <= 192 for x0, y0 in r.corners)
