"""Word-level tokenizer built from the captions, saved as a Hugging Face tokenizers file (tokenizer.json)."""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Dict, Iterable, List

SPECIALS = ["<pad>", "<s>", "</s>", "<unk>", "<short>", "<detailed>", "<refine>"]
PAD, BOS, EOS, UNK, SHORT, DETAILED, REFINE = range(7)
STYLE_TOKEN = {"short": SHORT, "detailed": DETAILED}
ATTACHED = {",", ":", ".", ";", "!", "?"}

# The "Whitespace" pre-tokenizer of Hugging Face tokenizers is exactly this regex: runs of word characters, and
# runs of other non-space characters (so "," ":" "." are tokens of their own in the caption grammar).
_WORD_RE = re.compile(r"\w+|[^\w\s]+", re.UNICODE)


def pre_tokenize(text: str) -> List[str]:
    return _WORD_RE.findall(text.lower())


class WordTokenizer:
    def __init__(self, vocab: Dict[str, int]):
        self.vocab = vocab
        self.inv = {i: w for w, i in vocab.items()}

    @classmethod
    def build(cls, captions: Iterable[str], min_count: int = 1, max_size: int = 20000) -> "WordTokenizer":
        counts = Counter(w for c in captions for w in pre_tokenize(c))
        words = sorted((w for w, n in counts.items() if n >= min_count), key=lambda w: (-counts[w], w))
        words = sorted(words[: max_size - len(SPECIALS)])  # stable ids: alphabetical after specials
        vocab = {s: i for i, s in enumerate(SPECIALS)}
        for w in words:
            vocab.setdefault(w, len(vocab))
        return cls(vocab)

    def __len__(self) -> int:
        return len(self.vocab)

    def encode(self, text: str) -> List[int]:
        return [self.vocab.get(w, UNK) for w in pre_tokenize(text)]

    def decode(self, ids: Iterable[int]) -> str:
        """Joins words with single spaces, attaching punctuation to the previous word; drops special tokens."""
        out = ""
        for i in ids:
            i = int(i)
            if i < len(SPECIALS):
                continue
            w = self.inv.get(i, "<unk>")
            out = out + w if (w in ATTACHED or not out) else out + " " + w
        return out

    def ids_of(self, words: Iterable[str]) -> List[int]:
        return sorted(self.vocab[w] for w in words if w in self.vocab)

    def to_hf_json(self) -> dict:
        added = [{"id": i, "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": True} for i, s in enumerate(SPECIALS)]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": {"type": "Lowercase"},
            "pre_tokenizer": {"type": "Whitespace"},
            "post_processor": None,
            "decoder": self.hf_decoder(),
            "model": {"type": "WordLevel", "vocab": self.vocab, "unk_token": "<unk>"},
        }

    @staticmethod
    def hf_decoder() -> dict:
        """decode() as a Hugging Face decoder chain, so that the standard libraries (tokenizers, transformers,
        transformers.js and @huggingface/tokenizers) write the same text: without a decoder they join tokens
        with spaces ("two objects : a ..."). WordPiece puts a space before every token but the first (no token
        starts with its prefix), then each attached mark takes its space back. String patterns only: no regex
        dialect differences between the Rust and the JavaScript libraries."""
        marks = [{"type": "Replace", "pattern": {"String": " " + m}, "content": m} for m in sorted(ATTACHED)]
        return {"type": "Sequence",
                "decoders": [{"type": "WordPiece", "prefix": "##", "cleanup": False}] + marks}

    @staticmethod
    def hf_config(max_length: int) -> dict:
        """tokenizer_config.json: tokenizers.js reads the unknown token of a WordLevel model from here;
        transformers(.js) read the class, the special tokens, and whether to "clean up" spaces after decoding
        (off: the decoder already writes the caption grammar's spacing)."""
        added = {str(i): {"content": s, "lstrip": False, "normalized": False, "rstrip": False,
                          "single_word": False, "special": True} for i, s in enumerate(SPECIALS)}
        return {"tokenizer_class": "PreTrainedTokenizerFast", "unk_token": "<unk>", "pad_token": "<pad>",
                "bos_token": "<s>", "eos_token": "</s>", "additional_special_tokens": SPECIALS[4:],
                "added_tokens_decoder": added, "model_max_length": max_length,
                "add_bos_token": False, "add_eos_token": False, "clean_up_tokenization_spaces": False,
                "padding_side": "right", "model_input_names": ["input_ids", "attention_mask"]}

    def save(self, path: str) -> None:
        with open(path, "w") as f:
            json.dump(self.to_hf_json(), f, indent=1, ensure_ascii=False)

    @classmethod
    def load(cls, path: str) -> "WordTokenizer":
        with open(path) as f:
            return cls(json.load(f)["model"]["vocab"])
