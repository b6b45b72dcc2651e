import glob
import os

from training.config import LEGACY_OFF, RunConfig, load_run_config, run_config_from_dict

CONFIGS = os.path.join(os.path.dirname(__file__), "..", "configs")


def test_defaults_are_world_v7():
    # A config that changes nothing is world_v7 (shipped as glance-world-v1 until 2026-12-07); world_v8,
    # world_v8b (glance-world-v2) and world_v8c (glance-world-v3) spell out what they change.
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


def test_camera_switches_are_off_unless_a_config_says_so():
    # old configs and checkpoints (no such keys) train exactly as before: photometric camera_aug alone, or nothing
    assert (RunConfig().train.camera_looks, RunConfig().train.camera_geometry) == (False, False)
    saved = run_config_from_dict({"name": "old", "model": {}, "train": {"camera_aug": 0.5}}, strict=False)
    assert (saved.train.camera_aug, saved.train.camera_looks, saved.train.camera_geometry) == (0.5, False, False)
    for name in ("world_v7", "world_v8_gpu"):
        t = load_run_config(os.path.join(CONFIGS, f"{name}.json")).train
        assert not (t.camera_looks or t.camera_geometry)
    for name in ("world_v8", "world_v8_gpu_cam"):
        t = load_run_config(os.path.join(CONFIGS, f"{name}.json")).train
        assert t.camera_aug == 0.5 and t.camera_looks and t.camera_geometry
        assert t.train_dir == "data/world_v8/train"


def test_world_v8_is_world_v7_with_the_camera_the_mixed_data_and_fewer_steps():
    v7 = load_run_config(os.path.join(CONFIGS, "world_v7.json"))
    v8 = load_run_config(os.path.join(CONFIGS, "world_v8.json"))
    assert v8.model == v7.model
    changed = {k for k, v in vars(v8.train).items() if getattr(v7.train, k) != v}
    assert changed == {"train_dir", "camera_aug", "camera_looks", "camera_geometry", "stage0_steps", "stage2_steps"}
    # Crowded captions and the camera make a step dearer: fewer steps keep the CPU run near 90 min (docs/training.md).
    assert (v8.train.stage0_steps, v8.train.stage1_steps, v8.train.stage2_steps) == (1500, 2800, 1300)
