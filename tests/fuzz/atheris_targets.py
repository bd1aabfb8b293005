"""Coverage-guided fuzzing with atheris (libFuzzer) of the parsers that read files from outside: policies,
exported audit logs, age headers and codebooks. The hypothesis tests in tests/unit/test_fuzz.py run in CI;
this runs for as long as asked, e.g. overnight:

    .venv/bin/python tests/fuzz/atheris_targets.py policy -runs=1000000
    .venv/bin/python tests/fuzz/atheris_targets.py audit -max_total_time=3600

A target fails only on an exception outside fieldkit's error tree (FieldkitError: a clear one-line error).
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from fieldkit.audit.chain import read_export_with_key, verify_export
    from fieldkit.errors import FieldkitError
    from fieldkit.export.codebook_exchange import parse_codebook_csv
    from fieldkit.export.refi import parse_xml, read_codes
    from fieldkit.retention.policy import parse_policy
    from fieldkit.vault.ageformat import AgeFormatError, check_header

_SCRATCH = Path(tempfile.mkdtemp(prefix="fieldkit-fuzz-")) / "log.jsonl"


def policy(data: bytes) -> None:
    with contextlib.suppress(FieldkitError):
        parse_policy(data, "fuzz.toml")


def audit(data: bytes) -> None:
    _SCRATCH.write_bytes(data)
    with contextlib.suppress(FieldkitError):
        verify_export(read_export_with_key(_SCRATCH), trust_embedded_key=True)  # unpinned: reach every check


def age_header(data: bytes) -> None:
    with contextlib.suppress(AgeFormatError):
        check_header(data)


def codebook(data: bytes) -> None:
    try:
        parse_codebook_csv(data, "fuzz.csv")
        read_codes(parse_xml(data, "fuzz.qdc"), "fuzz.qdc")
    except FieldkitError:
        pass


TARGETS = {"policy": policy, "audit": audit, "age_header": age_header, "codebook": codebook}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
