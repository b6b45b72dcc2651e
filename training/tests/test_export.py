import json
import os
import shutil

import onnx
import pytest
import torch

from training import checkpoint
from training.data import CaptionSet
from training.export import export
from training.from_bundle import rebuild
from training.parity import check
from training.train import train
from training.tests.helpers import tiny_run

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HAS_ORT_NODE = shutil.which("node") is not None and os.path.isdir(os.path.join(ROOT, "node_modules", "onnxruntime-node"))


@pytest.fixture(scope="module")
def bundle(fake_data, tmp_path_factory):
    run = tiny_run(str(fake_data / "train"), stage1_steps=4, stage2_steps=2)
    run_dir = str(tmp_path_factory.mktemp("run"))
    train(run, run_dir)
    json.dump(REPORT, open(os.path.join(run_dir, "eval.json"), "w"))
    out = str(tmp_path_factory.mktemp("bundle"))
    export(run_dir, out, str(fake_data / "test"))
    return run_dir, out


def test_bundle_files_and_onnx_signatures(bundle):
    _, out = bundle
    cfg = json.load(open(os.path.join(out, "config.json")))
    layers = cfg["decoder"]["num_layers"]
    expected = {
        "vision_encoder": (["pixel_values"], ["image_embeds", "region_features"]),
        "embed_tokens": (["input_ids"], ["inputs_embeds"]),
        "connector": (["region_features", "region_boxes", "caption_embeds"], ["region_embeds"]),
        "decoder_model_merged": (
            ["inputs_embeds", "attention_mask"] + [f"past_key_values.{i}.{k}" for i in range(layers) for k in ("key", "value")],
            ["logits"] + [f"present.{i}.{k}" for i in range(layers) for k in ("key", "value")] + ["saliency"]),
    }
    for name, (inputs, outputs) in expected.items():
        m = onnx.load(os.path.join(out, "onnx", f"{name}.onnx"))
        onnx.checker.check_model(m)
        assert m.opset_import[0].version == 17
        assert [i.name for i in m.graph.input] == inputs
        assert [o.name for o in m.graph.output] == outputs
    assert cfg["tokens"] == {"pad": 0, "bos": 1, "eos": 2, "unk": 3, "short": 4, "detailed": 5, "refine": 6}
    assert cfg["decoder"]["head_dim"] * cfg["decoder"]["num_heads"] == cfg["decoder"]["hidden_size"]
    assert cfg["regions"]["window"] == cfg["image"]["global_size"]
    tok = json.load(open(os.path.join(out, "tokenizer.json")))
    assert tok["model"]["type"] == "WordLevel" and len(tok["model"]["vocab"]) == cfg["decoder"]["vocab_size"]
    ref = json.load(open(os.path.join(out, "reference.json")))
    assert [s["file_name"] for s in ref["scenes"]] == sorted(s["file_name"] for s in ref["scenes"])
    first = ref["scenes"][0]["detailed"]
    assert len(first["first_logits"]) == 16 and len(first["heat"]) == 8
    assert all(x1 - x0 == 64 for x0, _, x1, _ in first["regions"])
    card = open(os.path.join(out, "README.md")).read()
    assert "## Metrics" in card and ROW in card


@pytest.mark.skipif(not HAS_ORT_NODE, reason="node + onnxruntime-node needed for the ONNX parity check")
def test_onnx_parts_and_greedy_captions_match_pytorch(bundle, fake_data):
    run_dir, out = bundle
    cs = CaptionSet(str(fake_data / "test"), 2)
    report = check(run_dir, out, cs.load_images(None), [s.file_name for s in cs.scenes])
    assert report["ok"], json.dumps(report, indent=1)
    names = {p["case"] for p in report["parts"]}
    assert {"decoder p=0 q=64", "decoder p=67 q=1"} <= names
    assert len(report["captions"]) == 4 and all(c["identical"] for c in report["captions"])


SMALL = {"fullObjectAccuracy": 0.25, "attributeAccuracy": {"shape": 0.5, "pattern": 0.75}}
# An `npm run eval` report (eval.json) as training.evaluate leaves it in a run folder, cut to what the card reads.
REPORT = {"date": "2026-01-02", "machine": "m", "bundle": "training.evaluate, PyTorch reference of run",
          "data": {"images": 3, "path": "data/world/test"},
          "styles": [{"style": "detailed", "refinement": {"captions": 3, "coarseCorrect": 2, "broken": 1, "fixed": 1},
                      "passes": [{"pass": "coarse", "bleu": [0.9, 0.8, 0.7, 0.61234], "ciderD": 2.5,
                                  "fullyCorrect": 2 / 3,
                                  "world": {"fullObjectAccuracy": 0.5, "missedRate": 0.25, "hallucinationRate": 0.125,
                                            "bySize": {"small": SMALL}}}]}]}
ROW = "| detailed | coarse | 61.2 | 250.0 | 50.0 % | 25.0 % | 25.0 % | 12.5 % | 66.7 % |"


def test_model_card_quotes_the_typescript_eval():
    from training.model_card import report_table
    lines = report_table(REPORT)
    assert "3 scenes of `data/world/test` by `training.evaluate, PyTorch reference of run`" in lines[0]
    assert lines[4] == ROW
    assert lines[6] == ("Small objects' shape and pattern, detailed captions, over matched objects: "
                        "coarse 50.0 % and 75.0 %.")
    assert lines[7] == "- detailed: refinement kept 1 of 2 fully correct coarse captions and fixed 1 of 1 wrong ones."
    assert len(lines) == 8                               # one split: no conditions table


def test_model_card_lists_the_conditions_of_a_bundle_eval():
    from training.model_card import report_table
    empty = {"pass": "refined", "images": 5, "bleu": [0, 0, 0, 0], "ciderD": 0, "fullyCorrect": 0.8,
             "world": {"fullObjectAccuracy": None, "countAccuracy": 0.8, "hallucinationRate": 1.0,
                       "saidNothing": 0.8, "bySize": {"small": {}}}}
    splits = [{"split": "clean", "styles": REPORT["styles"]}, {"split": "empty", "styles": [
        {"style": "detailed", "passes": [empty]}]}]
    lines = report_table({**REPORT, "splits": splits})
    rows = [line for line in lines[8:] if line.startswith("| clean") or line.startswith("| empty")]
    assert rows == ["| clean | detailed | coarse | – | 50.0 % | 25.0 % | – | 12.5 % | – | 66.7 % |",
                    "| empty | detailed | refined | 5 | – | – | 80.0 % | 100.0 % | 80.0 % | 80.0 % |"]


def test_model_card_gives_the_world_command_of_its_training_mix(tmp_path):
    from training.model_card import world_command
    split = tmp_path / "world_v8" / "train"
    split.mkdir(parents=True)
    info = {"split": "train", "count": 30000, "crowded_share": 0.15, "empty_share": 0.02}
    (split / "captions.json").write_text(json.dumps({"info": info, "images": []}))
    assert world_command(str(split)) == (f"`npm run world -- --split train --count 30000 --crowded-share 0.15 "
                                         f"--empty-share 0.02 --out {tmp_path / 'world_v8'}`")
    (split / "captions.json").write_text(json.dumps({"info": {**info, "crowded_share": 0, "empty_share": 0}}))
    assert world_command(str(split)) == f"`npm run world -- --split train --count 30000 --out {tmp_path / 'world_v8'}`"
    assert world_command(str(tmp_path / "missing")) == "`npm run world`"


def test_model_card_gives_both_commands_of_an_extended_run():
    from training.model_card import _extended, _train_command
    assert _train_command("world_v7", None) == "`/usr/bin/python3 -m training.train --config training/configs/world_v7.json`"
    extends = {"run": "world_v8", "steps": 5600, "train_seconds": 5436.0}
    assert _train_command("world_v8b", extends) == (
        "`/usr/bin/python3 -m training.train --config training/configs/world_v8.json`, then "
        "`/usr/bin/python3 -m training.train --config training/configs/world_v8b.json "
        "--extend training/runs/world_v8/checkpoint.pt`")
    assert _extended(extends) == "; from step 5600 it continues world_v8's final checkpoint, whose 90.6 min are in the time"
    assert _extended(None) == ""


def test_model_card_gives_every_leg_of_a_chain_of_extensions_and_a_rebuilt_start():
    from training.model_card import _train_command
    extends = {"run": "world_v8b", "steps": 7300, "train_seconds": 9518.6, "rebuilt_from": "public/models/b",
               "extends": {"run": "world_v8", "steps": 5600, "train_seconds": 5436.0}}
    command = _train_command("world_v8c", extends)
    assert command.startswith(
        "`/usr/bin/python3 -m training.train --config training/configs/world_v8.json`, then "
        "`/usr/bin/python3 -m training.train --config training/configs/world_v8b.json "
        "--extend training/runs/world_v8/checkpoint.pt`, then "
        "`/usr/bin/python3 -m training.train --config training/configs/world_v8c.json "
        "--extend training/runs/world_v8b/checkpoint.pt` (run from world_v8b's checkpoint rebuilt from "
        "`public/models/b`")
    assert command.count("rebuilt") == 1  # only the leg that started from the rebuild says so


def test_a_bundle_rebuilds_the_checkpoint_it_was_exported_from(bundle, tmp_path):
    run_dir, out = bundle
    model, run, tok, state = checkpoint.load(os.path.join(run_dir, "checkpoint.pt"))
    config = tmp_path / "run.json"
    config.write_text(json.dumps(run.to_dict()))
    rebuild(out, str(config), str(tmp_path / "rebuilt.pt"))
    again, run2, tok2, state2 = checkpoint.load(str(tmp_path / "rebuilt.pt"))
    assert tok2.vocab == tok.vocab and run2.to_dict() == run.to_dict()
    weights, rebuilt = model.state_dict(), again.state_dict()
    exported = [k for k in weights if not k.startswith(("probe.", "vision.ln."))]
    assert len(exported) > 50
    for k in exported:
        assert torch.equal(weights[k], rebuilt[k]), k
    assert state2["stats"]["steps"] == state["stats"]["steps"] and state2["stats"]["rebuilt_from"] == out
    assert state2["optimizer"]["state"] == {}  # moments are not in a bundle: an extension warms up again


def test_a_rebuild_refuses_data_with_another_vocabulary(bundle, fake_data, tmp_path):
    run_dir, out = bundle
    _, run, _, _ = checkpoint.load(os.path.join(run_dir, "checkpoint.pt"))
    tokenizer = json.load(open(os.path.join(out, "tokenizer.json")))
    tokenizer["model"]["vocab"]["zebra"] = len(tokenizer["model"]["vocab"])
    shutil.copytree(out, tmp_path / "bundle")
    (tmp_path / "bundle" / "tokenizer.json").write_text(json.dumps(tokenizer))
    config = tmp_path / "run.json"
    config.write_text(json.dumps(run.to_dict()))
    with pytest.raises(ValueError, match="another vocabulary"):
        rebuild(str(tmp_path / "bundle"), str(config), str(tmp_path / "rebuilt.pt"))
