"""Test set-up shared by every test module: a quiet TensorFlow, a non-interactive matplotlib,
and the groups that pytest-xdist must keep on one worker."""

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("HELPERS_LIVE_PLOTS", "0")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Under ``--dist loadgroup`` keep each notebook's nbval cells on one worker (a cell needs
    the cells before it) and the site's browser tests together (they share one built site);
    every other test goes to whichever worker is free."""
    for item in items:
        path = item.path
        if path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(path.stem))
        elif path.name == "test_site.py":
            item.add_marker(pytest.mark.xdist_group("site"))
