import os
import sys

import pytest
import torch

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
torch.set_num_threads(1)

from training.tests.fake_world import write_split  # noqa: E402


@pytest.fixture(scope="session")
def fake_data(tmp_path_factory):
    root = tmp_path_factory.mktemp("world")
    write_split(str(root / "train"), 24, seed=1)
    write_split(str(root / "test"), 6, seed=3)
    return root


# Scenes of 0 and 7-9 objects (the world's --crowded-share / --empty-share mix), with a few ordinary ones.
MIXED_COUNTS = [0, 9, 1, 8, 0, 7, 2, 9, 3, 0, 9, 6]


@pytest.fixture(scope="session")
def mixed_data(tmp_path_factory):
    root = tmp_path_factory.mktemp("world_mixed")
    write_split(str(root / "train"), 24, seed=5, counts=MIXED_COUNTS)
    write_split(str(root / "test"), 6, seed=6, counts=[0, 9, 1, 0, 9, 7])
    return root
