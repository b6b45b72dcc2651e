"""Reference two-pass inference (docs/model-format.md steps 2-9) in PyTorch, greedy decoding with a KV cache.

`caption_one` follows the protocol literally at batch 1 (reference.json comes from it); `caption_many` batches
pass 1 over images and pass 2 over samples whose prompts have equal length, for evaluation speed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torch import Tensor

from .model import GlanceModel
from .preprocess import crops, global_view
from .regions import boxes_fraction, heat_map, select_regions
from .tokenizer import EOS, REFINE, STYLE_TOKEN, WordTokenizer


@dataclass
class TwoPass:
    style: str
    coarse_ids: List[int]
    refined_ids: List[int]
    heat: np.ndarray                        # [G,G]
    corners: List[Tuple[int, int]]          # window top-left corners, model-square pixels
    first_logits: List[float] = field(default_factory=list)


@dataclass
class Captioner:
    model: GlanceModel
    tok: WordTokenizer
    content_ids: Sequence[int]
    max_new_tokens: Dict[str, int]

    @property
    def cfg(self):
        return self.model.cfg

    def _greedy(self, past, first: Tensor, max_new: int) -> Tuple[List[List[int]], List[List[np.ndarray]], Tensor]:
        """Feeds `first` [B,q,D] on `past`, then greedy tokens until all hit </s> or max_new. Returns per sample
        the tokens (without </s>), the saliency row over the image tokens of every fed step (first row = last
        position of `first`), and the first step's logits [B,V]."""
        dec, t = self.model.decoder, self.cfg.grid ** 2
        b = first.shape[0]
        logits, past, sal = dec(first, past=past)
        first_logits = logits[:, -1]
        out: List[List[int]] = [[] for _ in range(b)]
        rows: List[List[np.ndarray]] = [[r] for r in sal[:, -1, :t].double().cpu().numpy()]
        done = [False] * b
        for step in range(max_new):
            nxt = logits[:, -1].argmax(-1)
            for i in range(b):
                if not done[i]:
                    if int(nxt[i]) == EOS:
                        done[i] = True
                    else:
                        out[i].append(int(nxt[i]))
            if all(done) or step == max_new - 1:
                break
            logits, past, sal = dec(self.model.embed(nxt[:, None]), past=past)
            last = sal[:, -1, :t].double().cpu().numpy()
            for i in range(b):
                if not done[i]:
                    rows[i].append(last[i])
        return out, rows, first_logits

    @torch.no_grad()
    def caption_many(self, squares: np.ndarray, style: str, refine: bool = True) -> List[TwoPass]:
        cfg, model = self.cfg, self.model
        dev = next(model.parameters()).device
        sq = torch.from_numpy(np.ascontiguousarray(squares)).to(dev)
        image_embeds, _ = model.vision(global_view(sq, cfg.global_size))
        _, kv_img, _ = model.decoder(image_embeds)
        b = image_embeds.shape[0]
        task = torch.full((b, 1), STYLE_TOKEN[style], dtype=torch.long, device=dev)
        max_new = self.max_new_tokens[style]
        coarse, rows, first_logits = self._greedy(kv_img, model.embed(task), max_new)
        results = []
        for i in range(b):
            fed = [STYLE_TOKEN[style]] + coarse[i][: len(rows[i]) - 1]
            heat = heat_map(np.stack(rows[i]), fed, self.content_ids, cfg.grid)
            corners = select_regions(heat, cfg.regions_k, cfg.global_size, cfg.image_size, cfg.nms_radius)
            results.append(TwoPass(style, coarse[i], [], heat, corners, first_logits[i].tolist()))
        if not refine:
            return results
        groups: Dict[Tuple[int, int], List[int]] = {}
        for i, r in enumerate(results):
            groups.setdefault((len(r.coarse_ids), len(r.corners)), []).append(i)
        for members in groups.values():
            rs = [results[i] for i in members]
            k = len(rs[0].corners)
            pix = crops(sq[torch.tensor(members, device=dev)], [r.corners for r in rs], cfg.global_size)
            _, feats = model.vision(pix.reshape(len(rs) * k, 3, cfg.global_size, cfg.global_size))
            feats = feats.reshape(len(rs), k, feats.shape[1], feats.shape[2])
            boxes = torch.stack([torch.from_numpy(boxes_fraction(r.corners, cfg.global_size, cfg.image_size))
                                 for r in rs]).to(dev)
            c_ids = torch.tensor([r.coarse_ids for r in rs], dtype=torch.long, device=dev).reshape(len(rs), -1)
            region_embeds, _ = model.connector(feats, boxes, model.embed(c_ids))
            prompt = torch.cat([torch.full((len(rs), 1), REFINE, device=dev), c_ids,
                                torch.full((len(rs), 1), STYLE_TOKEN[style], device=dev)], dim=1)
            past = [(k_[members], v_[members]) for k_, v_ in kv_img]
            refined, _, _ = self._greedy(past, torch.cat([region_embeds, model.embed(prompt)], dim=1), max_new)
            for r, ids in zip(rs, refined):
                r.refined_ids = ids
        return results

    def caption_one(self, square: np.ndarray, style: str) -> TwoPass:
        return self.caption_many(square[None], style)[0]

    def text(self, ids: Sequence[int]) -> str:
        return self.tok.decode(ids)


def captioner_from_checkpoint(state: dict, model: GlanceModel, tok: WordTokenizer, max_new: Optional[dict] = None):
    return Captioner(model, tok, state["content_ids"], max_new or state["max_new_tokens"])
