"""Student copies: solutions become stubs that fail their checks; nothing else changes.

That the solutions pass their checks is what nbval proves on the stored notebooks; that each
student copy fails exactly its checks is tested in ``test_other_seed.py``, under another seed.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from student_copies import bound_names, stub_for  # noqa: E402


def test_bound_names_cover_assignments_defs_and_tuples():
    source = "a = 1\nb, (c, d) = 2, (3, 4)\ndef f():\n    inner = 1\nx.attr = 5\nn: int = 3\n"
    assert bound_names(source) == ["a", "b", "c", "d", "f", "n"]


def test_stub_binds_the_same_names_to_none():
    stub = stub_for("answer = 4 * (3 + 4 + 1)\n")
    assert stub.splitlines()[0].startswith("# TODO")
    namespace = {}
    exec(stub, namespace)
    assert namespace["answer"] is None
