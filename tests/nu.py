"""The Nu HTML Checker (vnu.jar, the W3C validator's engine) over rendered pages.

Browsers forgive broken markup, each in its own way; screen readers and search engines then
read a different page from the one we meant. vnu says where the HTML breaks the standard.

The jar comes from npm (``tests/vnu/package.json``, installed by ``make html-deps``) and runs
on the system's Java. A JVM takes a second or two to start, so every page of a test run is
checked in one call: write them all to files, start vnu once, sort its messages back per page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

VNU_JAR = Path(__file__).parent / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "install it with `make html-deps`"
# vnu's JSON "type"s: "error" (with "subType" "fatal" when it had to stop parsing a page),
# "info" (notes, and warnings as "subType" "warning"), "non-document-error" (it could not read
# a file, or failed itself). Errors, fatal ones and its own failures count; "info" does not.
ERROR_TYPES = {"error", "fatal", "non-document-error"}
# Enough for vnu to start and check a few dozen pages on a slow CI machine.
TIMEOUT_SECONDS = 300


class CheckerMissing(Exception):
    """Java or vnu.jar is not installed; the message says which and how to get it."""


class CheckerFailed(Exception):
    """vnu ran but gave no report (a crash, a bad jar): the tests must not pass on that."""


def jar_path() -> Path:
    """The vnu.jar to run: ``VNU_JAR`` when set (exactly that file), else the npm install."""
    explicit = os.environ.get("VNU_JAR")
    return Path(explicit) if explicit else VNU_JAR


def missing() -> str:
    """Why vnu cannot run here (for a skip or failure message), or "" when it can."""
    problems = []
    if shutil.which("java") is None:
        problems.append("java is not on PATH")
    jar = jar_path()
    if not jar.is_file():
        source = "VNU_JAR" if os.environ.get("VNU_JAR") else "npm"
        problems.append(f"vnu.jar is not at {jar} ({source})")
    if not problems:
        return ""
    return f"Nu HTML Checker cannot run: {'; '.join(problems)}: {INSTALL_HINT}"


def nu_errors(documents: dict[str, str]) -> dict[str, list[str]]:
    """vnu's errors in each HTML document, as ``"line:col message — extract"`` lines under the
    document's name; documents without errors are left out, so ``{}`` means all are valid.

    Warnings and notes are not errors: they are left out. Raises ``CheckerMissing`` when Java
    or the jar is not there and ``CheckerFailed`` when vnu gives no usable report.
    """
    problem = missing()
    if problem:
        raise CheckerMissing(problem)
    if not documents:
        return {}
    with _folder() as folder:
        # Numbered files: a document name ("/en/search/?q=x") need not be a file name. vnu
        # tells HTML from XHTML and SVG by the extension, so each ends in .html.
        files = {}
        for number, (name, html) in enumerate(documents.items()):
            path = folder / f"{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            files[path.resolve()] = name
        (folder / "index.txt").write_text(
            "".join(f"{path.name}\t{name}\n" for path, name in files.items()), encoding="utf-8"
        )
        messages = _run_vnu(sorted(files))
    errors: dict[str, list[str]] = {}
    for message in messages:
        if not ({message.get("type"), message.get("subType")} & ERROR_TYPES):
            continue
        name = files.get(_file_of(message.get("url", "")), "(vnu itself)")
        errors.setdefault(name, []).append(_readable(message))
    return errors


@contextmanager
def _folder() -> Iterator[Path]:
    """Where the pages are written: a temporary folder, or one kept under ``NU_PAGES_DIR``
    (a new one per check, with an index.txt of which file is which page) to open the lines
    vnu names in an editor."""
    kept = os.environ.get("NU_PAGES_DIR")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        yield Path(tempfile.mkdtemp(prefix="nu-", dir=kept))
        return
    with tempfile.TemporaryDirectory(prefix="nu-") as temporary:
        yield Path(temporary)


def _run_vnu(paths: list[Path]) -> list[dict]:
    """vnu's messages for ``paths``, from one JVM.

    vnu exits 1 when it found errors, which is the answer here and not a failure, so the exit
    status is not what decides: a run counts when it printed its JSON report.
    """
    command = [
        "java",
        # A short-lived checker: the quick compiler alone starts sooner (20 pages: 1.4 s
        # instead of 2.0 s, half the CPU) and one GC thread is plenty.
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        # Its schema check recurses deeply: with the default 1 MB stack (and with the 512k
        # its own message suggests) it overflowed on a three-line page.
        "-Xss4m",
        "-jar",
        str(jar_path()),
        "--format",
        "json",
        "--stdout",
        "--errors-only",
        "--exit-zero-always",
        *map(str, paths),
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise CheckerFailed(f"vnu did not finish within {TIMEOUT_SECONDS}s") from error
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise CheckerFailed(
            f"vnu gave no JSON report (exit status {result.returncode}): "
            f"{(result.stderr or result.stdout).strip()[-2000:]}"
        ) from error
    return report.get("messages", [])


def _file_of(url: str) -> Path | None:
    """The file a vnu message is about (it names it as a ``file:`` URL)."""
    if not url.startswith("file:"):
        return None
    return Path(unquote(urlsplit(url).path)).resolve()


def _readable(message: dict) -> str:
    """``"12:5 Element "div" not allowed here. — <ul><div>"`` (the extract on one line)."""
    line = message.get("firstLine", message.get("lastLine", "?"))
    column = message.get("firstColumn", message.get("lastColumn", "?"))
    text = message.get("message", "").strip()
    if message.get("subType") == "fatal":
        text = f"fatal: {text}"
    extract = " ".join(message.get("extract", "").split())
    return f"{line}:{column} {text}" + (f" — {extract}" if extract else "")


def report(errors: dict[str, list[str]]) -> str:
    """The errors as a readable block, page by page (for an assertion message)."""
    count = sum(len(lines) for lines in errors.values())
    parts = [f"Nu HTML Checker: {count} error(s) on {len(errors)} page(s)"]
    for name, lines in errors.items():
        parts.append(f"\n{name}")
        parts.extend(f"  {line}" for line in lines)
    return "\n".join(parts)
