"""Archive recipients, sealing, travel mode and quick wipe: after each, try every key and file on the laptop."""

from __future__ import annotations

import contextlib
import time
from dataclasses import replace

import pyrage
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.errors import FieldkitError, ObjectSealed, ProjectError, StateError, WrongPassphrase
from fieldkit.interviews import get_interview
from fieldkit.pipeline import seal_interview
from fieldkit.retention.schedule import enforce
from fieldkit.services.travel import lock as travel_lock
from fieldkit.vault import deadline_locks, keys, keyslots
from fieldkit.vault.blobs import decrypt_with
from fieldkit.vault.project import ARCHIVE_KEY_FILE, KEY_FILE, TRAVEL_IDENTITY_FILE, Project
from fieldkit.vault.travel import quick_wipe, travel_unlock
from tests.conftest import PASSPHRASE, REFERENCE_POLICY, TEST_WORK_FACTOR, add_transcribed_interview

INSTITUTION = pyrage.x25519.Identity.generate()
CUSTODIAN = pyrage.x25519.Identity.generate()


@pytest.fixture
def archived(tmp_path, clock):
    """A project with two archive recipients (the PI and a data custodian) and one approved interview."""
    root = tmp_path / "project"
    project = Project.create(root, REFERENCE_POLICY, PASSPHRASE, clock,
                             (str(INSTITUTION.to_public()), str(CUSTODIAN.to_public())), work_factor=TEST_WORK_FACTOR)
    interview = add_transcribed_interview(project, "P", ["Товар давал Ерлан Жумабаев из Шымкента."])
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    yield project, interview
    project.close()


def every_secret_on_disk(root, passphrase=PASSPHRASE) -> list[bytes]:
    """What anyone holding the laptop and the passphrase can decrypt: every age file tried with the
    passphrase and with every X25519 identity that appears anywhere on disk in clear."""
    files = [p for p in root.rglob("*") if p.is_file()]
    identities = []
    for path in files:
        for token in path.read_bytes().split():
            if token.startswith(b"AGE-SECRET-KEY-1"):
                identities.append(pyrage.x25519.Identity.from_str(token.decode()))
    opened = []
    for path in files:
        data = path.read_bytes()
        if data.startswith(b"# fieldkit project keys, wrapped with the passphrase") or keyslots.is_slot_file(data):
            with contextlib.suppress(Exception):
                opened.append(keys.unwrap_with_passphrase(data, passphrase).serialise())
            continue
        if not data.startswith(b"age-encryption.org/v1"):
            continue
        for attempt in ([lambda d: pyrage.passphrase.decrypt(d, passphrase)]
                        + [lambda d, i=i: pyrage.decrypt(d, [i]) for i in identities]):
            with contextlib.suppress(Exception):  # a failure is what we want
                opened.append(attempt(data))
    return opened


def project_can_read(project, object_id) -> bool:
    try:
        project.objects.get(object_id)
    except FieldkitError:
        return False
    return True


def test_archive_recipients_each_open_the_project_keys(archived):
    project, _ = archived
    wrapped = (project.root / ARCHIVE_KEY_FILE).read_bytes()
    assert keys.unwrap_with_identity(wrapped, str(INSTITUTION)) == keys.unwrap_with_identity(wrapped, str(CUSTODIAN))
    assert project.archive_recipients() == [str(INSTITUTION.to_public()), str(CUSTODIAN.to_public())]


def test_sealing_leaves_the_institution_able_to_read_and_the_laptop_not(archived):
    project, interview = archived
    live = [o for o in project.objects.list() if o.interview == interview]
    plaintexts = {o.id: project.objects.get(o.id) for o in live}
    assert seal_interview(project, interview) == len(live) >= 3
    identities = [i for (i,) in project.conn.execute("SELECT identity FROM object_keys")]
    for object_id, plain in plaintexts.items():
        with pytest.raises(ObjectSealed):
            project.objects.get(object_id)
        blob = project.objects.blob_path(object_id).read_bytes()
        assert pyrage.decrypt(blob, [CUSTODIAN]) == plain  # the institution can
        for identity in identities:  # nothing left in the index can
            with pytest.raises(pyrage.DecryptError):
                decrypt_with(blob, identity)
    assert not list(project.root.rglob("*.sealed"))
    events = [e.event for e in project.audit.entries()]
    assert events.count("object_sealed") == len(live) and "interview_sealed" in events
    assert seal_interview(project, interview) == 0  # nothing left to seal


def test_sealing_needs_an_archive_recipient(project):
    interview = add_transcribed_interview(project, "P", ["Текст."])
    with pytest.raises(StateError, match="no archive recipient"):
        seal_interview(project, interview)


def test_travel_lock_leaves_nothing_the_owner_can_open_and_unlock_restores_it(archived, clock):
    project, interview = archived
    root = project.root
    project.policy = replace(project.policy, travel_seal="approved")
    result = travel_lock(project)
    assert result.sealed_interviews == [interview] and ":" in result.checkpoint
    assert not (root / KEY_FILE).exists()
    assert every_secret_on_disk(root) == []  # passphrase and every identity in clear: nothing opens
    with pytest.raises(ProjectError, match="travel mode"):
        Project.open(root, PASSPHRASE, clock)
    # the institution releases the travel key; the laptop never sees the institution's own key
    travel_key = pyrage.decrypt((root / TRAVEL_IDENTITY_FILE).read_bytes(), [INSTITUTION]).decode()
    with pytest.raises(WrongPassphrase):
        travel_unlock(root, str(pyrage.x25519.Identity.generate()), "a brand new passphrase", clock)
    travel_unlock(root, travel_key, "a brand new passphrase", clock, work_factor=TEST_WORK_FACTOR).close()
    with Project.open(root, "a brand new passphrase", clock) as reopened:
        events = [e.event for e in reopened.audit.entries()]
        assert events[-2:] == ["travel_locked", "travel_unlocked"]
        assert [e.event for e in reopened.audit.entries()[: int(result.checkpoint.split(":")[0])]][-1] == (
            "travel_locked")
        with pytest.raises(ObjectSealed):  # sealed for good, as the policy asked
            reopened.objects.get(get_interview(reopened, interview).anonymised_object)
    assert not (root / TRAVEL_IDENTITY_FILE).exists()


def test_the_old_key_file_opens_nothing_after_a_travel_lock(archived, clock):
    """Travel lock re-keys the database: a copy of the passphrase key file (an SSD may keep one) is useless;
    put back, it is recognised as from before the lock, wiped, and the project stays in travel mode."""
    project, _ = archived
    root = project.root
    old_copy = (root / KEY_FILE).read_bytes()
    travel_lock(project)
    (root / KEY_FILE).write_bytes(old_copy)
    with pytest.raises(ProjectError, match="travel mode"):
        Project.open(root, PASSPHRASE, clock)
    assert not (root / KEY_FILE).exists()
    with pytest.raises(ProjectError, match="travel mode"):
        Project.open(root, PASSPHRASE, clock)


def test_quick_wipe_is_immediate_and_leaves_nothing_decryptable(archived, clock):
    project, _ = archived
    root = project.root
    audio = project.objects.put("audio", b"pretend audio")
    enforce(project)  # locks its key to the 30-day backstop's deadline secret
    assert deadline_locks.pending_slots(root)
    project.close()  # (the lock marked a key rotation due: the archive copy is the rotated key's)
    archive_keys = keys.unwrap_with_identity((root / ARCHIVE_KEY_FILE).read_bytes(), str(INSTITUTION))
    started = time.perf_counter()
    wiped = quick_wipe(root)
    elapsed = time.perf_counter() - started
    assert wiped == [str(KEY_FILE)] and elapsed < 5  # (measured for real in scripts/bench wipe)
    assert every_secret_on_disk(root) == []
    with pytest.raises(ProjectError):
        Project.open(root, PASSPHRASE, clock)
    # the institution can still recover the project from its archive copy
    with Project._unlock(root, archive_keys, clock) as recovered:
        assert recovered.audit.entries()
        assert recovered.objects.get(audio) == b"pretend audio"  # a plain wipe keeps the deadline secrets
    secrets_before = len(deadline_locks.pending_slots(root))  # the audio's, and the pseudonym map's
    assert quick_wipe(root, everything=True) == [str(ARCHIVE_KEY_FILE),
                                                 f"retention/locks/ ({secrets_before} deadline secret(s))"]
    assert not list((root / "keys").iterdir()) and deadline_locks.pending_slots(root) == []


def test_seal_after_export_per_policy(archived, tmp_path):
    from fieldkit.export.writer import ExportRequest, run_export

    project, interview = archived
    project.policy = replace(project.policy, seal_after_export=True)
    run_export(project, ExportRequest("csv", tmp_path / "out.csv", all_text=True))
    assert get_interview(project, interview).sealed is not None
    assert all(o.interview != interview for o in project.objects.list() if project_can_read(project, o.id))


def test_failed_unlocks_are_counted_only_under_a_wipe_policy_and_reset_on_success(tmp_path, clock):
    from fieldkit.vault.duress import FAILURES_FILE, failed_unlocks

    policy = tmp_path / "duress.toml"
    policy.write_text(REFERENCE_POLICY.read_text() + "\n[duress]\nwipe_after_failed_unlocks = 3\n")
    Project.create(tmp_path / "p", policy, PASSPHRASE, clock, work_factor=TEST_WORK_FACTOR).close()
    for left in (2, 1):
        with pytest.raises(WrongPassphrase, match=f"{left} attempt"):
            Project.open(tmp_path / "p", "not it at all", clock)
    assert failed_unlocks(tmp_path / "p") == 2
    Project.open(tmp_path / "p", PASSPHRASE, clock).close()
    assert not (tmp_path / "p" / FAILURES_FILE).exists()
    with pytest.raises(WrongPassphrase, match="2 attempts left"):  # the count starts again
        Project.open(tmp_path / "p", "not it at all", clock)
