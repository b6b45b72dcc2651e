"""training.region_use on a tiny run: three finite refine losses on the same batch, and the objects counted."""
import math

from training.region_use import region_use
from training.train import train
from training.tests.helpers import tiny_run


def test_region_use_measures_the_same_batch_three_ways(fake_data, tmp_path):
    run = tiny_run(str(fake_data / "train"), stage1_steps=4, stage2_steps=2)
    train(run, str(tmp_path))
    r = region_use(str(tmp_path), str(fake_data / "test"), scenes=6)
    assert all(math.isfinite(r[k]) and r[k] > 0 for k in ("own", "shifted", "grey"))
    # Another scene's crops or grey ones change what pass 2 sees, so the losses differ from its own.
    assert r["shifted"] != r["own"] and r["grey"] != r["own"]
    assert 0 <= r["objects_in_regions"] <= r["objects"] and r["objects"] > 0
