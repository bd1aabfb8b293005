"""The audit-log test vectors (tests/vectors/audit, docs/audit-format.md): fieldkit's `audit verify`, the
board's `fieldkit-board verify` and a second verifier written from the specification alone
(tests/spec_verifier) must each reach the manifest's verdict on every vector."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit_board import cli as board_cli
from tests.spec_verifier import audit_verifier
from tests.vectors.audit import generate

VECTORS = Path(__file__).parents[1] / "vectors" / "audit"
CASES = tomllib.loads((VECTORS / "MANIFEST.toml").read_text(encoding="utf-8"))["vector"]
IDS = [f"{case['file']}:{case['verdict']}:{index}" for index, case in enumerate(CASES)]
_VERDICT = re.compile(r"\[([A-Z_]+)\]\s*$", re.MULTILINE)


def _options(case: dict) -> list[str]:
    options = []
    for name in ("public_key", "fingerprint"):
        if name in case:
            options += ["--public-key", case[name]]
    if "checkpoint" in case:
        options += ["--checkpoint", case["checkpoint"]]
    if case.get("trust_embedded_key"):
        options.append("--trust-embedded-key")
    return options


def _verdict_of(exit_code: int, out: str, err: str) -> str:
    if exit_code == 0:
        return "OK_UNPINNED" if out.startswith("UNPINNED:") else "OK"
    found = _VERDICT.findall(err)
    assert found, f"exit {exit_code} without a verdict code: {err!r}"
    return found[0]


def test_the_committed_vectors_are_what_the_generator_writes(tmp_path):
    generate.write(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        assert (VECTORS / path.name).read_bytes() == path.read_bytes(), f"{path.name} differs from generate.py's"


def test_every_verdict_and_tamper_class_is_covered():
    verdicts = {case["verdict"] for case in CASES}
    assert verdicts == {"OK", "OK_UNPINNED", "UNPINNED", "MALFORMED", "KEY_MISMATCH", "BAD_HEADER_SIGNATURE",
                        "FORBIDDEN_DATA", "SEQUENCE", "BROKEN_LINK", "BAD_HASH", "BAD_SIGNATURE",
                        "CHECKPOINT_MISMATCH", "EMPTY", "TRUNCATED_BEFORE_CHECKPOINT", "LENGTH_MISMATCH"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fieldkit_audit_verify_reaches_the_manifest_verdict(case):
    result = CliRunner().invoke(main, ["audit", "verify", str(VECTORS / case["file"]), *_options(case)])
    assert _verdict_of(result.exit_code, result.stdout, result.stderr) == case["verdict"], result.output
    if case["verdict"] == "OK_UNPINNED":  # labelled on every line
        assert all(line.startswith("UNPINNED:") for line in result.stdout.splitlines())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_board_verifier_reaches_the_manifest_verdict(case, capsys):
    code = board_cli.main(["verify", str(VECTORS / case["file"]), *_options(case)])
    captured = capsys.readouterr()
    assert _verdict_of(code, captured.out, captured.err) == case["verdict"], captured.err


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_verifier_written_from_the_spec_agrees(case):
    verdict = audit_verifier.verify(
        (VECTORS / case["file"]).read_bytes(), public_key=case.get("public_key"),
        fingerprint=case.get("fingerprint"), checkpoint=case.get("checkpoint"),
        trust_embedded_key=bool(case.get("trust_embedded_key")))
    assert verdict == case["verdict"], case["comment"]
