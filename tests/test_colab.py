"""A notebook opened alone, as in Colab, installs `helpers` itself and fetches its data.

The test copies one notebook into an empty folder and runs it, up to the cell that loads its
data, in a Python that can import TensorFlow, Keras and Jupyter but not `helpers` (a bare venv
that sees .venv's packages without running their .pth files, so the editable install stays
invisible). The install cell then installs the package from this checkout instead of the
network, and the data is fetched from a file:// URL instead of GitHub. The cells after it are
what nbval runs anyway.
"""

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from colab import PACKAGE_ENV  # noqa: E402
from colab import main as colab_main  # noqa: E402
from install_kernel import KERNEL_ENV  # noqa: E402

from helpers.datasets import DATA_URL_ENV  # noqa: E402

STANDALONE = ROOT / "notebooks" / "02_many_to_one.ipynb"  # it reads data/ too


def test_badges_and_install_cells_follow_pyproject():
    assert colab_main(["--check"]) == 0


def bare_python(folder: Path) -> Path:
    """Make a venv without helpers that still imports .venv's other packages.

    The venv's .pth file points at a folder of links to .venv's packages, less the editable
    install of this project, so that pip and Python both see rnn-topologies as missing.
    """
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    shared = folder / "shared-site-packages"
    shared.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.startswith(("__editable__", "rnn_topologies")):
            (shared / entry.name).symlink_to(entry)
    purelib = subprocess.run(
        [str(folder / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "shared.pth").write_text(f"{shared}\n")
    return folder / "bin" / "python"


@pytest.mark.skipif(not STANDALONE.exists(), reason="the many-to-one notebook is not there yet")
def test_a_notebook_alone_installs_helpers_and_fetches_its_data(tmp_path):
    python = bare_python(tmp_path / "venv")
    probe = subprocess.run([str(python), "-c", "import helpers"], capture_output=True, cwd=tmp_path)
    assert probe.returncode != 0, "the bare venv must not see helpers before the install cell"

    kernels = tmp_path / "jupyter" / "kernels" / "bare"
    kernels.mkdir(parents=True)
    (tmp_path / "home").mkdir()
    env = {
        **KERNEL_ENV,
        PACKAGE_ENV: str(ROOT),  # instead of git+https://github.com/...
        DATA_URL_ENV: (ROOT / "data").as_uri(),  # instead of raw.githubusercontent.com
        "HOME": str(tmp_path / "home"),  # an empty data cache
        "HELPERS_LIVE_PLOTS": "0",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    spec = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "bare",
        "language": "python",
        "env": env,
    }
    (kernels / "kernel.json").write_text(json.dumps(spec))

    alone = tmp_path / "alone"
    alone.mkdir()
    notebook = nbformat.read(STANDALONE, as_version=4)
    loads_data = next(i for i, cell in enumerate(notebook.cells)
                      if cell.cell_type == "code" and "datasets.load_" in cell.source)
    notebook.cells = notebook.cells[: loads_data + 1]
    specs = KernelSpecManager(kernel_dirs=[str(kernels.parent)])
    client = NotebookClient(
        notebook,
        km=KernelManager(kernel_name="bare", kernel_spec_manager=specs),
        timeout=600,
        resources={"metadata": {"path": str(alone)}},
        shutdown_kernel="immediate",  # as make run does (tools/run_notebooks.py)
    )
    client.execute()
    for cell in notebook.cells:
        stderr = [o.text for o in cell.get("outputs", []) if o.get("name") == "stderr"]
        assert not stderr, f"a cell of the notebook alone wrote to stderr: {stderr}"
    installed = subprocess.run(
        [str(python), "-c", "import helpers; print(helpers.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert installed.startswith(str(tmp_path / "venv")), "helpers was installed into the bare venv"
    cache = tmp_path / "home" / ".cache" / "rnn-topologies"
    assert (cache / "airline-passengers.csv").is_file(), "the data was fetched into the cache"
    assert (cache / "airline-passengers.names").is_file(), "with its source note"
