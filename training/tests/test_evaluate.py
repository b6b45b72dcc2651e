"""training.evaluate writes captions; `npm run eval` scores them. Python keeps no scorer (issue 17, item 5), so
this checks the seam: a captions file as Python writes it, scored by the TypeScript scorer, gives the figures
counted by hand below."""
import json
import os
import shutil

import pytest

from training.evaluate import TSX, captions_file, score

SCENES = [
    [{"shape": "circle", "colour": "red", "size": "large", "pattern": "plain", "position": "top left"},
     {"shape": "star", "colour": "blue", "size": "small", "pattern": "dotted", "position": "bottom right"}],
    [{"shape": "square", "colour": "yellow", "size": "medium", "pattern": "striped", "position": "center"}],
]
REFS = {
    (0, "detailed"): "two objects: a large red circle in the top left and a small blue dotted star in the bottom right.",
    (0, "short"): "a large red circle and a small blue star.",
    (1, "detailed"): "one object: a medium yellow striped square in the center.",
    (1, "short"): "a medium yellow square.",
}
CAPTIONS = [
    # the small star read as a striped heart, then fixed
    {"id": 0, "style": "detailed", "refined": REFS[0, "detailed"],
     "coarse": "two objects: a large red circle in the top left and a small blue striped heart in the bottom right."},
    # right, then moved to the wrong cell (broken)
    {"id": 1, "style": "detailed", "coarse": REFS[1, "detailed"],
     "refined": "one object: a medium yellow striped square in the top right."},
    {"id": 0, "style": "short", "coarse": REFS[0, "short"], "refined": REFS[0, "short"]},
    # the square read as a circle, then fixed
    {"id": 1, "style": "short", "coarse": "a medium yellow circle.", "refined": REFS[1, "short"]},
]


@pytest.mark.skipif(not (os.path.exists(TSX) and shutil.which("node")), reason="npm ci needed for npm run eval")
def test_python_captions_scored_by_npm_run_eval(tmp_path):
    split = tmp_path / "split"
    split.mkdir()
    json.dump({"images": [{"id": i, "file_name": f"images/{i}.png", "objects": o} for i, o in enumerate(SCENES)],
               "annotations": [{"id": k, "image_id": i, "style": s, "caption": c}
                               for k, ((i, s), c) in enumerate(REFS.items())]},
              open(split / "captions.json", "w"))
    path = tmp_path / "eval-captions.json"
    json.dump(captions_file(CAPTIONS, "hand-written", str(split), ["a note"]), open(path, "w"))
    report = score(str(path), str(split), str(tmp_path / "eval.json"), str(tmp_path / "reports"))

    assert report["bundle"] == "hand-written" and report["data"]["images"] == 2 and "a note" in report["notes"]
    styles = {s["style"]: s for s in report["styles"]}
    coarse, refined = (p["world"] for p in styles["detailed"]["passes"])
    # detailed, coarse: 3 true objects, all matched; the small star's shape and pattern wrong
    assert coarse["fullObjectAccuracy"] == pytest.approx(2 / 3)
    assert coarse["bySize"]["small"]["fullObjectAccuracy"] == 0
    assert coarse["bySize"]["small"]["attributeAccuracy"]["shape"] == 0
    assert coarse["bySize"]["small"]["attributeAccuracy"]["pattern"] == 0
    assert coarse["hallucinationRate"] == 0 and coarse["missedRate"] == 0
    # detailed, refined: the star right, the square in the wrong cell (still matched: shape, colour, size agree)
    assert refined["fullObjectAccuracy"] == pytest.approx(2 / 3)
    assert refined["bySize"]["small"]["fullObjectAccuracy"] == 1
    assert refined["attributeAccuracy"]["position"] == pytest.approx(2 / 3)
    assert styles["detailed"]["refinement"] == {"captions": 2, "coarseCorrect": 1, "refinedCorrect": 1, "broken": 1,
                                                "brokenShare": 1, "fixed": 1, "fixedShare": 1}
    # short: the square read as a circle is still paired (colour and size agree), then fixed
    s_coarse, s_refined = (p["world"] for p in styles["short"]["passes"])
    assert s_coarse["fullObjectAccuracy"] == pytest.approx(2 / 3) and s_refined["fullObjectAccuracy"] == 1
    assert [p["fullyCorrect"] for p in styles["short"]["passes"]] == [0.5, 1]
    assert styles["short"]["medianMs"] is None
