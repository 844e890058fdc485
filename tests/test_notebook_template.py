"""Every notebook follows the collection's template and stores clean, fresh outputs.

Students read the stored notebooks on GitHub, so what is stored is checked like code: the same
sections in the same order, outputs from one fresh run, no stderr, no long logs, small PNGs.
"""

import ast
import base64
import builtins
import re
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from run_notebooks import notebook_paths  # noqa: E402
from student_copies import bound_names  # noqa: E402

NOTEBOOKS = notebook_paths([])
# Topology notebooks (01-06, 12-14) have every section; the "inside the cells" notebooks (07-11)
# study a layer rather than train a topology, and keep the sections that frame every lesson.
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


# 01-06 and 12-14 each train one topology; 07-11 open up the layers.
TOPOLOGY_NOTEBOOKS = {1, 2, 3, 4, 5, 6, 12, 13, 14}


def is_topology_notebook(path: Path) -> bool:
    return int(path.stem.split("_")[0]) in TOPOLOGY_NOTEBOOKS


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


BACKEND_SPECIFIC = re.compile(r"^\s*(import tensorflow|from tensorflow)|\btf\.|\bjax\.", re.MULTILINE)


def test_lessons_use_keras_and_numpy_only(notebook):
    """A lesson runs on every Keras backend (the tests run it on TensorFlow and on JAX), so its
    code imports neither TensorFlow nor JAX, and it converts outputs with
    ``keras.ops.convert_to_numpy``: a JAX array has no ``.numpy()``."""
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        found = BACKEND_SPECIFIC.search(source(cell))
        assert not found, f"{path.name}: backend-specific {found.group().strip()!r}"


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


# --- Exercises a student can answer in their own words --------------------------------------

BACKTICKED = re.compile(r"`([^`]+)`")
IDENTIFIER = re.compile(r"\b[A-Za-z_]\w*\b")
# A solution that builds, trains or rewires a model (a layer, a fit, new weights, new data).
CHANGES_A_MODEL = re.compile(
    r"keras\.(?:Sequential|Model|layers\.\w+)\(|\.fit\(|\btrain\w*\(|\.set_weights\("
)


def bound_in(code: str) -> set[str]:
    """Every name ``code`` binds anywhere (assignments, loops, defs, imports, comprehensions)."""
    names = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def read_in(code: str) -> set[str]:
    return {
        node.id
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def exercises(nb):
    """Yield (task text, solution cell, check cell, names bound before the solution) per exercise;
    the names come from every cell above that is not a solution."""
    bound, task = set(), []
    cells = nb.cells
    in_exercises = False
    for index, cell in enumerate(cells):
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown":
            in_exercises = in_exercises or "## Exercises" in source(cell)
            task.append(source(cell))
        elif "solution" in tags and in_exercises:
            check = cells[index + 1]
            yield "\n".join(task), cell, check, set(bound)
            task = []
        elif cell.cell_type == "code" and source(cell).strip():
            bound |= bound_in(source(cell)) if "solution" not in tags else set()


def test_exercise_checks_use_only_the_names_their_task_asks_for(notebook):
    """The student copy replaces a solution with a stub that binds its names to None; a check that
    reads a name the task never asks for fails on a right answer written another way."""
    path, nb = notebook
    for number, (task, solution, check, before) in enumerate(exercises(nb), start=1):
        asked = {
            name for span in BACKTICKED.findall(task) for name in IDENTIFIER.findall(span)
        }
        own = set(bound_names(source(solution)))
        reads = read_in(source(check)) - bound_in(source(check))
        unasked = sorted(name for name in reads & own if name not in asked)
        assert not unasked, (
            f"{path.name} exercise {number}: the check reads {unasked}, which the solution binds "
            "but the task does not name in backticks"
        )
        unknown = sorted(
            name for name in reads - own - before if not hasattr(builtins, name)
        )
        assert not unknown, (
            f"{path.name} exercise {number}: the check reads {unknown}, bound neither by the "
            "lesson above nor by the answer the task asks for"
        )


def test_an_exercise_changes_a_model_or_its_data(notebook):
    path, nb = notebook
    solutions = [source(solution) for _, solution, _, _ in exercises(nb)]
    assert any(CHANGES_A_MODEL.search(code) for code in solutions), (
        f"{path.name}: no exercise builds, trains or rewires a model; at least one should change "
        "the model or its data and check the consequence"
    )


# --- The reshape that makes a topology happens in view -------------------------------------

INLINE_RESHAPE = re.compile(r"\.reshape\(|np\.(?:stack|expand_dims|newaxis)|\[[^\]]*None[^\]]*\]")


def test_topology_reshape_is_inline_before_any_helper_does_it(notebook):
    """In 01-04 the shape is the lesson: the Data section builds (samples, timesteps, features)
    with NumPy, prints the shapes before and after, and only later may a helper do it."""
    path, nb = notebook
    if int(path.stem.split("_")[0]) > 4:
        return
    data = "\n".join(
        source(c) for c in cells_by_section(nb)["Data"] if c.cell_type == "code"
    )
    assert INLINE_RESHAPE.search(data), f"{path.name}: the Data section reshapes with NumPy"
    assert data.count(".shape") >= 2, f"{path.name}: print the shapes before and after"
    everything = "\n".join(source(c) for c in nb.cells if c.cell_type == "code")
    helper = re.search(r"sequences\.as_\w+\(", everything)
    if helper:
        assert INLINE_RESHAPE.search(everything[: helper.start()]), (
            f"{path.name}: a helper reshapes before the notebook shows the reshape"
        )


# --- A walkthrough a teacher can present ---------------------------------------------------

PRESENT, NOTES = "present", "speaker_notes"
MAX_PRESENTED = 16  # about ten minutes, at most 40 seconds a cell


def presented(nb) -> list:
    return [c for c in nb.cells if PRESENT in c.metadata.get("tags", [])]


def test_a_walkthrough_is_marked(notebook):
    path, nb = notebook
    cells = presented(nb)
    assert PRESENT in nb.cells[0].metadata.get("tags", []), "the title opens the deck"
    assert 6 <= len(cells) <= MAX_PRESENTED, (
        f"{path.name}: {len(cells)} presented cells; a 10-minute walkthrough has 6-{MAX_PRESENTED}"
    )
    assert any(c.cell_type == "code" and c.get("outputs") for c in cells), "show a result"
    for section, members in cells_by_section(nb).items():
        shown = [c for c in members if PRESENT in c.metadata.get("tags", [])]
        if shown and section is not None:
            heading = members[0]
            assert PRESENT in heading.metadata.get("tags", []), (
                f"{path.name}: cells of '{section}' are presented but its heading is not"
            )
    assert not any(
        "colab-setup" in c.metadata.get("tags", []) or "solution" in c.metadata.get("tags", [])
        for c in cells
    ), "the install cell and solutions stay out of the deck"


def test_every_slide_has_speaker_notes(notebook):
    """Each presented Markdown cell that opens a slide carries notes for the presenter view:
    what to say, the question to ask, the number to point at (``metadata.speaker_notes``)."""
    path, nb = notebook
    for cell in presented(nb):
        opens = cell.cell_type == "markdown" and source(cell).lstrip().startswith("#")
        if opens:
            notes = cell.metadata.get(NOTES, "")
            assert isinstance(notes, str) and len(notes.split()) >= 15, (
                f"{path.name}: no speaker notes on '{source(cell).splitlines()[0]}'"
            )
        else:
            assert NOTES not in cell.metadata or isinstance(cell.metadata[NOTES], str)
