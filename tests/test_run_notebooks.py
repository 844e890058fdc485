"""How `make run` (tools/run_notebooks.py) orders its work: the longest notebooks start first,
by the README's table of seconds, and results come back in the order of the notebooks."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from run_notebooks import (  # noqa: E402
    expected_seconds,
    in_task_order,
    longest_first,
    notebook_paths,
    run_as_finished,
)

PATHS = [Path(f"notebooks/{name}.ipynb") for name in ("01_a", "02_b", "03_c", "04_d")]


def test_the_longest_notebook_starts_first():
    expected = {"01_a": 5.0, "02_b": 20.0, "03_c": 9.0, "04_d": 12.0}
    assert longest_first(PATHS, expected) == [1, 3, 2, 0]


def test_a_notebook_without_a_time_starts_before_the_timed_ones():
    assert longest_first(PATHS, {"01_a": 5.0, "03_c": 9.0}) == [1, 3, 2, 0]


def test_equal_times_keep_the_notebook_order():
    assert longest_first(PATHS, dict.fromkeys(("01_a", "02_b", "03_c", "04_d"), 7.0)) == [0, 1, 2, 3]


def test_every_notebook_has_a_time_in_the_readme():
    expected = expected_seconds()
    assert {path.stem for path in notebook_paths([])} <= set(expected)
    assert all(seconds > 0 for seconds in expected.values())


def test_results_come_back_in_task_order_as_soon_as_they_can():
    read = []

    def finished():  # the order in which the runs end
        for result in [(2, "c"), (0, "a"), (1, "b"), (3, "d")]:
            read.append(result[0])
            yield result

    ordered = in_task_order(finished())
    assert next(ordered) == ("a",)
    assert read == [2, 0], "0 came back second: it did not wait for 1"
    assert list(ordered) == [("b",), ("c",), ("d",)]


def test_no_job_is_refused_by_name():
    with pytest.raises(ValueError, match="jobs"):
        next(run_as_finished([(PATHS[0], {})], "rnn-topologies", 60, 0))
