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


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_huggingface_tokenizers_js_and_transformers_js_decode_as_decode_does(tmp_path):
    # tokenizer.json's decoder (hf_decoder) with tokenizer_config.json (hf_config) must write decode()'s text in
    # both JavaScript libraries: without the decoder they joined every token with a space ("two objects : a ...").
    # Random id sequences, punctuation anywhere, specials mixed in.
    import random
    tok = WordTokenizer.build(CAPS + ["one object: a red star; what? yes!"])
    path = tmp_path / "tokenizer.json"
    tok.save(str(path))
    rng = random.Random(0)
    seqs = [tok.encode(c) for c in CAPS] + [[rng.randrange(len(tok)) for _ in range(rng.randint(1, 12))]
                                           for _ in range(300)]
    seqs = [s for s in seqs if any(i >= len(SPECIALS) for i in s)]
    script = (
        "const {Tokenizer}=require('@huggingface/tokenizers');"
        "const {PreTrainedTokenizer}=require('@huggingface/transformers');"
        "const fs=require('fs');"
        f"const json=JSON.parse(fs.readFileSync({json.dumps(str(path))},'utf8'));"
        f"const config={json.dumps(WordTokenizer.hf_config(320))};"
        "const libs=[new Tokenizer(json,config),new PreTrainedTokenizer(json,config)];"
        f"const seqs={json.dumps(seqs)};"
        "console.log(JSON.stringify(libs.map(t=>seqs.map(s=>t.decode(s,{skip_special_tokens:true})))));"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, cwd=_repo_root())
    assert out.returncode == 0, out.stderr
    tokenizers_js, transformers_js = json.loads(out.stdout)
    expected = [tok.decode(s) for s in seqs]
    assert tokenizers_js == expected
    assert transformers_js == expected


def _repo_root():
    import os
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
