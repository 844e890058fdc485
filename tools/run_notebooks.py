"""Execute every notebook headless, one line of progress each, and print a summary table.

The stored notebooks in ``notebooks/`` are left untouched: executed copies go to ``--out``.
With ``--in-place`` the stored notebooks themselves are re-executed and saved (what an author
does after changing a notebook or the helpers, before committing). Notebooks run ``--jobs`` at
a time (one per core by default), the longest first (by the README's table of seconds), so that
no core is left alone with a long notebook at the end. A progress line is printed as each
notebook finishes; the summary table is in notebook order.

Usage:
    python tools/run_notebooks.py --kernel rnn-topologies --out build/notebooks
    python tools/run_notebooks.py --kernel rnn-topologies --in-place notebooks/01_one_to_one.ipynb
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.report import find_headline  # noqa: E402

# The README's table of notebooks, between these markers: written by `make execute`.
README_TABLE = ("<!-- notebooks-table:start -->", "<!-- notebooks-table:end -->")


def notebook_paths(selected: list[str]) -> list[Path]:
    """Return the notebooks to run: the ones named, or every notebook in notebooks/, in order."""
    if selected:
        return [Path(p).resolve() for p in selected]
    return sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def stream_text(notebook) -> str:
    """Return all stdout text of an executed notebook, cell after cell."""
    return "\n".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stdout"
    )


def kernel_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment of a headless kernel: this process's, ``HELPERS_LIVE_PLOTS=0``
    (each training plot drawn once, not redrawn live) and the variables of ``env``."""
    return {**os.environ, "HELPERS_LIVE_PLOTS": "0", **(env or {})}


def run_one(
    path: Path, kernel: str, timeout: int, env: dict[str, str] | None = None
) -> tuple[object, str, float, str]:
    """Execute one notebook; return ``(notebook, status, seconds, headline)``, status "ok" or
    "FAILED" (``error_of(notebook)`` says why).

    The kernel gets this process's environment, ``HELPERS_LIVE_PLOTS=0`` (headless: each
    training plot is drawn once, not redrawn live) and the variables of ``env``."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:  # a failed run must not show the stored outputs of later cells
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(
        notebook,
        kernel_name=kernel,
        timeout=timeout,
        record_timing=False,  # no per-cell timestamps in the stored notebooks
        # once the last cell is done, every output is in: stop the kernel at once instead of
        # waiting about a second for it to exit on its own (Python unloading TensorFlow or JAX)
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    try:
        client.execute(env=kernel_environment(env))
        status = "ok"
    except CellExecutionError:
        status = "FAILED"
    seconds = time.perf_counter() - start
    return notebook, status, seconds, find_headline(stream_text(notebook)) or "-"


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def error_of(notebook) -> str:
    """Return the first error of an executed notebook, 'Name: message (at: failing line)', or ''."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}".strip()
                lines = (ANSI.sub("", line) for frame in output.get("traceback", [])
                         for line in frame.splitlines())
                arrows = [line for line in lines if line.lstrip().startswith("---->")]
                if arrows:
                    text += f" (at: {arrows[-1].split('---->', 1)[1].strip()})"
                return text
    return ""


def split_table_row(line: str) -> list[str]:
    """Return the cells of a Markdown table row; ``\\|`` is a literal bar inside a cell."""
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [cell.strip().replace("\\|", "|") for cell in cells]


def readme_seconds(readme_text: str) -> dict[str, str]:
    """Return ``{notebook stem: seconds}`` from the README's notebook table ({} without one).

    The table sits between the ``notebooks-table`` markers that ``make execute`` rewrites; its
    first column links the notebook and its "Seconds" column holds the run time.
    """
    start, end = README_TABLE
    if start not in readme_text or end not in readme_text:
        return {}
    rows = readme_text.split(start, 1)[1].split(end, 1)[0].strip().splitlines()
    if len(rows) < 2:
        return {}
    header = [name.lower() for name in split_table_row(rows[0])]
    if "seconds" not in header:
        return {}
    column = header.index("seconds")
    seconds = {}
    for row in rows[2:]:  # after the header and the |---| line
        cells = split_table_row(row)
        link = re.search(r"\[([^\]]+)\]", cells[0])
        if link and column < len(cells) and cells[column]:
            seconds[link.group(1)] = cells[column]
    return seconds


def expected_seconds() -> dict[str, float]:
    """Return ``{notebook stem: seconds}``: the times of the README's table, as numbers."""
    seconds = {}
    for stem, text in readme_seconds((ROOT / "README.md").read_text(encoding="utf-8")).items():
        try:
            seconds[stem] = float(text)
        except ValueError:  # a notebook not timed yet
            continue
    return seconds


def longest_first(paths: list[Path], expected: dict[str, float]) -> list[int]:
    """Return the indices of ``paths`` in the order to start them: the longest ``expected``
    first (``{notebook stem: seconds}``), a notebook without a time before all others (it may
    be long), equal times in the order of ``paths``.

    With the longest started last, one core would run it alone while the others wait; longest
    first leaves the short ones to fill the end."""
    return sorted(range(len(paths)), key=lambda i: -expected.get(paths[i].stem, float("inf")))


def run_as_finished(
    tasks: list[tuple[Path, dict]], kernel: str, timeout: int, jobs: int,
    expected: dict[str, float] | None = None,
) -> Iterator[tuple[int, Path, dict, object, str, float, str]]:
    """Execute each ``(path, environment variables)`` of ``tasks`` with :func:`run_one`, ``jobs``
    at a time, started in :func:`longest_first` order by ``expected`` (default: the README's
    seconds); yield ``(index in tasks, path, environment, notebook, status, seconds, headline)``
    as each finishes."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    expected = expected_seconds() if expected is None else expected
    order = longest_first([path for path, _ in tasks], expected)
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        futures = {
            pool.submit(run_one, tasks[i][0], kernel, timeout, tasks[i][1]): i for i in order
        }
        for future in as_completed(futures):
            index = futures[future]
            yield (index, *tasks[index], *future.result())


def in_task_order(finished: Iterable[tuple]) -> Iterator[tuple]:
    """Yield ``result`` for each ``(index, *result)`` of ``finished`` (indices 0, 1, ... in any
    order) in the order of the indices, each as soon as the ones before it are in."""
    waiting, next_index = {}, 0
    for index, *result in finished:
        waiting[index] = tuple(result)
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1


def run_in_order(
    tasks: list[tuple[Path, dict]], kernel: str, timeout: int, jobs: int,
    expected: dict[str, float] | None = None,
) -> Iterator[tuple[Path, dict, object, str, float, str]]:
    """Run ``tasks`` as :func:`run_as_finished` does; yield ``(path, environment, notebook,
    status, seconds, headline)`` in the order of ``tasks``."""
    yield from in_task_order(run_as_finished(tasks, kernel, timeout, jobs, expected))


def notebook_title(notebook) -> str:
    """Return a notebook's H1 title: the first line of its first cell, without the ``#``."""
    return notebook.cells[0].source.splitlines()[0].lstrip("# ").strip()


def title_of(path: Path) -> str:
    """Return the H1 title of the notebook stored at ``path``."""
    return notebook_title(nbformat.read(path, as_version=4))


def update_readme(paths: list[Path], rows: list[tuple[str, str, float, str]]) -> None:
    """Rewrite the notebook table between the README's markers from this run's results."""
    readme = ROOT / "README.md"
    start, end = README_TABLE
    text = readme.read_text()
    if start not in text or end not in text:
        print("README.md has no notebook-table markers; not updated", file=sys.stderr)
        return
    lines = [start, "| Notebook | Topic | Headline result | Seconds |", "|---|---|---|--:|"]
    for path, (_, _, seconds, headline) in zip(paths, rows, strict=True):
        link = f"[{path.stem}](notebooks/{path.name})"
        escaped = headline.replace("|", "\\|")  # a literal | would split the Markdown cell
        lines.append(f"| {link} | {title_of(path)} | {escaped} | {seconds:.0f} |")
    head, rest = text.split(start, 1)
    readme.write_text(head + "\n".join(lines) + "\n" + end + rest.split(end, 1)[1])
    print("README.md table updated")


def print_table(rows: list[tuple[str, str, float, str]], wall: float) -> None:
    """Print the summary as a Markdown table (it pastes into the README as it is), then the
    wall time of the whole run beside the sum of the notebooks' own times."""
    width = max(len(name) for name, *_ in rows)
    print()
    print(f"| {'notebook'.ljust(width)} | status | seconds | headline |")
    print(f"|{'-' * (width + 2)}|--------|--------:|----------|")
    for name, status, seconds, headline in rows:
        print(f"| {name.ljust(width)} | {status.ljust(6)} | {seconds:7.1f} | {headline} |")
    total = sum(seconds for _, _, seconds, _ in rows)
    failed = sum(status != "ok" for _, status, _, _ in rows)
    print(f"\n{len(rows) - failed} of {len(rows)} notebooks ran in {wall:.1f} s "
          f"(the notebooks' own times add up to {total:.1f} s).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    parser.add_argument("--kernel", default="rnn-topologies", help="Jupyter kernel name")
    parser.add_argument("--out", default="build/notebooks", help="folder for executed copies")
    parser.add_argument("--in-place", action="store_true", help="save over the stored notebooks")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks executed at once (default: one per core)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    paths = notebook_paths(args.notebooks)
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"executing {len(paths)} notebooks, {min(args.jobs, len(paths))} at a time", flush=True)
    tasks = [(path, {}) for path in paths]
    rows, start = {}, time.perf_counter()
    results = run_as_finished(tasks, args.kernel, args.timeout, min(args.jobs, len(paths)))
    for done, (index, path, _, notebook, status, seconds, headline) in enumerate(results, 1):
        print(f"[{done}/{len(paths)}] {path.name}: {status} in {seconds:.1f} s  {headline}",
              flush=True)
        if status != "ok":
            print(f"    {error_of(notebook)}", flush=True)
        target = path if args.in_place and status == "ok" else out_dir / path.name
        nbformat.write(notebook, target)
        rows[index] = (path.stem, status, seconds, headline)
    rows = [rows[index] for index in range(len(tasks))]  # back in notebook order
    print_table(rows, time.perf_counter() - start)
    if args.in_place and not args.notebooks and all(status == "ok" for _, status, _, _ in rows):
        update_readme(paths, rows)
    return 0 if all(status == "ok" for _, status, _, _ in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
