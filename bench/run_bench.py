"""Benchmark: how long every notebook takes on each Keras backend, and our training against the
old courses' recipes.

On the current machine, in one run:

1. on each backend (TensorFlow, then JAX: the kernels ``rnn-topologies`` and
   ``rnn-topologies-jax``), executes every notebook ``--repeat`` times headless and reports the
   min and median seconds per notebook and for the whole collection, beside the floor: a notebook
   that only imports Keras, timed the same way; the peak memory of each notebook's kernel; the
   training time of each model as the notebook prints it; then the whole collection executed one
   notebook per core, as ``make run`` does, against the floor x N / cores. The tables set the
   backends side by side, with the ratio JAX / TensorFlow;
2. with ``--commands``, also times the README's commands after install (``make run``,
   ``make run BACKEND=jax``, ``make test``), each in turn, ``--repeat`` times, and writes their
   min and median into the ``commands`` blocks of README.md and bench/README.md
   (``--commands-only``: only that);
3. for each topology that had a recipe in the old course notebooks, runs that recipe on Keras 3
   with TensorFlow (``bench/seed_recipes.py``) and sets it beside the training in our notebook
   (its time and result, read from the executed notebook), with the speed-up;
4. writes ``bench/results.md`` and ``bench/results.png`` and copies the tables into
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
from install_kernel import KERNEL_ENV, KERNEL_OF  # noqa: E402
from run_notebooks import notebook_paths, run_in_order, run_one, stream_text  # noqa: E402

# The backends in KERNEL_OF's order: the first, TensorFlow, is the reference.
LABEL = {"tensorflow": "TF", "jax": "JAX"}
COMMANDS = (["make", "run"], ["make", "run", "BACKEND=jax"], ["make", "test"])
# The commands run in the environment the bench started in, as a user would run them (main
# later sets the kernels' variables in this process for the old recipes).
USER_ENV = dict(os.environ)

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
    done = subprocess.run(command, cwd=ROOT, env=USER_ENV, stdout=subprocess.DEVNULL,
                          stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` failed; run it to see why")
    return time.perf_counter() - start


def time_commands(repeat: int) -> dict[str, list[float]]:
    """Time each of the README's commands ``repeat`` times, in turn; return their seconds."""
    commands = {}
    for run in range(1, repeat + 1):
        for command in COMMANDS:
            seconds = time_command(command)
            commands.setdefault(" ".join(command), []).append(seconds)
            print(f"{' '.join(command)}, run {run}: {seconds:.0f} s", flush=True)
    return commands


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


def training_table(texts: dict[str, dict[str, list[str]]], repeat: int) -> list[str]:
    """Markdown lines: each model's median training seconds (LossPlot's own clock) per backend.

    ``texts`` maps each backend to a dict of notebook name -> its stdout from every run; the
    first backend is the reference of the ratio.
    """
    backends = list(texts)
    reference = backends[0]
    header = " | ".join(f"{LABEL[b]} median s" for b in backends)
    ratios = " | ".join(f"{LABEL[b]} / {LABEL[reference]}" for b in backends[1:])
    lines = [
        f"Training time of each model, median of {repeat} run(s), as the notebook prints it "
        "(first step's tracing or compiling included).",
        "",
        f"| notebook | training | {header} |" + (f" {ratios} |" if ratios else ""),
        "|---|---|" + "--:|" * (2 * len(backends) - 1),
    ]
    for name in texts[reference]:
        per_backend = {b: training_seconds(texts[b][name]) for b in backends if name in texts[b]}
        trainings = per_backend[reference]
        for number, (what, _) in enumerate(trainings, start=1):
            label = f"model {number}: {what}" if len(trainings) > 1 else what
            medians = {
                b: statistics.median(found[number - 1][1])
                for b, found in per_backend.items()
                if len(found) == len(trainings)
            }
            cells = [f"{medians[b]:.1f}" if b in medians else "-" for b in backends]
            cells += [
                f"{medians[b] / medians[reference]:.2f}"
                if b in medians and medians[reference] > 0 else "-"
                for b in backends[1:]
            ]
            lines.append(f"| {name} | {label} | " + " | ".join(cells) + " |")
    return lines


def min_and_median(seconds: list[float]) -> str:
    """'12.3 / 13.0': the min and the median of some timings."""
    return f"{min(seconds):.1f} / {statistics.median(seconds):.1f}"


class BackendRun:
    """What one backend's runs measured."""

    def __init__(self):
        self.floor: list[float] = []
        self.timings: dict[str, tuple[list[float], list[float]]] = {}  # seconds, MiB per run
        self.texts: dict[str, list[str]] = {}  # each notebook's stdout, one per run
        self.parallel: list[float] = []  # the collection, one notebook per core

    def median(self, name: str) -> float:
        """The median wall seconds of notebook ``name``."""
        return statistics.median(self.timings[name][0])

    def total(self) -> float:
        """The sum over notebooks of their median wall seconds."""
        return sum(self.median(name) for name in self.timings)


def wall_table(runs: dict[str, BackendRun], repeat: int, cores: int) -> list[str]:
    """Markdown lines: each notebook's wall time per backend, the ratio, the collection."""
    backends = list(runs)
    reference = backends[0]
    first = runs[reference]
    n = len(first.timings)
    columns = " | ".join(f"{LABEL[b]} min s | {LABEL[b]} median s" for b in backends)
    ratios = " | ".join(f"{LABEL[b]} / {LABEL[reference]}" for b in backends[1:])
    memory = " | ".join(f"{LABEL[b]} peak MiB" for b in backends)
    lines = [
        f"Notebook wall time over {repeat} run(s) on each backend, kernel start included; the "
        "ratio is of the medians (below 1: the second backend is faster); peak kernel memory.",
        "",
        f"| notebook | {columns} |" + (f" {ratios} |" if ratios else "") + f" {memory} |",
        "|---|" + "--:|" * (4 * len(backends) - 1),  # min, median, memory each; the ratios
    ]
    for name in first.timings:
        cells = []
        for b in backends:
            cells += [f"{min(runs[b].timings[name][0]):.1f}", f"{runs[b].median(name):.1f}"]
        cells += [
            f"{runs[b].median(name) / first.median(name):.2f}" for b in backends[1:]
        ]
        cells += [f"{max(runs[b].timings[name][1]):.0f}" for b in backends]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    totals, floors = [], []
    for b in backends:
        totals += [f"{sum(min(t) for t, _ in runs[b].timings.values()):.1f}",
                   f"{runs[b].total():.1f}"]
        floors += [f"{min(runs[b].floor):.1f}", f"{statistics.median(runs[b].floor):.1f}"]
    total_ratios = [f"{runs[b].total() / first.total():.2f}" for b in backends[1:]]
    floor_ratios = [
        f"{statistics.median(runs[b].floor) / statistics.median(runs[reference].floor):.2f}"
        for b in backends[1:]
    ]
    blanks = [""] * len(backends)
    lines += [
        f"| **all {n}** | " + " | ".join(totals + total_ratios + blanks) + " |",
        "| floor: `import keras` only | " + " | ".join(floors + floor_ratios + blanks) + " |",
        "",
    ]
    for b in backends:
        run = runs[b]
        floor_median = statistics.median(run.floor)
        lines.append(
            f"- {LABEL[b]}: collection / (floor x {n}) = {run.total() / (floor_median * n):.2f} "
            f"(target < 1.5); the collection executed {cores} at a time, as `make run` does: "
            f"{min_and_median(run.parallel)} s (min / median), "
            f"= {statistics.median(run.parallel) / (floor_median * n / cores):.2f} x "
            f"(floor x {n} / {cores} cores)."
        )
    return lines + [""]


def backend_summary(runs: dict[str, BackendRun]) -> str:
    """Markdown: each notebook's median wall time per backend, and which is faster (by 10% or
    more; 'about the same' otherwise); for the README's backends block."""
    backends = list(runs)
    reference = backends[0]
    header = " | ".join(f"{LABEL[b]} s" for b in backends)
    lines = [f"| notebook | {header} | faster |", "|---|" + "--:|" * len(backends) + "---|"]
    for name in runs[reference].timings:
        medians = {b: runs[b].median(name) for b in backends}
        fastest = min(medians, key=medians.get)
        slowest = max(medians, key=medians.get)
        faster = LABEL[fastest] if medians[slowest] >= 1.1 * medians[fastest] else "about the same"
        cells = " | ".join(f"{medians[b]:.1f}" for b in backends)
        lines.append(f"| {name} | {cells} | {faster} |")
    lines.append("| **all** | " + " | ".join(f"{runs[b].total():.1f}" for b in backends) + " | |")
    return "\n".join(lines) + "\n"


# What the issue asks of the two commands on a 2-core machine, after install.
COMMAND_TARGETS = {"make run": 90, "make test": 180}


def commands_table(commands: dict[str, list[float]]) -> str:
    """A Markdown table of the README's commands: min and median wall seconds, and the target."""
    cores = os.cpu_count() or 1
    runs = {len(seconds) for seconds in commands.values()}
    lines = [
        f"The README's commands after install, {'/'.join(map(str, sorted(runs)))} run(s) each, on "
        f"this machine ({cores} cores; JAX with its cache of compiled programs filled).",
        "",
        "| command, after install | min s | median s | target s |",
        "|---|--:|--:|--:|",
    ]
    for name, seconds in commands.items():
        target = COMMAND_TARGETS.get(name)
        lines.append(f"| `{name}` | {min(seconds):.0f} | {statistics.median(seconds):.0f} | "
                     f"{f'< {target}' if target else '-'} |")
    return "\n".join(lines)


def markdown_tables(runs, recipes, repeat, cores, commands) -> str:
    lines = [
        *wall_table(runs, repeat, cores),
        *([commands_table(commands), ""] if commands else []),
        *training_table({b: run.texts for b, run in runs.items()}, repeat),
        "",
        "Training: the old courses' recipe on Keras 3 (TensorFlow) against this collection's "
        "notebook on TensorFlow.",
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


def update_readme(table: str, readme: Path | None = None, block: str = "bench") -> None:
    """Copy ``table`` between the ``block`` markers of ``readme`` (default bench/README.md)."""
    readme = readme or ROOT / "bench" / "README.md"
    start, end = f"<!-- {block}:start -->", f"<!-- {block}:end -->"
    text = readme.read_text()
    if start in text and end in text:
        head, rest = text.split(start, 1)
        readme.write_text(head + start + "\n" + table + end + rest.split(end, 1)[1])


def write_commands_table(commands: dict[str, list[float]]) -> str:
    """Write :func:`commands_table` into the ``commands`` blocks of bench/README.md and
    README.md; return it."""
    table = commands_table(commands)
    update_readme(table + "\n", block="commands")
    update_readme(table + "\n", ROOT / "README.md", "commands")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each notebook")
    parser.add_argument("--backends", default=",".join(KERNEL_OF),
                        help="comma-separated, the reference first (default: tensorflow,jax)")
    parser.add_argument("--out", default=str(ROOT / "bench"), help="folder for results")
    parser.add_argument("--work", default=str(ROOT / "build" / "bench"), help="scratch folder")
    parser.add_argument("--commands-only", action="store_true",
                        help="only time the README's commands (into the commands blocks)")
    parser.add_argument("--commands", action="store_true",
                        help="also time `make run` (both backends) and `make test` (minutes each)")
    args = parser.parse_args(argv)
    backends = args.backends.split(",")
    if not backends or any(b not in KERNEL_OF for b in backends):
        parser.error(f"--backends: choose from {', '.join(KERNEL_OF)}, got {args.backends!r}")
    cores = os.cpu_count() or 1
    if args.commands_only:
        print("\n" + write_commands_table(time_commands(args.repeat)))
        return 0
    os.environ.update(KERNEL_ENV)  # the recipes run here, under the notebooks' settings
    os.environ["HELPERS_LIVE_PLOTS"] = "0"
    work, out = Path(args.work), Path(args.out)
    work.mkdir(parents=True, exist_ok=True)

    floor_path = floor_notebook(work)
    runs = {backend: BackendRun() for backend in backends}
    for backend, result in runs.items():
        kernel = KERNEL_OF[backend]
        for run in range(1, args.repeat + 1):
            print(f"{backend}, run {run}/{args.repeat}", flush=True)
            result.floor.append(time_notebook(floor_path, kernel, work)[0])
            print(f"  floor (import keras): {result.floor[-1]:.1f} s", flush=True)
            for path in notebook_paths([]):
                seconds, memory, text = time_notebook(path, kernel, work)
                result.texts.setdefault(path.stem, []).append(text)
                entry = result.timings.setdefault(path.stem, ([], []))
                entry[0].append(seconds)
                entry[1].append(memory)
                print(f"  {path.stem}: {seconds:.1f} s, {memory:.0f} MiB", flush=True)
        for run in range(1, args.repeat + 1):
            result.parallel.append(time_collection(kernel, cores))
            print(f"{backend}: collection, {cores} at a time, run {run}: "
                  f"{result.parallel[-1]:.1f} s", flush=True)

    commands = time_commands(args.repeat) if args.commands else {}
    if commands:
        write_commands_table(commands)

    import seed_recipes

    recipes = []
    reference_texts = runs[backends[0]].texts
    for topology, recipe in seed_recipes.RECIPES.items():
        if backends[0] != "tensorflow" or NOTEBOOK_OF.get(topology) not in reference_texts:
            continue
        print(f"old recipe: {topology} ...", end=" ", flush=True)
        result = recipe()
        print(f"{result.seconds:.1f} s, {result.metric} {result.value:.3f}", flush=True)
        recipes.append((result, ours(reference_texts[NOTEBOOK_OF[topology]][-1])))  # last run

    table = markdown_tables(runs, recipes, args.repeat, cores, commands)
    (out / "results.md").write_text("# Benchmark results\n\n" + table)
    if recipes:
        bar_chart(recipes, out / "results.png")
    update_readme(table)
    if len(runs) > 1:
        update_readme(backend_summary(runs), ROOT / "README.md", "backends")
    print("\n" + table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
