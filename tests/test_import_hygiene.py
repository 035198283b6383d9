"""core/ never imports textual or rich (DESIGN.md), checked in a fresh interpreter.

spaCy itself imports rich (through typer), so the run-time check covers every
core module except the spaCy components, and also proves that those modules
load spaCy lazily. The source scan covers all of core.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import core

CORE_MODULES = sorted(
    f"core.{info.name}"
    for info in pkgutil.iter_modules(core.__path__)
    if not info.name.startswith("_") and info.name != "components"
)


def test_core_modules_found():
    assert {"core.models", "core.corpus", "core.textclean"} <= set(CORE_MODULES)


def test_importing_core_imports_no_ui_library_and_no_spacy():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'spacy'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_no_ui_import_statements_in_core_sources():
    root = Path(core.__file__).parent
    offenders = [
        f"{path.name}:{number}"
        for path in root.rglob("*.py")  # includes core/components
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.lstrip().startswith(("import textual", "from textual", "import rich", "from rich"))
    ]
    assert offenders == []
