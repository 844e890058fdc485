"""Execute every notebook under many seeds and tabulate which claims hold: the robustness run.

A notebook's asserts are its claims. A claim that holds for seed 42 only is an anecdote, so
this runs each notebook once per seed (``RNN_TOPOLOGIES_SEED`` overrides the seed that the
notebook's setup cell passes to ``seed_everything``), execute-only, a few notebooks at a time,
and writes a table notebook x seed of pass/fail and headline value to ``bench/robustness.md``,
with a summary between the README's ``robustness`` markers. Notebooks that fail are saved
executed to ``build/robustness/`` to read why. Not part of ``make test`` (about 10 minutes for
eleven notebooks and ten seeds on two cores).

``--kernel`` picks another Jupyter kernel: ``rnn-topologies-jax`` runs the same seeds on Keras'
JAX backend (``make robustness BACKEND=jax``, into ``bench/robustness-jax.md``), and a kernel
installed from an environment with Colab's TensorFlow and Keras tries them on other versions.

Usage:
    python tools/robustness.py --seeds 0-9 --jobs 2            (or: make robustness)
    python tools/robustness.py --seeds 0-3,42 notebooks/11_why_lstms_remember.ipynb
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

import nbformat  # noqa: E402
from install_kernel import KERNEL_OF  # noqa: E402
from run_notebooks import error_of, notebook_paths, run_as_finished, stream_text  # noqa: E402

from helpers.reproducibility import SEED_VARIABLE  # noqa: E402

HEADLINE_VALUE = re.compile(r"^(.+?) = (-?\d+(?:\.\d+)?)")
DEFAULT_KERNEL = KERNEL_OF["tensorflow"]
KERAS_LINE = re.compile(r"Keras \S+ on the \w+ backend")
# The README block that each backend's kernel writes its summary into, and the command named.
README_BLOCKS = {
    DEFAULT_KERNEL: ("robustness", "make robustness"),
    KERNEL_OF["jax"]: ("robustness-jax", "make robustness BACKEND=jax"),
}


class Outcome(NamedTuple):
    """One notebook executed under one seed."""

    name: str
    seed: int
    ok: bool
    seconds: float
    headline: str  # what the notebook printed after "Headline:", or "-"
    error: str  # the failing cell's exception in one line, or ""
    keras: str  # "Keras 3.15.1 on the tensorflow backend", as the setup line printed it


def parse_seeds(text: str) -> list[int]:
    """Return the seeds named by ``text``: '0-3,42' -> [0, 1, 2, 3, 42]."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"seeds must be a list such as '0-9' or '0-3,42', got {text!r}")
    seeds = []
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        try:
            first, last = int(low), int(high or low)
        except ValueError as error:
            raise ValueError(f"seeds: {part!r} is neither a number nor a range a-b") from error
        if first > last:
            raise ValueError(f"seeds: the range {part!r} runs backwards")
        seeds.extend(range(first, last + 1))
    return list(dict.fromkeys(seeds))  # in order, each once


def headline_value(headline: str) -> str:
    """Return the number of a headline ('max |error| = 0.006 (target ...)' -> '0.006'), or '-'."""
    match = HEADLINE_VALUE.match(headline)
    return match.group(2) if match else "-"


def headline_label(headline: str) -> str:
    """Return what a headline measures, with its target ('max |error| (target < 0.02)')."""
    match = HEADLINE_VALUE.match(headline)
    if not match:
        return headline
    target = re.search(r"\(target ([^;)]+)", headline)
    return match.group(1) + (f" (target {target.group(1)})" if target else "")


def escape(text: str) -> str:
    """Escape ``|`` for a Markdown table cell."""
    return text.replace("|", "\\|")


def tables(outcomes: list[Outcome], seeds: list[int]) -> tuple[str, str]:
    """Return (the full notebook x seed table, the README's summary table) in Markdown."""
    names = list(dict.fromkeys(o.name for o in outcomes))
    by_key = {(o.name, o.seed): o for o in outcomes}
    full = [
        "| notebook | passed | " + " | ".join(f"seed {s}" for s in seeds) + " |",
        "|---|--:|" + "--:|" * len(seeds),
    ]
    summary = [
        "| notebook | seeds passed | headline | lowest | highest |",
        "|---|--:|---|--:|--:|",
    ]
    for name in names:
        row = [by_key[(name, s)] for s in seeds]
        passed = sum(o.ok for o in row)
        cells = [headline_value(o.headline) if o.ok else "**FAIL**" for o in row]
        full.append(f"| {name} | {passed}/{len(seeds)} | " + " | ".join(cells) + " |")
        values = [float(v) for v in cells if v not in ("-", "**FAIL**")]
        label = next((headline_label(o.headline) for o in row if o.headline != "-"), "-")
        low, high = (f"{min(values):g}", f"{max(values):g}") if values else ("-", "-")
        summary.append(f"| {name} | {passed}/{len(seeds)} | {escape(label)} | {low} | {high} |")
    return "\n".join(full), "\n".join(summary)


def failures(outcomes: list[Outcome]) -> str:
    """Return a Markdown list of the failed runs and their errors, or a line saying none."""
    failed = [o for o in outcomes if not o.ok]
    if not failed:
        return "No run failed."
    return "\n".join(f"- {o.name}, seed {o.seed}: {o.error or 'failed'}" for o in failed)


def machine_line(outcomes: list[Outcome]) -> str:
    """Return one line on the versions (as the notebooks printed them) and the CPU of the run."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    versions = ", ".join(sorted({o.keras for o in outcomes}))
    return f"{versions}; {cpu}"


def update_readme(summary: str, seeds: list[int], kernel: str = DEFAULT_KERNEL) -> None:
    """Copy the summary table between the README's robustness markers of ``kernel``'s block."""
    readme = ROOT / "README.md"
    text = readme.read_text()
    name, command = README_BLOCKS[kernel]
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in text or end not in text:
        print(f"README.md has no {name} markers; not updated", file=sys.stderr)
        return
    head, rest = text.split(start, 1)
    body = f"Seeds {format_seeds(seeds)}, from `{command}`:\n\n{summary}"
    readme.write_text(f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}")
    print("README.md robustness summary updated")


def format_seeds(seeds: list[int]) -> str:
    """[0, 1, 2, 3, 42] -> '0-3, 42'."""
    parts, start = [], None
    for index, seed in enumerate(seeds):
        start = seed if start is None else start
        if index + 1 == len(seeds) or seeds[index + 1] != seed + 1:
            parts.append(str(seed) if start == seed else f"{start}-{seed}")
            start = None
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: all)")
    parser.add_argument("--seeds", default="0-9", help="e.g. 0-9 or 0-3,42 (default 0-9)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="notebooks executed at once (default: one per core)")
    parser.add_argument("--kernel", default=DEFAULT_KERNEL, help="Jupyter kernel name")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    parser.add_argument("--out", help="the table (default: bench/robustness.md, or "
                        "bench/robustness-KERNEL.md for another kernel than rnn-topologies)")
    parser.add_argument("--failed-dir", default=str(ROOT / "build" / "robustness"))
    parser.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    args = parser.parse_args(argv)
    default_kernel = args.kernel == DEFAULT_KERNEL
    suffix = "" if default_kernel else "-" + args.kernel.removeprefix(DEFAULT_KERNEL + "-")
    args.out = args.out or str(ROOT / "bench" / f"robustness{suffix}.md")
    seeds = parse_seeds(args.seeds)
    paths = notebook_paths(args.notebooks)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")

    tasks = [
        (path, {SEED_VARIABLE: str(seed)})
        for path in paths
        for seed in seeds
    ]
    print(f"{len(paths)} notebooks x {len(seeds)} seeds = {len(tasks)} runs, "
          f"{args.jobs} at a time, kernel {args.kernel}", flush=True)
    start = time.perf_counter()
    by_index = {}
    failed_dir = Path(args.failed_dir)
    results = run_as_finished(tasks, args.kernel, args.timeout, args.jobs)  # longest first
    for done, (index, path, variables, notebook, status, seconds, headline) in enumerate(
        results, 1
    ):
        seed = int(variables[SEED_VARIABLE])
        setup = KERAS_LINE.search(stream_text(notebook))
        outcome = Outcome(path.stem, seed, status == "ok", seconds, headline, error_of(notebook),
                          setup.group(0) if setup else "Keras version not printed")
        by_index[index] = outcome
        if not outcome.ok:  # keep the executed notebook to read why
            failed_dir.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, failed_dir / f"{path.stem}-seed{seed}.ipynb")
        state = "ok" if outcome.ok else f"FAILED  {outcome.error}"
        print(f"[{done:3d}/{len(tasks)}] {outcome.name} seed {seed}: {state} "
              f"in {seconds:.1f} s  {headline}", flush=True)
    wall = time.perf_counter() - start
    outcomes = [by_index[index] for index in range(len(tasks))]  # in task order

    full, summary = tables(outcomes, seeds)
    passed = sum(o.ok for o in outcomes)
    report = (
        f"# Robustness: every notebook under seeds {format_seeds(seeds)}\n\n"
        f"Each notebook executed once per seed with `{SEED_VARIABLE}`, asserts included, by "
        f"`python tools/robustness.py` (`make robustness`). A cell holds the notebook's headline "
        f"value, or FAIL where an assert or an error stopped it.\n\n"
        f"{machine_line(outcomes)}; kernel `{args.kernel}`; {passed} of {len(outcomes)} runs "
        f"passed in {wall:.0f} s with {args.jobs} at a time.\n\n"
        f"{full}\n\nWhat each headline measures:\n\n{summary}\n\n## Failures\n\n"
        f"{failures(outcomes)}\n"
    )
    Path(args.out).write_text(report)
    print(f"\n{summary}\n\n{passed} of {len(outcomes)} runs passed in {wall:.0f} s; "
          f"table written to {args.out}")
    if args.kernel in README_BLOCKS and not args.no_readme and not args.notebooks:
        update_readme(summary, seeds, args.kernel)
    return 0 if passed == len(outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
