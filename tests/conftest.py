"""Test set-up shared by every test module: a quiet TensorFlow and a non-interactive matplotlib."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("HELPERS_LIVE_PLOTS", "0")


def pytest_xdist_make_scheduler(config, log):
    """How `make test` (`-n auto --dist loadfile`) hands tests to its workers.

    As with pytest-xdist's loadfile, a file is one unit of work, run by one worker in order: a
    notebook's nbval cells need the cells before them, and the site's tests share one built site.
    One file is the exception: its tests, the other-seed runs of tests/test_other_seed.py, are
    independent executions of whole notebooks and the longest tests of all, so each is a unit of
    its own and they spread over the workers.
    """
    from xdist.scheduler import LoadFileScheduling

    class SpreadOtherSeedRuns(LoadFileScheduling):
        def _split_scope(self, nodeid):
            if nodeid.startswith("tests/test_other_seed.py::"):
                return nodeid
            return super()._split_scope(nodeid)

    return SpreadOtherSeedRuns(config, log)
