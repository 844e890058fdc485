"""The course site and the slide decks: the pure parts of tools/build_site.py, then the whole
site in headless Chromium.

The browser tests build the site afresh into a temporary folder (about 15 s), so that they check
what the current code renders rather than a build/site/ left by an earlier `make site`. They
serve it on 127.0.0.1 and fail on any request that would leave this machine, on any console
error, on any image that did not load and on any link that does not resolve. They drive Debian's
Chromium (/usr/bin/chromium, which `make test` installs with apt-get) through Playwright, which
never downloads a browser of its own here; without Chromium and without root to install it, the
browser tests are skipped. Every page and deck comes from the same templates, so the browser
opens the index and a sample of three notebooks' pages and decks; the links and resources of
every page are checked without a browser. The index's screenshot is kept as build/artifacts/site-index.png.
"""

import functools
import os
import re
import shutil
import sys
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
from build_site import (  # noqa: E402
    Card,
    first_png,
    render_index,
    slide_type,
    topology_call,
    with_local_badge,
    with_slide_types,
)
from run_notebooks import notebook_paths, readme_seconds, split_table_row  # noqa: E402

NOTEBOOKS = notebook_paths([])
# Every page and deck comes from the same two templates, so the browser opens a sample (the
# first notebook, one from the middle and the last) and every page is checked statically.
BROWSED = sorted({NOTEBOOKS[0], NOTEBOOKS[len(NOTEBOOKS) // 2], NOTEBOOKS[-1]})
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ARTIFACTS = ROOT / "build" / "artifacts"
INLINE_MATH = re.compile(r"\$[^$\n]+\$")


def markdown(source, **metadata):
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


def code(source, **metadata):
    return nbformat.v4.new_code_cell(source, metadata=metadata)


# --- The README table -----------------------------------------------------------------------

README = """\
# A course

<!-- notebooks-table:start -->
| Notebook | Topic | Headline result | Seconds |
|---|---|---|--:|
| [01_one](notebooks/01_one.ipynb) | One | max \\|error\\| = 0.006 (target < 0.02) | 16 |
| [02_two](notebooks/02_two.ipynb) | Two | rows = 12 | 8 |
<!-- notebooks-table:end -->
"""


def test_a_table_row_splits_on_bars_but_not_on_escaped_ones():
    row = "| [a](a.ipynb) | max \\|error\\| = 1 | 16 |"
    assert split_table_row(row) == ["[a](a.ipynb)", "max |error| = 1", "16"]


def test_seconds_come_from_the_readme_table_by_notebook_stem():
    assert readme_seconds(README) == {"01_one": "16", "02_two": "8"}


def test_a_readme_without_the_table_gives_no_seconds():
    assert readme_seconds("# A course\n\nNo table yet.\n") == {}
    no_seconds_column = README.replace("Seconds", "Minutes")
    assert readme_seconds(no_seconds_column) == {}


def test_the_real_readme_has_seconds_for_listed_notebooks():
    seconds = readme_seconds((ROOT / "README.md").read_text())
    assert seconds, "the README's notebook table has rows"
    assert all(value.isdigit() for value in seconds.values())
    assert set(seconds) <= {path.stem for path in NOTEBOOKS}


# --- Slide boundaries -----------------------------------------------------------------------


def test_the_title_and_h2_sections_start_slides_and_h3_sub_slides():
    cells = [
        markdown("# Title\n\n[badge](x)"),
        markdown("## Overview\n\nText."),
        markdown("Text under the section."),
        code("x = 1"),
        markdown("### A subsection"),
        markdown("#### Smaller heading"),
        code("install()", tags=["colab-setup"]),
        markdown("Not ## a heading"),
    ]
    assert [slide_type(cell, index) for index, cell in enumerate(cells)] == [
        "slide", "slide", "-", "-", "subslide", "-", "skip", "-",
    ]


def test_the_first_cell_starts_a_slide_even_without_a_heading():
    assert slide_type(markdown("Just text"), 0) == "slide"
    assert slide_type(code("x = 1"), 0) == "-"


def test_slide_types_go_into_a_copy_not_into_the_notebook():
    notebook = nbformat.v4.new_notebook(cells=[markdown("# T"), markdown("## A"), code("1")])
    deck = with_slide_types(notebook)
    assert [c.metadata.slideshow.slide_type for c in deck.cells] == ["slide", "slide", "-"]
    assert all("slideshow" not in cell.metadata for cell in notebook.cells)


def test_the_deck_is_the_presented_cells_with_their_notes_after_them():
    notebook = nbformat.v4.new_notebook(cells=[
        markdown("# T", tags=["present"], speaker_notes="Say hello."),
        markdown("## A"),
        code("hidden = 1"),
        markdown("## B", tags=["present"]),
        code("shown = 2", tags=["present"]),
    ])
    deck = with_slide_types(notebook)
    assert [c.source for c in deck.cells] == ["# T", "Say hello.", "## B", "shown = 2"]
    assert [c.metadata.slideshow.slide_type for c in deck.cells] == ["slide", "notes", "slide", "-"]


def test_a_notebook_with_no_presented_cell_is_a_deck_of_every_cell():
    notebook = nbformat.v4.new_notebook(cells=[markdown("# T"), code("1"), markdown("## A")])
    assert len(with_slide_types(notebook).cells) == 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_deck_has_a_slide_for_its_title_and_each_presented_section(path):
    notebook = nbformat.read(path, as_version=4)
    sections = sum(
        cell.cell_type == "markdown"
        and cell.source.startswith("## ")
        and "present" in cell.metadata.get("tags", [])
        for cell in notebook.cells
    )
    types = [cell.metadata.slideshow.slide_type for cell in with_slide_types(notebook).cells]
    assert types[0] == "slide"
    assert types.count("slide") == sections + 1
    assert types.count("notes") >= types.count("slide"), "speaker notes on every slide"


# --- What the site changes in its copy of a notebook ----------------------------------------


def test_the_colab_badge_image_becomes_local_and_the_link_stays():
    title = (
        "# T\n\n[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        "(https://colab.research.google.com/github/o/r/blob/main/notebooks/01.ipynb)"
    )
    notebook = nbformat.v4.new_notebook(cells=[markdown(title)])
    local = with_local_badge(notebook, "../colab-badge.svg")
    assert "](../colab-badge.svg)" in local.cells[0].source
    assert "(https://colab.research.google.com/github/o/r/" in local.cells[0].source
    assert local.metadata.title == "T"
    assert notebook.cells[0].source == title, "the notebook itself is unchanged"


def test_the_topology_call_is_read_with_its_literal_arguments():
    notebook = nbformat.v4.new_notebook(
        cells=[
            code("%matplotlib inline\ndraw_topology('many-to-one')"),  # a magic: not parsed
            code("fig = diagrams.draw_topology('many_to_one', n_steps=5, title='Padded', ax=ax)"),
        ]
    )
    assert topology_call(notebook) == ("many_to_one", {"n_steps": 5, "title": "Padded"})


def test_the_repeated_input_of_one_to_many_reaches_the_card():
    notebook = nbformat.v4.new_notebook(
        cells=[code("fig = diagrams.draw_topology('one-to-many', n_steps=6, repeat_input=True)")]
    )
    assert topology_call(notebook) == ("one-to-many", {"n_steps": 6, "repeat_input": True})


def test_no_topology_call_when_none_draws_one_by_name():
    notebook = nbformat.v4.new_notebook(
        cells=[code("draw_topology(name)"), code("draw_topology('a-loop')"), code("draw_model(m)")]
    )
    assert topology_call(notebook) is None


def test_the_first_stored_png_is_found():
    png = b"\x89PNG\r\n\x1a\nfake"
    output = nbformat.v4.new_output(
        "display_data", data={"image/png": "iVBORw0KGgpmYWtl", "text/plain": "<Figure>"}
    )
    notebook = nbformat.v4.new_notebook(cells=[code("1"), code("plot()")])
    notebook.cells[1].outputs = [output]
    assert first_png(notebook) == png
    assert first_png(nbformat.v4.new_notebook(cells=[code("1")])) is None


def test_the_index_shows_a_dash_for_a_notebook_not_yet_timed():
    cards = [
        Card("11_new", "11", "New <one>", None, None, "thumbs/11_new.png", "alt",
             "notebooks/11_new.html", "slides/11_new.html", "students/11_new.ipynb",
             "https://colab.research.google.com/github/o/r/blob/main/students/11_new.ipynb"),
    ]
    html = render_index(cards, "https://example.invalid/repo")
    assert "New &lt;one&gt;" in html, "titles are escaped"
    assert html.count("—") >= 2, "no headline and no seconds both show a dash"
    assert 'href="slides/11_new.html"' in html


# --- The built site --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the whole site into a temporary folder and return its path."""
    if not build_site.NODE_MODULES.is_dir():
        pytest.fail("site/node_modules is missing: run `make site` (it runs `npm ci` in site/)")
    out = tmp_path_factory.mktemp("site") / "site"
    build_site.build(NOTEBOOKS, out)
    return out


class Resources(HTMLParser):
    """Collects, from one HTML page, what it loads (src, and href outside <a>) and its links."""

    def __init__(self):
        super().__init__()
        self.loaded, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif attributes.get("href"):
            self.loaded.append(attributes["href"])
        if attributes.get("src"):
            self.loaded.append(attributes["src"])


def parsed(path: Path) -> Resources:
    parser = Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_site_has_a_page_a_deck_and_a_card_for_every_notebook(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        for part in (f"notebooks/{path.stem}.html", f"slides/{path.stem}.html"):
            assert (site / part).is_file(), part
            assert f'href="{part}"' in index
        assert (site / "thumbs" / f"{path.stem}.png").read_bytes().startswith(b"\x89PNG")
    assert index.count('<li class="card"') == len(NOTEBOOKS)


def test_every_deck_has_speaker_notes(site):
    for path in NOTEBOOKS:
        deck = (site / "slides" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert deck.count('<aside class="notes">') >= 3, f"{path.stem}: speaker notes in the deck"
        assert "plugin/notes/notes.js" in deck, "the presenter view (key S) is loaded"


def test_each_card_offers_the_student_copy_to_download_and_in_colab(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        copy = site / "students" / path.name
        assert f'href="students/{path.name}"' in index and copy.is_file()
        student = nbformat.read(copy, as_version=4)
        assert not any(c.get("outputs") for c in student.cells if c.cell_type == "code")
        assert f"blob/main/students/{path.name}" in index, "a Colab link to the student copy"


def test_no_page_loads_anything_from_another_host(site):
    pages = [site / "index.html", *site.glob("notebooks/*.html"), *site.glob("slides/*.html")]
    for page in pages:
        remote = [url for url in parsed(page).loaded if urlparse(url).scheme in ("http", "https")]
        assert not remote, f"{page.name} loads {remote}"


def test_every_local_link_and_resource_of_every_page_names_a_file_of_the_site(site):
    pages = [site / "index.html", *site.glob("notebooks/*.html"), *site.glob("slides/*.html")]
    for page in pages:
        resources = parsed(page)
        for url in resources.links + resources.loaded:
            target = urlparse(url)
            if target.scheme or not target.path:  # remote (checked above), or an anchor only
                continue
            assert (page.parent / unquote(target.path)).resolve().is_file(), f"{page.name}: {url}"


# --- In the browser ---------------------------------------------------------------------------


def can_install_chromium() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


@pytest.fixture(scope="session")
def browser():
    """Return Playwright's handle on Debian's Chromium, headless, with a fresh profile."""
    if not CHROMIUM.exists():
        if can_install_chromium():
            pytest.fail(f"{CHROMIUM} is missing: run `make browser` (make test does it)")
        pytest.skip(f"{CHROMIUM} is missing and apt-get needs root to install it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """Serve the site on 127.0.0.1 (a free port); return its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    thread.join()


class Visit:
    """One page in a new browser context that records what goes wrong while it loads.

    Every request to a host other than this machine is aborted and recorded; so are console
    errors, uncaught exceptions and HTTP errors.
    """

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.remote, self.errors = [], []
        self.context.route("**/*", self._local_only)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"exception: {error}"))
        self.page.on("response", self._response)
        self.page.goto(url, wait_until="load")
        self.settle()

    def _local_only(self, route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.remote.append(route.request.url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text} at {message.location.get('url')}")

    def _response(self, response):
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def settle(self):
        """Wait for MathJax (where the page has it) to typeset, and for fonts to load."""
        self.page.evaluate(
            """async () => {
                if (window.MathJax && MathJax.Hub) {
                    await new Promise(done => MathJax.Hub.Queue(done));
                }
                await document.fonts.ready;
            }"""
        )

    def assert_clean(self):
        assert not self.remote, f"requests that would leave this machine: {self.remote}"
        assert not self.errors, "\n".join(self.errors)
        broken = self.page.evaluate(
            "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
            ".map(i => i.src.slice(0, 80))"
        )
        assert not broken, f"images that did not load: {broken}"

    def links(self) -> list[str]:
        return self.page.evaluate("() => [...document.links].map(a => a.href)")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    """Return a function that opens a page of the site; every page opened is closed after."""
    opened = []

    def open_page(path: str) -> Visit:
        opened.append(Visit(browser, urljoin(server, path)))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


def assert_links_resolve(visit: Visit, site: Path, server: str):
    """Local links must name a file of the site, and an anchor must exist; others are Colab's
    or the repository's."""
    allowed_remote = ("https://colab.research.google.com/", build_site.repository_url())
    for link in visit.links():
        if not link.startswith(server):
            assert link.startswith(allowed_remote), f"unexpected link {link}"
            continue
        target = urlparse(link)
        assert (site / unquote(target.path.lstrip("/"))).is_file(), f"broken link {link}"
        page_url = visit.page.url.split("#")[0]
        if target.fragment and link.split("#")[0] == page_url:
            found = visit.page.evaluate(  # as a browser does: the id as written, or decoded
                "ids => ids.some(id => document.getElementById(id) !== null)",
                [target.fragment, unquote(target.fragment)],
            )
            assert found, f"no element with id {target.fragment!r} for {link}"


def test_the_index_loads_offline_with_every_image_and_link(visit, site, server):
    index = visit("index.html")
    index.assert_clean()
    assert index.page.locator("li.card").count() == len(NOTEBOOKS)
    assert index.page.evaluate("() => document.images.length") == len(NOTEBOOKS)
    assert_links_resolve(index, site, server)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    index.page.screenshot(path=str(ARTIFACTS / "site-index.png"), full_page=True)


@pytest.mark.parametrize("path", BROWSED, ids=[p.stem for p in BROWSED])
def test_each_notebook_page_loads_offline_and_links_back(visit, site, server, path):
    page = visit(f"notebooks/{path.stem}.html")
    page.assert_clean()
    assert urljoin(server, "index.html") in page.links(), "the page links back to the index"
    assert_links_resolve(page, site, server)
    notebook = nbformat.read(path, as_version=4)
    has_math = any(
        cell.cell_type == "markdown" and INLINE_MATH.search(cell.source) for cell in notebook.cells
    )
    if has_math:
        typeset = page.page.evaluate("() => document.querySelectorAll('.MathJax_CHTML').length")
        assert typeset > 0, "MathJax typeset the equations from the local copy"


@pytest.mark.parametrize("path", BROWSED, ids=[p.stem for p in BROWSED])
def test_each_deck_starts_reveal_offline_with_a_slide_per_section(visit, path):
    deck = visit(f"slides/{path.stem}.html")
    reveal = f"{build_site.REVEAL_URL_PREFIX}/dist/reveal.js"  # the module the template loads
    deck.page.evaluate(f"() => require([{reveal!r}], reveal => {{ window.testReveal = reveal; }})")
    deck.page.wait_for_function("() => window.testReveal && window.testReveal.isReady()")
    deck.settle()
    deck.assert_clean()
    types = [c.metadata.slideshow.slide_type for c in with_slide_types(nbformat.read(path, 4)).cells]
    horizontal = deck.page.evaluate("() => testReveal.getHorizontalSlides().length")
    total = deck.page.evaluate("() => testReveal.getTotalSlides()")
    assert horizontal == types.count("slide"), "the title and one slide per ## section"
    assert total == types.count("slide") + types.count("subslide"), "plus one per ### subsection"
