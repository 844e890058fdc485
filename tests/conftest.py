"""Test set-up shared by every test module: a quiet TensorFlow and a non-interactive matplotlib."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("HELPERS_LIVE_PLOTS", "0")


def pytest_collection_modifyitems(config, items):
    """Units of work for pytest-xdist (`make test`: `-n auto --dist loadgroup`).

    A notebook's nbval cells need the cells before them, so each notebook is one unit; so is each
    test file, whose tests may share a module or session fixture (the site's tests share one
    built site). The other-seed runs are independent executions of whole notebooks, the longest
    tests of all: each is a unit of its own, so that they spread over the workers.
    """
    import pytest

    for item in items:
        path = item.path
        if path.name == "test_other_seed.py":
            continue
        item.add_marker(pytest.mark.xdist_group(path.stem if path.suffix == ".ipynb" else path.name))
