import json
import shutil
import subprocess

import pytest

from training.tokenizer import DETAILED, EOS, REFINE, SPECIALS, WordTokenizer, pre_tokenize

CAPS = ["two objects: a small blue striped heart in the top left and a medium white circle at the bottom.",
        "a large red star, a medium blue circle and three other objects."]


def test_special_ids_match_the_contract():
    tok = WordTokenizer.build(CAPS)
    assert [tok.vocab[s] for s in SPECIALS] == list(range(7))
    assert (EOS, DETAILED, REFINE) == (2, 5, 6)


def test_punctuation_is_split_and_decoding_reattaches_it():
    assert pre_tokenize("a large red star, a cat.") == ["a", "large", "red", "star", ",", "a", "cat", "."]
    tok = WordTokenizer.build(CAPS)
    for c in CAPS:
        ids = tok.encode(c)
        assert 3 not in ids
        assert tok.decode(ids) == c


def test_unknown_words_map_to_unk():
    tok = WordTokenizer.build(CAPS)
    assert tok.encode("a purple star")[1] == 3


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_huggingface_tokenizers_js_gives_the_same_ids(tmp_path):
    tok = WordTokenizer.build(CAPS)
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    texts = CAPS + ["A Large RED star, unknownword."]
    script = (
        "const {Tokenizer}=require('@huggingface/tokenizers');"
        "const fs=require('fs');"
        f"const t=new Tokenizer(JSON.parse(fs.readFileSync({json.dumps(str(path))},'utf8')),"
        f"{json.dumps(WordTokenizer.hf_config(320))});"
        f"const texts={json.dumps(texts)};"
        "console.log(JSON.stringify(texts.map(x=>t.encode(x,{add_special_tokens:false}).ids)));"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, cwd=_repo_root())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [tok.encode(t) for t in texts]


def _repo_root():
    import os
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
