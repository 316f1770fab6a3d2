"""The lock files agree with pyproject.toml: a dependency changed there without `make lock`
fails the suite here, before an install from the stale lock hides it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
RUN_MAKE_LOCK = "run `make lock`, then `make test`, and commit pyproject.toml with both lock files"
# A pin and its hashes: "name==version [; marker] \" followed by "--hash=sha256:..." lines.
PIN = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(?:\s*;[^\\\n]*)?((?:\s*\\\n\s+--hash=\S+)*)", re.M
)


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def pins(name: str) -> dict[str, list[tuple[str, int]]]:
    """Lock file ``name`` as {package: [(version, number of hashes), ...]} (one package may be
    pinned twice under different Python markers)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for match in PIN.finditer((ROOT / name).read_text()):
        entry = (match[2], match[3].count("--hash=sha256:"))
        found.setdefault(canonicalize_name(match[1]), []).append(entry)
    return found


def check_locked(requirements: list[str], lock: str) -> list[str]:
    locked = pins(lock)
    problems = []
    for requirement in map(Requirement, requirements):
        name = canonicalize_name(requirement.name)
        for version, hashes in locked.get(name, []):
            if version not in requirement.specifier:
                problems.append(f"{lock} pins {name}=={version}, outside {requirement}")
            if hashes == 0:
                problems.append(f"{lock} pins {name}=={version} without a hash")
        if name not in locked:
            problems.append(f"{lock} does not pin {requirement}")
    return problems


def test_every_runtime_dependency_is_pinned_with_hashes_in_requirements_txt():
    problems = check_locked(project()["project"]["dependencies"], "requirements.txt")
    assert not problems, "; ".join(problems) + f": {RUN_MAKE_LOCK}."


def test_dev_lock_pins_the_dev_extra_and_the_build_backend():
    data = project()
    wanted = data["project"]["optional-dependencies"]["dev"] + data["build-system"]["requires"]
    problems = check_locked(wanted, "requirements-dev.txt")
    problems += check_locked(data["build-system"]["requires"], "requirements.txt")
    assert not problems, "; ".join(problems) + f": {RUN_MAKE_LOCK}."


def test_dev_lock_holds_the_same_releases_as_the_runtime_lock():
    runtime, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    differ = [
        f"{name}: {versions} in requirements.txt, {dev.get(name)} in requirements-dev.txt"
        for name, versions in runtime.items()
        if dev.get(name) != versions
    ]
    assert not differ, "; ".join(differ) + f": {RUN_MAKE_LOCK}."


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_pin_in_a_lock_file_carries_a_hash(lock):
    text = (ROOT / lock).read_text()
    requirement_lines = [
        line for line in text.splitlines() if line and not line.startswith((" ", "#"))
    ]
    unhashed = [name for name, entries in pins(lock).items() for _, n in entries if n == 0]
    assert len(requirement_lines) == sum(len(v) for v in pins(lock).values())
    assert not unhashed, f"{lock} pins {unhashed} without hashes: {RUN_MAKE_LOCK}."
    assert "make lock" in text.splitlines()[0], f"{lock} does not say how it is made"
