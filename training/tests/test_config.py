import glob
import os

from training.config import LEGACY_OFF, RunConfig, load_run_config, run_config_from_dict

CONFIGS = os.path.join(os.path.dirname(__file__), "..", "configs")


def test_defaults_are_the_shipped_run():
    # public/models/glance-world-v1 holds world_v7: a config that changes nothing is that run.
    assert load_run_config(os.path.join(CONFIGS, "world_v7.json")) == RunConfig(name="world_v7")


def test_every_config_file_loads():
    paths = sorted(glob.glob(os.path.join(CONFIGS, "*.json")))
    assert len(paths) >= 2
    for path in paths:
        load_run_config(path)


def test_older_configs_keep_the_switches_they_were_written_without():
    v1 = load_run_config(os.path.join(CONFIGS, "world_v1.json"))
    assert {k: getattr(v1.model, k) for k in LEGACY_OFF} == LEGACY_OFF
    assert (v1.train.stage0_steps, v1.train.stage1_crops, v1.train.token_probe_weight) == (0, 0, 0.5)


def test_a_checkpoint_saved_before_a_switch_existed_has_it_off():
    old = run_config_from_dict({"name": "old", "model": {"vision_dim": 64}, "train": {}}, strict=False)
    assert {k: getattr(old.model, k) for k in LEGACY_OFF} == LEGACY_OFF
    assert old.model.vision_dim == 64
    saved = run_config_from_dict(RunConfig(name="new").to_dict(), strict=False)
    assert saved == RunConfig(name="new")
