"""The atheris harness must keep running as the code changes: a short libFuzzer run of each target."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HARNESS = Path(__file__).with_name("atheris_targets.py")
pytest.importorskip("atheris")


@pytest.mark.parametrize("target", ["policy", "audit", "age_header", "codebook", "qdpx"])
def test_a_short_fuzzing_run_finds_no_crash(target, tmp_path):
    result = subprocess.run([sys.executable, str(HARNESS), target, "-runs=5000", f"-artifact_prefix={tmp_path}/"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 5000 runs" in result.stderr
    assert not list(tmp_path.glob("crash-*"))
