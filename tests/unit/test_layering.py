"""The core library must not depend on a user interface (DESIGN.md, "Code habits")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE_MODULES = [
    "fieldkit.vault.project", "fieldkit.audit.chain", "fieldkit.capture.importer", "fieldkit.transcribe.runner",
    "fieldkit.anonymise.review", "fieldkit.export.writer", "fieldkit.coding.excerpts",
    "fieldkit.export.codebook_exchange", "fieldkit.consent.respondents", "fieldkit.demo",
]


def test_core_imports_neither_textual_nor_click():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
        + "print(sorted(m for m in ('textual', 'click') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


REPO = Path(__file__).resolve().parents[2]


def test_the_layer_contracts_hold():
    """import-linter checks the contracts declared in pyproject.toml ([tool.importlinter]): front ends →
    session → services → stages in pipeline order → pipeline → storage → base, and no UI toolkit in the core."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                            capture_output=True, text=True, cwd=REPO)
    assert "BROKEN" not in result.stdout and result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.count("KEPT") >= 2


def _cycles(graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), i.e. import cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle_among_fieldkit_modules():
    """Counting imports inside functions too: a lazy import is still a dependency."""
    import grimp

    assert _cycles(grimp.build_graph("fieldkit", cache_dir=None)) == []


def test_the_cycle_finder_finds_a_cycle():
    class Graph:
        modules = {"a", "b", "c"}

        @staticmethod
        def find_modules_directly_imported_by(module):
            return {"a": {"b"}, "b": {"a"}, "c": set()}[module]

    assert _cycles(Graph()) == [["a", "b"]]


def test_front_ends_run_no_sql():
    """cli/ and tui/ parse, call and render: the database belongs to the area store modules."""
    offenders = [f"{path.relative_to(REPO)}:{number}"
                 for folder in ("fieldkit/cli", "fieldkit/tui")
                 for path in sorted((REPO / folder).rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if "execute(" in line or ".conn" in line]
    assert offenders == []
