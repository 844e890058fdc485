"""Every notebook follows the collection's template and stores clean, fresh outputs.

Students read the stored notebooks on GitHub, so what is stored is checked like code: the same
sections in the same order, outputs from one fresh run, no stderr, no long logs, small PNGs.
"""

import base64
import re
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from run_notebooks import notebook_paths  # noqa: E402

NOTEBOOKS = notebook_paths([])
# Topology notebooks (01-06) have every section; the "inside the cells" notebooks (07 on) study
# a layer rather than train a topology, and keep the sections that frame every lesson.
SECTIONS = [
    "Overview",
    "Setup",
    "The topology",
    "Data",
    "Model",
    "Parameters",
    "Train",
    "Evaluate",
    "What to notice",
    "Exercises",
]
FRAME = ["Overview", "Setup", "What to notice", "Exercises"]
BADGE = "https://colab.research.google.com/assets/colab-badge.svg"
MAX_STREAM_LINES = 40
MAX_PNG_BYTES = 100_000


def source(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def cells_by_section(notebook) -> dict[str, list]:
    """Group cells under their H2 heading."""
    sections, current = {}, None
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            heading = re.search(r"^## (.+)$", source(cell), re.MULTILINE)
            if heading:
                current = heading.group(1).strip()
        sections.setdefault(current, []).append(cell)
    return sections


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


def test_title_and_badge(notebook):
    path, nb = notebook
    first = source(nb.cells[0])
    assert first.startswith("# "), "the first cell starts with the H1 title"
    headings = [line for c in nb.cells if c.cell_type == "markdown" for line in source(c).split("\n")]
    assert sum(line.startswith("# ") for line in headings) == 1, "exactly one H1"
    assert BADGE in first and f"notebooks/{path.name}" in first, "Open-in-Colab badge for this file"


def is_topology_notebook(path: Path) -> bool:
    return int(path.stem.split("_")[0]) <= 6


def test_sections_in_template_order(notebook):
    path, nb = notebook
    found = [
        m.group(1).strip()
        for c in nb.cells
        if c.cell_type == "markdown"
        for m in re.finditer(r"^## (.+)$", source(c), re.MULTILINE)
    ]
    if is_topology_notebook(path):
        assert found == SECTIONS
    else:
        assert [name for name in found if name in FRAME] == FRAME, "frame sections in order"
        assert found[:2] == FRAME[:2] and found[-2:] == FRAME[-2:]


def test_claims_are_asserted(notebook):
    path, nb = notebook
    sections = cells_by_section(nb)
    code = {name: "\n".join(source(c) for c in cells if c.cell_type == "code")
            for name, cells in sections.items()}
    assert "seed_everything(" in code["Setup"]
    every_cell = "\n".join(code.values())
    assert every_cell.count("assert") >= 5, "claims are checked by asserts, not only printed"
    assert "headline(" in every_cell, "the notebook prints its headline result"
    if not is_topology_notebook(path):
        return
    assert "draw_" in code["The topology"], "the diagram is drawn by helpers.diagrams"
    assert "count_params()" in code["Parameters"] and "assert" in code["Parameters"]
    assert "assert" in code["Evaluate"] and "headline(" in code["Evaluate"]
    assert "assert" in code["Data"], "the data section checks its shapes"


def test_exercises_have_checked_solutions(notebook):
    _, nb = notebook
    tags = [c.metadata.get("tags", []) for c in cells_by_section(nb)["Exercises"]]
    solutions = [i for i, t in enumerate(tags) if "solution" in t]
    checks = [i for i, t in enumerate(tags) if "check" in t]
    assert 2 <= len(solutions) <= 4, "two to four exercises"
    assert len(checks) == len(solutions)
    assert all(i + 1 in checks for i in solutions), "each solution cell is followed by its check"


def test_outputs_are_from_one_clean_run(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code" and source(c).strip()]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), f"re-execute {path.name} from the top"
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", f"error output in {path.name}"
            assert output.get("name") != "stderr", f"stderr in {path.name}: {output.get('text')}"
            if output.output_type == "stream":
                lines = output.text.count("\n")
                assert lines <= MAX_STREAM_LINES, f"{lines}-line log in {path.name}"
            png = output.get("data", {}).get("image/png")
            if png:
                assert len(base64.b64decode(png)) <= MAX_PNG_BYTES, f"large PNG in {path.name}"


def test_no_object_reprs_in_outputs(notebook):
    """A cell that ends in a call like `ax.set_xticks(...)` stores `[<... at 0x7f...>]`: noise for
    the reader and different in every run. End such a cell with a statement that returns None.

    A trailing `;` is no cure: Jupyter hides the value, but nbval runs cells without storing
    history, where IPython does not see the `;` and shows it, so the test run differs."""
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code" and source(cell).strip():
            last_line = re.sub(r"\s*#.*$", "", source(cell).strip().splitlines()[-1])
            assert not last_line.endswith(";"), f"cell ends with ';' in {path.name}: {last_line}"
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "")
            assert not re.search(r" at 0x[0-9a-f]+>", text), f"object repr in {path.name}: {text}"


# A number in a notebook's prose is a result or a setting, and either way the notebook's own code
# or outputs show it: a result is printed or asserted, a setting is in the code. Numbers that
# name a notebook or an exercise are references, not claims; the few that are neither a result
# nor a setting (a year of publication) are listed here with the notebook.
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w])")
REFERENCE = re.compile(r"(?:notebooks?|[Ee]xercises?|and|,)\s*$")
NOT_RESULTS = {
    "02_many_to_one": {"1976"},  # Box & Jenkins (1976), the data's source
}


def shown_numbers(nb) -> set[str]:
    """Every number that the code cells or their text outputs of ``nb`` contain."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        texts.append(source(cell))
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") or output.get("data", {}).get("text/plain", ""))
    return {match.group(0) for match in NUMBER.finditer("\n".join(texts))}


def prose_numbers(nb):
    """Yield (number, the text before it) for every number in the Markdown of ``nb``, links and
    the Colab badge left out."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = re.sub(r"\]\([^)]*\)", "]", source(cell))  # link targets are addresses
        for match in NUMBER.finditer(text):
            yield match.group(0), text[max(0, match.start() - 40):match.start()]


def test_prose_numbers_come_from_the_notebook(notebook):
    path, nb = notebook
    shown = shown_numbers(nb) | NOT_RESULTS.get(path.stem, set())
    missing = [
        number
        for number, before in prose_numbers(nb)
        if number not in shown and not (number.isdigit() and REFERENCE.search(before))
    ]
    assert not missing, (
        f"{path.name}: numbers in the text that no code cell or output shows: {missing}; print "
        "or assert each result, or use the setting's value in code"
    )
