"""Deadlines kept while nobody opens the project, and a clock that cannot be set back quietly (issue 19).

The retention timer (`fieldkit retention tick`, what the installed user timer runs) gets no passphrase and
never opens the database; these tests drive it with FIELDKIT_NOW."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from fieldkit.errors import ObjectDestroyed
from fieldkit.vault import deadline_locks
from fieldkit.vault.project import Project
from tests.conftest import FIXTURES, PASSPHRASE, FixedClock

CAPTURED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)  # the fk fixture's FIELDKIT_NOW
BACKSTOP = CAPTURED + timedelta(days=30)  # audio:captured:30d in the reference protocol


def _at(moment: datetime) -> dict:
    return {"FIELDKIT_NOW": moment.strftime("%Y-%m-%dT%H:%M:%SZ")}


def _audio(fk) -> str:
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    fk("capture", "import", "P1", str(FIXTURES / "short_en.wav"))
    listed = json.loads(fk("retention", "status", "--json").stdout)
    return next(item for item in listed if item["kind"] == "audio")["object"]


def test_the_timer_destroys_audio_on_time_with_the_project_never_opened(fk):
    audio = _audio(fk)
    root = fk.project
    # locked to its backstop deadline as it was stored: a slot file at the deadline, the key wrapped under it
    slot = deadline_locks.slot_for(BACKSTOP)
    assert deadline_locks.pending_slots(root) == [slot]
    no_passphrase = {"FIELDKIT_PASSPHRASE": ""}

    early = fk("retention", "tick", env={**no_passphrase, **_at(BACKSTOP - timedelta(minutes=1))})
    assert early.stdout == "" and deadline_locks.pending_slots(root) == [slot]  # never before the deadline

    slot_bytes = (root / deadline_locks.LOCKS_DIR / f"{slot}.key").read_bytes()
    with open(root / deadline_locks.LOCKS_DIR / f"{slot}.key", "rb") as handle:  # opened before the tick
        on_time = fk("retention", "tick", env={**no_passphrase, **_at(BACKSTOP + timedelta(minutes=14))})
        assert on_time.stdout == f"erased deadline slot {slot}\n"
        handle.seek(0)
        assert handle.read() == bytes(len(slot_bytes))  # overwritten in place, not renamed away
    assert deadline_locks.pending_slots(root) == []

    # with the passphrase, before any command has recorded it: the object cannot be decrypted by anyone
    with (Project.open(root, PASSPHRASE, FixedClock(BACKSTOP + timedelta(minutes=20))) as project,
          pytest.raises(ObjectDestroyed, match="retention timer")):
        project.objects.get(audio)

    # the next unlock, even one that destroys nothing itself, records what the timer destroyed and when
    status = fk("retention", "status", "--json", "--all", env=_at(BACKSTOP + timedelta(days=2)))
    assert next(i for i in json.loads(status.stdout) if i["object"] == audio)["state"] == "destroyed"
    assert "retention: destroyed audio" in status.stderr
    with Project.open(root, PASSPHRASE, FixedClock(BACKSTOP + timedelta(days=2))) as project:
        entry = next(e for e in project.audit.entries() if e.event == "object_destroyed" and e.data["object"] == audio)
    assert entry.data["reason"] == "timer" and entry.data["rule"] == "audio:captured:30d"
    assert entry.data["destroyed"] == "2026-03-31T09:14:00.000000Z" and entry.data["slot"] == slot
    assert entry.data["deadline"] == "2026-03-31T09:00:00.000000Z"


def test_a_clock_set_back_warns_on_every_command_until_time_passes_the_mark(fk):
    fk("respondent", "add", "--category", "P", env=_at(datetime(2026, 5, 1, tzinfo=UTC)))
    back = datetime(2026, 4, 1, tzinfo=UTC)
    # a command that writes entries under the wrong clock: they must not become the new "latest time"
    assert "clock went backwards" in fk("respondent", "add", "--category", "L", env=_at(back)).stderr
    for day in (back, back, datetime(2026, 4, 25, tzinfo=UTC)):
        result = fk("respondent", "list", env=_at(day))
        assert "clock went backwards" in result.stderr and "2026-05-01T00:00:00" in result.stderr
    assert "clock went backwards" not in fk("respondent", "list", env=_at(datetime(2026, 5, 2, tzinfo=UTC))).stderr


def test_a_clock_a_few_days_behind_but_after_the_last_entry_warns(fk):
    fk("respondent", "add", "--category", "P", env=_at(datetime(2026, 4, 1, tzinfo=UTC)))
    fk("respondent", "list", env=_at(datetime(2026, 4, 20, tzinfo=UTC)))  # writes no entry, but was seen
    result = fk("respondent", "list", env=_at(datetime(2026, 4, 17, tzinfo=UTC)))
    assert "clock went backwards" in result.stderr


def test_schedule_prints_units_whose_command_runs_the_tick(fk):
    import shlex
    import subprocess

    _audio(fk)
    printed = fk("retention", "schedule", "--print").stdout
    assert "OnCalendar=*:0/15" in printed and "Persistent=true" in printed and "Type=oneshot" in printed
    cron = next(line for line in printed.splitlines() if line.startswith("*/15 "))
    command = shlex.split(cron.split(" >/dev/null")[0])[5:]
    assert command[-2:] == ["retention", "tick"] and str(fk.project.resolve()) in command
    # what the timer runs, as the timer runs it: no passphrase in its environment
    ran = subprocess.run(command, capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "FIELDKIT_NOW": "2026-03-31T09:30:00Z"})
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == f"erased deadline slot {deadline_locks.slot_for(BACKSTOP)}\n"


def test_an_approval_moves_the_lock_earlier_before_the_command_ends(fk):
    """Approve, close, never open again: the audio goes 3 days after the approval, not at its 30-day backstop."""
    from fieldkit.anonymise import review as rv
    from fieldkit.session import open_session
    from tests.conftest import add_transcribed_interview

    root = fk.project
    approved = CAPTURED + timedelta(hours=2)
    with open_session(root, PASSPHRASE, FixedClock(CAPTURED)) as session:
        project = session.project
        interview = add_transcribed_interview(project, "P", ["Мы работали по ночам."])

        def link(conn, object_id):
            conn.execute("UPDATE interviews SET audio_object = ? WHERE id = ?", (object_id, interview))

        audio = project.objects.put("audio", b"pretend opus", respondent="P1", interview=interview, on_stored=link)
    assert deadline_locks.pending_slots(root) == [deadline_locks.slot_for(BACKSTOP)]
    with open_session(root, PASSPHRASE, FixedClock(approved)) as session:
        rv.accept_suggestions(session.project, interview)
        rv.approve(session.project, interview)
    deadline = approved + timedelta(days=3)
    assert deadline_locks.slot_for(deadline) in deadline_locks.pending_slots(root)  # locked before it closed

    erased = deadline_locks.tick(root, deadline + timedelta(minutes=15))
    assert [slot for slot, _ in erased] == [deadline_locks.slot_for(deadline)]
    with (Project.open(root, PASSPHRASE, FixedClock(deadline + timedelta(minutes=20))) as project,
          pytest.raises(ObjectDestroyed, match="retention timer")):
        project.objects.get(audio)


def test_a_timer_killed_between_its_log_and_the_unlink_still_counts_the_slot_as_erased(fk):
    """The tick zeroes the file, logs it, then unlinks: a kill in between leaves a zeroed file, which opens
    nothing and is recorded as the timer's destruction like a removed one."""
    audio = _audio(fk)
    root = fk.project
    slot = deadline_locks.slot_for(BACKSTOP)
    path = root / deadline_locks.LOCKS_DIR / f"{slot}.key"
    path.write_bytes(bytes(32))  # what the kill leaves
    (root / deadline_locks.LOCKS_DIR / deadline_locks.DESTROYED_LOG).write_text(f"{slot} 2026-03-31T09:05:00.000000Z\n")
    with (Project.open(root, PASSPHRASE, FixedClock(BACKSTOP + timedelta(hours=1))) as project,
          pytest.raises(ObjectDestroyed, match="retention timer")):
        project.objects.get(audio)
    status = fk("retention", "status", "--json", "--all", env=_at(BACKSTOP + timedelta(hours=1)))
    assert next(i for i in json.loads(status.stdout) if i["object"] == audio)["state"] == "destroyed"
