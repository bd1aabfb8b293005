"""The core library must not depend on a user interface (DESIGN.md, "Code habits")."""

from __future__ import annotations

import subprocess
import sys

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
