"""Train the two-pass captioner.

  /usr/bin/python3 -m training.train --config training/configs/world_v7.json [--device cuda] [--out DIR]
  torchrun --nproc_per_node=N -m training.train --config ... --device cuda     (DDP)

Stage 1: coarse captioning (both styles) + the saliency loss. Stage 2: refinement of pseudo-initial captions
with regions chosen from the model's own saliency over them, mixed with stage-1 sequences.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import time
from typing import Dict, List, Optional

# With 2 threads, OpenMP's default spin-waiting makes a step 5-10x slower whenever another process holds a
# core; passive waiting keeps it near the 1-thread speed then (measured: 3.0 vs 4.6 s a stage-2 step beside one
# busy core, 1.6 s on a quiet machine). Set before torch starts its thread pool.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import torch
import torch.distributed as dist
from torch import Tensor, nn

from . import checkpoint
from .augment import camera
from .batches import (EncodedSet, detail_noise, probe_classes, probe_labels, scene_footprints, stage1_batch,
                      stage2_batch)
from .config import RunConfig, load_run_config
from .data import CaptionSet
from .model import GlanceModel
from .preprocess import crops, global_view
from .probes import object_windows, token_labels, token_probe_loss
from .steps import choose_regions, heat_maps, stage1_losses, stage2_losses
from .tokenizer import SPECIALS, WordTokenizer
from .vocab import content_token_ids


class StepModule(nn.Module):
    """One forward = one training step's losses, so DistributedDataParallel can wrap it."""

    def __init__(self, model: GlanceModel, content_ids: Tensor):
        super().__init__()
        self.model = model
        self.register_buffer("content_ids", content_ids, persistent=False)

    def forward(self, squares: Tensor, gview: Tensor, s1, s2, probe_fn, token_fn=None,
                s1_corners=None, stem_only: bool = False) -> Dict[str, Tensor]:
        """stem_only (stage 0): vision tokens through the stem alone, token probes only."""
        m, cfg = self.model, self.model.cfg
        image_embeds, gfeats = m.vision(gview, skip_blocks=stem_only)
        losses: Dict[str, Tensor] = {}
        if token_fn is not None:
            g = token_fn(gfeats, [(r, 0, 0, cfg.image_size) for r in range(gfeats.shape[0])], "global_")
            if g is not None:
                losses["global_probe"] = g
        if s1 is not None:
            losses.update(stage1_losses(m, image_embeds[: s1.text.shape[0]], s1))
        if s1_corners and token_fn is not None:
            w = cfg.global_size
            pix = crops(squares, s1_corners, w).to(gview.device)
            _, feats = m.vision(pix.reshape(-1, 3, w, w), skip_blocks=stem_only)
            c = token_fn(feats, [(r, x0, y0, w) for r, cs_ in enumerate(s1_corners) for x0, y0 in cs_], "crop_")
            if c is not None:
                losses["crop_probe"] = c
        if s2 is not None:
            heat = heat_maps(m, image_embeds.detach(), s2.style_ids, s2.initial, self.content_ids,
                             initial_lengths=s2.initial_lengths)
            corners = choose_regions(heat, cfg.regions_k, cfg.global_size, cfg.image_size, cfg.nms_radius)
            losses.update(stage2_losses(m, image_embeds, squares, s2, corners, probe_fn(corners), token_fn))
        return losses


def to_device(batch, device):
    if batch is None:
        return None
    for k, v in vars(batch).items():
        if isinstance(v, Tensor):
            setattr(batch, k, v.to(device))
    return batch


def images_to_device(images: np.ndarray, dev: torch.device, chunk: int = 2048) -> Tensor:
    """[N,S,S,3] uint8 (memory-mapped) -> one device tensor, copied in chunks (no second host copy of it all)."""
    out = torch.empty(images.shape, dtype=torch.uint8, device=dev)
    for lo in range(0, len(images), chunk):
        out[lo:lo + chunk] = torch.from_numpy(np.ascontiguousarray(images[lo:lo + chunk])).to(dev)
    return out


def lr_at(run: RunConfig, step: int, progress: float, rewarm_from: Optional[int] = None) -> float:
    """Stage 0: stage0_lr after warm-up. Then warm-up from the first stage-1 step and a cosine over the
    remaining steps (or the time budget). rewarm_from: the step an extension started at, warmed up again over
    rewarm_steps."""
    t = run.train
    if rewarm_from is not None and t.rewarm_steps > 0:
        again = min(1.0, (step - rewarm_from + 1) / t.rewarm_steps)
        return again * lr_at(run, step, progress)
    if step < t.stage0_steps:
        return t.stage0_lr * min(1.0, (step + 1) / max(t.warmup_steps, 1))
    warm = min(1.0, (step - t.stage0_steps + 1) / max(t.warmup_steps, 1))
    if not t.time_budget_min:
        rest = max(t.stage1_steps + t.stage2_steps, 1)
        progress = (step - t.stage0_steps) / rest
    cos = 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
    return t.lr * warm * (t.min_lr_ratio + (1 - t.min_lr_ratio) * cos)


def make_optimizer(model: GlanceModel, run: RunConfig) -> torch.optim.Optimizer:
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "pos" in n or "embed" in n else decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": run.train.weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=run.train.lr, betas=(0.9, 0.98))


def max_new_tokens(enc: EncodedSet) -> Dict[str, int]:
    longest: Dict[str, int] = {}
    for item in enc.items:
        for style, caps in item.items():
            longest[style] = max(longest.get(style, 0), *(len(c.ids) for c in caps))
    return {s: n + 8 for s, n in longest.items()}


class Logger:
    def __init__(self, path: Optional[str]):
        self.f = open(path, "a") if path else None

    def __call__(self, msg: str) -> None:
        line = time.strftime("%H:%M:%S ") + msg
        print(line, flush=True)
        if self.f:
            self.f.write(line + "\n")
            self.f.flush()


def train(run: RunConfig, out_dir: str, device: str = "cpu", resume: bool = False,
          extend: Optional[str] = None) -> str:
    """Trains and returns the checkpoint path. resume: continue from out_dir/checkpoint.pt (weights, optimizer,
    step, random state) when it exists and is not final; the schedule is unchanged, so a run that was killed
    and resumed ends with the same number of steps. extend: a run's checkpoint (final or not) to continue in
    out_dir under this config's schedule, which must run past its step (more stage-2 steps, another learning-rate
    floor): a finished run trained further, e.g. world_v8 -> world_v8b (docs/training.md)."""
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    rank = 0
    if distributed:
        dist.init_process_group("nccl" if device == "cuda" else "gloo")
        rank = dist.get_rank()
        if device == "cuda":
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", 0)))
    dev = torch.device(f"cuda:{torch.cuda.current_device()}" if device == "cuda" else "cpu")
    t = run.train
    torch.set_num_threads(t.threads)
    torch.manual_seed(t.seed)
    rng = random.Random(t.seed * 1000 + rank)
    aug_gen, geo_rng = None, None
    os.makedirs(out_dir, exist_ok=True)
    log = Logger(os.path.join(out_dir, "log.txt")) if rank == 0 else (lambda msg: None)
    start = time.time()

    cs = CaptionSet(t.train_dir, t.max_train_images, run.model.image_size)
    tok = WordTokenizer.build(cs.all_captions())
    images = cs.load_images(t.cache_dir or None, t.load_workers)
    on_device = t.images_on_device if t.images_on_device is not None else dev.type == "cuda"
    if on_device:
        # uint8 squares on the device (60,000 scenes: 11.8 GB): batches are gathered, viewed and cropped there
        # instead of being copied from host memory every step (the first GPU run waited on that).
        images = images_to_device(images, dev)
    enc = EncodedSet(cs, tok, run.model.grid, t.max_caption_tokens)
    classes = probe_classes(cs)
    content = content_token_ids(tok, cs.attribute_values())
    fallback_vocab = [i for i in range(len(SPECIALS), len(tok))]
    noise = detail_noise(tok, cs.attribute_values(), t.detail_noise_share, t.detail_noise_by_size)
    log(f"data: {len(cs)} scenes, styles {cs.styles}, vocab {len(tok)}, objects {cs.has_objects}, "
        f"loaded in {time.time() - start:.0f}s")

    model = GlanceModel(run.model, len(tok), {k: len(v) for k, v in (classes or {}).items()}).to(dev)
    log(f"parameters (exported): {model.count_exported():,}")
    if t.camera_aug > 0:
        aug_gen = torch.Generator(device=dev)
        aug_gen.manual_seed(t.seed * 1000 + rank + 7)
        if t.camera_geometry:  # the warps are drawn and checked against the objects on the host
            geo_rng = np.random.default_rng(t.seed * 1000 + rank + 11)
    step_module: nn.Module = StepModule(model, torch.tensor(content, dtype=torch.long)).to(dev)
    if distributed:
        step_module = nn.parallel.DistributedDataParallel(step_module, find_unused_parameters=True)
    opt = make_optimizer(model, run)
    amp = torch.autocast(dev.type, dtype=torch.bfloat16, enabled=t.amp_bf16)
    total_steps = t.stage0_steps + t.stage1_steps + t.stage2_steps
    budget_s = t.time_budget_min * 60 if t.time_budget_min else None
    loop_start, step, stage1_end = time.time(), 0, None
    last_save = loop_start
    path = os.path.join(out_dir, "checkpoint.pt")
    prior_seconds = 0.0
    start_from = path if resume and os.path.exists(path) else None
    extends = None  # the run this one continues (extend), as the model card tells it
    rewarm_from = None  # the step this extension started at (lr_at warms up again from there)
    if extend is not None and start_from is None:  # a resumed extension goes on from its own checkpoint
        start_from = extend
    if start_from is not None:
        state = torch.load(start_from, map_location="cpu")
        if state["stats"].get("finished") and start_from == path:
            log(f"{path} is final; nothing to resume")
            return path
        if state["stats"]["steps"] >= total_steps:
            raise ValueError(f"{start_from} ran {state['stats']['steps']} steps; this schedule ends at {total_steps}")
        # the chain of runs this one continues, each with the run it continued in turn (and a rebuilt
        # checkpoint's bundle), so a model card can tell the whole recipe
        extends = (state["stats"].get("extends") if start_from == path else
                   {"run": state["config"]["name"], "steps": state["stats"]["steps"],
                    "train_seconds": state["stats"]["train_seconds"],
                    **{k: state["stats"][k] for k in ("extends", "rebuilt_from") if state["stats"].get(k)}})
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        step, stage1_end = state["stats"]["steps"], state["resume"]["stage1_end"]
        rewarm_from = step if start_from != path else state["resume"].get("rewarm_from")
        rng.setstate(state["resume"]["rng"])
        torch.set_rng_state(state["resume"]["torch_rng"])
        prior_seconds = state["stats"]["train_seconds"]
        loop_start -= state["resume"]["loop_seconds"]
        log(f"resumed from step {step} ({prior_seconds:.0f}s of earlier training)"
            + ("" if start_from == path else f", extending {start_from}"))

    def save(final: bool) -> None:
        stats = checkpoint.run_stats(
            steps=step, stage0_steps=min(step, t.stage0_steps),
            stage1_steps=stage1_end if stage1_end is not None else step,
            train_seconds=round(prior_seconds + time.time() - start, 1), train_scenes=len(cs),
            batch_size=t.batch_size, device=str(dev), world_size=dist.get_world_size() if distributed else 1,
            finished=final, extends=extends)
        extra = checkpoint.run_state(
            probe_classes=classes, content_ids=content, max_new_tokens=max_new_tokens(enc),
            optimizer=opt.state_dict(), stage1_end=stage1_end, rng=rng.getstate(), torch_rng=torch.get_rng_state(),
            loop_seconds=time.time() - loop_start, rewarm_from=rewarm_from, stats=stats)
        checkpoint.save(path, model, run, tok, extra)
        log(f"saved {path} after {step} steps, {time.time() - start:.0f}s")
    sums: Dict[str, float] = {}
    while True:
        if budget_s:
            progress = (time.time() - loop_start) / budget_s
            if distributed:
                p = torch.tensor([progress], device=dev)
                dist.all_reduce(p, op=dist.ReduceOp.MAX)
                progress = float(p)
            stage = 0 if step < t.stage0_steps else 1 if progress < t.stage1_fraction else 2
        else:
            progress = step / max(total_steps, 1)
            stage = 0 if step < t.stage0_steps else 1 if step < t.stage0_steps + t.stage1_steps else 2
        if progress >= 1.0:
            break
        if stage == 2 and stage1_end is None:
            stage1_end = step
            log(f"stage 2 from step {step}")
        if stage == 1 and step == t.stage0_steps and t.stage0_steps:
            log(f"stage 1 from step {step}")
        idx = rng.sample(range(len(cs)), min(t.stage0_batch if stage == 0 else t.batch_size, len(cs)))
        squares = images[torch.tensor(idx, device=dev)] if on_device else torch.from_numpy(images[idx])
        objects = [cs.scenes[i].objects for i in idx]   # as each image shows them (warped by the geometry)
        footprints = None
        if t.camera_aug > 0:
            squares, shown = camera(squares, t.camera_aug, aug_gen, looks_on=t.camera_looks,
                                    geometry=t.camera_geometry, objects=objects, host_rng=geo_rng)
            if t.camera_geometry:
                footprints = [None if o is objects[r] else scene_footprints(o, run.model.grid, run.model.image_size)
                              for r, o in enumerate(shown)]
                objects = shown
        picks = [(i,) + enc.pick(rng, i, t.detailed_prob) for i in idx]
        n1 = 0 if stage == 0 else len(idx) if stage == 1 else int(round(len(idx) * t.stage1_mix))
        s1 = to_device(stage1_batch(enc, picks[:n1], footprints and footprints[:n1]), dev) if n1 else None
        s2 = to_device(stage2_batch(enc, picks, rng, fallback_vocab, noise), dev) if stage == 2 else None

        def probe_fn(corners):
            if not classes:
                return None
            labels = probe_labels(objects, classes, corners, run.model.global_size)
            return {k: v.to(dev) for k, v in labels.items()}

        def token_fn(feats, views, prefix):
            if not (classes and run.model.token_probes):
                return None
            pos, labels = token_labels(objects, classes, views, run.model.grid)  # views: (batch row, ...)
            return token_probe_loss(model, feats, pos, labels, prefix)

        s1_corners = None
        n_crops = t.stage0_crops if stage == 0 else t.stage1_crops if stage == 1 else 0
        if n_crops and classes and run.model.token_probes:
            s1_corners = object_windows(objects, n_crops, run.model.global_size, run.model.image_size,
                                        t.stage1_crop_jitter, rng)
        for g in opt.param_groups:
            g["lr"] = lr_at(run, step, progress, rewarm_from)
        with amp:
            losses = step_module(squares, global_view(squares, run.model.global_size).to(dev), s1, s2, probe_fn,
                                 token_fn, s1_corners, stage == 0)
        loss = losses.get("caption", 0) + losses.get("refine", 0) + t.saliency_weight * losses.get("saliency", 0) \
            + t.region_aux_weight * losses.get("probe", 0) \
            + t.token_probe_weight * (losses.get("global_probe", 0) + losses.get("crop_probe", 0))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), t.grad_clip)
        opt.step()
        for k, v in losses.items():  # summed on the device: float() per loss per step would wait for the GPU
            sums[k] = sums.get(k, 0.0) + v.detach().float()
        sums["n_" + str(stage)] = sums.get("n_" + str(stage), 0) + 1
        step += 1
        if step % t.log_every == 0:
            n = sums.pop("n_0", 0) + sums.pop("n_1", 0) + sums.pop("n_2", 0)
            msg = " ".join(f"{k} {float(v) / n:.3f}" for k, v in sorted(sums.items()))
            log(f"step {step} stage {stage} progress {progress:.3f} lr {lr_at(run, step, progress, rewarm_from):.2e} {msg} "
                f"elapsed {time.time() - start:.0f}s")
            sums = {}
        if rank == 0 and time.time() - last_save > t.checkpoint_every_min * 60:
            save(False)
            last_save = time.time()
    if rank == 0:
        save(True)
    if distributed:
        dist.destroy_process_group()
    return path


def main(argv: Optional[List[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True)
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--out", default=None, help="run folder (default training/runs/<name>)")
    ap.add_argument("--resume", action="store_true", help="continue from the run folder's last checkpoint")
    ap.add_argument("--extend", default=None, metavar="CHECKPOINT",
                    help="continue another run's checkpoint under this config's longer schedule (into --out)")
    ap.add_argument("--budget-min", type=float, default=None,
                    help="override train.time_budget_min (a lease that ends at a fixed time; saved in config.json)")
    args = ap.parse_args(argv)
    run = load_run_config(args.config)
    if args.budget_min is not None:
        if args.budget_min <= 0:
            ap.error("--budget-min must be positive")
        run.train.time_budget_min = args.budget_min
    out = args.out or os.path.join("training", "runs", run.name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(run.to_dict(), f, indent=1)
    train(run, out, args.device, args.resume, args.extend)


if __name__ == "__main__":
    main()
