from __future__ import annotations

import errno
import shutil

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.errors import CorruptObject, ObjectDestroyed, PolicyError, ProjectError, StorageError, WrongPassphrase
from fieldkit.vault import keys
from fieldkit.vault.blobs import decrypt_with
from fieldkit.vault.project import KEY_FILE, Project
from tests.conftest import PASSPHRASE, REFERENCE_POLICY, TEST_WORK_FACTOR, snapshot


def test_passphrase_wrap_round_trip_and_wrong_passphrase():
    project_keys = keys.ProjectKeys.generate()
    wrapped = keys.wrap_with_passphrase(project_keys, PASSPHRASE)
    assert project_keys.db_key.hex().encode() not in wrapped
    assert keys.unwrap_with_passphrase(wrapped, PASSPHRASE) == project_keys
    with pytest.raises(WrongPassphrase):
        keys.unwrap_with_passphrase(wrapped, "not the passphrase")


def test_short_passphrase_is_refused(tmp_path, clock):
    from fieldkit.errors import UsageError

    with pytest.raises(UsageError, match="too short"):
        Project.create(tmp_path / "p", REFERENCE_POLICY, "short", clock)
    assert not (tmp_path / "p").exists()


def test_archive_recipient_can_recover_the_project_keys(tmp_path, clock):
    archive = pyrage.x25519.Identity.generate()
    with Project.create(tmp_path / "p", REFERENCE_POLICY, PASSPHRASE, clock, str(archive.to_public()),
                        work_factor=TEST_WORK_FACTOR):  # (the passphrase's cost is not the point)
        pass
    recovered = keys.ProjectKeys.parse(pyrage.decrypt((tmp_path / "p/keys/archive.age").read_bytes(), [archive]))
    from_passphrase = keys.unwrap_with_passphrase((tmp_path / "p" / KEY_FILE).read_bytes(), PASSPHRASE)
    assert recovered == from_passphrase


def test_wrong_passphrase_changes_nothing(project, clock):
    project.objects.put("notes", b"field notes")
    project.close()
    before = snapshot(project.root)
    with pytest.raises(WrongPassphrase):
        Project.open(project.root, "wrong passphrase!", clock)
    assert snapshot(project.root) == before


def test_create_refuses_a_non_empty_folder(tmp_path, clock):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "thesis.docx").write_bytes(b"important")
    with pytest.raises(ProjectError, match="not empty"):
        Project.create(tmp_path / "p", REFERENCE_POLICY, PASSPHRASE, clock)
    assert (tmp_path / "p" / "thesis.docx").read_bytes() == b"important"


def test_refused_policy_creates_nothing(tmp_path, clock):
    bad_policy = tmp_path / "bad.toml"
    bad_policy.write_text("[policy\n")
    with pytest.raises(PolicyError):
        Project.create(tmp_path / "p", bad_policy, PASSPHRASE, clock)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


@pytest.mark.parametrize("failure", ["disk-full", "interrupted"])
def test_failed_create_leaves_nothing_behind(tmp_path, clock, monkeypatch, failure):
    """A failure once the hidden staging folder holds the wrapped keys — the disk fills while the settings are
    written (an OSError), or something else breaks once the database exists — removes the staging folder."""
    from fieldkit.audit.chain import AuditLog
    from fieldkit.vault import project as project_module

    seen: list[list[str]] = []

    def staged() -> None:  # what the staging folder holds at the moment of the failure
        (folder,) = [p for p in tmp_path.iterdir() if p.name.startswith(".p.creating-")]
        seen.append(sorted(str(p.relative_to(folder)) for p in folder.rglob("*")))

    if failure == "disk-full":
        real_write = project_module.write_atomic

        def write_atomic(path, data):
            if path.name == project_module.SETTINGS:
                staged()
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
            return real_write(path, data)

        monkeypatch.setattr(project_module, "write_atomic", write_atomic)
        expected, already = StorageError, str(KEY_FILE)
    else:
        def append(self, event, **data):
            staged()
            raise RuntimeError("interrupted while the audit log was started")

        monkeypatch.setattr(AuditLog, "append", append)
        expected, already = RuntimeError, "vault.db"
    with pytest.raises(expected):
        Project.create(tmp_path / "p", REFERENCE_POLICY, PASSPHRASE, clock, work_factor=TEST_WORK_FACTOR)
    assert len(seen) == 1 and already in seen[0]  # the failure came after staging had begun
    assert list(tmp_path.iterdir()) == []


def test_database_is_encrypted_and_keys_are_not_on_disk_in_clear(project):
    object_id = project.objects.put("notes", b"Respondent mentioned Kozhanov")
    project.close()
    raw_db = (project.root / "vault.db").read_bytes()
    assert not raw_db.startswith(b"SQLite format 3")
    for path in project.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Kozhanov" not in data and b"AGE-SECRET-KEY" not in data, path
    assert object_id.encode() not in raw_db  # even ids sit inside encrypted pages


def test_each_object_has_its_own_key(project):
    first = project.objects.put("notes", b"one")
    second = project.objects.put("notes", b"two")
    keys_in_db = dict(project.conn.execute("SELECT object_id, identity FROM object_keys"))
    assert keys_in_db[first] != keys_in_db[second]
    with pytest.raises(pyrage.DecryptError):
        decrypt_with(project.objects.blob_path(first).read_bytes(), keys_in_db[second])


def test_shredding_erases_the_key_so_old_copies_are_unreadable(project):
    object_id = project.objects.put("audio", b"pretend audio")
    copy = project.objects.blob_path(object_id).read_bytes()  # e.g. a backup made earlier
    project.objects.shred(object_id, reason="retention", rule="audio")
    assert not project.objects.blob_path(object_id).exists()
    assert project.conn.execute("SELECT count(*) FROM object_keys WHERE object_id = ?", (object_id,)).fetchone() == (0,)
    remaining = [identity for (identity,) in project.conn.execute("SELECT identity FROM object_keys")]
    for identity in remaining:
        with pytest.raises(pyrage.DecryptError):
            decrypt_with(copy, identity)
    with pytest.raises(ObjectDestroyed):
        project.objects.get(object_id)
    # the erasure, then the database key changed (vault.rotation): its journals are under a dead key
    assert [e.event for e in project.audit.entries()[-2:]] == ["object_destroyed", "keys_rotated"]


def test_truncated_blob_is_reported_as_damaged(project):
    object_id = project.objects.put("transcript", b"x" * 5000)
    path = project.objects.blob_path(object_id)
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(CorruptObject, match="damaged"):
        project.objects.get(object_id)


def test_missing_blob_is_reported(project):
    object_id = project.objects.put("transcript", b"x")
    project.objects.blob_path(object_id).unlink()
    with pytest.raises(CorruptObject, match="missing"):
        project.objects.get(object_id)


def test_full_disk_stores_nothing(project, monkeypatch):
    import fieldkit.vault.files as files

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(StorageError, match="disk full"):
        project.objects.put("audio", b"audio bytes")
    monkeypatch.undo()
    assert project.objects.list() == []
    assert not [p for p in (project.root / "blobs").rglob("*") if p.is_file()]


def test_crash_before_commit_leaves_no_blob(project):
    def crash(conn, object_id):
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        project.objects.put("audio", b"audio bytes", on_stored=crash)
    assert project.objects.list() == []
    assert not [p for p in (project.root / "blobs").rglob("*") if p.is_file()]
    assert [e.event for e in project.audit.entries()] == ["project_created"]


def test_tampered_policy_copy_is_refused(project, clock):
    project.close()
    policy = project.root / "policy.toml"
    policy.write_text(policy.read_text().replace('within = "3d"', 'within = "300d"'))
    with pytest.raises(PolicyError, match="does not match"):
        Project.open(project.root, PASSPHRASE, clock)


def test_replaced_database_is_refused(project, tmp_path, clock):
    project.close()
    with Project.create(tmp_path / "other", REFERENCE_POLICY, PASSPHRASE, clock, work_factor=TEST_WORK_FACTOR):
        pass
    shutil.copy(tmp_path / "other" / "vault.db", project.root / "vault.db")
    with pytest.raises(ProjectError, match="cannot be opened"):
        Project.open(project.root, PASSPHRASE, clock)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.binary(max_size=4096))
def test_any_payload_round_trips(project, payload):
    assert project.objects.get(project.objects.put("notes", payload)) == payload


def test_policy_edit_with_matching_public_hash_is_still_refused(project, clock):
    import hashlib

    project.close()
    policy = project.root / "policy.toml"
    edited = policy.read_text().replace('within = "3d"', 'within = "300w"')
    policy.write_text(edited)
    settings = project.root / "fieldkit.toml"
    old_hash = hashlib.sha256(REFERENCE_POLICY.read_bytes()).hexdigest()
    settings.write_text(settings.read_text().replace(old_hash, hashlib.sha256(edited.encode()).hexdigest()))
    with pytest.raises(PolicyError, match="not the policy this project was created with"):
        Project.open(project.root, PASSPHRASE, clock)


def test_missing_database_is_reported_not_recreated(project, clock):
    project.close()
    (project.root / "vault.db").unlink()
    with pytest.raises(ProjectError, match="vault.db is missing"):
        Project.open(project.root, PASSPHRASE, clock)
    assert not (project.root / "vault.db").exists()


def test_write_failure_inside_a_transaction_is_a_storage_error(project):
    import sqlcipher3

    from fieldkit.vault.db import transaction

    with pytest.raises(StorageError, match="disk full or I/O error"), transaction(project.conn):
        project.conn.execute("INSERT INTO meta VALUES ('x', 'y')")
        raise sqlcipher3.OperationalError("database or disk is full")
    assert not project.conn.in_transaction
    assert project.conn.execute("SELECT count(*) FROM meta WHERE key = 'x'").fetchone() == (0,)


def test_replacing_an_object_shreds_the_old_one_in_the_same_step(project):
    old = project.objects.put("transcript", b"first version")
    new = project.objects.put("transcript", b"second version", replaces=(old,))
    assert project.objects.get(new) == b"second version"
    assert project.objects.info(old).destroyed
    assert not project.objects.blob_path(old).exists()
    events = [(e.event, e.data.get("object")) for e in project.audit.entries()[-3:]]
    assert events == [("object_stored", new), ("object_destroyed", old), ("keys_rotated", None)]


def test_an_older_project_is_migrated_and_a_newer_one_refused(project, tmp_path):
    import secrets

    from fieldkit.vault import db

    old = db.connect(tmp_path / "v1.db", secrets.token_bytes(32), create=True)
    for statement in db.SCHEMA.split(";"):
        if statement.strip():
            old.execute(statement)
    old.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    assert db.migrate(old) == 1

    def layout(conn):
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")]
        return {t: [row[1] for row in conn.execute(f"PRAGMA table_info({t})")] for t in tables}

    assert layout(old) == layout(project.conn)  # a migrated project equals a new one
    old.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ProjectError, match="newer fieldkit"):
        db.migrate(old)
