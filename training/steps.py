"""Loss computations of one training step (both stages), shared by train.py and the tests."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor

from .batches import IGNORE, Stage1Batch, Stage2Batch
from .model import GlanceModel
from .preprocess import crops
from .regions import boxes_fraction, select_regions_batch

Corners = List[List[Tuple[int, int]]]


def caption_loss(logits: Tensor, labels: Tensor) -> Tensor:
    return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE)


def stage1_losses(model: GlanceModel, image_embeds: Tensor, batch: Stage1Batch) -> Dict[str, Tensor]:
    """Pass-1 captioning loss and the saliency loss: KL(footprint || attention over the image tokens) for every
    input token inside an object's phrase, on each head in saliency.heads."""
    t = image_embeds.shape[1]
    x = torch.cat([image_embeds, model.embed(batch.text)], dim=1)
    logits, _, sal = model.decoder(x, all_saliency_heads=True)
    out = {"caption": caption_loss(logits[:, t:], batch.labels)}
    m = batch.sal_mask
    if m.sum() > 0:
        att = sal[:, :, t:, :t].float()                                   # [B,h,L,T]
        att = att / att.sum(-1, keepdim=True).clamp_min(1e-12)
        tgt = batch.sal_target[:, None]
        kl = (tgt * (torch.log(tgt.clamp_min(1e-12)) - torch.log(att.clamp_min(1e-12)))).sum(-1)  # [B,h,L]
        out["saliency"] = (kl.mean(1) * m).sum() / m.sum()
    return out


@torch.no_grad()
def heat_maps(model: GlanceModel, image_embeds: Tensor, style_ids: Sequence[int], initial: Tensor,
              content_ids: Tensor) -> Tensor:
    """Teacher-forced pass 1 over the pseudo-initial caption: [E_img][<task>] C, the saliency rows of the steps
    whose input token is a content word, each normalised over the image tokens, summed -> [B,T]."""
    t = image_embeds.shape[1]
    text = torch.cat([torch.tensor(style_ids, dtype=torch.long, device=initial.device)[:, None], initial], dim=1)
    x = torch.cat([image_embeds, model.embed(text)], dim=1)
    _, _, sal = model.decoder(x)
    rows = sal[:, t:, :t].float()
    rows = rows / rows.sum(-1, keepdim=True).clamp_min(1e-12)
    content = torch.isin(text, content_ids).float()
    return (rows * content[..., None]).sum(1)


def choose_regions(heat: Tensor, k: int, window: int, size: int, nms_radius: int) -> Corners:
    """Regions per sample; if selection stops early, the last region repeats so the batch stays rectangular."""
    g = int(round(heat.shape[1] ** 0.5))
    chosen = select_regions_batch(heat.double().cpu().numpy().reshape(-1, g, g), k, window, size, nms_radius)
    return [c + [c[-1]] * (k - len(c)) for c in chosen]


def stage2_losses(model: GlanceModel, image_embeds: Tensor, squares: Tensor, batch: Stage2Batch, corners: Corners,
                  probe_targets: Optional[Dict[str, Tensor]] = None, token_fn=None) -> Dict[str, Tensor]:
    """Pass-2 loss on [E_img][region_embeds][<refine>] C [<task>] target </s> (loss on target and </s> only),
    plus the region probe and (token_fn) the crop token probe."""
    cfg = model.cfg
    b, k = len(corners), len(corners[0])
    window = cfg.global_size
    out_probe = None
    pix = crops(squares, corners, window).to(image_embeds.device)  # on the device already when squares are
    _, feats = model.vision(pix.reshape(b * k, 3, window, window))
    if token_fn is not None:  # views: (batch row, x0, y0, extent)
        out_probe = token_fn(feats, [(r, x0, y0, window) for r, cs_ in enumerate(corners) for x0, y0 in cs_], "crop_")
    feats = feats.reshape(b, k, feats.shape[1], feats.shape[2])
    boxes = torch.from_numpy(boxes_fraction([c for cs in corners for c in cs], window, cfg.image_size)).reshape(b, k, 4)
    region_embeds, compressed = model.connector(feats, boxes.to(feats.device), model.embed(batch.initial),
                                                batch.initial_mask)
    t = image_embeds.shape[1] + region_embeds.shape[1]
    x = torch.cat([image_embeds, region_embeds, model.embed(batch.text)], dim=1)
    logits, _, _ = model.decoder(x)
    out = {"refine": caption_loss(logits[:, t:], batch.labels)}
    if out_probe is not None:
        out["crop_probe"] = out_probe
    if probe_targets and len(model.probe):
        pooled = compressed.float().mean(2).reshape(b * k, -1)
        losses = [F.cross_entropy(model.probe[name](pooled).float(), y, ignore_index=IGNORE)
                  for name, y in probe_targets.items() if (y != IGNORE).any()]
        if losses:
            out["probe"] = torch.stack(losses).mean()
    return out
