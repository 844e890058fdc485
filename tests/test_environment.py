"""The pip pins, the conda environment and the lock file must describe one environment."""

import re
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)")


def pins(lines) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def requirement_pins() -> dict[str, str]:
    return pins((ROOT / "requirements.txt").read_text().splitlines())


def test_every_requirement_is_pinned_exactly():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and all(PIN.match(line) for line in lines), "use NAME==VERSION on every line"


def test_environment_yml_matches_requirements():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pins(pip_section) == requirement_pins()
    assert "-e ." in pip_section, "conda users install the helpers package too"


def test_lock_file_agrees_with_requirements():
    locked = pins((ROOT / "constraints.txt").read_text().splitlines())
    for name, pinned in requirement_pins().items():
        assert locked.get(name) == pinned, f"{name}: requirements {pinned}, lock {locked.get(name)}"


def test_installed_versions_are_the_pinned_ones():
    for name, pinned in requirement_pins().items():
        assert version(name) == pinned, f"{name} {version(name)} is installed, {pinned} is pinned"
