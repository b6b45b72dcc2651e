import random

import torch

from training.batches import probe_classes
from training.data import CaptionSet
from training.probes import object_windows, token_labels


def test_token_labels_point_at_the_cell_of_each_object_centre(fake_data):
    cs = CaptionSet(str(fake_data / "train"))
    classes = probe_classes(cs)
    ob = cs.scenes[0].objects[0]
    objs = [sc.objects for sc in cs.scenes]
    pos, labels = token_labels(objs, classes, [(0, 0, 0, 256)], 8)
    assert int(ob["cy"] // 32) * 8 + int(ob["cx"] // 32) in pos.tolist()
    assert classes["shape"][labels["shape"][0]] == ob["shape"]
    x0, y0 = ob["cx"] - 8, ob["cy"] - 8  # a crop 8 px above-left of the centre: crop cell (1, 1) of view 1
    pos, _ = token_labels(objs, classes, [(1, 0, 0, 1), (0, x0, y0, 64)], 8)
    assert 64 + 9 in pos.tolist()
    # dense labels: a 64 px object centred on a cell corner covers the centres of 4 cells
    cs.scenes[0].objects = [dict(ob, cx=128.0, cy=128.0, bbox=[96, 96, 64, 64])]
    objs[0] = cs.scenes[0].objects
    pos, labels = token_labels(objs, classes, [(0, 0, 0, 256)], 8, dense=True)
    assert sorted(pos.tolist()) == [27, 28, 35, 36] and len(labels["colour"]) == 4
    assert token_labels(objs, classes, [(0, 0, 0, 256)], 8)[0].tolist() == [36]


def test_object_windows_stay_inside_and_near_objects(fake_data):
    cs = CaptionSet(str(fake_data / "train"))
    wins = object_windows([cs.scenes[i].objects for i in (0, 1, 2)], 2, 64, 256, 12, random.Random(0))
    for i, corners in zip([0, 1, 2], wins):
        assert len(corners) == 2
        for x0, y0 in corners:
            assert 0 <= x0 <= 192 and 0 <= y0 <= 192
            assert any(x0 <= o["cx"] < x0 + 64 and y0 <= o["cy"] < y0 + 64 for o in cs.scenes[i].objects)


def test_stage0_stem_only_forward_equals_untrained_zero_init_blocks():
    from training.config import ModelConfig
    from training.model import GlanceModel
    cfg = ModelConfig(vision_dim=32, vision_heads=2, feature_layers=[0, 2, 4], conv_stem=8, zero_init=True,
                      multi_feature=True, token_probes=False, dec_dim=32, dec_heads=2, dec_layers=1,
                      saliency_layer=0)
    m = GlanceModel(cfg, 20)
    x = torch.randn(2, 3, 64, 64)
    full, skip = m.vision(x), m.vision(x, skip_blocks=True)
    assert torch.allclose(full[0], skip[0], atol=1e-6) and torch.allclose(full[1], skip[1], atol=1e-6)
    assert full[1].shape == (2, 64, 96)
