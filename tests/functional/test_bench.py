"""scripts/bench must keep working as the code changes (one quick repeat; its figures are not asserted).

Marked ``bench``: left out of the default run (about a minute of model inference that asserts no figure);
run it with `scripts/test -m bench` or `pytest -m bench tests/functional/test_bench.py`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "scripts" / "bench.py"
pytestmark = pytest.mark.bench


def test_bench_prints_every_figure_as_a_bench_line():
    result = subprocess.run([sys.executable, str(BENCH), "--repeats", "1", "transcribe", "pii"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    names = re.findall(r"^BENCH (\S+) [0-9.]+ \S+$", result.stdout, re.MULTILINE)
    assert {"transcribe_overhead_ratio", "transcribe_rtf", "pii_overhead_ratio"} <= set(names)
