"""`fieldkit consent record` asked in a terminal in the respondent's language, `consent withdraw` that shows what
goes and asks for the code again, and a narrowed re-consent that destroys the recording (issue 15)."""

from __future__ import annotations

import pytest

from fieldkit.clock import FixedClock, parse_instant
from tests.conftest import FIXTURES, snapshot
from tests.functional.conftest import NOW

RU_QUESTION_2 = "Вы согласны, чтобы интервью записывалось на диктофон? Запись будет уничтожена после расшифровки."


@pytest.fixture
def terminal(monkeypatch):
    """The interactive path, as in a terminal (CliRunner's stdin is not one)."""
    import fieldkit.cli.consent

    monkeypatch.setattr(fieldkit.cli.consent, "stdin_is_terminal", lambda: True, raising=False)


def inspect(fk, action):
    with fk.open(FixedClock(parse_instant(NOW))) as project:
        return action(project)


def consent_of(fk, code):
    from fieldkit.consent.records import current_consent

    return inspect(fk, lambda project: current_consent(project, code))


def test_consent_is_asked_in_russian_enter_alone_asks_again_and_answers_are_read_back(fk, terminal):
    fk("respondent", "add", "--category", "P")
    # Enter alone, then a word that is no answer, then да; нет; иә (any script language); n; y; and the read-back
    typed = "\nможет быть\nда\nнет\nиә\nn\ny\nда\n"
    result = fk("consent", "record", "P1", "--lang", "ru", input=typed)
    asked = result.stderr
    assert "Зачитайте вслух:" in asked and "Read aloud" not in asked
    # the statement reflowed to the terminal, not the file's ragged lines
    assert "поговорить с вами о вашем опыте" in " ".join(asked.split()) and "поговорить\nс вами" not in asked
    assert "1/5 (обязательно) Вы согласны участвовать в этом интервью? [да/нет]:" in asked
    assert "(required)" not in asked and "[y/N]" not in asked and "invalid input" not in asked
    assert asked.count("Пожалуйста, ответьте «да» или «нет».") == 2  # Enter alone and "может быть" asked again
    summary = asked[asked.index("Ваши ответы:"):]
    assert "1. Вы согласны участвовать в этом интервью? — да" in summary
    assert f"2. {RU_QUESTION_2} — нет" in summary
    assert "4. Вы согласны, чтобы вас цитировали дословно — под кодом и без указания имени? — нет" in summary
    assert "Всё верно? Записать ваше согласие? [да/нет]:" in summary
    assert "Согласие записано." in summary
    record = consent_of(fk, "P1")
    assert record.language == "ru" and record.answers == {
        "participate": True, "audio_recording": False, "excerpts": True, "quotation": False, "archiving": True}


def test_a_declined_read_back_in_kazakh_records_nothing(fk, terminal):
    fk("respondent", "add", "--category", "L")
    result = fk("consent", "record", "L1", "--lang", "kk", input="иә\nиә\nжоқ\nиә\nиә\nжоқ\n", expect=2)
    assert "Сіздің жауаптарыңыз:" in result.stderr and "3. " in result.stderr and "— жоқ" in result.stderr
    assert "[иә/жоқ]" in result.stderr and "(міндетті)" in result.stderr
    assert "Ештеңе жазылған жоқ." in result.stderr
    assert "fieldkit: error: consent not recorded: the answers read back were not confirmed" in result.stderr
    assert consent_of(fk, "L1") is None


def test_a_required_no_stops_the_questions_and_records_nothing(fk, terminal):
    fk("respondent", "add", "--category", "P")
    result = fk("consent", "record", "P1", "--lang", "en", input="no\n", expect=10)
    assert "2/5" not in result.stderr and "Nothing was recorded." in result.stderr
    assert "required item(s) declined: participate" in result.stderr
    assert consent_of(fk, "P1") is None


def test_scripted_consent_still_needs_answers(fk):
    fk("respondent", "add", "--category", "P")
    result = fk("consent", "record", "P1", "--lang", "ru", expect=2)
    assert "no answers" in result.stderr


def _scene(fk, tmp_path):
    """P1 with an interview (audio), an approved transcript and an export that carries it; L1 untouched."""
    from fieldkit.anonymise import review as rv
    from tests.conftest import add_transcribed_interview, export_text

    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    fk("capture", "import", "P1", str(FIXTURES / "short_en.wav"))

    def seed(project):
        interview = add_transcribed_interview(project, "P1", ["Мы работали по ночам."])
        rv.accept_suggestions(project, interview)
        rv.approve(project, interview)
        export_text(project, tmp_path / "exports" / "excerpts.csv", interviews=(interview,))
        return interview

    return inspect(fk, seed)


def test_withdraw_without_a_terminal_or_yes_is_refused_and_changes_nothing(fk):
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    before = snapshot(fk.project)
    result = fk("consent", "withdraw", "P1", expect=2)
    lines = result.stderr.splitlines()
    assert lines[0] == ("fieldkit: error: withdrawing P1 destroys their data for good and needs a confirmation")
    assert "--yes" in lines[1] and len(lines) == 2
    assert snapshot(fk.project) == before


def test_withdraw_in_a_terminal_shows_what_goes_and_asks_for_the_code_again(fk, terminal, tmp_path):
    transcribed = _scene(fk, tmp_path)
    wrong = fk("consent", "withdraw", "P1", input="P2\n", expect=2)
    preview = wrong.stderr
    assert "Withdrawing P1 (scope all) destroys at once, for good: 1 anonymised, 1 audio, 1 review, " \
           "1 transcript" in preview
    assert f"interviews: P1-1, {transcribed}" in preview
    assert f"{tmp_path / 'exports' / 'excerpts.csv'}\t2026-03-01" in preview
    assert "the code typed does not match P1; nothing was changed" in preview
    assert inspect(fk, lambda p: p.conn.execute("SELECT status FROM respondents WHERE code = 'P1'").fetchone()) == (
        "active",)

    done = fk("consent", "withdraw", "P1", input="P1\n")
    assert "P1 withdrawn (all); 4 objects destroyed" in done.stderr
    assert "delete them yourself" in done.stderr
    assert done.stdout == f"{tmp_path / 'exports' / 'excerpts.csv'}\t2026-03-01\n"


def test_withdraw_yes_for_scripts_prints_the_exports_to_delete(fk, tmp_path):
    _scene(fk, tmp_path)
    done = fk("consent", "withdraw", "P1", "--yes")
    assert "P1 withdrawn (all); 4 objects destroyed" in done.stderr and "Withdrawing" not in done.stderr
    assert done.stdout == f"{tmp_path / 'exports' / 'excerpts.csv'}\t2026-03-01\n"


def test_a_narrowed_reconsent_destroys_the_recording_and_transcription_is_refused(fk, tmp_path):
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all", "--mode", "oral-recorded", "--audio", str(FIXTURES / "short_en.wav"))
    assert fk("capture", "import", "P1", str(FIXTURES / "short_en.wav")).stdout == "P1-1\n"

    result = fk("consent", "record", "P1", "--mode", "oral-recorded", "--audio", str(FIXTURES / "short_en.wav"),
                "--answers", "participate=yes,audio_recording=no,excerpts=yes,quotation=yes,archiving=yes")
    assert "consent narrowed: destroyed at once what it no longer covers: 1 audio" in result.stderr

    def state(project):
        kinds = {(o.kind, o.destroyed is not None) for o in project.objects.list(include_destroyed=True)}
        log = [(e.event, e.data.get("kind"), e.data.get("reason"), e.data.get("rule"))
               for e in project.audit.entries() if e.event in ("object_destroyed", "consent_narrowed")]
        return kinds, log

    kinds, log = inspect(fk, state)
    assert kinds == {("audio", True), ("consent_audio", False)}  # both consent recordings are kept
    assert log == [("consent_narrowed", None, None, None),
                   ("object_destroyed", "audio", "consent_narrowed", "all:consent_withdrawn:1d")]
    refused = fk("transcribe", "P1-1", "--lang", "en", expect=15)
    assert "was destroyed" in refused.stderr
    fk("capture", "import", "P1", str(FIXTURES / "short_en.wav"), expect=10)  # and no new recording
