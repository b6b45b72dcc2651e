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
