"""The benchmark's parsing of what the notebooks print (the runs themselves are too slow here)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from run_bench import training_seconds, training_table  # noqa: E402

RUN_1 = "Trained 10 epochs (200 gradient steps) in 1.0 s\nloss\nTrained 4 epochs (80 gradient steps) in 1.2 s\n"
RUN_2 = "Trained 10 epochs (200 gradient steps) in 1.4 s\nTrained 4 epochs (80 gradient steps) in 0.9 s\n"


def test_training_lines_pair_up_by_order():
    assert training_seconds([RUN_1, RUN_2]) == [
        ("Trained 10 epochs (200 gradient steps)", [1.0, 1.4]),
        ("Trained 4 epochs (80 gradient steps)", [1.2, 0.9]),
    ]


def test_a_lowercase_summary_line_counts_too():
    assert training_seconds(["trained both models, 144 steps each, in 2.7 s\n"]) == [
        ("trained both models, 144 steps each", [2.7])
    ]


def test_runs_that_disagree_are_an_error():
    with pytest.raises(SystemExit, match="different number of training lines"):
        training_seconds([RUN_1, "Trained 1 epochs (1 gradient steps) in 0.5 s\n"])


def test_table_has_min_median_and_max():
    rows = training_table({"01_one_to_one": [RUN_1, RUN_2, RUN_1]}, repeat=3)
    assert "| 01_one_to_one | model 1: Trained 10 epochs (200 gradient steps) | 1.0 | 1.0 | 1.4 |" in rows
    assert "| 01_one_to_one | model 2: Trained 4 epochs (80 gradient steps) | 0.9 | 1.2 | 1.2 |" in rows


def test_a_notebook_with_one_model_needs_no_number():
    rows = training_table({"06_alphabet_lstm": ["Trained 10 epochs (200 gradient steps) in 1.5 s\n"]}, 1)
    assert "| 06_alphabet_lstm | Trained 10 epochs (200 gradient steps) | 1.5 | 1.5 | 1.5 |" in rows
