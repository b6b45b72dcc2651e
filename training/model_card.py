"""The bundle's README.md (model card): what it is, the data, the command, the measured metrics."""
from __future__ import annotations

import json
import os
from typing import Dict, Iterator, List, Optional, Tuple


def world_command(train_dir: Optional[str]) -> str:
    """The `npm run world` command that writes `train_dir`, read from its captions.json `info` (the split, count
    and the crowded and empty shares of a training mix); the plain command when the folder is not at hand."""
    info: Dict = {}
    path = os.path.join(train_dir or "", "captions.json")
    if train_dir and os.path.exists(path):
        with open(path) as f:
            info = json.load(f).get("info", {})
    if not info:
        return "`npm run world`"
    args = [f"--split {info.get('split', 'train')}", f"--count {info.get('count')}"]
    for key, flag in (("crowded_share", "--crowded-share"), ("empty_share", "--empty-share")):
        if info.get(key):
            args.append(f"{flag} {info[key]}")
    # The CLI writes <out>/<split>/; the training config names the split folder itself.
    args.append(f"--out {os.path.dirname(os.path.normpath(train_dir))}")
    return f"`npm run world -- {' '.join(args)}`"


def _train_command(name: str, extends: Optional[Dict]) -> str:
    """The training commands of a run: those of the runs it extended, oldest first, then its own
    (training.train --extend), with a note where a leg started from a checkpoint rebuilt from a bundle."""
    legs: List[Tuple[str, Optional[Dict]]] = []
    run, ext = name, extends
    while True:
        legs.append((run, ext))
        if not ext:
            break
        run, ext = ext["run"], ext.get("extends")
    commands = []
    for run, ext in reversed(legs):
        own = f"`/usr/bin/python3 -m training.train --config training/configs/{run}.json"
        if not ext:
            commands.append(own + "`")
            continue
        commands.append(f"{own} --extend training/runs/{ext['run']}/checkpoint.pt`")
        if ext.get("rebuilt_from"):
            commands[-1] += (f" (run from {ext['run']}'s checkpoint rebuilt from `{ext['rebuilt_from']}` by "
                             "`training.from_bundle`: fresh optimizer moments and token probes)")
    return ", then ".join(commands)


def _extended(extends: Optional[Dict]) -> str:
    """Where an extension began, for the steps line."""
    if not extends:
        return ""
    return (f"; from step {extends['steps']} it continues {extends['run']}'s final checkpoint, whose "
            f"{extends['train_seconds'] / 60:.1f} min are in the time")


def _pct(v: Optional[float]) -> str:
    return "–" if v is None else f"{100 * v:.1f} %"


def _pass_rows(styles: List[Dict]) -> Iterator[Tuple[str, Dict, Dict, Dict]]:
    """(style, pass, its world scores, those of small objects) for every pass of every style of a report."""
    for style in styles:
        for p in style.get("passes", []):
            w = p.get("world") or {}
            yield style["style"], p, w, (w.get("bySize") or {}).get("small", {})


def report_table(report: Dict) -> List[str]:
    """The world figures of an `npm run eval` report (its eval.json: the one scorer, src/world/score.ts), per
    style and pass, and small objects' shape and pattern (detailed captions) by pass. Formatting only."""
    lines = [f"`npm run eval` on {report.get('date')} ({report.get('machine')}): captions of "
             f"{report.get('data', {}).get('images')} scenes of `{report.get('data', {}).get('path')}` by "
             f"`{report.get('bundle')}`, scored by the app's TypeScript scorer:", "",
             "| style | pass | BLEU-4 | CIDEr-D | full object | full, small | missed | hallucinated | fully correct |",
             "|---|---|---|---|---|---|---|---|---|"]
    small = []
    for style, p, w, by_small in _pass_rows(report.get("styles", [])):
        lines.append(f"| {style} | {p['pass']} | {100 * p['bleu'][3]:.1f} | {100 * p['ciderD']:.1f} | "
                     f"{_pct(w.get('fullObjectAccuracy'))} | {_pct(by_small.get('fullObjectAccuracy'))} | "
                     f"{_pct(w.get('missedRate'))} | {_pct(w.get('hallucinationRate'))} | "
                     f"{_pct(p.get('fullyCorrect'))} |")
        if style == "detailed" and by_small:
            acc = by_small.get("attributeAccuracy", {})
            small.append(f"{p['pass']} {_pct(acc.get('shape'))} and {_pct(acc.get('pattern'))}")
    if small:
        lines += ["", "Small objects' shape and pattern, detailed captions, over matched objects: "
                  + "; ".join(small) + "."]
    for style in report.get("styles", []):
        r = style.get("refinement")
        if r:
            lines.append(f"- {style['style']}: refinement kept {r['coarseCorrect'] - r['broken']} of "
                         f"{r['coarseCorrect']} fully correct coarse captions and fixed {r['fixed']} of "
                         f"{r['captions'] - r['coarseCorrect']} wrong ones.")
    return lines + conditions_table(report)


def conditions_table(report: Dict) -> List[str]:
    """The world conditions (clean, camera, crowded, empty) of a bundle's `npm run eval` report, when it ran more
    than one (src/eval/eval-splits.ts); training.evaluate's one-split reports have none."""
    splits = report.get("splits") or []
    if not splits:
        return []
    lines = ["", "Conditions (docs/world.md, \"Splits and seeds\"):", "",
             "| condition | style | pass | scenes | full object | full, small | count | hallucinated | "
             "says \"no objects.\" | fully correct |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for sp in splits:
        for style, p, w, small in _pass_rows(sp.get("styles", [])):
            lines.append(f"| {sp['split']} | {style} | {p['pass']} | {p.get('images', '–')} | "
                         f"{_pct(w.get('fullObjectAccuracy'))} | {_pct(small.get('fullObjectAccuracy'))} | "
                         f"{_pct(w.get('countAccuracy'))} | {_pct(w.get('hallucinationRate'))} | "
                         f"{_pct(w.get('saidNothing'))} | {_pct(p.get('fullyCorrect'))} |")
    return lines


def model_card(cfg: Dict, run, out: str, report: Optional[Dict] = None) -> str:
    tr = cfg["training"]
    v, d, r = cfg["vision"], cfg["decoder"], cfg["regions"]
    minutes = tr.get("train_seconds", 0) / 60
    lines = [
        f"# {out.rstrip('/').split('/')[-1]}: Glance two-pass (MM-SeR) captioner for the scene world",
        "",
        "A small captioner that writes a coarse caption from a 64x64 global view, looks again at the regions its",
        "own attention pointed to (64x64 full-resolution crops), and rewrites the caption. Bundle format:",
        "`docs/model-format.md`; training: `docs/training.md`.",
        "",
        "## Model",
        f"- Parameters: {tr.get('parameters', 0):,} (all float32; ONNX opset {tr.get('opset')}).",
        f"- Vision: ViT, patch {v['patch_size']}, {v['grid']}x{v['grid']} tokens, width {v['hidden_size']}, "
        f"{v['num_layers']} layers; region features = layers {v['feature_layers']} concatenated "
        f"({v['region_feature_size']}); MLP projector to the decoder width.",
        f"- Decoder: {d['num_layers']} layers, width {d['hidden_size']}, {d['num_heads']} heads, word-level "
        f"vocabulary of {d['vocab_size']}, learned absolute positions (max {d['max_positions']}), KV cache.",
        f"- Regions: k = {r['k']} windows of {r['window']} px, NMS radius {r['nms_radius']}, "
        f"{r['tokens_per_region']} connector tokens per region.",
        f"- Saliency: decoder layer {cfg['saliency']['layer']}, heads {cfg['saliency']['heads']}, trained with an "
        "auxiliary loss to attend to the footprint of the object whose phrase is being read.",
        "",
        "## Training data and command",
        f"- Data: `{tr.get('data')}` ({tr.get('train_scenes')} scenes of the Glance scene world, "
        f"{world_command(tr.get('data'))}; detailed and short captions, 3 pseudo-initial captions per caption).",
        f"- Command: {_train_command(run.name, tr.get('extends'))} then "
        f"`/usr/bin/python3 -m training.evaluate --run training/runs/{run.name}` and "
        f"`/usr/bin/python3 -m training.export --run training/runs/{run.name} --out {out}`.",
        f"- {tr.get('steps')} steps of batch {tr.get('batch_size')} ({tr.get('stage0_steps', 0)} in stage 0, "
        f"stage 2 from step {tr.get('stage1_steps')}{_extended(tr.get('extends'))}), {minutes:.1f} min wall time "
        f"on {tr.get('device')}{' (2-core CPU, bfloat16 autocast)' if tr.get('device') == 'cpu' else ''}, "
        f"seed {tr.get('seed')}.",
        "",
        "## Metrics",
    ]
    if report:
        lines += report_table(report) + [
            "", "Scoring (docs/world.md, \"Scoring\"): predicted objects are matched one-to-one to the true ones "
            "(same cell, or two of shape, colour and size agreeing); full object = every attribute the style says "
            "right, over true objects; missed over true objects; hallucinated (CHAIR_i) over the objects a caption "
            "names; fully correct = every object right, nothing extra, the right count."]
    else:
        lines.append("Not measured yet (run `training.evaluate`, or `npm run eval` on the bundle).")
    lines += ["", "## Limits",
              "- Trained only on the synthetic scene world: it knows 8 shapes, 11 colours, 3 sizes, 3 patterns and "
              "9 positions, nothing about real photographs (the app refuses pictures that are not flat enough to be "
              "world scenes: src/core/world-limits.ts).",
              "- `reference.json` holds PyTorch outputs for the first 16 test scenes for parity tests."]
    return "\n".join(lines) + "\n"
