import random

import torch

from training.batches import probe_classes
from training.data import CaptionSet
from training.probes import object_windows, token_labels


def test_token_labels_point_at_the_cell_of_each_object_centre(fake_data):
    cs = CaptionSet(str(fake_data / "train"))
    classes = probe_classes(cs)
    ob = cs.scenes[0].objects[0]
    pos, labels = token_labels(cs, classes, [(0, 0, 0, 256)], 8)
    assert len(pos) == len(cs.scenes[0].objects)
    assert int(pos[0]) == int(ob["cy"] // 32) * 8 + int(ob["cx"] // 32)
    assert classes["shape"][labels["shape"][0]] == ob["shape"]
    # a crop whose top-left sits 8 px above-left of the centre: the object is in crop cell (1, 1) of view 1
    x0, y0 = ob["cx"] - 8, ob["cy"] - 8
    pos, labels = token_labels(cs, classes, [(1, 0, 0, 1), (0, x0, y0, 64)], 8)
    assert 64 + 9 in pos.tolist()


def test_object_windows_stay_inside_and_near_objects(fake_data):
    cs = CaptionSet(str(fake_data / "train"))
    wins = object_windows(cs, [0, 1, 2], 2, 64, 256, 12, random.Random(0))
    for i, corners in zip([0, 1, 2], wins):
        assert len(corners) == 2
        for x0, y0 in corners:
            assert 0 <= x0 <= 192 and 0 <= y0 <= 192
            assert any(x0 <= o["cx"] < x0 + 64 and y0 <= o["cy"] < y0 + 64 for o in cs.scenes[i].objects)
