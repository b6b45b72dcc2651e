"""Loss computations of one training step (both stages), shared by train.py and the tests."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor

from .batches import IGNORE, PAD, Stage1Batch, Stage2Batch
from .buckets import bucket_index, length_buckets, real_lengths, rows_trimmed
from .model import GlanceModel
from .preprocess import crops
from .regions import boxes_fraction, select_regions_batch

Corners = List[List[Tuple[int, int]]]

# Decoder calls per padded batch at most (buckets.py); 1 runs the whole batch padded to its longest.
LENGTH_BUCKETS = 2


def caption_loss(logits: Tensor, labels: Tensor, reduction: str = "mean") -> Tensor:
    return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE,
                           reduction=reduction)


def stage1_losses(model: GlanceModel, image_embeds: Tensor, batch: Stage1Batch,
                  max_buckets: int = LENGTH_BUCKETS) -> Dict[str, Tensor]:
    """Pass-1 captioning loss and the saliency loss: KL(footprint || attention over the image tokens) for every
    input token inside an object's phrase, on each head in saliency.heads. The decoder runs once per length bucket
    (buckets.py); the losses are the means over the whole batch, as with one call."""
    t = image_embeds.shape[1]
    lengths = batch.lengths if batch.lengths is not None else real_lengths(batch.text, PAD)
    groups = length_buckets(lengths, t, width=4 * model.cfg.dec_dim, max_buckets=max_buckets)
    cap_sum, cap_n, kl_sum = [], [], []
    for rows in groups:
        n = max(lengths[r] for r in rows)
        ix = bucket_index(rows, len(groups), batch.text.device)
        text, labels, m = (rows_trimmed(x, ix, n) for x in (batch.text, batch.labels, batch.sal_mask))
        x = torch.cat([rows_trimmed(image_embeds, ix), model.embed(text)], dim=1)
        logits, _, sal = model.decoder(x, all_saliency_heads=True)
        cap_sum.append(caption_loss(logits[:, t:], labels, reduction="sum"))
        cap_n.append((labels != IGNORE).sum())
        if m.sum() > 0:
            att = sal[:, :, t:, :t].float()                                   # [B,h,L,T]
            att = att / att.sum(-1, keepdim=True).clamp_min(1e-12)
            tgt = rows_trimmed(batch.sal_target, ix, n)[:, None]
            kl = (tgt * (torch.log(tgt.clamp_min(1e-12)) - torch.log(att.clamp_min(1e-12)))).sum(-1)  # [B,h,L]
            kl_sum.append((kl.mean(1) * m).sum())
    out = {"caption": torch.stack(cap_sum).sum() / torch.stack(cap_n).sum().clamp_min(1)}
    m_total = batch.sal_mask.sum()
    if m_total > 0:
        out["saliency"] = torch.stack(kl_sum).sum() / m_total
    return out


@torch.no_grad()
def heat_maps(model: GlanceModel, image_embeds: Tensor, style_ids: Sequence[int], initial: Tensor,
              content_ids: Tensor, max_buckets: int = LENGTH_BUCKETS,
              initial_lengths: Optional[Sequence[int]] = None) -> Tensor:
    """Teacher-forced pass 1 over the pseudo-initial caption: [E_img][<task>] C, the saliency rows of the steps
    whose input token is a content word, each normalised over the image tokens, summed -> [B,T]. One decoder call
    per length bucket (buckets.py); initial_lengths (C's lengths before padding, Stage2Batch) saves reading them
    off the device."""
    t = image_embeds.shape[1]
    text = torch.cat([torch.tensor(style_ids, dtype=torch.long, device=initial.device)[:, None], initial], dim=1)
    lengths = [1 + n for n in initial_lengths] if initial_lengths is not None else real_lengths(text, PAD)
    groups = length_buckets(lengths, t, width=4 * model.cfg.dec_dim, max_buckets=max_buckets)
    heat = torch.zeros(text.shape[0], t, device=image_embeds.device)
    for rows in groups:
        ix = bucket_index(rows, len(groups), text.device)
        part = rows_trimmed(text, ix, max(lengths[r] for r in rows))
        x = torch.cat([rows_trimmed(image_embeds, ix), model.embed(part)], dim=1)
        _, _, sal = model.decoder(x)
        rows_sal = sal[:, t:, :t].float()
        rows_sal = rows_sal / rows_sal.sum(-1, keepdim=True).clamp_min(1e-12)
        content = torch.isin(part, content_ids).float()
        heat[slice(None) if ix is None else ix.to(heat.device)] = (rows_sal * content[..., None]).sum(1)
    return heat


def choose_regions(heat: Tensor, k: int, window: int, size: int, nms_radius: int) -> Corners:
    """Regions per sample, exactly as inference chooses them (regions.select_regions): a heat map whose remaining
    heat is 0 ends with fewer than k, e.g. one region at (0, 0) when C names no object ("no objects.": no content
    word, an all-zero map). stage2_losses runs such samples with that many regions, as inference does."""
    g = int(round(heat.shape[1] ** 0.5))
    return select_regions_batch(heat.double().cpu().numpy().reshape(-1, g, g), k, window, size, nms_radius)


def stage2_losses(model: GlanceModel, image_embeds: Tensor, squares: Tensor, batch: Stage2Batch, corners: Corners,
                  probe_targets: Optional[Dict[str, Tensor]] = None, token_fn=None,
                  max_buckets: int = LENGTH_BUCKETS) -> Dict[str, Tensor]:
    """Pass-2 loss on [E_img][region_embeds][<refine>] C [<task>] target </s> (loss on target and </s> only),
    plus the region probe and (token_fn) the crop token probe.

    Samples are grouped by their number of regions (nearly always one group of k; fewer regions when selection
    stopped early, see choose_regions), so a sample sees its regions at the positions inference gives them, and
    within that by length (buckets.py), each group trimmed to its longest text: the crops of all go through the
    encoder at once, the connector and the decoder run once per group, and the refine loss is the mean over all
    target tokens of the batch, the probe's over all regions, as with one group."""
    cfg = model.cfg
    window = cfg.global_size
    dev = image_embeds.device
    by_k: Dict[int, List[int]] = {}
    for r, c in enumerate(corners):
        by_k.setdefault(len(c), []).append(r)
    lengths = batch.text_lengths if batch.text_lengths is not None else real_lengths(batch.text, PAD)
    init_lengths = batch.initial_lengths if batch.initial_lengths is not None else real_lengths(batch.initial, PAD)
    groups: List[Tuple[int, List[int]]] = []
    for k, rows in by_k.items():
        prefix = image_embeds.shape[1] + k * cfg.tokens_per_region
        for part in length_buckets([lengths[r] for r in rows], prefix, 4 * cfg.dec_dim, max_buckets):
            groups.append((k, [rows[i] for i in part]))
    single = len(groups) == 1
    order = [r for _, rows in groups for r in rows]

    # crops of every group, in group order, through the encoder at once (gathered where the squares are)
    pix = [crops(squares if single else squares[torch.tensor(rows, device=squares.device)],
                 [corners[r] for r in rows], window).reshape(-1, 3, window, window) for _, rows in groups]
    _, feats = model.vision((pix[0] if single else torch.cat(pix)).to(dev))
    out: Dict[str, Tensor] = {}
    if token_fn is not None:  # views: (batch row, x0, y0, extent)
        crop_probe = token_fn(feats, [(r, x0, y0, window) for r in order for x0, y0 in corners[r]], "crop_")
        if crop_probe is not None:
            out["crop_probe"] = crop_probe
    refine_sum, refine_n, pooled, at = [], [], [], 0
    for k, rows in groups:
        n = len(rows)
        # the group's rows, trimmed to its longest (right padding: only pads go)
        ix = bucket_index(rows, len(groups), dev)
        n_text = max(lengths[r] for r in rows)
        n_init = max(init_lengths[r] for r in rows)
        initial, initial_mask = (rows_trimmed(x, ix, n_init) for x in (batch.initial, batch.initial_mask))
        text, labels = (rows_trimmed(x, ix, n_text) for x in (batch.text, batch.labels))
        emb = rows_trimmed(image_embeds, ix)
        f = feats[at:at + n * k].reshape(n, k, feats.shape[1], feats.shape[2])
        at += n * k
        boxes = torch.from_numpy(boxes_fraction([c for r in rows for c in corners[r]], window, cfg.image_size))
        region_embeds, compressed = model.connector(f, boxes.reshape(n, k, 4).to(f.device), model.embed(initial),
                                                    initial_mask)
        t = emb.shape[1] + region_embeds.shape[1]
        x = torch.cat([emb, region_embeds, model.embed(text)], dim=1)
        logits, _, _ = model.decoder(x)
        if single:
            out["refine"] = caption_loss(logits[:, t:], labels)
        else:
            refine_sum.append(caption_loss(logits[:, t:], labels, reduction="sum"))
            refine_n.append((labels != IGNORE).sum())
        pooled.append(compressed.float().mean(2).reshape(n * k, -1))
    if not single:
        out["refine"] = torch.stack(refine_sum).sum() / torch.stack(refine_n).sum().clamp_min(1)
    if probe_targets and len(model.probe):
        pooled_all = pooled[0] if single else torch.cat(pooled)
        if not single:  # targets come per sample in batch order; the pooled tokens in group order
            first = [0]
            for c in corners:
                first.append(first[-1] + len(c))
            perm = torch.tensor([first[r] + j for r in order for j in range(len(corners[r]))], dtype=torch.long)
            probe_targets = {name: y[perm.to(y.device)] for name, y in probe_targets.items()}
        losses = [F.cross_entropy(model.probe[name](pooled_all).float(), y, ignore_index=IGNORE)
                  for name, y in probe_targets.items() if (y != IGNORE).any()]
        if losses:
            out["probe"] = torch.stack(losses).mean()
    return out
