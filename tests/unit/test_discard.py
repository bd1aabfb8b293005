"""Issue 15, removing and preventing a wrong import: discarding an interview (every object destroyed, logged,
out of the stages, the register and exports), the same file imported twice (a keyed fingerprint, refused
unless allowed), and a truncated WAV or MP3 (refused, nothing stored)."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil

import pytest

from fieldkit import pipeline
from fieldkit.anonymise import review as rv
from fieldkit.capture import audio
from fieldkit.capture.importer import import_audio
from fieldkit.coding import codebook as cb
from fieldkit.coding.excerpts import apply_code, codings_of
from fieldkit.consent.records import record_consent
from fieldkit.consent.respondents import add_respondent
from fieldkit.errors import GateClosed, InvalidAudio, NotFound, StateError
from fieldkit.export.register import register_rows
from fieldkit.export.writer import ExportRequest, run_export
from fieldkit.interviews import get_interview
from fieldkit.services.overview import stages
from fieldkit.vault.db import get_meta
from tests.conftest import CONSENT_ITEMS, FIXTURES, add_transcribed_interview

TEXT = ["Закон изменился, и всё стало иначе.", "После этого начальство требовало план."]


@pytest.fixture
def consented(project):
    code = add_respondent(project, "P")
    record_consent(project, code, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    return code


def approved(project, category: str, texts: list[str]) -> str:
    interview = add_transcribed_interview(project, category, texts)
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    return interview


def stored_state(project) -> tuple:
    """Row counts and blob files: what a refused import must leave exactly as it was."""
    counts = tuple(project.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                   for table in ("objects", "object_keys", "interviews", "audit"))
    blobs = sorted(str(p.relative_to(project.root)) for p in (project.root / "blobs").rglob("*") if p.is_file())
    return counts, blobs


def object_rows(project, interview: str) -> list[tuple[str, str, str | None]]:
    return project.conn.execute("SELECT id, kind, destroyed FROM objects WHERE interview = ? ORDER BY created",
                                (interview,)).fetchall()


# --- discard ----------------------------------------------------------------------------------------------


def test_discard_destroys_every_object_logs_it_prunes_codings_and_leaves_register_and_exports(project, tmp_path):
    wrong = approved(project, "P", TEXT)
    kept = approved(project, "L", ["Суд длился год, и это было тяжело."])
    # a partial transcript left by an interrupted run belongs to the interview too
    project.objects.put("transcript_partial", b"{}", respondent="P1", interview=wrong)
    cb.add_code(project, "changes in law")
    apply_code(project, wrong, "changes in law", quote="Закон изменился")
    apply_code(project, kept, "changes in law", quote="Суд длился год")
    live = [(object_id, kind) for object_id, kind, destroyed in object_rows(project, wrong) if not destroyed]
    assert {kind for _, kind in live} == {"transcript", "transcript_partial", "review", "anonymised"}

    count = pipeline.discard_interview(project, wrong)

    assert count == len(live)
    after = object_rows(project, wrong)
    assert all(destroyed for _, _, destroyed in after)
    assert all(project.objects.key_erased(object_id) for object_id, _, _ in after)
    assert not any(project.objects.blob_path(object_id).exists() for object_id, _, _ in after)
    entries = project.audit.entries()
    destroyed = [e.data["object"] for e in entries if e.event == "object_destroyed" and e.data["reason"] == "discarded"]
    assert sorted(destroyed) == sorted(object_id for object_id, _ in live)
    (event,) = [e for e in entries if e.event == "interview_discarded"]
    assert event.data == {"interview": wrong, "destroyed": count}  # ids and a count, no content
    # its codings went with it; the other interview's stay
    assert codings_of(project, wrong) == [] and len(codings_of(project, kept)) == 1
    # out of the line, the register and the default export
    assert get_interview(project, wrong).discarded is not None
    assert pipeline.stage_of(get_interview(project, wrong)) == "discarded"
    assert "discarded" in pipeline.STAGES
    assert stages(project) == {wrong: "discarded", kept: "coded"}
    assert [row.interview for row in register_rows(project)] == [kept]
    result = run_export(project, ExportRequest("csv", tmp_path / "out.csv"))
    assert result.rows == 1 and wrong not in (tmp_path / "out.csv").read_text(encoding="utf-8")
    # asked for by name, it is refused with its reason
    with pytest.raises(GateClosed) as refused:
        run_export(project, ExportRequest("csv", tmp_path / "named.csv", interviews=(wrong,)))
    assert any("discarded" in reason for reason in refused.value.details)
    with pytest.raises(StateError, match="already discarded"):
        pipeline.discard_interview(project, wrong)


def test_a_discarded_import_can_be_imported_again_and_unknown_ids_are_refused(project, consented):
    first = import_audio(project, consented, FIXTURES / "short_en.wav")
    audio_object = get_interview(project, first).audio_object
    assert pipeline.discard_interview(project, first) == 1
    assert project.objects.info(audio_object).destroyed and project.objects.key_erased(audio_object)
    # the wrong import forgot its fingerprint: the file can go to the right place now
    again = import_audio(project, consented, FIXTURES / "short_en.wav")
    assert again != first and stages(project) == {first: "discarded", again: "captured"}
    with pytest.raises(NotFound):
        pipeline.discard_interview(project, "P1-99")


# --- the same file imported twice -------------------------------------------------------------------------


def test_the_same_file_imported_twice_is_refused_naming_the_earlier_interview(project, consented, tmp_path):
    first = import_audio(project, consented, FIXTURES / "short_en.wav")
    renamed = tmp_path / "copy from the phone.wav"
    shutil.copy(FIXTURES / "short_en.wav", renamed)
    other = add_respondent(project, "L")
    record_consent(project, other, language="en", answers=dict.fromkeys(CONSENT_ITEMS, True))
    for respondent in (consented, other):
        before = stored_state(project)
        with pytest.raises(GateClosed, match=f"already imported as interview {first}") as refused:
            import_audio(project, respondent, renamed)
        assert "--allow-duplicate" in refused.value.hint
        assert "copy from the phone" not in str(refused.value) + refused.value.hint
        assert stored_state(project) == before
    # on purpose (a group interview filed under each respondent) it is imported
    second = import_audio(project, other, renamed, allow_duplicate=True)
    assert second == f"{other}-1"
    # another file is no duplicate
    assert import_audio(project, consented, FIXTURES / "short_en.mp3") == f"{consented}-2"


def test_the_fingerprint_is_keyed_by_a_secret_in_the_encrypted_index(project, consented):
    data = (FIXTURES / "short_en.wav").read_bytes()
    interview = import_audio(project, consented, FIXTURES / "short_en.wav")
    (stored,) = project.conn.execute("SELECT source_hmac FROM interviews WHERE id = ?", (interview,)).fetchone()
    secret = get_meta(project.conn, "import_fingerprint_secret")
    assert secret and len(bytes.fromhex(secret)) == 32
    assert stored == hmac.new(bytes.fromhex(secret), data, hashlib.sha256).hexdigest()
    # never a plain fingerprint that anyone holding the file could match
    plain = {hashlib.new(name, data).hexdigest() for name in ("md5", "sha1", "sha256", "sha512")}
    assert stored not in plain
    meta = json.dumps([o.meta for o in project.objects.list(include_destroyed=True)])
    log = json.dumps([e.data for e in project.audit.entries()])
    assert stored not in meta + log and secret not in meta + log and not plain & set(meta + log)


# --- truncated recordings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["wav", "mp3"])
def test_a_truncated_wav_or_mp3_is_refused_and_nothing_is_stored(project, consented, tmp_path, extension):
    data = (FIXTURES / f"short_en.{extension}").read_bytes()
    cut = tmp_path / f"cut.{extension}"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    before = stored_state(project)
    with pytest.raises(InvalidAudio, match="^the file is truncated") as refused:
        import_audio(project, consented, cut)
    assert "copy the file again" in refused.value.hint and "nothing was stored" in refused.value.hint
    assert stored_state(project) == before
    assert not project.conn.in_transaction


def test_truncation_is_told_from_complete_and_open_ended_files():
    wav = (FIXTURES / "short_en.wav").read_bytes()
    mp3 = (FIXTURES / "short_en.mp3").read_bytes()
    assert audio.decode(wav).duration_s == pytest.approx(3.13, abs=0.02)
    assert audio.decode(mp3).duration_s == pytest.approx(3.13, abs=0.05)
    # a WAV's data chunk size is exact: even 1 % missing is a truncated copy
    with pytest.raises(InvalidAudio, match="header says 3.13 s of audio, only 3.10 s"):
        audio.decode(wav[: int(len(wav) * 0.99)], label="upload")
    # a WAV written as a stream leaves its sizes open: nothing to compare, so it is not refused
    position = wav.index(b"data")
    streamed = wav[:4] + b"\xff\xff\xff\xff" + wav[8:position + 4] + b"\xff\xff\xff\xff" + wav[position + 8:]
    assert audio.decode(streamed[: int(len(wav) * 0.6)]).duration_s == pytest.approx(1.88, abs=0.05)
    # an MP3 without a Xing/Info frame count has only a length estimated from its size (wrong for variable
    # bitrates): it is not judged, so never a false alarm (and a cut one cannot be told from a short one)
    blind = mp3.replace(b"Info", b"\0\0\0\0", 1)
    assert audio.decode(blind).duration_s == pytest.approx(3.15, abs=0.05)
    assert audio.decode(blind[: int(len(blind) * 0.6)]).duration_s == pytest.approx(1.9, abs=0.1)
    # a file that stops decoding part-way says so
    flac = (FIXTURES / "short_en.flac").read_bytes()
    with pytest.raises(InvalidAudio, match="truncated or damaged: it stops decoding after"):
        audio.decode(flac[: int(len(flac) * 0.6)])


def test_names_only_a_discarded_interview_used_leave_the_pseudonym_map(project):
    kept = add_transcribed_interview(project, "P", ["Меня зовут Мурат Кожанов."])
    gone = add_transcribed_interview(project, "P", ["Потом приехал Ерлан Беков из Астаны."])
    for interview in (kept, gone):
        rv.accept_suggestions(project, interview)

    def users(interview: str) -> int:
        pseudonyms, _ = rv.load_pseudonyms(project)
        return sum(interview in sources for by_key in pseudonyms.sources.values() for sources in by_key.values())

    assert users(gone) > 0 and users(kept) > 0
    pipeline.discard_interview(project, gone)
    assert users(gone) == 0 and users(kept) > 0
