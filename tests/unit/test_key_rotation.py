"""Issue 18: destroyed means gone from a disk image too. Every erasure is followed by a new database key, the
old one is overwritten in its key slot (in place), and whatever SQLite left behind under the old key (deleted
journals, freed pages: here, a copy of the database file taken before the erasure) opens with nothing the
passphrase gives. Also: private file modes, the passphrase strength check and the scrypt calibration."""

from __future__ import annotations

import os
import shutil
import stat

import pyrage
import pytest

from fieldkit.errors import UsageError
from fieldkit.services.travel import lock as travel_lock
from fieldkit.vault import db, keys, keyslots, rotation
from fieldkit.vault.locks import ProjectLock
from fieldkit.vault.project import DB_FILE, KEY_FILE, LEGACY_FORMAT2_KEY_FILE, Project
from tests.conftest import PASSPHRASE, REFERENCE_POLICY, TEST_WORK_FACTOR, add_transcribed_interview

INSTITUTION = pyrage.x25519.Identity.generate()


def passphrase_keys(root) -> list[bytes]:
    """Every database key the passphrase opens in the key-slot file, as the adversary would get them."""
    found = []
    for payload in keyslots.read_slots(root / KEY_FILE):
        if payload is not None:
            found.append(keys.open_slot(payload, PASSPHRASE)[0].db_key)
    return found


def events(project) -> list[str]:
    return [entry.event for entry in project.audit.entries()]


def test_an_erasure_leaves_the_pages_from_before_it_under_a_key_that_exists_nowhere(project, tmp_path):
    secret = project.objects.put("notes", b"Marat Serikbayev, +7 701 555 0199")
    before = tmp_path / "before.db"
    shutil.copyfile(project.root / DB_FILE, before)  # what a deleted journal keeps: pages under the key of then
    old_key, slots = project.db_key, project.root / KEY_FILE
    assert db.opens_with(before, old_key) and passphrase_keys(project.root) == [old_key]  # the control
    held = slots.open("rb")  # the file as it is now: a rename would leave this handle on the old copy
    project.objects.shred(secret, reason="retention", rule="notes")
    assert project.db_key != old_key
    assert passphrase_keys(project.root) == [project.db_key]  # one live slot, the new key
    assert not any(db.opens_with(before, key) for key in passphrase_keys(project.root))
    assert not db.opens_with(project.root / DB_FILE, old_key)
    with held:  # overwritten in place: the handle opened before reads the new slots, at the same size
        assert held.read() == slots.read_bytes() and slots.stat().st_size == keyslots.FILE_SIZE
    assert events(project)[-2:] == ["object_destroyed", "keys_rotated"] and not rotation.is_due(project.conn)


def test_a_replaced_version_rotates_the_key_too(project):
    old = project.objects.put("transcript", "first version, naming Ерлан".encode())
    key = project.db_key
    project.objects.put("transcript", b"second version", replaces=(old,))
    assert project.db_key != key and events(project)[-1] == "keys_rotated"


def test_many_erasures_in_a_batch_rotate_once_at_its_end(project):
    ids = [project.objects.put("notes", f"note {n}".encode()) for n in range(3)]
    with project.objects.erasure_batch():
        for object_id in ids:
            project.objects.shred(object_id, reason="retention")
        assert rotation.is_due(project.conn)  # not yet: the batch is still running
    assert events(project).count("keys_rotated") == 1 and not rotation.is_due(project.conn)


def test_rotation_waits_while_another_process_has_the_project_open_and_the_last_to_close_does_it(project):
    other = ProjectLock(project.root)  # another opener's shared lock (a second open file, as another process)
    try:
        key = project.db_key
        project.objects.shred(project.objects.put("notes", b"x"), reason="retention")
        assert project.db_key == key and rotation.is_due(project.conn)  # re-keying would break the other's reads
    finally:
        other.close()
    assert project.rotate_if_due() and project.db_key != key and not rotation.is_due(project.conn)


def test_an_erasure_whose_rotation_was_cut_short_is_rotated_at_the_next_opening(project, clock):
    project.objects.after_erasure = None  # the process dies right after the erasure commits
    project.objects.shred(project.objects.put("notes", b"x"), reason="retention")
    key, root = project.db_key, project.root
    project.close(rotate=False)
    with Project.open(root, PASSPHRASE, clock) as reopened:
        assert events(reopened)[-1] == "keys_rotated" and reopened.db_key != key
        assert passphrase_keys(root) == [reopened.db_key]


def test_a_rotation_killed_after_writing_the_new_slot_keeps_the_old_key_and_rotates_again(project, clock,
                                                                                         monkeypatch):
    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt("kill -9")

    monkeypatch.setattr(rotation, "rekey_database", killed)
    key, root = project.db_key, project.root
    with pytest.raises(KeyboardInterrupt):
        project.objects.shred(project.objects.put("notes", b"x"), reason="retention")
    monkeypatch.undo()
    project.close(rotate=False)
    assert len(passphrase_keys(root)) == 2  # the old key and the unused new one
    with Project.open(root, PASSPHRASE, clock) as reopened:
        assert any("interrupted key change was resolved" in note for note in reopened.recovery_notes)
        assert reopened.db_key != key and passphrase_keys(root) == [reopened.db_key]


def test_a_format_2_key_file_moves_into_key_slots_and_is_overwritten(tmp_path, clock):
    root = tmp_path / "p"
    Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock, work_factor=TEST_WORK_FACTOR).close()
    project_keys = keys.unwrap_with_passphrase((root / KEY_FILE).read_bytes(), PASSPHRASE)
    (root / LEGACY_FORMAT2_KEY_FILE).write_bytes(
        keys.wrap_with_passphrase(project_keys, PASSPHRASE, work_factor=TEST_WORK_FACTOR))
    (root / KEY_FILE).unlink()
    with Project.open(root, PASSPHRASE, clock) as project:
        assert project.db_key == project_keys.db_key
    assert not (root / LEGACY_FORMAT2_KEY_FILE).exists() and passphrase_keys(root) == [project_keys.db_key]


@pytest.mark.parametrize("weak", ["password1234", "qwertyuiop12", "fieldkit2026", "horse staple"])
def test_a_weak_passphrase_is_refused_with_a_hint(tmp_path, clock, weak):
    with pytest.raises(UsageError, match="passphrase too weak") as refused:
        Project.create(tmp_path / "p", REFERENCE_POLICY, weak, clock, work_factor=TEST_WORK_FACTOR)
    assert "words" in refused.value.hint and not (tmp_path / "p").exists()


def test_a_strong_passphrase_in_any_script_is_accepted():
    for strong in ("correct horse battery staple", "жаңбыр астында қызыл алма", "Tr0ub4dor&3-lamp-violet"):
        keys.check_new_passphrase(strong)


@pytest.mark.parametrize(("probe_s", "factor"), [(0.053, 19), (0.2, 18), (0.001, 20), (0.08, 18)])
def test_the_work_factor_is_calibrated_to_a_second_never_below_the_floor_nor_above_the_cap(probe_s, factor):
    ticks = iter([0.0, probe_s, 10.0, 10.0 + probe_s])
    assert keys.calibrate_work_factor(timer=lambda: next(ticks)) == factor


def _modes(root) -> dict[str, int]:
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, root)] = stat.S_IMODE(os.lstat(path).st_mode)
    found["."] = stat.S_IMODE(os.stat(root).st_mode)
    return found


def test_every_project_file_is_0600_and_every_folder_0700_whatever_the_umask(tmp_path, clock):
    previous = os.umask(0)
    try:
        root = tmp_path / "p"
        with Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock, (str(INSTITUTION.to_public()),),
                            work_factor=TEST_WORK_FACTOR) as project:
            interview = add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев."])
            project.objects.shred(project.objects.live_ids(interview=interview)[0], reason="retention")
            project.export_audit()
    finally:
        os.umask(previous)
    modes = _modes(root)
    loose = {path: oct(mode) for path, mode in modes.items()
             if mode != (0o700 if (root / path).is_dir() else 0o600)}
    assert not loose and len(modes) > 10


def test_an_older_project_with_loose_modes_is_tightened_on_opening(tmp_path, clock):
    root = tmp_path / "p"
    Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock, work_factor=TEST_WORK_FACTOR).close()
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    Project.open(root, PASSPHRASE, clock).close()
    assert set(_modes(root).values()) == {0o600, 0o700}


def test_travel_lock_leaves_no_plaintext_audit_chain_only_one_for_the_institution(tmp_path, clock):
    from fieldkit.audit.chain import read_export_with_key, verify_export

    root = tmp_path / "p"
    project = Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock, (str(INSTITUTION.to_public()),),
                             work_factor=TEST_WORK_FACTOR)
    add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев."])
    audit_key = project.audit.public_key()
    plain = project.export_audit()
    assert b"object_stored" in plain.read_bytes()  # the control: an export is a timeline in clear
    travel_lock(project)
    left = sorted(p.name for p in (root / "audit").iterdir())
    assert left and all(name.endswith(".jsonl.age") for name in left)
    chain = pyrage.decrypt((root / "audit" / left[0]).read_bytes(), [INSTITUTION])
    (tmp_path / "chain.jsonl").write_bytes(chain)
    assert verify_export(read_export_with_key(tmp_path / "chain.jsonl"), audit_key).entries > 3
    for path in root.rglob("*"):
        assert not path.is_file() or b"object_stored" not in path.read_bytes()
