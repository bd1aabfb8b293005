"""Issue 15, the terminal app: notes being typed survive the idle and panic locks as an encrypted draft;
ctrl+q during a job exits within seconds with the project closed; "unlocking…" is drawn before scrypt starts."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import CONSENT_ITEMS, FIXTURES, PASSPHRASE, REFERENCE_POLICY
from tests.tui.conftest import NOW, make_app, screen_text, settle, unlock, wait_until

ALL_YES = dict.fromkeys(CONSENT_ITEMS, True)
# Words that must never reach the disk in the clear (each is looked for on its own, in UTF-8 and UTF-16).
SECRETS = ("Zhanargul", "Baitursynov", "night shift at the checkpoint")
NOTES = "Zhanargul Baitursynov would not be recorded.\n\nShe described the night shift at the checkpoint."


def respondent_with_consent(project):
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent

    add_respondent(project, "P")
    record_consent(project, "P1", language="en", answers=ALL_YES)


def plaintext_on_disk(root: Path) -> list[str]:
    """Every (file, word) where a word of the notes lies in the clear under ``root``."""
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for word in SECRETS:
            if word.encode() in data or word.encode("utf-16-le") in data:
                found.append(f"{path.relative_to(root)}: {word}")
    return found


def draft_ids(project) -> list[str]:
    return project.objects.live_ids(respondent="P1", kind="notes_draft")


# --------------------------------------------------------------------------------------------------------
# 1. Notes survive a lock as an encrypted draft
# --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lock", ["idle", "ctrl+l"])
async def test_typed_notes_survive_the_lock_as_an_encrypted_draft_offered_after_unlock(
        tui_root, seeded, monkeypatch, lock):
    from fieldkit.tui.screens.capture import NotesScreen

    monkeypatch.setattr(NotesScreen, "DRAFT_EVERY_S", 3600.0, raising=False)  # only the lock stores the draft
    seeded(respondent_with_consent)
    app = make_app(tui_root, idle_lock_s=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        area = app.screen.query_one("#notes")
        area.insert(NOTES)  # what typing it would give, without a keypress per letter
        await pilot.pause()
        if lock == "idle":
            app.idle_lock_s = 0.5  # shortened only now, as in test_screens.test_idle_auto_lock
            await wait_until(pilot, lambda: app.project is None, "the idle lock closed the project", timeout=30)
            app.idle_lock_s = 3600
        else:
            await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.project is None and type(app.screen).__name__ == "UnlockScreen"
        assert "Zhanargul" not in screen_text(app)
        assert plaintext_on_disk(tui_root) == []

        await unlock(app, pilot)
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen", "the draft is offered")
        offered = screen_text(app)
        assert "A draft of notes for P1 was kept when the app locked" in offered, offered
        choices = app.screen.query_one("#choices")
        assert [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)] == [
            "Open it", "Discard it", "Later (n on P1 opens it)"]
        await pilot.press("enter")  # the first choice: open it
        await wait_until(pilot, lambda: type(app.screen).__name__ == "NotesScreen", "the notes screen opened")
        assert app.screen.query_one("#notes").text == NOTES
        assert plaintext_on_disk(tui_root) == []
        await pilot.press("ctrl+s")  # stored as the interview; the draft is destroyed with it
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen" and "P1-1 notes" in screen_text(app)

    def check(project):
        from fieldkit.capture.notes import load_drafts
        from fieldkit.interviews import list_interviews
        from fieldkit.transcribe.runner import load_transcript

        (interview,) = list_interviews(project)
        texts = [s.text for s in load_transcript(project, interview.id).segments]
        drafts = [o for o in project.objects.list(include_destroyed=True) if o.kind == "notes_draft"]
        return texts, load_drafts(project), [(o.destroyed is not None, project.objects.key_erased(o.id))
                                             for o in drafts]
    texts, live, drafts = seeded(check)
    assert texts == ["Zhanargul Baitursynov would not be recorded.",
                     "She described the night shift at the checkpoint."]
    assert live == [] and drafts == [(True, True)]  # one draft, destroyed with its key erased
    assert plaintext_on_disk(tui_root) == []


async def test_a_draft_is_kept_every_few_seconds_and_can_be_discarded_from_the_offer(tui_root, seeded, monkeypatch):
    """The periodic draft is what survives a crash (nothing runs on a kill -9); the offer's discard destroys it."""
    from fieldkit.capture.notes import load_draft
    from fieldkit.tui.screens.capture import NotesScreen

    monkeypatch.setattr(NotesScreen, "DRAFT_EVERY_S", 0.2, raising=False)
    seeded(respondent_with_consent)
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#notes").insert(NOTES)
        await wait_until(pilot, lambda: (d := load_draft(app.project, "P1")) is not None and d.text == NOTES,
                         "the draft was stored without a lock")
        assert plaintext_on_disk(tui_root) == []
        app.screen.query_one("#notes").insert(" More.")
        await wait_until(pilot, lambda: load_draft(app.project, "P1").text == NOTES + " More.",
                         "the changed text replaced the draft")
        assert len(draft_ids(app.project)) == 1  # one draft per respondent, the older one's key erased
        await pilot.press("f12")
        await settle(app, pilot)
        await unlock(app, pilot)
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen", "the draft is offered")
        await pilot.press("down", "enter")  # discard it
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen" and load_draft(app.project, "P1") is None
        assert "the draft of notes for P1 was destroyed" in [n.message for n in app._notifications]
    drafts = seeded(lambda p: [(o.destroyed is not None, p.objects.key_erased(o.id))
                               for o in p.objects.list(include_destroyed=True) if o.kind == "notes_draft"])
    assert drafts and all(d == (True, True) for d in drafts)


async def test_escape_can_leave_the_notes_as_a_draft_that_n_opens_again(tui_root, seeded):
    seeded(respondent_with_consent)
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#notes").insert(NOTES)
        await pilot.press("escape")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ChoiceScreen", "the discard question")
        await pilot.press("down", "down", "enter")  # leave them as a draft
        await wait_until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen", "back on the dashboard")
        assert len(draft_ids(app.project)) == 1 and plaintext_on_disk(tui_root) == []
        await pilot.press("n")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "NotesScreen", "the notes screen")
        assert app.screen.query_one("#notes").text == NOTES


def test_drafts_one_per_respondent_replaced_discarded_and_never_old(seeded, tui_root):
    """The core functions: each save replaces the previous draft (its key erased in the same transaction), a
    discard destroys it, and a draft older than DRAFT_MAX_AGE is destroyed when drafts are loaded."""
    from fieldkit.capture.notes import DRAFT_MAX_AGE, discard_draft, load_draft, load_drafts, save_draft
    from fieldkit.interviews import Metadata

    def scene(project):
        respondent_with_consent(project)
        save_draft(project, "P1", "first")
        (first,) = draft_ids(project)
        save_draft(project, "P1", NOTES, Metadata(place_category="cafe"))
        (second,) = draft_ids(project)
        assert first != second and project.objects.key_erased(first)
        draft = load_draft(project, "P1")
        assert (draft.text, draft.metadata.place_category) == (NOTES, "cafe")
        assert [d.respondent for d in load_drafts(project)] == ["P1"]
        save_draft(project, "P1", "  \n")  # nothing but blanks: no draft at all
        assert draft_ids(project) == [] and project.objects.key_erased(second)
        save_draft(project, "P1", NOTES)
        assert discard_draft(project, "P1") and load_draft(project, "P1") is None
        assert not discard_draft(project, "P1")
        save_draft(project, "P1", NOTES)
        project.clock.instant = NOW + DRAFT_MAX_AGE + timedelta(minutes=1)
        assert load_drafts(project) == [] and draft_ids(project) == []
        reasons = [e.data.get("reason") for e in project.audit.entries() if e.event == "object_destroyed"]
        return reasons

    assert seeded(scene) == ["replaced", "draft_discarded", "draft_discarded", "draft_expired"]
    assert plaintext_on_disk(tui_root) == []


def test_a_policy_may_give_drafts_their_own_rule(tmp_path):
    from fieldkit.retention.policy import OBJECT_KINDS, load_policy

    assert "notes_draft" in OBJECT_KINDS
    for bundled in sorted(REFERENCE_POLICY.parent.glob("*.toml")):
        load_policy(bundled)  # adding a kind changes none of the bundled policies
    policy = tmp_path / "p.toml"
    policy.write_text(REFERENCE_POLICY.read_text() + '\n[[rules]]\napplies_to = "notes_draft"\nafter = "stored"\n'
                      'within = "24h"\naction = "destroy"\n')
    assert [r.within for r in load_policy(policy).rules if r.applies_to == "notes_draft"] == [timedelta(hours=24)]


# --------------------------------------------------------------------------------------------------------
# 2. ctrl+q during a job: the app exits within 5 s and the project is closed
# --------------------------------------------------------------------------------------------------------

def project_is_closed(project) -> bool:
    import sqlcipher3

    try:
        project.conn.execute("SELECT 1")
    except sqlcipher3.ProgrammingError:
        return True
    return False


@pytest.mark.parametrize("job", ["stops_when_cancelled", "stuck_in_a_block"])
async def test_ctrl_q_during_a_transcription_exits_within_5_s_with_the_project_closed(
        tui_root, seeded, monkeypatch, job):
    """The transcription worker path of the real screen, with whisper replaced by a job that either stops at
    the cancel event or ignores it (a block that takes minutes to decode). Its thread must be a daemon: the
    event loop's executor is otherwise joined when the loop closes, and a real process kept running (terminal
    blank, keys in memory) until whisper finished; the tmux test below checks the real process."""
    from fieldkit.capture.importer import import_audio
    from fieldkit.transcribe import runner

    release = threading.Event()  # lets the stuck job end after the test
    started = threading.Event()
    seen: dict = {}

    def long_transcription(project, interview_id, *, cancel, **_):
        seen.update(project=project, cancel=cancel, daemon=threading.current_thread().daemon)
        started.set()
        if job == "stops_when_cancelled":
            cancel.wait(600)
            raise runner.TranscriptionCancelled("transcription cancelled")
        release.wait(600)
        raise runner.TranscriptionCancelled("transcription cancelled")

    monkeypatch.setattr(runner, "transcribe_interview", long_transcription)
    seeded(lambda p: (respondent_with_consent(p), import_audio(p, "P1", FIXTURES / "short_en.wav")))
    app = make_app(tui_root)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await unlock(app, pilot)
            await pilot.press("t")
            await pilot.pause()
            await pilot.press("s")
            await wait_until(pilot, lambda: started.is_set() and app.busy, "the transcription runs")
            pressed = time.monotonic()
            await pilot.press("ctrl+q")
            while app.is_running and time.monotonic() - pressed < 10:
                await asyncio.sleep(0.05)
            took = time.monotonic() - pressed
        assert took < 5, f"the app took {took:.1f} s to exit"
        assert app.project is None and not app.closing
        assert project_is_closed(seen["project"])  # the keys left with the connection
        assert seen["daemon"], "the job ran in a thread that keeps the process alive until it ends"
    finally:
        release.set()
        if "cancel" in seen:
            seen["cancel"].set()


async def test_ctrl_q_keeps_the_notes_being_typed_as_a_draft(tui_root, seeded, monkeypatch):
    from fieldkit.capture.notes import load_draft
    from fieldkit.tui.screens.capture import NotesScreen

    monkeypatch.setattr(NotesScreen, "DRAFT_EVERY_S", 3600.0, raising=False)
    seeded(respondent_with_consent)
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#notes").insert(NOTES)
        pressed = time.monotonic()
        await pilot.press("ctrl+q")
        while app.is_running and time.monotonic() - pressed < 10:
            await asyncio.sleep(0.05)
        assert time.monotonic() - pressed < 5 and app.project is None
    assert seeded(lambda p: load_draft(p, "P1").text) == NOTES
    assert plaintext_on_disk(tui_root) == []


def test_the_worker_threads_never_keep_the_process_alive():
    """Textual runs thread workers in the loop's default executor; the app's is daemonic and waits for nothing."""
    from fieldkit.tui.app import DaemonThreads

    executor = DaemonThreads()
    release = threading.Event()
    future = executor.submit(release.wait, 600)
    assert executor.running() and all(t.daemon for t in executor.threads)
    began = time.monotonic()
    executor.shutdown(wait=True)
    assert time.monotonic() - began < 0.5
    release.set()
    assert future.result(timeout=5) is True
    assert not executor.running()


# --------------------------------------------------------------------------------------------------------
# 3. "unlocking…" is drawn before scrypt starts
# --------------------------------------------------------------------------------------------------------

async def test_unlocking_is_drawn_before_the_passphrase_is_derived(tui_root, monkeypatch):
    import fieldkit.session

    app = make_app(tui_root)
    frames: list[str] = []  # what the status label said at each frame the app sent to the terminal
    drawn_before_scrypt: list[list[str]] = []
    real_open = fieldkit.session.open_session

    def open_session(*args, **kwargs):
        drawn_before_scrypt.append(list(frames))  # scrypt holds the interpreter lock from here on
        return real_open(*args, **kwargs)

    monkeypatch.setattr(fieldkit.session, "open_session", open_session)
    async with app.run_test(size=(80, 24)) as pilot:
        display = app._display

        def recording_display(screen, renderable):
            if type(screen).__name__ == "UnlockScreen" and renderable is not None:
                frames.append(str(screen.query_one("#unlock-status").render()))
            display(screen, renderable)

        app._display = recording_display
        await pilot.pause()
        await pilot.press(*PASSPHRASE, "enter")
        await pilot.pause()
        if app.project is None:  # the next frame, before the project opens
            assert "unlocking…" in str(app.screen.query_one("#unlock-status").render())
        await settle(app, pilot)
        assert app.project is not None
    assert drawn_before_scrypt and "unlocking…" in drawn_before_scrypt[0], drawn_before_scrypt


# --------------------------------------------------------------------------------------------------------
# The real process in a real terminal (tmux): "unlocking…" shows, and ctrl+q during whisper ends the process
# --------------------------------------------------------------------------------------------------------

def process_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def processes_using(path: Path) -> list[int]:
    """fieldkit processes (not the tmux server, whose command line holds the same words) on ``path``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if (str(path).encode() in cmdline and b"fieldkit.cli" in cmdline and not cmdline.startswith(b"tmux")
                    and process_alive(int(entry.name))):
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (scripts/test installs it)")
def test_ctrl_q_during_whisper_ends_the_process_within_5_s_in_a_real_terminal(tui_root, seeded, tmp_path):
    from fieldkit.capture.importer import import_audio
    from tests.tui.test_tmux import SAMPLE, Terminal

    seeded(lambda p: (respondent_with_consent(p), import_audio(p, "P1", SAMPLE)))
    env = {**os.environ, "FIELDKIT_NOW": "2026-03-01T09:00:00Z", "HOME": str(tmp_path / "home")}
    env.pop("FIELDKIT_PASSPHRASE", None)
    term = Terminal(tmp_path / "tmux.sock", env)
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "fk", "-x", "100", "-y", "30",
              f"exec {sys.executable} -m fieldkit.cli --project {tui_root} tui")
    try:
        term.wait_for("locked")
        pid = int(term.tmux("list-panes", "-t", "fk", "-F", "#{pane_pid}").strip())
        assert processes_using(tui_root) == [pid]
        term.keys(PASSPHRASE, literal=True)
        term.keys("Enter")
        deadline = time.monotonic() + 30
        shown = ""
        while "unlocking…" not in shown and "Respondents" not in shown and time.monotonic() < deadline:
            shown = term.screen()
            time.sleep(0.02)
        assert "unlocking…" in shown, shown  # drawn before scrypt froze the screen
        term.wait_for("Respondents")
        term.keys("t")
        term.wait_for("Transcribe P1-1")
        term.keys("l", "l", "l", "s")  # English, then start: whisper loads and decodes in a worker
        term.wait_for("loading the model")
        time.sleep(1.0)  # inside whisper now (or still loading it)
        pressed = time.monotonic()
        term.keys("C-q")
        while process_alive(pid) and time.monotonic() - pressed < 30:
            time.sleep(0.05)
        took = time.monotonic() - pressed
        assert not process_alive(pid), "the app was still running 30 s after ctrl+q"
        assert took < 5, f"the process took {took:.1f} s to end after ctrl+q"
        assert processes_using(tui_root) == []
    finally:
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], env=env, capture_output=True)
