"""The project's kernels keep TensorFlow's start-up chatter out of stored outputs.

Without them, TensorFlow writes absl and CPU-feature lines to stderr when imported; Jupyter stores
them as a stderr output, and nbval then fails on a machine whose kernel prints nothing
("Missing output fields: {'stderr'}"). The kernel's environment fixes this once for all notebooks.
The second kernel, rnn-topologies-jax, is the same with Keras on its JAX backend.
"""

import queue
import sys
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import start_new_kernel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from install_kernel import KERNEL_OF, kernel_env  # noqa: E402

KERNEL = KERNEL_OF["tensorflow"]


def kernel_outputs(code: str, kernel: str = KERNEL) -> list[dict]:
    manager, client = start_new_kernel(kernel_name=kernel)
    try:
        msg_id = client.execute(code)
        outputs = []
        while True:
            try:
                message = client.get_iopub_msg(timeout=120)
            except queue.Empty:
                break
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "status" and message["content"]["execution_state"] == "idle":
                break
            if kind in ("stream", "error", "execute_result", "display_data"):
                outputs.append({"type": kind, **message["content"]})
        return outputs
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("backend", KERNEL_OF)
def test_kernel_is_installed_with_its_environment(backend):
    kernel = KERNEL_OF[backend]
    try:
        spec = KernelSpecManager().get_kernel_spec(kernel)
    except NoSuchKernel:
        pytest.fail(f"run `make install` to install the {kernel} kernel")
    assert spec.env == kernel_env(backend)
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()


def test_the_jax_kernel_runs_keras_on_jax_quietly():
    outputs = kernel_outputs(
        "import keras, numpy as np\n"
        "x = keras.layers.SimpleRNN(2)(np.zeros((1, 3, 1), 'float32'))\n"
        "print(keras.backend.backend(), tuple(x.shape))",
        kernel=KERNEL_OF["jax"],
    )
    stderr = [o["text"] for o in outputs if o["type"] == "stream" and o["name"] == "stderr"]
    assert stderr == [], f"the JAX kernel wrote to stderr: {stderr}"
    stdout = "".join(o["text"] for o in outputs if o["type"] == "stream" and o["name"] == "stdout")
    assert stdout.strip() == "jax (1, 2)"


def test_tensorflow_start_up_writes_nothing_to_stderr():
    outputs = kernel_outputs(
        "import os, keras, tensorflow as tf\n"
        "x = keras.layers.SimpleRNN(2)(tf.zeros((1, 3, 1)))\n"
        "print(os.environ['TF_ENABLE_ONEDNN_OPTS'], tuple(x.shape))"
    )
    stderr = [o["text"] for o in outputs if o["type"] == "stream" and o["name"] == "stderr"]
    assert stderr == [], f"TensorFlow wrote to stderr: {stderr}"
    stdout = "".join(o["text"] for o in outputs if o["type"] == "stream" and o["name"] == "stdout")
    assert stdout.strip() == "0 (1, 2)"


def test_a_backend_the_course_does_not_run_on_is_refused_by_name():
    with pytest.raises(ValueError, match="backend must be one of"):
        kernel_env("torch")


def test_the_jax_kernel_caches_compiled_programs_outside_the_repository():
    env = kernel_env("jax")
    assert Path(env["JAX_COMPILATION_CACHE_DIR"]).is_absolute()
    assert env["JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS"] == "0"
    assert "JAX_COMPILATION_CACHE_DIR" not in kernel_env("tensorflow")
