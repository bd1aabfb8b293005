"""`fieldkit pii redact --lang kk` exists (issue 17) and goes through the Kazakh-aware analyzers."""

from __future__ import annotations

from click.testing import CliRunner

from fieldkit.cli import main


def test_pii_redact_accepts_kazakh():
    result = CliRunner().invoke(main, ["pii", "redact", "--lang", "kk"],
                                input="Біз Шымкенттен Нұрлан Серікұлымен бірге келдік.")
    assert result.exit_code == 0, result.output
    assert "Шымкент" not in result.stdout and "Нұрлан" not in result.stdout
