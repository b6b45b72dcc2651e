"""Typed run configuration: one JSON file per run in training/configs/ (see docs/training.md)."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional


# The defaults are the shipped model's run, configs/world_v7.json (training/tests/test_config.py checks it), so
# a config file lists only what it changes. Older configs spell out the earlier defaults they were written
# against, and a checkpoint saved before a switch existed was trained without it (LEGACY_OFF).


@dataclass
class ModelConfig:
    """Architecture; mirrors the bundle's config.json (docs/model-format.md)."""
    image_size: int = 256          # the model square
    global_size: int = 64          # global view side (box-downsampled); also the region window
    patch_size: int = 8
    vision_dim: int = 128
    vision_layers: int = 4
    vision_heads: int = 4
    conv_stem: int = 32            # >0: a 3x3 stride-2 conv of this width before the patch projection
    feature_layers: List[int] = field(default_factory=lambda: [0, 2, 4])  # 0 = patch embeddings, i = block i
    dec_dim: int = 128
    dec_layers: int = 4
    dec_heads: int = 4
    max_positions: int = 320
    mlp_ratio: int = 4
    regions_k: int = 6
    nms_radius: int = 1
    tokens_per_region: int = 4
    connector_layers: int = 1
    saliency_layer: int = 2        # 0-based decoder layer whose attention is the saliency
    saliency_heads: List[int] = field(default_factory=lambda: [0])
    dropout: float = 0.0
    token_probes: bool = True      # training-only attribute heads on vision tokens (training/probes.py)
    zero_init: bool = True         # vision blocks start as the identity (layers.Block)
    multi_feature: bool = True     # projector and token probes read all feature_layers (0 = patch embeddings)

    @property
    def grid(self) -> int:
        return self.global_size // self.patch_size

    @property
    def region_feature_size(self) -> int:
        return self.vision_dim * len(self.feature_layers)


@dataclass
class TrainConfig:
    """Data, schedule and losses of one run."""
    train_dir: str = "data/world/train"
    val_dir: str = "data/world/val"
    test_dir: str = "data/world/test"
    max_train_images: Optional[int] = None
    batch_size: int = 48
    stage0_steps: int = 2000       # vision pretraining: token probes only (global view + object crops), no decoder
    stage0_batch: int = 48
    stage0_crops: int = 2
    stage0_lr: float = 3e-3
    stage1_steps: int = 2800       # coarse captioning + saliency loss
    stage2_steps: int = 1700       # refinement, mixed with stage-1 batches
    time_budget_min: Optional[float] = None  # if set, the schedule follows elapsed time instead of steps
    stage1_fraction: float = 0.25  # share of the time budget spent in stage 1 (time-based schedule)
    lr: float = 1e-3
    min_lr_ratio: float = 0.05
    warmup_steps: int = 100
    rewarm_steps: int = 0          # an extension (--extend) warms its learning rate up again over this many steps:
                                   # needed when the checkpoint's optimizer moments are empty (training.from_bundle)
    weight_decay: float = 0.05
    grad_clip: float = 1.0
    detailed_prob: float = 0.75    # share of samples captioned in the detailed style
    stage1_mix: float = 0.5        # share of a stage-2 step's images that also train pass 1 (no forgetting)
    detail_noise_share: float = 0.0  # share of stage-2 samples whose C guesses shapes/patterns (batches.DetailNoise)
    detail_noise_by_size: Dict[str, float] = field(default_factory=dict)  # e.g. {"small": 0.9, "medium": 0.3}
    max_caption_tokens: int = 100  # longer captions are cut (COCO-style data)
    amp_bf16: bool = True          # bfloat16 autocast: ~2.5x faster on AVX-512 CPUs and on GPUs
    saliency_weight: float = 0.5
    region_aux_weight: float = 0.3
    token_probe_weight: float = 1.0  # token probes on the global view and on crops (needs model.token_probes)
    stage1_crops: int = 1          # crops per image near objects in stage 1, for the crop token probe
    stage1_crop_jitter: int = 12   # pixels the window centre may sit off the object's centre
    threads: int = 2
    seed: int = 1
    log_every: int = 20
    checkpoint_every_min: float = 5.0  # also save checkpoint.pt this often (a stopped run leaves a model)
    cache_dir: Optional[str] = "training/runs/cache"  # null: decode into memory, no .npy cache
    load_workers: int = 2          # threads decoding the images (PIL releases the GIL while decoding)
    images_on_device: Optional[bool] = None  # keep all decoded images on the training device (null: on a GPU)
    camera_aug: float = 0.0        # share of training images given a camera-like degradation (training/augment.py)
    camera_looks: bool = False     # of those, a third look like a screen and a third like a printout
    camera_geometry: bool = False  # and each is warped (perspective, zoom, roll), its boxes and centres with it


@dataclass
class RunConfig:
    name: str = "run"
    model: ModelConfig = field(default_factory=ModelConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)


def _fill(cls: Any, values: Dict[str, Any], strict: bool) -> Any:
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - known
    if unknown and strict:
        raise ValueError(f"unknown {cls.__name__} keys: {sorted(unknown)}")
    return cls(**{k: v for k, v in values.items() if k in known})


# Model switches added after the first runs, and their value in a checkpoint saved before they existed.
LEGACY_OFF: Dict[str, Any] = {"conv_stem": 0, "token_probes": False, "zero_init": False, "multi_feature": False}


def run_config_from_dict(d: Dict[str, Any], strict: bool = True) -> RunConfig:
    """strict: config files must not carry unknown keys (typos); checkpoints of older code may, and a switch
    missing from a checkpoint is off (LEGACY_OFF), not the default."""
    model = d.get("model", {}) if strict else {**LEGACY_OFF, **d.get("model", {})}
    return RunConfig(name=d.get("name", "run"), model=_fill(ModelConfig, model, strict),
                     train=_fill(TrainConfig, d.get("train", {}), strict))


def load_run_config(path: str) -> RunConfig:
    with open(path) as f:
        return run_config_from_dict(json.load(f))
