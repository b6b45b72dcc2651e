"""Shared test set-up: a tiny run config over the fake world."""
import os

from training.config import load_run_config

CONFIG = os.path.join(os.path.dirname(__file__), "..", "configs", "tiny.json")


def tiny_run(train_dir: str, **train_overrides):
    run = load_run_config(CONFIG)
    run.train.train_dir = train_dir
    run.train.cache_dir = ""
    for k, v in train_overrides.items():
        setattr(run.train, k, v)
    return run
