"""Process hardening (issue 10): no core dumps, no tracebacks with data, no temp files with plaintext."""

from __future__ import annotations

import subprocess
import sys


def test_the_cli_disables_core_dumps_before_any_command_runs(tmp_path):
    code = (
        "import resource\n"
        "from fieldkit.cli import main\n"
        "try:\n"
        f"    main(['--project', {str(tmp_path / 'none')!r}, 'status'], standalone_mode=False)\n"
        "except Exception:\n"
        "    pass\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={"FIELDKIT_PASSPHRASE": "x" * 20, "PATH": "/usr/bin:/bin"})
    assert result.stdout.strip().endswith("(0, 0)"), result.stderr


def test_an_internal_error_prints_its_type_not_its_message(tmp_path, monkeypatch):
    """A library's exception message may quote the data it choked on; the CLI shows only the type."""
    from click.testing import CliRunner

    import fieldkit.anonymise.pseudonyms as pseudonyms
    from fieldkit.cli import main

    def choke(text, *args, **kwargs):
        raise ValueError(f"cannot parse {text!r}")

    monkeypatch.setattr(pseudonyms, "redact", choke)
    monkeypatch.delenv("FIELDKIT_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["pii", "redact", "--lang", "en"], input="Ерлан Жумабаев из Шымкента")
    assert result.exit_code == 70
    assert "internal error (ValueError)" in result.stderr and "Жумабаев" not in result.stderr + result.stdout
