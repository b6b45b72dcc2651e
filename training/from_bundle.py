"""Rebuilds a run's checkpoint from an exported bundle, so that a fresh clone (training/runs/ is not committed) can
train the shipped model on with `training.train --extend`.

  /usr/bin/python3 -m training.from_bundle --bundle public/models/glance-world-v3 \
      --config training/configs/world_v8c.json --out training/runs/world_v8c/checkpoint.pt

The four ONNX parts hold every weight the captioner uses (docs/model-format.md): named initializers map to the
model's parameters by name, and the Linear weights that export stored anonymously (transposed, `onnx::MatMul_N`)
are found by the MatMul node that reads them, whose name is the module's path. What export leaves out is rebuilt
fresh: the training-only token probes (seeded init) and the optimizer's moments (empty, so an extension should warm
its learning rate up again: `rewarm_steps` in the train config). `training.parity` then proves the rebuild:
greedy ids identical between the rebuilt checkpoint and the bundle it came from.
"""
from __future__ import annotations

import argparse
import json
import os
import random
from typing import Dict

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from . import checkpoint
from .config import run_config_from_dict
from .data import CaptionSet
from .batches import EncodedSet, probe_classes
from .model import GlanceModel
from .tokenizer import WordTokenizer
from .vocab import content_token_ids

PARTS = ("vision_encoder", "embed_tokens", "connector", "decoder_model_merged")
# Exported graphs name a few parameters after the part's own module (EmbedPart holds decoder.embed as `embed`) or
# fold them into a constant that an Add node reads (the connector's `kind` rows).
RENAMED = {"embed.weight": "decoder.embed.weight"}
FOLDED_ADDS = {"/connector/Add_2": ("connector.kind", 0), "/connector/Add_4": ("connector.kind", 1)}
UNUSED_IN_EXPORT = ("vision.ln.",)  # with multi_feature the encoder's last LayerNorm feeds nothing exported


def bundle_weights(bundle: str) -> Dict[str, np.ndarray]:
    """Parameter name -> array, from the bundle's ONNX parts."""
    out: Dict[str, np.ndarray] = {}
    rows: Dict[str, Dict[int, np.ndarray]] = {}
    for part in PARTS:
        graph = onnx.load(os.path.join(bundle, "onnx", f"{part}.onnx")).graph
        inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
        for name, arr in inits.items():
            if not name.startswith("onnx::"):
                out[RENAMED.get(name, name)] = arr
        for node in graph.node:
            for x in node.input:
                if not x.startswith("onnx::") or x not in inits:
                    continue
                if node.op_type == "MatMul" and node.name.endswith("/MatMul"):
                    # "/connector/compress/attn/q/MatMul" -> connector.compress.attn.q.weight (Linear: [out, in])
                    path = node.name.split("/")[1:-1]
                    module = ".".join(p.split(".")[-1] if i > 0 and p.startswith(path[i - 1] + ".") else p
                                      for i, p in enumerate(path))
                    out[f"{module}.weight"] = inits[x].T
                elif node.name in FOLDED_ADDS:
                    key, row = FOLDED_ADDS[node.name]
                    rows.setdefault(key, {})[row] = inits[x].reshape(-1)
                else:
                    raise ValueError(f"{part}: no rule for {x} read by {node.op_type} {node.name}")
    for key, parts in rows.items():
        out[key] = np.stack([parts[i] for i in sorted(parts)])
    return out


def rebuild(bundle: str, config_path: str, out_path: str) -> None:
    with open(config_path) as f:
        run = run_config_from_dict(json.load(f))
    with open(os.path.join(bundle, "config.json")) as f:
        stats = json.load(f)["training"]
    cs = CaptionSet(run.train.train_dir, run.train.max_train_images, run.model.image_size)
    tok = WordTokenizer.build(cs.all_captions())
    if tok.vocab != WordTokenizer.load(os.path.join(bundle, "tokenizer.json")).vocab:
        raise ValueError(f"{run.train.train_dir} builds another vocabulary than {bundle}'s: not the data it was "
                         "trained on")
    classes = probe_classes(cs)
    torch.manual_seed(run.train.seed)
    model = GlanceModel(run.model, len(tok), {k: len(v) for k, v in (classes or {}).items()})
    weights = bundle_weights(bundle)
    state = model.state_dict()
    missing = [k for k in state if k not in weights and not k.startswith(("probe.",) + UNUSED_IN_EXPORT)]
    extra = [k for k in weights if k not in state]
    if missing or extra:
        raise ValueError(f"bundle does not fit {config_path}: missing {missing}, unexpected {extra}")
    for k, arr in weights.items():
        if tuple(arr.shape) != tuple(state[k].shape):
            raise ValueError(f"{k}: bundle {arr.shape}, model {tuple(state[k].shape)}")
        state[k] = torch.from_numpy(np.array(arr, copy=True)).to(state[k].dtype)
    model.load_state_dict(state)
    from .train import make_optimizer, max_new_tokens  # late: train imports the whole training stack
    enc = EncodedSet(cs, tok, run.model.grid, run.train.max_caption_tokens)
    opt = make_optimizer(model, run)
    steps = stats["steps"]
    extra_state = checkpoint.run_state(
        probe_classes=classes, content_ids=content_token_ids(tok, cs.attribute_values()),
        max_new_tokens=max_new_tokens(enc), optimizer=opt.state_dict(), stage1_end=stats["stage1_steps"],
        rng=random.Random(run.train.seed).getstate(), torch_rng=torch.get_rng_state(), loop_seconds=0.0,
        rewarm_from=None,
        stats=checkpoint.run_stats(
            **{k: stats[k] for k in ("steps", "stage0_steps", "stage1_steps", "train_seconds", "train_scenes",
                                     "batch_size", "device", "world_size")},
            finished=True, extends=stats.get("extends"), rebuilt_from=os.path.normpath(bundle)),
    )
    os.makedirs(os.path.dirname(out_path) or ".", exist_ok=True)
    checkpoint.save(out_path, model, run, tok, extra_state)
    print(f"rebuilt {out_path} from {bundle} ({len(weights)} tensors, step {steps})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--config", required=True, help="the run config the bundle was trained under")
    ap.add_argument("--out", required=True, help="checkpoint path to write")
    args = ap.parse_args()
    rebuild(args.bundle, args.config, args.out)


if __name__ == "__main__":
    main()
