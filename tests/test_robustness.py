"""The robustness run's bookkeeping: seeds from the command line, and the tables it writes (the
runs themselves execute notebooks, which tests/test_other_seed.py does for one seed)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from robustness import Outcome, format_seeds, headline_value, parse_seeds, tables  # noqa: E402

KERAS = "Keras 3.15.1 on the tensorflow backend"


def test_seeds_are_numbers_and_ranges_each_once():
    assert parse_seeds("0-3,42") == [0, 1, 2, 3, 42]
    assert parse_seeds("2, 1-3") == [2, 1, 3]
    assert format_seeds([0, 1, 2, 3, 42]) == "0-3, 42"


@pytest.mark.parametrize("text", ["", "a-b", "5-2", None])
def test_bad_seeds_are_refused_by_name(text):
    with pytest.raises(ValueError, match="seeds"):
        parse_seeds(text)


def test_tables_show_values_failures_and_the_range():
    outcomes = [
        Outcome("01_one", 0, True, 5.0, "max |error| = 0.010 (target < 0.05)", "", KERAS),
        Outcome("01_one", 1, False, 4.0, "-", "AssertionError: (at: assert e < 0.05)", KERAS),
        Outcome("01_one", 2, True, 5.0, "max |error| = 0.030 (target < 0.05)", "", KERAS),
    ]
    full, summary = tables(outcomes, [0, 1, 2])
    assert "| 01_one | 2/3 | 0.010 | **FAIL** | 0.030 |" in full
    assert "| 01_one | 2/3 | max \\|error\\| (target < 0.05) | 0.01 | 0.03 |" in summary
    assert headline_value("count = 6 (target >= 4 of 12; GRU 11)") == "6"


def test_each_backend_writes_its_own_readme_block(tmp_path, monkeypatch):
    import robustness

    readme = tmp_path / "README.md"
    readme.write_text(
        "a\n<!-- robustness:start -->\nold TF\n<!-- robustness:end -->\n"
        "b\n<!-- robustness-jax:start -->\nold JAX\n<!-- robustness-jax:end -->\nc\n"
    )
    monkeypatch.setattr(robustness, "ROOT", tmp_path)
    robustness.update_readme("| jax table |", [0, 1, 2], "rnn-topologies-jax")
    text = readme.read_text()
    assert "old TF" in text and "old JAX" not in text
    assert "Seeds 0-2, from `make robustness BACKEND=jax`:\n\n| jax table |" in text
    robustness.update_readme("| tf table |", [0, 1, 2])
    assert "old TF" not in readme.read_text() and "| jax table |" in readme.read_text()
