"""Install one of the project's Jupyter kernels into the active environment (sys.prefix).

A kernel is an ordinary IPython kernel with a few environment variables set, so that every
notebook gets the same quiet, reproducible Keras without a line of set-up of its own:

- KERAS_BACKEND picks Keras' backend: ``tensorflow`` (the kernel rnn-topologies) or ``jax``
  (rnn-topologies-jax), with ``--backend``.
- TF_CPP_MIN_LOG_LEVEL=3 silences TensorFlow's C++ start-up lines (absl, cpu_feature_guard),
  which Jupyter would store as a stderr output and nbval would then fail to reproduce.
- TF_ENABLE_ONEDNN_OPTS=0 turns off oneDNN's CPU-specific kernels, whose last bits differ
  between CPU models; the stored numbers then travel better between machines.
- PYTHONHASHSEED=0 fixes Python's hash seed, for set and dict orders that depend on it.
- MPLBACKEND=module://matplotlib_inline.backend_inline draws figures inline even where the
  kernel is started by a tool rather than by Jupyter's front end.
- On JAX only: JAX_COMPILATION_CACHE_DIR keeps the programs that XLA compiles in a cache on
  disk (``$XDG_CACHE_HOME/rnn-topologies/jax``, by default ``~/.cache/rnn-topologies/jax``),
  with no lower limit on their compile time or size. These notebooks spend more time compiling
  small programs than running them, so a notebook's second run on JAX is about twice as fast as
  its first. JAX keys each entry by its program, its versions and its flags: a cached program
  computes exactly what a fresh compile would.

The kernel's own log (not the notebook's output) is set to errors only: ipykernel 7 warns on
every start that a local kernel talks plain TCP, which is how Jupyter runs kernels here.

With ``--python`` the kernel runs another environment's Python (it must have ipykernel and the
helpers), for example ``.venv-colab`` with Colab's TensorFlow and Keras (``make colab-kernel``);
``--onednn`` then leaves oneDNN on, as Colab does.

Usage: python tools/install_kernel.py --name rnn-topologies
       python tools/install_kernel.py --name rnn-topologies-jax --backend jax
       python tools/install_kernel.py --name rnn-topologies-colab \
           --python .venv-colab/bin/python --onednn
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ipykernel.kernelspec import install

KERNEL_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONHASHSEED": "0",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}
LOG_LEVEL = "--IPKernelApp.log_level=ERROR"
# The Keras backends the course runs on, TensorFlow by default and JAX as the second, each
# with the name of its kernel (the Makefile's BACKEND picks one by the same names).
KERNEL_OF = {"tensorflow": "rnn-topologies", "jax": "rnn-topologies-jax"}
BACKENDS = tuple(KERNEL_OF)


def jax_cache_dir() -> Path:
    """Where the JAX kernel keeps compiled programs: $XDG_CACHE_HOME/rnn-topologies/jax."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "rnn-topologies" / "jax"


def kernel_env(backend: str = "tensorflow") -> dict[str, str]:
    """Return the environment of the kernel for ``backend`` (one of BACKENDS)."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")
    env = dict(KERNEL_ENV, KERAS_BACKEND=backend)
    if backend == "jax":
        env.update(
            JAX_COMPILATION_CACHE_DIR=str(jax_cache_dir()),
            JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS="0",
            JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES="0",
        )
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", default="rnn-topologies", help="kernel name")
    parser.add_argument("--python", help="the Python the kernel runs (default: this one)")
    parser.add_argument("--onednn", action="store_true", help="leave oneDNN's kernels on")
    parser.add_argument(
        "--backend", choices=BACKENDS, default="tensorflow", help="Keras backend (KERAS_BACKEND)"
    )
    args = parser.parse_args(argv)
    env = kernel_env(args.backend)
    if args.onednn:
        del env["TF_ENABLE_ONEDNN_OPTS"]
    path = install(
        kernel_name=args.name,
        display_name=f"Python 3 ({args.name})",
        prefix=sys.prefix,
        env=env,
    )
    spec_file = Path(path) / "kernel.json"
    spec = json.loads(spec_file.read_text())
    if args.python:
        python = Path(args.python).absolute()
        if not python.is_file():
            parser.error(f"--python: no Python at {python}")
        spec["argv"][0] = str(python)
    if LOG_LEVEL not in spec["argv"]:
        spec["argv"].append(LOG_LEVEL)
    spec_file.write_text(json.dumps(spec, indent=1) + "\n")
    print(f"installed kernel '{args.name}' in {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
