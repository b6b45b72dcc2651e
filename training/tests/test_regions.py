import numpy as np
import torch

from training.regions import boxes_fraction, heat_map, js_round, select_regions, select_regions_batch
from training.steps import choose_regions


def test_single_peak_is_centred_on_its_cell():
    heat = np.zeros((8, 8))
    heat[2, 5] = 1.0
    # cell 5 spans x in [160, 192): centre 176, window 64 -> x0 = 144; row 2 -> centre 80 -> y0 = 48
    assert select_regions(heat, 1, 64, 256, 1) == [(144, 48)]


def test_centroid_moves_towards_heavy_neighbour():
    heat = np.zeros((8, 8))
    heat[4, 4] = 3.0
    heat[4, 5] = 1.0  # centroid cx = 4.25 -> (4.75 * 32) - 32 = 120
    assert select_regions(heat, 1, 64, 256, 1) == [(120, 112)]


def test_windows_are_clamped_inside_the_square():
    heat = np.zeros((8, 8))
    heat[0, 0], heat[7, 7] = 2.0, 1.0
    assert select_regions(heat, 2, 64, 256, 1) == [(0, 0), (192, 192)]


def test_nms_suppresses_neighbours_and_ties_take_lowest_index():
    heat = np.zeros((8, 8))
    heat[3, 3], heat[3, 4], heat[6, 1] = 1.0, 0.9, 0.5  # (3,4) is suppressed by (3,3)
    heat[0, 7] = 0.5  # tie with (6,1): row-major index 7 < 49 wins
    corners = select_regions(heat, 3, 64, 256, 1)
    assert len(corners) == 3
    assert corners[1] == (192, 0)
    assert corners[2] == (16, 176)  # (6,1): x centre 48 - 32 = 16, y centre 208 - 32 = 176


def test_stops_when_only_suppressed_cells_remain():
    heat = np.zeros((8, 8))
    heat[0, 0] = 1.0  # after suppressing its 2x2 neighbourhood the maximum (0) is the suppressed cell 0
    assert select_regions(heat, 6, 64, 256, 1) == [(0, 0)]


def test_js_round_rounds_halves_up():
    assert [js_round(v) for v in (0.5, 1.5, 2.5, -0.5, -1.5)] == [1, 2, 3, 0, -1]


def test_heat_map_normalises_rows_and_skips_non_content_tokens():
    rows = np.zeros((3, 70))
    rows[0, 5], rows[0, 64] = 0.5, 0.5   # normalised over the 64 image positions -> 1.0 at cell 5
    rows[1, 9] = 0.2                      # a non-content token: ignored
    rows[2, 5], rows[2, 6] = 0.1, 0.3
    heat = heat_map(rows, [10, 11, 10], [10], 8).reshape(-1)
    assert np.isclose(heat[5], 1.25) and np.isclose(heat[6], 0.75) and heat[9] == 0


def test_boxes_are_fractions():
    assert np.allclose(boxes_fraction([(64, 128)], 64, 256), [[0.25, 0.5, 0.5, 0.75]])


def test_training_selection_keeps_early_stops_as_inference_does():
    heat = torch.zeros(3, 64, dtype=torch.float64)
    heat[0, 0] = 1.0                  # concentrated: one region, then only suppressed cells
    heat[2] = torch.rand(64) + 0.1    # everywhere: k regions
    # row 1 is all zero (C names no object, e.g. "no objects."): one region at the top left, as in inference
    assert choose_regions(heat, 3, 64, 256, 1)[:2] == [[(0, 0)], [(0, 0)]]
    assert len(choose_regions(heat, 3, 64, 256, 1)[2]) == 3
    assert select_regions(np.zeros((8, 8)), 6, 64, 256, 1) == [(0, 0)]


def test_the_batched_selection_training_uses_equals_the_reference_loop():
    rng = np.random.default_rng(0)
    maps = [rng.random((100, 8, 8)), np.zeros((3, 8, 8)), np.ones((3, 8, 8)), rng.random((100, 8, 8)) ** 8,
            np.where(rng.random((100, 8, 8)) < 0.1, rng.random((100, 8, 8)), 0.0),     # early stops
            rng.integers(0, 3, (100, 8, 8)).astype(float)]                                # ties
    for heat in maps:
        for k, nms in ((6, 1), (3, 0), (8, 2)):
            assert select_regions_batch(heat, k, 64, 256, nms) == [select_regions(h, k, 64, 256, nms) for h in heat]
