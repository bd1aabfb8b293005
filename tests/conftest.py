"""Shared fixtures. Every test runs with outbound sockets refused, so an accidental download fails loudly
even where scripts/test cannot use `unshare -n`."""

from __future__ import annotations

import os
import shutil
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

import fieldkit.services  # noqa: F401 - installs the pipeline's event handlers, as every front end does
from fieldkit.clock import FixedClock

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
SHARED = Path(os.environ.get("FIELDKIT_SHARED_DIR", REPO.parent / "shared"))
REFERENCE_POLICY = REPO / "policies" / "reference-protocol.toml"
PASSPHRASE = "correct horse battery staple"
CONSENT_ITEMS = ("participate", "audio_recording", "excerpts", "quotation", "archiving")
#: scrypt work factor of the session's template project. Real scrypt, real age, only cheaper: the tests built on
#: the template are about what happens after an unlock, and each CLI command they run unlocks again. The
#: production factor (keys.WORK_FACTOR) is what `fieldkit init` uses and what tests/unit/test_passphrase_keys.py,
#: tests/functional/test_cli_travel.py and every test that runs `fieldkit init` unlock with.
TEST_WORK_FACTOR = 10


def shared_path(*parts: str) -> Path:
    """A file or folder of the shared test data (../shared beside the repository, or $FIELDKIT_SHARED_DIR):
    age vectors, the REFI-QDA schema, QualCoder files. Missing, it skips the test with the reason — except
    under CI=true, where a missing ../shared is a failure: CI always has it, so a skip there would hide a
    broken checkout rather than an absent extra."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = (f"shared test data {'/'.join(parts)} not found at {path} (../shared beside the repository, "
                  "or set FIELDKIT_SHARED_DIR)")
        if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return path


# Under pytest-xdist (scripts/test runs `-n`), two adjustments keep a 2-core run short. They apply only on the
# workers (PYTEST_XDIST_WORKER), so a plain `pytest` run keeps the files' order.
_HEAVY_FIRST = ("tests/functional/", "tests/tui/", "tests/fuzz/", "tests/crash/")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    for item in items:
        # Tests sharing a module-scoped fixture (the demo run, the PulseAudio daemon, the golden project) go to
        # one worker (--dist loadgroup), so the fixture is built once rather than on every worker.
        info = getattr(item, "_fixtureinfo", None)
        shared = [name for name in (info.names_closure if info else ())
                  if (defs := info.name2fixturedefs.get(name)) and defs[-1].scope in ("module", "package")]
        if shared:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    # The long tests (models, subprocesses, real terminals) are handed out first and the many short unit tests
    # fill the gaps at the end, rather than one worker finishing a long test alone. The sort is stable and
    # the same on every worker, as xdist requires.
    items.sort(key=lambda item: not item.nodeid.startswith(_HEAVY_FIRST))


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    real_connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkBlocked(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    socket.socket.connect = guarded
    yield
    socket.socket.connect = real_connect


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def project_template(tmp_path_factory):
    """One real project per session; tests get copies, so it is made once rather than per test (its key file
    uses TEST_WORK_FACTOR)."""
    from fieldkit.vault import keys
    from fieldkit.vault.project import KEY_FILE, Project

    root = tmp_path_factory.mktemp("template") / "project"
    clock = FixedClock(datetime(2026, 3, 1, 8, 0, tzinfo=UTC))
    Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock, work_factor=TEST_WORK_FACTOR).close()
    return root, keys.unwrap_with_passphrase((root / KEY_FILE).read_bytes(), PASSPHRASE)


def open_copy(root: Path, project_keys, clock):
    """A copy of the template project, opened with the template's keys (no scrypt) while they still open it,
    else with the passphrase: a destruction since has rotated the database key (vault.rotation)."""
    from fieldkit.vault import db
    from fieldkit.vault.project import DB_FILE, Project

    root = root.resolve()
    if project_keys is not None and db.opens_with(root / DB_FILE, project_keys.db_key):
        return Project._unlock(root, project_keys, clock)
    return Project.open(root, PASSPHRASE, clock)


@pytest.fixture
def project(tmp_path, clock, project_template):
    from fieldkit.vault.project import Project

    template, project_keys = project_template
    shutil.copytree(template, tmp_path / "project")
    with Project._unlock(tmp_path / "project", project_keys, clock) as opened:
        yield opened


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove a failed command changed nothing."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_transcribed_interview(project, respondent: str, texts: list[str], language: str = "ru") -> str:
    """An interview with a stored transcript, made without whisper (the functional tests run whisper for
    real). Lets review and export tests choose exactly what was "said"."""
    from fieldkit import pipeline
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent
    from fieldkit.documents import Segment, Transcript
    from fieldkit.interviews import insert_interview, new_interview_id

    known = project.conn.execute("SELECT 1 FROM respondents WHERE code = ?", (respondent,)).fetchone()
    code = respondent if known else add_respondent(project, respondent)
    if not known:
        record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    interview_id = new_interview_id(project, code)
    segments = tuple(Segment(i * 5.0, i * 5.0 + 5.0, text) for i, text in enumerate(texts))
    transcript = Transcript(language, "base", len(texts) * 5.0, segments)

    def link(conn, object_id):
        insert_interview(conn, interview_id, code, "audio", project.clock.now())
        pipeline.transcript_stored(conn, interview_id, object_id, language=language)

    project.objects.put("transcript", transcript.to_bytes(), respondent=code, interview=interview_id, on_stored=link)
    return interview_id


def export_text(project, out: Path, fmt: str = "csv", **options):
    """Run a real export of every source's whole text (no codes needed); returns the result."""
    from fieldkit.export.writer import ExportRequest, run_export

    options.setdefault("all_text", fmt != "qdpx")
    return run_export(project, ExportRequest(fmt, out, **options))
