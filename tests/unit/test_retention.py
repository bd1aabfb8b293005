"""Retention on a controllable clock, destruction that leaves no trace, and clock safety."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyrage
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.consent import linking
from fieldkit.consent.records import withdraw
from fieldkit.errors import ObjectDestroyed
from fieldkit.interviews import get_interview
from fieldkit.retention.schedule import effective_now, enforce, items
from fieldkit.vault import deadline_locks, keys
from fieldkit.vault.blobs import decrypt_with
from fieldkit.vault.project import KEY_FILE
from tests.conftest import PASSPHRASE, add_transcribed_interview

DAY0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def audio_interview(project):
    """An approved interview with an audio object, approved at DAY0."""
    interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])

    def link(conn, object_id):
        conn.execute("UPDATE interviews SET audio_object = ? WHERE id = ?", (object_id, interview))

    audio = project.objects.put("audio", b"pretend opus audio", respondent="P1", interview=interview, on_stored=link)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview, audio


def state_of(project, object_id):
    return next(item for item in items(project) if item.object == object_id)


def test_audio_is_destroyed_on_day_3_not_day_2(project, clock):
    _, audio = audio_interview(project)
    blob = project.objects.blob_path(audio).read_bytes()
    identity = project.conn.execute("SELECT identity FROM object_keys WHERE object_id = ?", (audio,)).fetchone()[0]
    item = state_of(project, audio)
    assert item.rule == "audio:transcript_approved:3d" and item.deadline == DAY0 + timedelta(days=3)

    clock.instant = DAY0 + timedelta(days=2, hours=23)
    assert enforce(project).destroyed == [] and state_of(project, audio).state == "pending"
    assert project.objects.get(audio) == b"pretend opus audio"

    clock.instant = DAY0 + timedelta(days=3)
    assert [i.object for i in enforce(project).destroyed] == [audio]
    with pytest.raises(ObjectDestroyed):
        project.objects.get(audio)
    remaining = [deadline_locks.unlock(project.root, stored, object_id) for object_id, stored in
                 project.conn.execute("SELECT object_id, identity FROM object_keys")]
    assert identity not in remaining and deadline_locks.unlock(project.root, identity, audio) not in remaining
    for other in remaining:
        with pytest.raises(pyrage.DecryptError):
            decrypt_with(blob, other)
    destroyed = state_of(project, audio)
    assert destroyed.state == "destroyed" and destroyed.lateness == timedelta(0)
    entry = [e for e in project.audit.entries() if e.event == "object_destroyed"][-1]
    assert entry.data["rule"] == "audio:transcript_approved:3d" and entry.data["reason"] == "retention"


def test_states_move_from_pending_to_due_to_overdue(project, clock):
    _, audio = audio_interview(project)
    clock.instant = DAY0 + timedelta(days=3, hours=1)
    assert state_of(project, audio).state == "due"
    clock.instant = DAY0 + timedelta(days=4, hours=2)
    assert state_of(project, audio).state == "overdue"


def test_linking_key_and_pseudonym_map_go_30_days_after_project_end(project, clock):
    audio_interview(project)
    linking.set_link(project, "P1", "Серік Ахметов")
    end = datetime(2027, 6, 30, tzinfo=UTC)
    clock.instant = end + timedelta(days=29, hours=23)
    kinds = {i.kind for i in enforce(project).destroyed}
    assert "linking_key" not in kinds and "pseudonym_map" not in kinds
    clock.instant = end + timedelta(days=30)
    kinds = {i.kind for i in enforce(project).destroyed}
    assert {"linking_key", "pseudonym_map"} <= kinds
    with pytest.raises(ObjectDestroyed):
        linking.lookup(project, "P1")


def test_withdrawal_cascades_under_the_withdrawal_rule(project, clock):
    interview, audio = audio_interview(project)
    clock.instant = DAY0 + timedelta(hours=5)
    withdraw(project, "P1", "all")
    theirs = [i for i in items(project) if i.respondent == "P1" and i.destroyed != DAY0]  # not old replacements
    assert len(theirs) >= 4 and all(i.state == "destroyed" for i in theirs)
    assert all(i.rule == "all:consent_withdrawn:1d" for i in theirs)
    assert all(i.lateness == timedelta(0) for i in theirs)


def test_a_clock_set_back_cannot_postpone_a_deadline(project, clock):
    _, audio = audio_interview(project)
    clock.instant = DAY0 + timedelta(days=5)
    with project.transaction():
        project.audit.append("object_stored", object="probe", kind="notes")  # the log now reaches day 5
    clock.instant = DAY0 + timedelta(days=1)  # someone sets the laptop back
    assert effective_now(project) == DAY0 + timedelta(days=5)
    assert [i.object for i in enforce(project).destroyed] == [audio]
    assert any(e.event == "clock_went_backwards" for e in project.audit.entries())


def sqlcipher_pages(path, key: bytes, page_size: int = 4096, reserve: int = 80):
    """Decrypt every page of a SQLCipher 4 file (AES-256-CBC, IV in the page's reserve area) — including free
    pages, which SQLite's own API never shows: the forensic view of someone holding the passphrase."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    raw = path.read_bytes()
    for number in range(len(raw) // page_size):
        page = raw[number * page_size : (number + 1) * page_size]
        iv = page[page_size - reserve : page_size - reserve + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        yield decryptor.update(page[16 if number == 0 else 0 : page_size - reserve]) + decryptor.finalize()


def test_forensic_search_finds_no_trace_of_a_destroyed_object(project):
    db_key = keys.unwrap_with_passphrase((project.root / KEY_FILE).read_bytes(), PASSPHRASE).db_key
    marker = b"FORENSIC MARKER: respondent said Kozhanov took the money"
    object_id = project.objects.put("notes", marker)
    identity = project.conn.execute("SELECT identity FROM object_keys WHERE object_id = ?", (object_id,)).fetchone()[0]
    blob = project.objects.blob_path(object_id).read_bytes()
    before = b"".join(sqlcipher_pages(project.root / "vault.db", db_key))
    assert identity.encode() in before and b"CREATE TABLE" in before  # the decryptor really reads the pages

    project.objects.shred(object_id, reason="test")

    after = b"".join(sqlcipher_pages(project.root / "vault.db", db_key))
    assert identity.encode() not in after
    side_files = [p for p in project.root.iterdir() if p.name.startswith("vault.db-")]
    # no -wal; the journal persists (vault.db), not hot, and zeroed after the rotation the erasure caused
    assert [p.name for p in side_files] in ([], ["vault.db-journal"])
    assert not any(side_files) or side_files[0].read_bytes()[:28] == bytes(28)
    for path in project.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert marker not in data and identity.encode() not in data and blob[:200] not in data, path


def test_reject_accept_approve_cycles_do_not_move_the_audio_deadline(project, clock):
    """Issue 19: each review decision clears the approval and a new approval used to start a new 3-day window."""
    interview = add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев из Караганды."])

    def link(conn, object_id):
        conn.execute("UPDATE interviews SET audio_object = ? WHERE id = ?", (object_id, interview))

    audio = project.objects.put("audio", b"pretend opus audio", respondent="P1", interview=interview, on_stored=link)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)  # at DAY0
    first = state_of(project, audio).deadline
    assert first == DAY0 + timedelta(days=3)
    for cycle in range(3):
        clock.instant += timedelta(hours=20)  # three cycles within the first 3 days
        rv.decide(project, interview, reject=(1,))
        assert get_interview(project, interview).approved is None
        assert state_of(project, audio).deadline == first  # no approval now, and still the same deadline
        rv.decide(project, interview, accept=(1,))
        rv.approve(project, interview)
        assert state_of(project, audio).deadline == first, f"cycle {cycle + 1} moved the deadline"
    clock.instant = DAY0 + timedelta(days=3)
    assert [i.object for i in enforce(project).destroyed] == [audio]  # day 3: on time, not 3 days after the last
