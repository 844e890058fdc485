"""Render the notebooks, with their stored outputs, to a static course site and slide decks.

Nothing is executed: the pages show the outputs stored in ``notebooks/``. The build folder
(``build/site/`` by default) holds

    index.html            one card per notebook: thumbnail, title, headline, seconds, links
    notebooks/NAME.html   the notebook as a page (nbconvert's "lab" template)
    slides/NAME.html      the notebook's walkthrough as a reveal.js deck (SlidesExporter)
    students/NAME.ipynb   the student copy (tools/student_copies.py), to download
    thumbs/NAME.png       the picture on the notebook's card
    style.css, colab-badge.svg
    vendor/               reveal.js, MathJax 2, require.js and jQuery, from site/node_modules

Every script, style sheet, font and image comes from the build folder, none from a CDN, so the
site and the slides work in a classroom without internet. The browser assets are the npm
packages pinned in ``site/package-lock.json`` (``npm ci`` in ``site/``; ``make site`` does it).

A deck is the notebook's walkthrough: the cells tagged ``present`` (all cells when none is),
with each cell's ``metadata.speaker_notes`` in the presenter view. Slide boundaries come from
:func:`slide_type` at render time, not from metadata stored in the notebooks: the title and
every ``## `` section start a slide, every ``### `` subsection a vertical sub-slide.

Usage:
    python tools/build_site.py [--out build/site] [notebooks ...]
"""

from __future__ import annotations

import argparse
import ast
import base64
import copy
import io
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")  # before helpers.diagrams imports pyplot

import jinja2  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
from colab import badge_url, repository_url  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402
from nbconvert import HTMLExporter, SlidesExporter  # noqa: E402
from run_notebooks import (  # noqa: E402
    ROOT,
    notebook_paths,
    notebook_title,
    readme_seconds,
    stream_text,
)
from student_copies import SPEAKER_NOTES, student_version  # noqa: E402

from helpers.diagrams import COLOURS, TOPOLOGIES, draw_topology  # noqa: E402
from helpers.report import find_headline  # noqa: E402

SITE_SOURCES = ROOT / "site"  # templates, style sheet, badge, package.json
NODE_MODULES = SITE_SOURCES / "node_modules"
DEFAULT_OUT = ROOT / "build" / "site"
SITE_TITLE = "RNN topologies in Keras 3"
NO_VALUE = "—"

COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"

# What the pages load, relative to a page one folder below the site root (notebooks/, slides/).
MATHJAX_URL = "../vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
REQUIRE_JS_URL = "../vendor/require.js"
JQUERY_URL = "../vendor/jquery.min.js"
REVEAL_URL_PREFIX = "../vendor/reveal.js"
REVEAL_THEME = "white"  # its fonts ship with reveal.js; most other themes load Google Fonts

# (path in site/node_modules, path in the site's vendor/): only what the pages use.
VENDOR_FILES = (
    ("reveal.js/LICENSE", "reveal.js/LICENSE"),
    ("reveal.js/dist", "reveal.js/dist"),
    ("reveal.js/plugin/notes", "reveal.js/plugin/notes"),
    ("requirejs/require.js", "require.js"),
    ("jquery/LICENSE.txt", "jquery-LICENSE.txt"),
    ("jquery/dist/jquery.min.js", "jquery.min.js"),
    ("mathjax/LICENSE", "mathjax/LICENSE"),
    ("mathjax/MathJax.js", "mathjax/MathJax.js"),
    ("mathjax/config/TeX-AMS_CHTML-full.js", "mathjax/config/TeX-AMS_CHTML-full.js"),
    ("mathjax/config/Safe.js", "mathjax/config/Safe.js"),
    ("mathjax/extensions", "mathjax/extensions"),
    ("mathjax/jax/element", "mathjax/jax/element"),
    ("mathjax/jax/input/TeX", "mathjax/jax/input/TeX"),
    ("mathjax/jax/output/CommonHTML", "mathjax/jax/output/CommonHTML"),
    ("mathjax/fonts/HTML-CSS/TeX/woff", "mathjax/fonts/HTML-CSS/TeX/woff"),
)


@dataclass(frozen=True)
class Card:
    """One notebook on the index page; paths are relative to the site root."""

    stem: str
    number: str
    title: str
    headline: str | None
    seconds: str | None
    thumbnail: str
    thumbnail_alt: str
    page: str
    slides: str
    student: str
    student_colab: str


# --- Reading the README table and the notebooks -------------------------------------------


# --- What the site changes in its copy of a notebook ---------------------------------------


def slide_type(cell, index: int) -> str:
    """Return the reveal.js slide type of the ``index``-th cell of a notebook.

    The title cell and each ``## `` section start a slide; each ``### `` subsection starts a
    vertical sub-slide below it; the Colab install cell is skipped (it does nothing in class);
    every other cell continues the slide above it ("-").
    """
    if "colab-setup" in cell.metadata.get("tags", []):
        return "skip"
    if cell.cell_type != "markdown":
        return "-"
    first_line = cell.source.lstrip().split("\n", 1)[0]
    if index == 0 or first_line.startswith(("# ", "## ")):
        return "slide"
    if first_line.startswith("### "):
        return "subslide"
    return "-"


PRESENT = "present"  # the tag of a cell that is in the deck; SPEAKER_NOTES names its notes


def is_presented(cell) -> bool:
    return PRESENT in cell.metadata.get("tags", [])


def with_slide_types(notebook):
    """Return a copy of ``notebook`` as a deck: ``metadata.slideshow.slide_type`` on every cell.

    When some cells are tagged ``present``, the deck is those cells only (the walkthrough a
    teacher presents; the page keeps every cell), and each presented cell's
    ``metadata.speaker_notes`` follows it as a reveal.js notes cell, which only the presenter
    view (key S) shows. A notebook with no presented cell becomes a deck of all its cells.
    """
    deck = copy.deepcopy(notebook)
    walkthrough = any(is_presented(cell) for cell in deck.cells)
    cells = []
    for index, cell in enumerate(deck.cells):
        if walkthrough and not is_presented(cell):
            continue
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell, index)}
        cells.append(cell)
        notes = cell.metadata.get(SPEAKER_NOTES)
        if notes:
            cells.append(nbformat.v4.new_markdown_cell(
                notes, metadata={"slideshow": {"slide_type": "notes"}}
            ))
    deck.cells = cells
    return deck


def with_local_badge(notebook, badge_url: str):
    """Return a copy of ``notebook`` whose Colab badge image is ``badge_url``, not Google's.

    The badge still links to Colab; only the image, which a browser would fetch from
    colab.research.google.com, is replaced.
    """
    local = copy.deepcopy(notebook)
    for cell in local.cells:
        if cell.cell_type == "markdown" and COLAB_BADGE in cell.source:
            cell.source = cell.source.replace(COLAB_BADGE, badge_url)
    local.metadata["title"] = notebook_title(local)  # the page's <title>, instead of the file name
    return local


# --- Thumbnails ----------------------------------------------------------------------------


def topology_call(notebook) -> tuple[str, dict] | None:
    """Return the name and keyword arguments of the notebook's first ``draw_topology`` call.

    Only literal arguments count (``n_steps=5``, ``title="..."``); the call is read, not run.
    None when no code cell draws a topology by name.
    """
    for cell in notebook.cells:
        if cell.cell_type != "code" or "draw_topology" not in cell.source:
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics
            continue
        for node in ast.walk(tree):
            call = _topology_call_arguments(node)
            if call:
                return call
    return None


def _topology_call_arguments(node) -> tuple[str, dict] | None:
    """Return ``(name, kwargs)`` if ``node`` is ``draw_topology("name", ...)``, else None."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    function = node.func
    called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    if called != "draw_topology":
        return None
    try:
        name = ast.literal_eval(node.args[0])
    except ValueError:
        return None
    if not isinstance(name, str) or name.lower().replace("_", "-") not in TOPOLOGIES:
        return None
    kwargs = {}
    for keyword in node.keywords:
        if keyword.arg in ("n_steps", "title", "repeat_input"):
            try:
                kwargs[keyword.arg] = ast.literal_eval(keyword.value)
            except ValueError:
                pass
    return name, kwargs


def first_png(notebook) -> bytes | None:
    """Return the first PNG among the notebook's stored outputs, if any."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {}).get("image/png")
            if data:
                return base64.b64decode(data if isinstance(data, str) else "".join(data))
    return None


def figure_png(fig) -> bytes:
    """Return ``fig`` as PNG bytes, and close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=120, facecolor="white", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def draw_folded_cell(title: str):
    """Return a Figure of one recurrent cell, folded: x_t in, h_t looping back, y_t out.

    The card picture of a notebook that looks inside a layer rather than at a topology.
    """
    fig, ax = plt.subplots(figsize=(6, 3), dpi=100)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.03, top=0.88)
    rows = (
        ("input", 0.0, "$x_t$", 0.5),
        ("cell", 1.1, "$h_t$", 0.62),
        ("output", 2.2, "$y_t$", 0.5),
    )
    for kind, y, label, width in rows:
        colour = COLOURS[kind]
        style = {"facecolor": to_rgba(colour, 0.25), "edgecolor": colour, "linewidth": 1.6}
        height = 0.5 if kind == "cell" else 0.4
        box = FancyBboxPatch(
            (-width / 2, y - height / 2), width, height, boxstyle="round,pad=0,rounding_size=0.08",
            **style,
        )
        ax.add_patch(box)
        ax.text(0, y, label, ha="center", va="center", fontsize=13)
    arrow = {"arrowstyle": "-|>", "mutation_scale": 12, "linewidth": 1.4, "color": "0.25"}
    ax.add_patch(FancyArrowPatch((0, 0.2), (0, 0.85), **arrow))
    ax.add_patch(FancyArrowPatch((0, 1.35), (0, 2.0), **arrow))
    loop = FancyArrowPatch(
        (0.31, 1.22), (0.31, 0.98), connectionstyle="arc3,rad=-2.2", **arrow
    )  # the state carried to the next step
    ax.add_patch(loop)
    ax.text(0.78, 1.1, "$h_{t-1}$", ha="left", va="center", fontsize=11, color="0.25")
    ax.set_xlim(-2.2, 2.2)
    ax.set_ylim(-0.4, 2.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=13)
    return fig


def thumbnail_png(notebook) -> tuple[bytes, str]:
    """Return the card picture of a notebook as PNG bytes, with its alt text.

    The topology the notebook draws, else its first stored image, else a folded recurrent cell.
    """
    call = topology_call(notebook)
    if call:
        name, kwargs = call
        return figure_png(draw_topology(name, **kwargs)), f"Unrolled diagram: {name}"
    stored = first_png(notebook)
    if stored:
        return stored, f"First figure of {notebook_title(notebook)}"
    short_title = notebook_title(notebook).split(":")[0]
    return figure_png(draw_folded_cell(short_title)), "A recurrent cell, folded"


# --- Rendering -----------------------------------------------------------------------------


def with_local_scripts(exporter):
    """Point ``exporter``'s MathJax, require.js and jQuery at the build folder; return it."""
    exporter.mathjax_url = MATHJAX_URL
    exporter.require_js_url = REQUIRE_JS_URL
    exporter.jquery_url = JQUERY_URL
    return exporter


def page_exporter() -> HTMLExporter:
    """Return the exporter of notebook pages, with every script URL in the build folder."""
    return with_local_scripts(HTMLExporter(
        template_name="lab",
        template_file="page.html.j2",
        extra_template_paths=[str(SITE_SOURCES / "templates")],
    ))


def slides_exporter() -> SlidesExporter:
    """Return the exporter of reveal.js decks, with reveal.js and the rest in the build folder."""
    return with_local_scripts(SlidesExporter(
        template_file="slides.html.j2",
        extra_template_paths=[str(SITE_SOURCES / "templates")],
        reveal_url_prefix=REVEAL_URL_PREFIX,
        reveal_theme=REVEAL_THEME,
        reveal_scroll=True,  # long sections scroll instead of running off the slide
        reveal_width="1280",  # 16:9, room for 100-character lines of code
        reveal_height="720",
        exclude_input_prompt=True,  # "In [5]:" takes width that code needs on a slide
        exclude_output_prompt=True,
    ))


def render_index(cards: list[Card], repository: str) -> str:
    """Return the HTML of the index page."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SITE_SOURCES / "templates"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    template = environment.get_template("site-index.html.j2")
    return template.render(title=SITE_TITLE, cards=cards, repository=repository)


def copy_vendor(node_modules: Path, vendor: Path) -> None:
    """Copy the browser assets the pages use from ``node_modules`` into ``vendor``."""
    if not node_modules.is_dir():
        raise SystemExit(
            f"{node_modules} is missing: run `make site` (or `npm ci` in site/) first"
        )
    for source, target in VENDOR_FILES:
        origin, destination = node_modules / source, vendor / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, destination, ignore=shutil.ignore_patterns("*.map"))
        else:
            shutil.copy2(origin, destination)


def clean_out(out: Path) -> None:
    """Empty ``out`` for a fresh build; refuse a non-empty folder that is not a site."""
    if out.exists() and any(out.iterdir()) and not (out / "index.html").exists():
        raise SystemExit(f"{out} is not empty and holds no index.html: not deleting it")
    shutil.rmtree(out, ignore_errors=True)
    for folder in ("notebooks", "slides", "students", "thumbs", "vendor"):
        (out / folder).mkdir(parents=True)


def build_notebook(path: Path, out: Path, seconds: dict[str, str], exporters) -> Card:
    """Render one notebook's page, deck and thumbnail into ``out``; return its card."""
    stem = path.stem
    notebook = nbformat.read(path, as_version=4)
    local = with_local_badge(notebook, "../colab-badge.svg")
    page_html, _ = exporters[0].from_notebook_node(
        local, resources={"metadata": {"name": stem}, "site": {"root": "../"}}
    )
    (out / "notebooks" / f"{stem}.html").write_text(page_html, encoding="utf-8")
    slides_html, _ = exporters[1].from_notebook_node(
        with_slide_types(local), resources={"metadata": {"name": stem}}
    )
    (out / "slides" / f"{stem}.html").write_text(slides_html, encoding="utf-8")
    nbformat.write(student_version(notebook), out / "students" / path.name)
    picture, alt = thumbnail_png(notebook)
    (out / "thumbs" / f"{stem}.png").write_bytes(picture)
    number = re.match(r"\d*", stem).group(0)
    return Card(
        stem=stem,
        number=number,
        title=notebook_title(notebook),
        headline=find_headline(stream_text(notebook)),
        seconds=seconds.get(stem),
        thumbnail=f"thumbs/{stem}.png",
        thumbnail_alt=alt,
        page=f"notebooks/{stem}.html",
        slides=f"slides/{stem}.html",
        student=f"students/{path.name}",
        student_colab=badge_url(repository_url(), path, folder="students"),
    )


def build(paths: list[Path], out: Path, node_modules: Path = NODE_MODULES) -> list[Card]:
    """Build the whole site for ``paths`` into ``out``; return the index's cards."""
    clean_out(out)
    copy_vendor(node_modules, out / "vendor")
    for name in ("style.css", "colab-badge.svg"):
        shutil.copy2(SITE_SOURCES / "static" / name, out / name)
    seconds = readme_seconds((ROOT / "README.md").read_text(encoding="utf-8"))
    exporters = (page_exporter(), slides_exporter())
    cards = []
    for index, path in enumerate(paths, start=1):
        print(f"[{index}/{len(paths)}] {path.name}", flush=True)
        cards.append(build_notebook(path, out, seconds, exporters))
    (out / "index.html").write_text(render_index(cards, repository_url()), encoding="utf-8")
    return cards


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to render (default: all)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="the build folder")
    args = parser.parse_args(argv)
    paths = notebook_paths(args.notebooks)
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    out = Path(args.out).resolve()
    cards = build(paths, out)
    print(f"{len(cards)} notebooks rendered to {out}/index.html")
    print(f"serve it with: python -m http.server -d {out} 8000, then open http://localhost:8000/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
