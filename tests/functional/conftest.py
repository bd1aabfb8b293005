from __future__ import annotations

import pytest
from click.testing import CliRunner

from fieldkit.cli import main
from tests.conftest import PASSPHRASE, open_copy

NOW = "2026-03-01T09:00:00Z"


class Fieldkit:
    """Drives the CLI in-process exactly as a script would (env vars, stdout for ids)."""

    def __init__(self, project, keys=None):
        self.project = project
        self.keys = keys  # the project's keys when known (a copy of the session template)
        self.runner = CliRunner()
        self.env = {"FIELDKIT_PASSPHRASE": PASSPHRASE, "FIELDKIT_NOW": NOW}

    def open(self, clock):
        """The project through the core library, to set up or inspect a scene. With known keys it skips the scrypt
        unwrap (seconds each; every CLI command the test runs still unlocks with the passphrase), unless a
        destruction has rotated the database key since (vault.rotation)."""
        return open_copy(self.project, self.keys, clock)

    def __call__(self, *args: str, input: str | None = None, expect: int = 0, env: dict | None = None):
        result = self.runner.invoke(
            main, ["--project", str(self.project), *args], input=input, env={**self.env, **(env or {})}
        )
        assert result.exit_code == expect, (result.exit_code, result.stdout, result.stderr, result.exception)
        return result


@pytest.fixture
def fk(tmp_path, project_template):
    """A CLI bound to a copy of the session's template project."""
    import shutil

    shutil.copytree(project_template[0], tmp_path / "project")
    return Fieldkit(tmp_path / "project", project_template[1])
