"""Operations cut short at their worst moment (simulated here by an exception at the exact step; the crash
harness in tests/crash kills real processes) are finished or rolled back by the next opening, and a rerun
of the command finishes them instead of refusing."""

from __future__ import annotations

import os
import threading
import time

import pyrage
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.consent import records
from fieldkit.errors import Busy, ObjectSealed, ProjectError
from fieldkit.export import writer
from fieldkit.interviews import get_interview
from fieldkit.pipeline import discard_interview, seal_interview
from fieldkit.services.travel import lock as travel_lock
from fieldkit.session import open_session
from fieldkit.vault import db, intents, keys
from fieldkit.vault.blobs import ObjectStore
from fieldkit.vault.project import (
    ARCHIVE_KEY_FILE,
    ARCHIVE_NEXT_FILE,
    KEY_FILE,
    TRAVEL_IDENTITY_FILE,
    TRAVEL_KEY_FILE,
    Project,
)
from tests.conftest import PASSPHRASE, REFERENCE_POLICY, TEST_WORK_FACTOR, add_transcribed_interview, export_text

INSTITUTION = pyrage.x25519.Identity.generate()


class Crash(BaseException):
    """Stands for SIGKILL at that point: nothing after it runs, no clean-up handler (except BaseException
    ones, which a real kill would not run either — the tests check the state the code leaves)."""


def _crash(*_args, **_kwargs):
    raise Crash


@pytest.fixture
def archived(tmp_path, clock):
    root = tmp_path / "project"
    project = Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock, (str(INSTITUTION.to_public()),),
                             work_factor=TEST_WORK_FACTOR)
    interview = add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев из Шымкента."])
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    yield project, interview
    project.close()


def _crash_when_moving(monkeypatch, name: str) -> None:
    """Crash at the rename that moves the file called ``name`` into place (Path.replace)."""
    from pathlib import Path

    real_replace = Path.replace

    def replace(self, target):
        if self.name == name:
            raise Crash
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)


def _reopen(project, clock):
    project.close()
    return open_session(project.root, PASSPHRASE, clock)


def test_seal_killed_after_the_commit_is_finished_on_the_next_opening(archived, clock, monkeypatch):
    project, interview = archived
    transcript = get_interview(project, interview).transcript_object
    monkeypatch.setattr(ObjectStore, "_finish_seal", _crash)
    with pytest.raises(Crash):
        seal_interview(project, interview)
    monkeypatch.undo()
    blob = project.objects.blob_path(transcript)
    assert blob.with_name(blob.name + ".sealed").exists()  # the state the issue describes
    with _reopen(project, clock) as session:
        assert any("finished sealing object" in n.text for n in session.report.notices)
        assert intents.pending(session.project.conn) == []
        assert not blob.with_name(blob.name + ".sealed").exists()
        with pytest.raises(ObjectSealed):
            session.project.objects.get(transcript)
        # the institution opens what is on disk now
        assert b"segments" in pyrage.decrypt(blob.read_bytes(), [INSTITUTION])
        seal_interview(session.project, interview)  # the rerun finishes the interview too
        assert get_interview(session.project, interview).sealed


def test_travel_lock_killed_after_the_rekey_is_finished_and_the_archive_opens_the_vault(archived, clock,
                                                                                       monkeypatch):
    project, _ = archived
    root = project.root
    _crash_when_moving(monkeypatch, ARCHIVE_NEXT_FILE.name)
    with pytest.raises(Crash):
        travel_lock(project)
    monkeypatch.undo()
    project.close()  # what the kill does: the connection and the project lock go with the process
    with pytest.raises(ProjectError, match="interrupted `travel lock` was finished"):
        Project.open(root, PASSPHRASE, clock)
    assert not (root / KEY_FILE).exists() and not (root / ARCHIVE_NEXT_FILE).exists()
    archive_keys = keys.unwrap_with_identity((root / ARCHIVE_KEY_FILE).read_bytes(), str(INSTITUTION))
    assert db.opens_with(root / "vault.db", archive_keys.db_key)  # the recovery copy opens the re-keyed vault
    with pytest.raises(ProjectError, match="travel mode"):  # and the rerun says so, not "damaged"
        Project.open(root, PASSPHRASE, clock)


def test_travel_lock_killed_before_the_rekey_is_rolled_back(archived, clock, monkeypatch):
    project, interview = archived
    root = project.root
    from fieldkit.vault import travel

    real_write = travel.write_atomic

    def write(path, data):
        if path.name == ARCHIVE_NEXT_FILE.name:
            raise Crash
        return real_write(path, data)

    monkeypatch.setattr(travel, "write_atomic", write)
    with pytest.raises(Crash):
        travel_lock(project)
    monkeypatch.undo()
    assert (root / TRAVEL_KEY_FILE).exists()
    with _reopen(project, clock) as session:
        assert any("rolled back" in n.text for n in session.report.notices)
        assert not (root / TRAVEL_KEY_FILE).exists() and not (root / TRAVEL_IDENTITY_FILE).exists()
        assert session.project.audit.entries()[-1].event == "travel_lock_rolled_back"
        assert session.project.objects.get(get_interview(session.project, interview).transcript_object)
        travel_lock(session.project)  # and it can be locked again
    with pytest.raises(ProjectError, match="travel mode"):
        Project.open(root, PASSPHRASE, clock)


def _withdrawal_cut_short(project, monkeypatch) -> str:
    """A respondent whose withdrawal was killed right after its first transaction; returns the code."""
    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])
    respondent = get_interview(project, interview).respondent
    monkeypatch.setattr(records, "finish_withdrawal", _crash)
    with pytest.raises(Crash):
        records.withdraw(project, respondent)
    monkeypatch.undo()
    return respondent


def test_withdrawal_killed_between_transactions_reruns_to_completion(project, clock, monkeypatch):
    respondent = _withdrawal_cut_short(project, monkeypatch)
    assert project.objects.live_ids(respondent=respondent)  # marked withdrawn, everything still live
    result = records.withdraw(project, respondent)  # the rerun finishes instead of "already withdrawn"
    assert result.destroyed >= 1 and project.objects.live_ids(respondent=respondent) == []
    assert intents.pending(project.conn) == []


def test_withdrawal_killed_between_transactions_is_finished_on_the_next_opening(project, clock, monkeypatch):
    respondent = _withdrawal_cut_short(project, monkeypatch)
    with _reopen(project, clock) as session:
        assert any(f"finished the withdrawal of {respondent}" in n.text for n in session.report.notices)
        assert session.project.objects.live_ids(respondent=respondent) == []


def test_discard_killed_midway_is_finished_by_the_rerun(project, clock, monkeypatch):
    from fieldkit import pipeline

    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])
    monkeypatch.setattr(pipeline, "finish_discard", _crash)
    with pytest.raises(Crash):
        discard_interview(project, interview)
    monkeypatch.undo()
    assert discard_interview(project, interview) == 1
    assert get_interview(project, interview).discarded and project.objects.live_ids(interview=interview) == []


def _approved(project):
    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)


def test_export_killed_after_the_rename_is_logged_on_the_next_opening(project, clock, tmp_path, monkeypatch):
    _approved(project)
    monkeypatch.setattr(writer, "_log_export", _crash)
    with pytest.raises(Crash):
        export_text(project, tmp_path / "x.csv")
    monkeypatch.undo()
    assert (tmp_path / "x.csv").exists()
    with _reopen(project, clock) as session:
        assert any("x.csv was written whole" in n.text for n in session.report.notices)
        (logged,) = session.project.conn.execute("SELECT path FROM exports").fetchall()
        assert logged == (str(tmp_path / "x.csv"),)
        assert session.project.audit.entries()[-1].event == "export_made"


def test_export_killed_before_the_rename_leaves_nothing_after_the_next_opening(project, clock, tmp_path,
                                                                              monkeypatch):
    _approved(project)
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith("x.csv"):
            raise Crash
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Crash):
        export_text(project, tmp_path / "x.csv")
    monkeypatch.undo()
    (tmp_path / ".x.csv.99999.0badf00d.tmp").write_bytes(b"excerpts")  # what a kill there leaves (no handler runs)
    with _reopen(project, clock) as session:
        assert any("x.csv was rolled back" in n.text for n in session.report.notices)
    assert list(tmp_path.glob(".x.csv*")) == [] and not (tmp_path / "x.csv").exists()


def test_the_sole_opener_removes_crash_leftovers_and_only_older_ones(project, clock):
    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])
    transcript = get_interview(project, interview).transcript_object
    blobs = project.root / "blobs"
    orphan = blobs / "ab" / ("ab" + "0" * 30 + ".age")
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"age-encryption.org/v1\n orphan")
    temporary = blobs / transcript[:2] / f".{transcript}.age.4242.0badf00d.tmp"
    temporary.write_bytes(b"half")
    keys_tmp = project.root / "keys" / ".passphrase.key.4242.0badf00d.tmp"
    keys_tmp.write_bytes(b"half")
    destroyed = project.objects.put("notes", b"to be destroyed")
    with project.transaction():
        project.objects._erase_key(destroyed, reason="test", rule=None)  # erased, blob not yet unlinked
    past = time.time() - 60
    for path in (orphan, temporary, keys_tmp, project.objects.blob_path(destroyed)):
        os.utime(path, (past, past))
    fresh = blobs / "cd" / ("cd" + "1" * 30 + ".age")  # written after this opening: another process's
    with _reopen(project, clock) as session:
        fresh.parent.mkdir(exist_ok=True)
        fresh.write_bytes(b"in flight")
        assert len(session.report.cleaned) == 4
        assert any("removed 4 file(s) left by an interrupted command" in n.text for n in session.report.notices)
        assert session.project.objects.get(transcript)  # live objects untouched
        assert session.project.clean_leftovers().total == 0 and fresh.exists()
    for path in (orphan, temporary, keys_tmp, project.objects.blob_path(destroyed)):
        assert not path.exists()


def test_a_second_opener_finishes_nothing_and_removes_nothing(project, clock, monkeypatch):
    _withdrawal_cut_short(project, monkeypatch)
    # the first process is still running (it holds the project open): its intent is not a leftover
    with open_session(project.root, PASSPHRASE, clock) as second:
        assert not second.project.sole_opener
        assert second.report.finished == [] and intents.pending(second.project.conn)


def test_one_writer_per_interview_across_threads(project):
    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])
    entered, release = threading.Event(), threading.Event()

    def hold():
        with project.lock_interview(interview):
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert entered.wait(10)
    try:
        with pytest.raises(Busy, match=f"working on interview {interview}"):
            discard_interview(project, interview)
    finally:
        release.set()
        holder.join()
    assert discard_interview(project, interview) == 1
    assert not any(interview in p.name for p in (project.root / "locks").iterdir())  # names are hashed


NEW_PASSPHRASE = "a different long passphrase"


def test_a_passphrase_change_rekeys_so_the_old_key_file_opens_nothing(archived, clock):
    from fieldkit.errors import WrongPassphrase
    from fieldkit.vault.rekey import change_passphrase

    project, interview = archived
    root = project.root
    old_copy = (root / KEY_FILE).read_bytes()
    old_keys = keys.unwrap_with_passphrase(old_copy, PASSPHRASE)
    change_passphrase(project, NEW_PASSPHRASE, work_factor=TEST_WORK_FACTOR)  # (the cost is not the point)
    assert project.objects.get(get_interview(project, interview).transcript_object)  # still open, new key
    project.close()
    with pytest.raises(WrongPassphrase):
        Project.open(root, PASSPHRASE, clock)
    assert not db.opens_with(root / "vault.db", old_keys.db_key)  # an old copy of the key file is useless
    archive_keys = keys.unwrap_with_identity((root / ARCHIVE_KEY_FILE).read_bytes(), str(INSTITUTION))
    assert db.opens_with(root / "vault.db", archive_keys.db_key)
    with Project.open(root, NEW_PASSPHRASE, clock) as reopened:
        assert reopened.audit.entries()[-1].event == "passphrase_changed"


@pytest.mark.parametrize("typed", [PASSPHRASE, NEW_PASSPHRASE])
def test_a_passphrase_change_killed_before_the_rekey_is_rolled_back(archived, clock, monkeypatch, typed):
    from fieldkit.errors import WrongPassphrase
    from fieldkit.vault import keyslots, rekey, rotation

    project, _ = archived
    root = project.root
    monkeypatch.setattr(rotation, "rekey_database", lambda *a, **k: _crash())
    with pytest.raises(Crash):
        rekey.change_passphrase(project, NEW_PASSPHRASE, work_factor=TEST_WORK_FACTOR)
    monkeypatch.undo()
    project.close(rotate=False)
    assert sum(p is not None for p in keyslots.read_slots(root / KEY_FILE)) == 2  # both keys in their slots
    if typed == NEW_PASSPHRASE:  # the change never reached the database: the new passphrase opens nothing
        with pytest.raises(WrongPassphrase, match="the other one"):
            open_session(root, typed, clock)
        typed = PASSPHRASE
    with open_session(root, typed, clock) as session:
        assert any("interrupted key change was resolved" in n.text for n in session.report.notices)
    assert sum(p is not None for p in keyslots.read_slots(root / KEY_FILE)) == 1  # the new slot erased
    with pytest.raises(WrongPassphrase):
        Project.open(root, NEW_PASSPHRASE, clock)


def test_a_passphrase_change_killed_after_the_rekey_is_finished_with_the_new_passphrase(archived, clock,
                                                                                      monkeypatch):
    from fieldkit.errors import WrongPassphrase
    from fieldkit.vault import duress, keyslots, rekey, rotation

    project, interview = archived
    root = project.root
    monkeypatch.setattr(rotation.keyslots, "erase_slot", lambda *a, **k: _crash())
    with pytest.raises(Crash):
        rekey.change_passphrase(project, NEW_PASSPHRASE, work_factor=TEST_WORK_FACTOR)
    monkeypatch.undo()
    project.close(rotate=False)
    with pytest.raises(WrongPassphrase, match="the other one") as refused:  # the old one: told, not counted
        Project.open(root, PASSPHRASE, clock)
    assert "other passphrase" in refused.value.hint and duress.failed_unlocks(root) == 0
    with open_session(root, NEW_PASSPHRASE, clock) as session:
        assert any("passphrase typed now is the one" in n.text for n in session.report.notices)
        assert session.project.objects.get(get_interview(session.project, interview).transcript_object)
    assert sum(p is not None for p in keyslots.read_slots(root / KEY_FILE)) == 1  # the old slot erased
    archive_keys = keys.unwrap_with_identity((root / ARCHIVE_KEY_FILE).read_bytes(), str(INSTITUTION))
    assert db.opens_with(root / "vault.db", archive_keys.db_key)


def test_travel_lock_killed_halfway_through_wiping_the_key_file_is_still_travel_mode(archived, clock,
                                                                                   monkeypatch):
    """Found by the crash harness: a key file overwritten but not yet deleted read as "damaged" and blocked
    the recovery. The wipe renames it out of the way first; the next opening finishes the wipe."""
    from fieldkit.vault import duress

    project, _ = archived
    root = project.root
    monkeypatch.setattr(duress, "_overwrite_and_unlink", _crash)
    with pytest.raises(Crash):
        travel_lock(project)
    monkeypatch.undo()
    assert not (root / KEY_FILE).exists() and list((root / "keys").glob(".*.wiping"))
    with pytest.raises(ProjectError, match="travel mode"):
        Project.open(root, PASSPHRASE, clock)
    assert not list((root / "keys").glob(".*.wiping"))  # the opening finished the wipe
