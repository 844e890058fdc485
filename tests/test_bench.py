"""The benchmark's parsing of what the notebooks print (the runs themselves are too slow here)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from run_bench import (  # noqa: E402
    BackendRun,
    backend_summary,
    commands_table,
    training_seconds,
    training_table,
    update_readme,
    wall_table,
)

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


def test_training_table_sets_the_backends_side_by_side():
    texts = {
        "tensorflow": {"01_one_to_one": [RUN_1, RUN_2, RUN_1]},
        "jax": {"01_one_to_one": [RUN_2, RUN_2, RUN_2]},
    }
    rows = training_table(texts, repeat=3)
    assert "| notebook | training | TF median s | JAX median s | JAX / TF |" in rows
    # model 1: TF runs 1.0, 1.4, 1.0 -> median 1.0; JAX 1.4 -> ratio 1.40
    assert "| 01_one_to_one | model 1: Trained 10 epochs (200 gradient steps) | 1.0 | 1.4 | 1.40 |" in rows
    assert "| 01_one_to_one | model 2: Trained 4 epochs (80 gradient steps) | 1.2 | 0.9 | 0.75 |" in rows


def test_a_notebook_with_one_model_needs_no_number():
    texts = {"tensorflow": {"06_alphabet_lstm": ["Trained 10 epochs (200 gradient steps) in 1.5 s\n"]}}
    rows = training_table(texts, 1)
    assert "| 06_alphabet_lstm | Trained 10 epochs (200 gradient steps) | 1.5 |" in rows


def test_wall_table_gives_each_backend_and_the_ratio():
    runs = {}
    for backend, seconds in (("tensorflow", [10.0, 12.0, 11.0]), ("jax", [5.0, 6.0, 5.5])):
        run = BackendRun()
        run.floor = [4.0, 4.0, 4.0] if backend == "tensorflow" else [2.0, 2.0, 2.0]
        run.timings = {"01_one_to_one": (seconds, [600.0, 610.0, 605.0])}
        run.parallel = [8.0, 9.0, 10.0]
        runs[backend] = run
    rows = wall_table(runs, repeat=3, cores=2)
    header = ("| notebook | TF min s | TF median s | JAX min s | JAX median s | JAX / TF "
              "| TF peak MiB | JAX peak MiB |")
    assert header in rows
    assert "| 01_one_to_one | 10.0 | 11.0 | 5.0 | 5.5 | 0.50 | 610 | 610 |" in rows
    assert rows[rows.index(header) + 1].count("|") == header.count("|")
    assert any(row.startswith("| floor: `import keras` only | 4.0 | 4.0 | 2.0 | 2.0 | 0.50 |") for row in rows)


def test_the_readme_summary_names_the_faster_backend_per_notebook(tmp_path):
    runs = {}
    for backend, times in (("tensorflow", ([10.0, 10.0], [5.0, 5.0])), ("jax", ([5.0, 5.0], [5.2, 5.2]))):
        run = BackendRun()
        run.timings = {"01_one": (times[0], [1.0]), "02_two": (times[1], [1.0])}
        runs[backend] = run
    summary = backend_summary(runs)
    assert "| 01_one | 10.0 | 5.0 | JAX |" in summary
    assert "| 02_two | 5.0 | 5.2 | about the same |" in summary
    assert "| **all** | 15.0 | 10.2 | |" in summary
    readme = tmp_path / "README.md"
    readme.write_text("a\n<!-- backends:start -->\nold\n<!-- backends:end -->\nb\n")
    update_readme(summary, readme, "backends")
    assert "old" not in readme.read_text() and "| 01_one | 10.0 | 5.0 | JAX |" in readme.read_text()


def test_the_commands_table_gives_min_median_and_the_target():
    table = commands_table({"make run": [80.0, 76.0, 78.0], "make run BACKEND=jax": [70.0],
                            "make test": [170.0, 175.0, 172.0]}).splitlines()
    assert "| command, after install | min s | median s | target s |" in table
    assert "| `make run` | 76 | 78 | < 90 |" in table
    assert "| `make run BACKEND=jax` | 70 | 70 | - |" in table
    assert "| `make test` | 170 | 172 | < 180 |" in table
    assert "1/3 run(s) each" in table[0]
