"""Execute every notebook headless, one line of progress each, and print a summary table.

The stored notebooks in ``notebooks/`` are left untouched: executed copies go to ``--out``.
With ``--in-place`` the stored notebooks themselves are re-executed and saved (what an author
does after changing a notebook or the helpers, before committing). Notebooks run ``--jobs`` at
a time (one per core by default); the progress lines and the table stay in notebook order.

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
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.report import find_headline  # noqa: E402


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


def run_in_order(
    tasks: list[tuple[Path, dict]], kernel: str, timeout: int, jobs: int
) -> Iterator[tuple[Path, dict, object, str, float, str]]:
    """Execute each ``(path, environment variables)`` of ``tasks`` with :func:`run_one`, ``jobs``
    at a time; yield ``(path, environment, notebook, status, seconds, headline)`` in the order
    of ``tasks``."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        futures = [
            pool.submit(run_one, path, kernel, timeout, environment)
            for path, environment in tasks
        ]
        for (path, environment), future in zip(tasks, futures, strict=True):
            yield (path, environment, *future.result())


def notebook_title(notebook) -> str:
    """Return a notebook's H1 title: the first line of its first cell, without the ``#``."""
    return notebook.cells[0].source.splitlines()[0].lstrip("# ").strip()


def title_of(path: Path) -> str:
    """Return the H1 title of the notebook stored at ``path``."""
    return notebook_title(nbformat.read(path, as_version=4))


def update_readme(paths: list[Path], rows: list[tuple[str, str, float, str]]) -> None:
    """Rewrite the notebook table between the README's markers from this run's results."""
    readme = ROOT / "README.md"
    start, end = "<!-- notebooks-table:start -->", "<!-- notebooks-table:end -->"
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
    rows, start = [], time.perf_counter()
    results = run_in_order(tasks, args.kernel, args.timeout, min(args.jobs, len(paths)))
    for index, (path, _, notebook, status, seconds, headline) in enumerate(results, start=1):
        print(f"[{index}/{len(paths)}] {path.name}: {status} in {seconds:.1f} s  {headline}",
              flush=True)
        if status != "ok":
            print(f"    {error_of(notebook)}", flush=True)
        target = path if args.in_place and status == "ok" else out_dir / path.name
        nbformat.write(notebook, target)
        rows.append((path.stem, status, seconds, headline))
    print_table(rows, time.perf_counter() - start)
    if args.in_place and not args.notebooks and all(status == "ok" for _, status, _, _ in rows):
        update_readme(paths, rows)
    return 0 if all(status == "ok" for _, status, _, _ in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
