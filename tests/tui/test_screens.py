"""Each screen driven with Pilot against a real project: what the user sees and what the vault holds."""

from __future__ import annotations

import asyncio
import time

import numpy as np
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.interviews import get_interview, list_interviews
from fieldkit.services.overview import stages
from tests.conftest import CONSENT_ITEMS, FIXTURES, PASSPHRASE, TEST_WORK_FACTOR, add_transcribed_interview
from tests.tui.conftest import make_app, screen_text, settle, unlock, wait_until

ALL_YES = dict.fromkeys(CONSENT_ITEMS, True)


def approved(project, category, texts):
    interview = add_transcribed_interview(project, category, texts)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview


async def test_unlock_refuses_a_wrong_passphrase_then_opens(tui_root):
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "UnlockScreen" and app.project is None
        await unlock(app, pilot, "not the passphrase")
        assert "wrong passphrase" in screen_text(app) and app.project is None
        await unlock(app, pilot, "still not the passphrase")
        assert "failed attempt 2" in screen_text(app)
        await unlock(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen" and app.project is not None
    assert app.project is None  # closed on exit


async def test_failed_unlocks_wipe_the_keys_when_the_policy_says_so(tmp_path):
    from fieldkit.clock import FixedClock
    from fieldkit.vault.project import KEY_FILE, Project
    from tests.conftest import REFERENCE_POLICY
    from tests.tui.conftest import NOW

    policy = tmp_path / "duress.toml"
    policy.write_text(REFERENCE_POLICY.read_text() + "\n[duress]\nwipe_after_failed_unlocks = 2\n")
    Project.create(tmp_path / "p", policy, PASSPHRASE, FixedClock(NOW), work_factor=TEST_WORK_FACTOR).close()
    app = make_app(tmp_path / "p")
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot, "guess one")
        assert "1 attempt left before the keys are wiped" in screen_text(app)
        assert (tmp_path / "p" / KEY_FILE).exists()
        await unlock(app, pilot, "guess two")
        assert "the passphrase-wrapped keys were wiped" in screen_text(app)
        assert not (tmp_path / "p" / KEY_FILE).exists()
        await unlock(app, pilot)  # even the right passphrase cannot open it now
        assert app.project is None


async def test_panic_key_locks_at_once_from_any_screen(tui_root, seeded):
    seeded(lambda p: approved(p, "P", ["Начальство требовало план."]))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("a")  # the audit screen, over the dashboard
        await pilot.pause()
        assert "P1-1" in screen_text(app)
        app.notify("exported P1-1 to /home/me/study.qdpx")
        await pilot.press("f12")
        await pilot.pause()
        assert type(app.screen).__name__ == "UnlockScreen" and app.project is None
        assert len(app.screen_stack) == 2 and "P1" not in screen_text(app)
        assert len(app._notifications) == 0  # no toast outlives the lock
        await unlock(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen" and app.locks == 1


async def test_idle_auto_lock(tui_root):
    app = make_app(tui_root, idle_lock_s=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        assert app.project is not None
        # Shortened only once unlocked: with 0.5 s from the start, a slow unlock on a loaded machine could be
        # locked before the check above.
        app.idle_lock_s = 0.5
        await wait_until(pilot, lambda: app.project is None, "the idle lock closed the project", timeout=30)
        await pilot.pause()
        assert app.project is None and type(app.screen).__name__ == "UnlockScreen"


async def test_dashboard_lists_respondents_stages_consent_and_due_retention(tui_root, seeded):
    from fieldkit import pipeline
    from fieldkit.capture.importer import import_audio
    from fieldkit.coding.codebook import add_code
    from fieldkit.coding.excerpts import apply_code
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent
    from fieldkit.documents import Segment, Transcript

    def scene(project):
        code = add_respondent(project, "P")
        record_consent(project, code, language="en", answers=ALL_YES)
        recorded = import_audio(project, code, FIXTURES / "short_en.wav")
        transcript = Transcript("en", "base", 3.0, (Segment(0.0, 3.0, "We worked at night."),))

        def link(conn, object_id):
            pipeline.transcript_stored(conn, recorded, object_id)

        project.objects.put("transcript", transcript.to_bytes(), respondent=code, interview=recorded, on_stored=link)
        rv.accept_suggestions(project, recorded)
        rv.approve(project, recorded)  # the audio is now due within 3 days
        coded = approved(project, "L", ["Суд длился год."])
        add_code(project, "courts")
        apply_code(project, coded, "courts", quote="Суд")
        add_respondent(project, "DE")  # no consent yet
        return stages(project)

    assert seeded(scene) == {"P1-1": "approved", "L1-1": "coded"}
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        shown = screen_text(app)
        assert "P1 P quotes" in shown and "DE1 DE none" in shown
        assert "P1-1 recorded 2026-03-01 approved" in shown and "L1-1 recorded 2026-03-01 coded" in shown
        assert "audio P1-1 audio:transcript_approved:3d 2026-03-04 09:00 pending" in shown


async def test_consent_wizard_records_each_answer_in_the_chosen_language(tui_root, seeded):
    from fieldkit.consent.respondents import add_respondent

    seeded(lambda p: add_respondent(p, "L"))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("c", "2")
        await pilot.pause()
        assert "Согласие" in screen_text(app) or "согласи" in screen_text(app).lower()
        await pilot.press("enter")  # not every item answered yet: refused
        await pilot.pause()
        assert type(app.screen).__name__ == "ConsentScreen"
        await pilot.press("y", "y", "y", "n", "y", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
    consent = seeded(lambda p: __import__("fieldkit.consent.records", fromlist=["x"]).current_consent(p, "L1"))
    assert consent.language == "ru" and consent.answers == {"participate": True, "audio_recording": True,
                                                            "excerpts": True, "quotation": False, "archiving": True}


async def test_notes_and_import_screens_store_encrypted_interviews(tui_root, seeded, tmp_path):
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent

    seeded(lambda p: (add_respondent(p, "P"), record_consent(p, "P1", language="en", answers=ALL_YES)))
    bad = tmp_path / "broken.mp3"
    bad.write_bytes(b"ID3" + b"\x00" * 200)
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"He would not be recorded.", "enter", "enter", *"Second paragraph.", "ctrl+s")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*str(bad), "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ImportScreen" and "nothing was stored" in screen_text(app)
        app.screen.query_one("#path").value = str(FIXTURES / "short_en.wav")
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert "P1-2 recorded" in screen_text(app) and "P1-1 notes" in screen_text(app)

    def check(project):
        notes, audio = list_interviews(project)
        return notes.mode, notes.transcript_object is not None, audio.audio_object is not None
    assert seeded(check) == ("notes", True, True)


async def test_lexicon_screen_stores_typed_lines_by_kind_and_never_shows_them(tui_root, seeded):
    from fieldkit.anonymise.lexicon import typed_entries

    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LexiconScreen" and "0 typed so far" in screen_text(app)
        await pilot.press(*"Мурат Кожанов", "enter", *"Лысый", "ctrl+s")
        await pilot.pause()
        await pilot.press(*"Павлодар", "ctrl+p")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "3 typed so far" in shown and "Кожанов" not in shown and "Павлодар" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
    assert seeded(lambda p: [(e.text, e.entity) for e in typed_entries(p)]) == [
        ("Мурат Кожанов", "PERSON"), ("Лысый", "PERSON"), ("Павлодар", "LOCATION")]


async def test_recorder_screen_meter_off_record_and_stop(tui_root, seeded, monkeypatch):
    """The real recorder and vault, with the sound card replaced by a stream that plays the sample
    (tests/functional/test_live_recording.py records through a real PulseAudio device)."""
    import threading
    import time

    import sounddevice

    from fieldkit.capture import audio
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent

    speech = audio.decode((FIXTURES / "short_en.wav").read_bytes()).samples.astype(np.float32)

    class PlayingStream:
        def __init__(self, *, callback, blocksize, **_):
            self.callback, self.blocksize, self.stop = callback, blocksize, threading.Event()

        def __enter__(self):
            def feed():
                position = 0
                while not self.stop.is_set():
                    block = np.resize(speech[position:position + self.blocksize], self.blocksize)
                    self.callback(block.reshape(-1, 1), self.blocksize, None, None)
                    position = (position + self.blocksize) % len(speech)
                    time.sleep(0.02)
            threading.Thread(target=feed, daemon=True).start()
            return self

        def __exit__(self, *exc):
            self.stop.set()

    monkeypatch.setattr(sounddevice, "InputStream", PlayingStream)
    seeded(lambda p: (add_respondent(p, "P"), record_consent(p, "P1", language="en", answers=ALL_YES)))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("m")
        await asyncio.sleep(1.5)  # at least 1.5 s of recording (the duration checked below)
        await wait_until(pilot, lambda: "recording" in screen_text(app) and app.screen.query_one("#meter").progress
                         > 0, "the recorder shows the level")
        assert "recording" in screen_text(app) and app.screen.query_one("#meter").progress > 0
        await pilot.press("o")
        await asyncio.sleep(1.0)  # a second off the record
        await wait_until(pilot, lambda: "OFF THE RECORD" in screen_text(app), "the recorder shows OFF THE RECORD")
        assert "OFF THE RECORD" in screen_text(app)
        await pilot.press("o", "s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"

    def check(project):
        (interview,) = list_interviews(project)
        return interview.mode, interview.duration_s, interview.off_record
    mode, duration, off_record = seeded(check)
    assert mode == "recorded" and duration > 1 and off_record not in (None, "[]")


async def test_transcribe_screen_runs_whisper_in_a_worker(tui_root, seeded):
    from fieldkit.capture.importer import import_audio
    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent

    def scene(project):
        add_respondent(project, "P")
        record_consent(project, "P1", language="en", answers=ALL_YES)
        return import_audio(project, "P1", FIXTURES / "short_en.wav")

    interview = seeded(scene)
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("t", "l", "l", "l")  # auto → ru → kk → en
        await pilot.pause()
        assert "language: en" in screen_text(app)
        await pilot.press("s")
        await settle(app, pilot)
        assert "done:" in screen_text(app) and "language en" in screen_text(app)
        assert app.screen.query_one("#transcribe-progress").percentage == 1.0
    assert seeded(lambda p: get_interview(p, interview).transcript_object) is not None


async def test_review_screen_highlights_decides_retypes_and_approves(tui_root, seeded):
    interview = seeded(lambda p: add_transcribed_interview(
        p, "DE", ["Товар давал Ерлан Жумабаев из Шымкента.", "Звонил в Казпочту."]))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        table = app.screen.query_one("#span-table")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert any(r[2] == "PERSON" and "Жумабаев" in r[4] for r in rows)
        assert all(r[3] == "pending" for r in rows)
        spans = app.screen.query_one("#transcript-text").render().spans
        colours = {span.style.foreground for span in spans}
        assert len(spans) == len(rows) and len(colours) == 2  # persons in one colour, places in another
        assert all(span.style.reverse for span in spans)  # both still pending
        place = next(i for i, r in enumerate(rows) if r[2] == "LOCATION")
        table.move_cursor(row=place)
        await pilot.press("x")  # keep the town
        await pilot.pause()
        await pilot.press("A", "ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
    text = seeded(lambda p: rv.load_anonymised(p, interview).text)
    assert "Жумабаев" not in text and "[PERSON-1]" in text and "Шымкента" in text
    assert seeded(lambda p: get_interview(p, interview).approved) is not None


async def test_review_retype_and_add_a_span_change_the_text(tui_root, seeded):
    interview = seeded(lambda p: add_transcribed_interview(p, "P", ["Меня допрашивал Ержан Касымов.",
                                                                    "Хромой стоял у двери."]))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        options = app.screen.query_one("#choices")
        options.highlighted = next(i for i in range(options.option_count)
                                   if options.get_option_at_index(i).id == "ORGANIZATION")
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("plus")  # add a span the detectors missed: a nickname
        await pilot.pause()
        await pilot.press(*"Хромой", "enter")
        await pilot.pause()
        await pilot.press("enter")  # first type offered: PERSON
        await settle(app, pilot)
        await pilot.press("A", "ctrl+s")
        await settle(app, pilot)
    text = seeded(lambda p: rv.load_anonymised(p, interview).text)
    assert "[ORG-1]" in text and "Хромой" not in text and "[PERSON-1]" in text


async def test_coding_screen_applies_codes_to_a_selection(tui_root, seeded):
    from textual.widgets.text_area import Selection

    from fieldkit.coding.codebook import add_code
    from fieldkit.coding.excerpts import list_excerpts

    seeded(lambda p: approved(p, "P", ["Закон изменился, и всё стало иначе.", "Начальство требовало план."]))
    seeded(lambda p: add_code(p, "Pressure", codable=False))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("k")
        await pilot.pause()
        codes = app.screen.query_one("#code-list")
        shown = [str(codes.get_option_at_index(i).prompt) for i in range(codes.option_count)]
        assert shown == ["Pressure (category)"]  # a category is never applied: no count to show
        await pilot.press("ctrl+a")  # nothing selected yet
        await pilot.pause()
        await pilot.press("ctrl+n", *"quotas", "enter")
        await pilot.pause()
        area = app.screen.query_one("#source-view")
        area.focus()
        area.selection = Selection((1, 0), (1, 26))  # what shift+arrows would select: the second line
        await pilot.press("ctrl+a")
        await pilot.pause()
        assert "quotas 36:62 Начальство требовало план." in screen_text(app)
        await pilot.press("ctrl+e", *"сверху", "enter")
        await pilot.pause()
    (excerpt,), _ = seeded(lambda p: list_excerpts(p))
    assert (excerpt.code.name, excerpt.text, excerpt.coding.memo) == ("quotas", "Начальство требовало план.",
                                                                      "сверху")


async def test_export_screen_shows_what_blocks_then_exports(tui_root, seeded, tmp_path):
    seeded(lambda p: add_transcribed_interview(p, "P", ["Начальство требовало план."]))
    app = make_app(tui_root)
    out = tmp_path / "out" / "study.qdpx"
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert "BLOCKED" in screen_text(app) and "P1-1: not anonymised yet" in screen_text(app)
        rv.accept_suggestions(app.project, "P1-1")
        rv.approve(app.project, "P1-1")
        app.screen.query_one("#export-path").value = str(out)
        await pilot.press("f5")
        await settle(app, pilot)
        assert "every gate passes" in screen_text(app)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert f"to {out}" in screen_text(app)
        await pilot.press("f3")  # the interview register, as Markdown
        await settle(app, pilot)
        assert "MD: interview register" in screen_text(app)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
    assert out.is_file() and (out.parent / "study.md").read_text().startswith("# Interview register")


async def test_audit_screen_shows_chain_checkpoint_and_retention(tui_root, seeded):
    seeded(lambda p: approved(p, "P", ["Начальство требовало план."]))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        shown = screen_text(app)
        assert "chain OK:" in shown and "checkpoint to send home:" in shown
        assert "pseudonym_map" in shown and "pending" in shown
        await pilot.press("x")
        await pilot.pause()
    assert list((tui_root / "audit").glob("chain-*.jsonl"))


async def test_help_lists_the_keys_of_the_screen_underneath(tui_root):
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        shown = screen_text(app)
        assert "Help — Dashboard" in shown and "transcribe the selected interview" in shown and "lock now" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_screen_opens_at_80x24_in_light_and_dark(tui_root, seeded, theme):
    seeded(lambda p: approved(p, "P", ["Начальство требовало план."]))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await unlock(app, pilot)
        for key, name in (("c", "Consent"), ("t", "Transcribe"), ("v", "Review"), ("k", "Coding"),
                          ("e", "Export"), ("a", "Audit")):
            await pilot.press(key)
            await settle(app, pilot)
            assert type(app.screen).__name__ == f"{name}Screen"
            assert app.screen.query("Footer")
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "DashboardScreen"


async def test_a_crash_shows_no_traceback_locals(tui_root, monkeypatch):
    """Textual's own crash report lists local variables (a passphrase, transcript text): fieldkit's does not."""
    monkeypatch.delenv("FIELDKIT_DEBUG", raising=False)
    app = make_app(tui_root)
    secret = "Ерлан Жумабаев"  # noqa: F841 - a local the default traceback would print
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        try:
            raise ValueError(secret)
        except ValueError as exc:
            app._exception = exc
        app._fatal_error()
        rendered = " ".join(str(r) for r in app._exit_renderables)
        app._exception = None  # the test itself did not crash
        app._exit_renderables.clear()
    assert "internal error (ValueError)" in rendered and "Жумабаев" not in rendered


async def test_a_lock_pressed_while_unlocking_wins(tui_root):
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*PASSPHRASE, "enter", "f12")  # F12 lands while scrypt runs
        await settle(app, pilot)
        assert app.project is None and type(app.screen).__name__ == "UnlockScreen"


async def test_a_lock_during_a_recording_stores_it_before_closing(tui_root, seeded, monkeypatch):
    import sounddevice

    from fieldkit.consent.records import record_consent
    from fieldkit.consent.respondents import add_respondent

    class SilentStream:
        def __init__(self, *, callback, blocksize, **_):
            self.callback, self.blocksize = callback, blocksize

        def __enter__(self):
            import threading
            import time

            def feed():
                while not getattr(self, "closed", False):
                    self.callback(np.full((self.blocksize, 1), 0.05, np.float32), self.blocksize, None, None)
                    time.sleep(0.02)
            threading.Thread(target=feed, daemon=True).start()
            return self

        def __exit__(self, *exc):
            self.closed = True

    monkeypatch.setattr(sounddevice, "InputStream", SilentStream)
    seeded(lambda p: (add_respondent(p, "P"), record_consent(p, "P1", language="en", answers=ALL_YES)))
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "RecorderScreen" and app.busy,
                         "the recording started")
        # Only now the idle limit drops to 0.5 s: set from the start, it could lock the app between the unlock
        # and the "m" on a loaded machine, before any recording exists (the flaky failure this replaces).
        app.idle_lock_s = 0.5
        started = time.monotonic()
        refreshed: list[float] = []

        def idle_checks_passed() -> bool:
            # The idle check runs every second and, while a recording runs, counts it as activity. Two such
            # refreshes mean a check ran at least 0.5 s after the previous one: past the limit, yet no lock.
            if app.last_activity > started and app.last_activity not in refreshed:
                refreshed.append(app.last_activity)
            return len(refreshed) >= 2 and time.monotonic() - started >= 2.5

        await wait_until(pilot, lambda: idle_checks_passed() or app.project is None, "two idle checks ran")
        assert app.project is not None and type(app.screen).__name__ == "RecorderScreen"
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        # The lock stops the recording; the recorder then encrypts what it has and the project closes once it
        # has (app.closing empties). That flush is slow on a loaded machine: wait for it, not a fixed time.
        await wait_until(pilot, lambda: not app.closing, "the project closed after the recording was stored")
        assert not app.closing and type(app.screen).__name__ == "UnlockScreen"

    def check(project):
        states = project.conn.execute("SELECT state FROM recordings").fetchall()
        interviews = list_interviews(project)
        assert len(interviews) == 1, f"no interview stored; recording sessions: {states}"
        left = project.conn.execute("SELECT count(*) FROM recordings WHERE state = 'recording'").fetchone()
        return interviews[0].duration_s, left
    duration, left = seeded(check)
    assert duration > 1.5 and left == (0,)


async def test_a_wrong_passphrase_writes_nothing_under_the_default_policy(tui_root):
    from tests.conftest import snapshot

    before = snapshot(tui_root)
    app = make_app(tui_root)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(app, pilot, "wrong guess")
    assert snapshot(tui_root) == before
