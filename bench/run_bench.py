"""Benchmark: how long every notebook takes, and our training against the old courses' recipes.

On the current machine, in one run:

1. executes every notebook ``--repeat`` times headless and reports the min and median seconds
   per notebook and for the whole collection, beside the floor: a notebook that only imports
   Keras, timed the same way; and the peak memory of each notebook's kernel; then the whole
   collection executed one notebook per core, as ``make run`` does, against the floor x N / cores;
   with ``--commands``, also the README's two commands after install (``make run``, ``make test``);
2. for each topology that had a recipe in the old course notebooks, runs that recipe on Keras 3
   (``bench/seed_recipes.py``) and sets it beside the training in our notebook (its time and
   result, read from the executed notebook), with the speed-up;
3. writes ``bench/results.md`` and ``bench/results.png`` and copies the tables into
   bench/README.md.

Usage: python bench/run_bench.py --repeat 3      (or: make bench REPEAT=3)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

import nbformat  # noqa: E402
from install_kernel import KERNEL_ENV  # noqa: E402
from run_notebooks import notebook_paths, run_in_order, run_one, stream_text  # noqa: E402

# The topology of each old recipe, and the notebook whose first training it compares with: the
# same task, so that the comparison is fair. Notebook 03 now trains a delayed echo, a harder task
# than the old many-to-many recipe's y_t = x_t, so that recipe has no partner any more.
NOTEBOOK_OF = {
    "one-to-one": "01_one_to_one",
    "many-to-one": "02_many_to_one",
    "alphabet": "06_alphabet_lstm",
}
TRAINING_LINE = re.compile(r"^([Tt]rained .*?),? in (\d+(?:\.\d+)?) s", re.MULTILINE)
HEADLINE = re.compile(r"^Headline: (.+?) = (-?\d+(?:\.\d+)?)", re.MULTILINE)
MEMORY_CELL = (
    "import resource\nprint('peak-rss-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def floor_notebook(folder: Path) -> Path:
    """Write and return a notebook that only imports Keras: the least a notebook can cost."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import keras")]
    path = folder / "00_import_keras_only.ipynb"
    nbformat.write(notebook, path)
    return path


def time_notebook(path: Path, kernel: str, work: Path) -> tuple[float, float, str]:
    """Execute a copy of ``path`` once; return (seconds, peak kernel memory in MiB, stdout)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(MEMORY_CELL))
    copy = work / path.name
    nbformat.write(notebook, copy)
    executed, status, seconds, _ = run_one(copy, kernel, timeout=600)
    if status != "ok":
        raise SystemExit(f"{path.name} failed; run `make run` to see why")
    text = stream_text(executed)
    kilobytes = int(re.search(r"peak-rss-kb (\d+)", text).group(1))
    return seconds, kilobytes / 1024, text


def ours(text: str) -> tuple[float, str, str]:
    """Return (training seconds, metric, value as printed) of a notebook's first model."""
    trained = TRAINING_LINE.search(text)
    headline = HEADLINE.search(text)
    if not trained or not headline:
        raise SystemExit("a benchmarked notebook must print 'Trained ... in X s' and a headline")
    return float(trained.group(2)), headline.group(1), headline.group(2)


def time_collection(kernel: str, jobs: int) -> float:
    """Execute every notebook, ``jobs`` at a time as ``make run`` does; return the wall seconds."""
    paths = notebook_paths([])
    start = time.perf_counter()
    for path, _, _, status, _, _ in run_in_order(
        [(p, {}) for p in paths], kernel, 600, jobs
    ):
        if status != "ok":
            raise SystemExit(f"{path.name} failed; run `make run` to see why")
    return time.perf_counter() - start


def time_command(command: list[str]) -> float:
    """Run one of the README's commands in the repository; return its wall seconds."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` failed; run it to see why")
    return time.perf_counter() - start


def training_seconds(texts: list[str]) -> list[tuple[str, list[float]]]:
    """Return (what was trained, its seconds in every run) per training line of one notebook.

    ``texts`` is the notebook's stdout from each run; the lines pair up by their order.
    """
    runs = [TRAINING_LINE.findall(text) for text in texts]
    if len({len(found) for found in runs}) > 1:
        raise SystemExit("a notebook printed a different number of training lines between runs")
    return [
        (lines[0][0], [float(seconds) for _, seconds in lines])
        for lines in zip(*runs, strict=True)
    ]


def training_table(texts: dict[str, list[str]], repeat: int) -> list[str]:
    """Markdown lines: each model's training seconds (LossPlot's own clock) over the runs.

    ``texts`` maps each notebook's name to its stdout from every run.
    """
    lines = [
        f"Training time of each model over {repeat} run(s), as the notebook prints it "
        "(first step's tracing included).",
        "",
        "| notebook | training | min s | median s | max s |",
        "|---|---|--:|--:|--:|",
    ]
    for name, runs in texts.items():
        trainings = training_seconds(runs)
        for number, (what, seconds) in enumerate(trainings, start=1):
            label = f"model {number}: {what}" if len(trainings) > 1 else what
            lines.append(
                f"| {name} | {label} | {min(seconds):.1f} | {statistics.median(seconds):.1f} | "
                f"{max(seconds):.1f} |"
            )
    return lines


def min_and_median(seconds: list[float]) -> str:
    """'12.3 / 13.0': the min and the median of some timings."""
    return f"{min(seconds):.1f} / {statistics.median(seconds):.1f}"


def markdown_tables(timings, floor, recipes, repeat, texts, parallel, cores, commands) -> str:
    n = len(timings)
    total_min = sum(min(t) for t, _ in timings.values())
    total_median = sum(statistics.median(t) for t, _ in timings.values())
    floor_median = statistics.median(floor)
    lines = [
        f"Notebook wall time over {repeat} run(s), kernel start included, and peak kernel memory.",
        "",
        "| notebook | min s | median s | peak MiB |",
        "|---|--:|--:|--:|",
    ]
    for name, (seconds, memory) in timings.items():
        median = statistics.median(seconds)
        lines.append(f"| {name} | {min(seconds):.1f} | {median:.1f} | {max(memory):.0f} |")
    lines += [
        f"| **all {n}** | {total_min:.1f} | {total_median:.1f} | |",
        f"| floor: `import keras` only | {min(floor):.1f} | {floor_median:.1f} | |",
        "",
        f"Collection / (floor x {n}) = {total_median / (floor_median * n):.2f} (target < 1.5).",
        "",
        f"The collection executed {cores} at a time, as `make run` does: "
        f"{min_and_median(parallel)} s (min / median); collection / (floor x {n} / {cores} cores) "
        f"= {statistics.median(parallel) / (floor_median * n / cores):.2f}.",
        "",
        *(
            ["| command, after install | min s | median s |", "|---|--:|--:|"]
            + [f"| `{name}` | {min(s):.0f} | {statistics.median(s):.0f} |"
               for name, s in commands.items()]
            + [""]
            if commands else []
        ),
        *training_table(texts, repeat),
        "",
        "Training: the old courses' recipe on Keras 3 against this collection's notebook.",
        "",
        "| topology | old recipe | old s | old result | ours s | our result | speed-up |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for result, (our_seconds, metric, value) in recipes:
        old_metric, metric = (m.replace("|", "\\|") for m in (result.metric, metric))  # Markdown
        lines.append(
            f"| {result.topology} | {result.recipe} | {result.seconds:.1f} | "
            f"{old_metric} {result.value:.3f} | {our_seconds:.1f} | {metric} {value} | "
            f"{result.seconds / our_seconds:.0f}x |"
        )
    return "\n".join(lines) + "\n"


def bar_chart(recipes, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np

    from helpers.plots import new_figure

    names = [result.topology for result, _ in recipes]
    x = np.arange(len(names))
    fig, ax = new_figure(
        "Training time: old recipe vs this collection", "topology", "seconds (log scale)"
    )
    ax.bar(x - 0.2, [r.seconds for r, _ in recipes], 0.4, label="old recipe, Keras 3")
    ax.bar(x + 0.2, [o[0] for _, o in recipes], 0.4, label="this collection")
    ax.set_xticks(x, names)
    ax.set_yscale("log")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def update_readme(table: str) -> None:
    """Copy the tables between the bench markers of bench/README.md."""
    readme = ROOT / "bench" / "README.md"
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = readme.read_text()
    if start in text and end in text:
        head, rest = text.split(start, 1)
        readme.write_text(head + start + "\n" + table + end + rest.split(end, 1)[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each notebook")
    parser.add_argument("--kernel", default="rnn-topologies")
    parser.add_argument("--out", default=str(ROOT / "bench"), help="folder for results")
    parser.add_argument("--work", default=str(ROOT / "build" / "bench"), help="scratch folder")
    parser.add_argument("--commands", action="store_true",
                        help="also time `make run` and `make test` (several minutes each)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    os.environ.update(KERNEL_ENV)  # the recipes run here, under the notebooks' settings
    os.environ["HELPERS_LIVE_PLOTS"] = "0"
    work, out = Path(args.work), Path(args.out)
    work.mkdir(parents=True, exist_ok=True)

    floor_path = floor_notebook(work)
    floor, timings, texts = [], {}, {}  # texts: each notebook's stdout, one per run
    for run in range(1, args.repeat + 1):
        print(f"run {run}/{args.repeat}", flush=True)
        floor.append(time_notebook(floor_path, args.kernel, work)[0])
        print(f"  floor (import keras): {floor[-1]:.1f} s", flush=True)
        for path in notebook_paths([]):
            seconds, memory, text = time_notebook(path, args.kernel, work)
            texts.setdefault(path.stem, []).append(text)
            entry = timings.setdefault(path.stem, ([], []))
            entry[0].append(seconds)
            entry[1].append(memory)
            print(f"  {path.stem}: {seconds:.1f} s, {memory:.0f} MiB", flush=True)

    parallel = []
    for run in range(1, args.repeat + 1):
        parallel.append(time_collection(args.kernel, cores))
        print(f"collection, {cores} at a time, run {run}: {parallel[-1]:.1f} s", flush=True)
    commands = {}
    for command in (["make", "run"], ["make", "test"]) if args.commands else ():
        for run in range(1, args.repeat + 1):
            seconds = time_command(command)
            commands.setdefault(" ".join(command), []).append(seconds)
            print(f"{' '.join(command)}, run {run}: {seconds:.0f} s", flush=True)

    import seed_recipes

    recipes = []
    for topology, recipe in seed_recipes.RECIPES.items():
        if NOTEBOOK_OF.get(topology) not in texts:
            continue
        print(f"old recipe: {topology} ...", end=" ", flush=True)
        result = recipe()
        print(f"{result.seconds:.1f} s, {result.metric} {result.value:.3f}", flush=True)
        recipes.append((result, ours(texts[NOTEBOOK_OF[topology]][-1])))  # the last run

    table = markdown_tables(timings, floor, recipes, args.repeat, texts, parallel, cores, commands)
    (out / "results.md").write_text("# Benchmark results\n\n" + table)
    bar_chart(recipes, out / "results.png")
    update_readme(table)
    print("\n" + table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
