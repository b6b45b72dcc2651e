"""Which token ids are 'content words' for the saliency heat map (bundle config saliency.content_token_ids)."""
from __future__ import annotations

from typing import Dict, List

from .tokenizer import SPECIALS, WordTokenizer

# Words that never name what an image shows; used only for folders without object annotations.
STOPWORDS = set("""a an the and or of in on at to with is are was were be been being it its this that these
those there their his her he she they them some no one two three four five six seven eight nine other others
object objects
by for from into near next top bottom left right center middle side as while who which what""".split())


def content_token_ids(tok: WordTokenizer, attribute_values: Dict[str, List[str]]) -> List[int]:
    """World data: the words of the shape, colour, size and pattern values (docs/caption-grammar.md). Other
    data: every alphabetic word that is not a stopword."""
    if attribute_values:
        words = {w for vals in attribute_values.values() for v in vals for w in v.split()}
        return tok.ids_of(words)
    return sorted(i for w, i in tok.vocab.items()
                  if i >= len(SPECIALS) and w.isalpha() and w not in STOPWORDS)
