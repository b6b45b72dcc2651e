"""Saving and loading a trained run: weights, run config, vocabulary and the settings export needs."""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

import torch
from torch import Tensor

from .config import RunConfig, run_config_from_dict
from .model import GlanceModel
from .tokenizer import WordTokenizer


def run_state(*, probe_classes: Optional[Dict[str, List[str]]], content_ids: Any, max_new_tokens: Dict[str, int],
              optimizer: Dict[str, Any], stage1_end: Optional[int], rng: Any, torch_rng: Tensor,
              loop_seconds: float, rewarm_from: Optional[int], stats: Dict[str, Any]) -> Dict[str, Any]:
    """What a run's checkpoint holds besides weights, config and vocabulary: the settings export needs and the
    state a resumed or extended run continues from. The one builder for train() and from_bundle, so a key added
    here is asked of both (keyword-only, no defaults)."""
    return {"probe_classes": probe_classes, "content_ids": content_ids, "max_new_tokens": max_new_tokens,
            "optimizer": optimizer,
            "resume": {"stage1_end": stage1_end, "rng": rng, "torch_rng": torch_rng, "loop_seconds": loop_seconds,
                       "rewarm_from": rewarm_from},
            "stats": stats}


def run_stats(*, steps: int, stage0_steps: int, stage1_steps: int, train_seconds: float, train_scenes: int,
              batch_size: int, device: str, world_size: int, finished: bool,
              extends: Optional[Dict[str, Any]] = None, rebuilt_from: Optional[str] = None) -> Dict[str, Any]:
    """The checkpoint's "stats" (export copies them into the bundle's config.json "training"): extends and
    rebuilt_from only when the run has them."""
    return {"steps": steps, "stage0_steps": stage0_steps, "stage1_steps": stage1_steps,
            "train_seconds": train_seconds, "train_scenes": train_scenes, "batch_size": batch_size,
            "device": device, "finished": finished, "world_size": world_size,
            **({"extends": extends} if extends else {}), **({"rebuilt_from": rebuilt_from} if rebuilt_from else {})}


def save(path: str, model: GlanceModel, run: RunConfig, tok: WordTokenizer, extra: Dict[str, Any]) -> None:
    state = {"model": model.state_dict(), "config": run.to_dict(), "vocab": tok.vocab, **extra}
    torch.save(state, path + ".tmp")
    os.replace(path + ".tmp", path)


def load(path: str) -> Tuple[GlanceModel, RunConfig, WordTokenizer, Dict[str, Any]]:
    state = torch.load(path, map_location="cpu")
    run = run_config_from_dict(state["config"], strict=False)
    tok = WordTokenizer(state["vocab"])
    probe = {k: len(v) for k, v in (state.get("probe_classes") or {}).items()}
    model = GlanceModel(run.model, len(tok), probe)
    missing, unexpected = model.load_state_dict(state["model"], strict=False)
    if [k for k in missing + unexpected if not k.startswith("probe.")]:  # training-only heads may differ
        raise RuntimeError(f"checkpoint does not fit the model: {missing} {unexpected}")
    model.eval()
    return model, run, tok, state
