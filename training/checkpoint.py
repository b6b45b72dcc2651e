"""Saving and loading a trained run: weights, run config, vocabulary and the settings export needs."""
from __future__ import annotations

import os
from typing import Any, Dict, Tuple

import torch

from .config import RunConfig, run_config_from_dict
from .model import GlanceModel
from .tokenizer import WordTokenizer


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
