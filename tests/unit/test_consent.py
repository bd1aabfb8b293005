"""Respondent codes, consent records and gates, the linking key, withdrawal (real vault, real crypto)."""

from __future__ import annotations

import json

import pyrage
import pytest

from fieldkit.anonymise import review as rv
from fieldkit.consent import linking
from fieldkit.consent.records import current_consent, parse_answers, record_consent, require, withdraw
from fieldkit.consent.respondents import add_respondent
from fieldkit.consent.scripts import LANGUAGES, load_script
from fieldkit.errors import GateClosed, StateError, UsageError
from fieldkit.vault.blobs import decrypt_with
from tests.conftest import CONSENT_ITEMS, add_transcribed_interview, export_text

ALL_YES = dict.fromkeys(CONSENT_ITEMS, True)


def test_codes_follow_categories_and_are_never_reused(project):
    assert [add_respondent(project, c) for c in ("P", "P", "DE", "P")] == ["P1", "P2", "DE1", "P3"]
    record_consent(project, "P3", language="en", answers=ALL_YES)
    withdraw(project, "P3", "all")
    assert add_respondent(project, "P") == "P4"  # P3 is gone, its code is not handed out again


def test_scripts_exist_in_three_languages_with_the_same_items():
    scripts = [load_script("standard-oral", language) for language in LANGUAGES]
    assert {s.version for s in scripts} == {1}
    assert len({tuple((i.id, i.required) for i in s.items) for s in scripts}) == 1
    assert len({s.sha256 for s in scripts}) == 3  # different words read, different hashes


def test_consent_record_holds_script_hash_answers_and_mode_but_no_name(project):
    code = add_respondent(project, "L")
    answers = parse_answers("participate=yes,audio_recording=no,excerpts=yes,quotation=нет,archiving=иә")
    record = record_consent(project, code, language="ru", answers=answers)
    script = load_script("standard-oral", "ru")
    assert (record.script, record.version, record.language, record.mode) == ("standard-oral", 1, "ru", "oral-attested")
    assert record.text_sha256 == script.sha256
    assert record.answers == {"participate": True, "audio_recording": False, "excerpts": True, "quotation": False,
                              "archiving": True}
    columns = [row[1] for row in project.conn.execute("PRAGMA table_info(consents)")]
    assert not any("name" in column for column in columns)
    event = project.audit.entries()[-1]
    assert event.event == "consent_recorded" and event.data["sha256"] == script.sha256


def test_declined_required_item_and_incomplete_answers_record_nothing(project):
    code = add_respondent(project, "O")
    with pytest.raises(GateClosed, match="required item"):
        record_consent(project, code, language="en", answers={**ALL_YES, "participate": False})
    with pytest.raises(UsageError, match="no answer for"):
        record_consent(project, code, language="en", answers={"participate": True})
    assert current_consent(project, code) is None


def test_recorded_oral_consent_is_its_own_encrypted_object(project):
    code = add_respondent(project, "P")
    with pytest.raises(UsageError, match="needs an evidence file"):
        record_consent(project, code, language="kk", answers=ALL_YES, mode="oral-recorded")
    record = record_consent(project, code, language="kk", answers=ALL_YES, mode="oral-recorded", evidence=b"OggS...")
    info = project.objects.info(record.evidence_object)
    assert info.kind == "consent_audio" and info.respondent == code


def test_reconsent_keeps_the_old_version(project, monkeypatch):
    import fieldkit.consent.records as records
    from fieldkit.consent.scripts import ConsentScript

    code = add_respondent(project, "P")
    first = record_consent(project, code, language="en", answers=ALL_YES)
    v1 = load_script("standard-oral", "en")
    v2 = ConsentScript(v1.id, 2, v1.language, v1.title, v1.statement + "\nNew sentence.", v1.items)
    monkeypatch.setattr(records, "load_script", lambda script_id, language: v2)
    second = record_consent(project, code, language="en", answers=ALL_YES)
    rows = project.conn.execute("SELECT version, text_sha256 FROM consents WHERE respondent = ?", (code,)).fetchall()
    assert rows == [(1, first.text_sha256), (2, second.text_sha256)] and first.text_sha256 != second.text_sha256


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("audio_recording", "did not consent to audio recording, so no audio can be captured"),
        ("excerpts", "did not consent to excerpts, so no excerpts can be exported"),
        ("quotation", "did not consent to quotation, so no excerpts can be exported as quotations"),
    ],
)
def test_each_gate_refuses_with_a_clear_message(project, item, message):
    code = add_respondent(project, "DE")
    record_consent(project, code, language="en", answers={**ALL_YES, item: False})
    with pytest.raises(GateClosed, match=message):
        require(project, code, item)


def test_no_consent_at_all_refuses_capture(project):
    code = add_respondent(project, "DE")
    with pytest.raises(GateClosed, match="has no recorded consent"):
        require(project, code, "participate")


def test_export_respects_excerpt_and_quotation_consent(project, tmp_path):
    quotable = add_transcribed_interview(project, "P", ["Мы работали по ночам."])
    no_quotes = add_transcribed_interview(project, "L", ["Суд длился год."])
    record_consent(project, "L1", language="en", answers={**ALL_YES, "quotation": False})
    no_excerpts = add_transcribed_interview(project, "O", ["Я не хочу, чтобы это печатали."])
    record_consent(project, "O1", language="en", answers={**ALL_YES, "excerpts": False})
    for interview in (quotable, no_quotes, no_excerpts):
        rv.accept_suggestions(project, interview)
        rv.approve(project, interview)
    with pytest.raises(GateClosed) as refused:
        export_text(project, tmp_path / "analysis.csv")
    assert refused.value.details == ("O1-1: O1's consent does not cover using excerpts",)
    assert not (tmp_path / "analysis.csv").exists()
    result = export_text(project, tmp_path / "analysis.csv", only_ready=True)
    text = (tmp_path / "analysis.csv").read_text()
    assert result.sources == 2 and list(result.left_out) == ["O1-1"] and "печатали" not in text
    assert "[P1],P,police official,P1-1," in text and ",yes,Мы работали по ночам." in text
    assert "[L1],L,lawyer,L1-1," in text and ",no,Суд длился год." in text
    with pytest.raises(GateClosed) as refused:
        export_text(project, tmp_path / "quotes.csv", quotations=True, interviews=("P1-1", "L1-1"))
    assert refused.value.details == ("L1-1: L1 did not consent to direct quotation",)


def test_linking_key_is_separate_and_can_be_forbidden(project):
    code = add_respondent(project, "P")
    record_consent(project, code, language="en", answers=ALL_YES)
    linking.set_link(project, code, "Серік Ахметов", "+7 701 555 12 34")
    assert linking.lookup(project, code)["name"] == "Серік Ахметов"
    kinds = [o.kind for o in project.objects.list()]
    assert kinds.count("linking_key") == 1
    project.policy = project.policy.__class__(**{**project.policy.__dict__, "linking_key_allowed": False})
    with pytest.raises(GateClosed, match="forbids a linking key"):
        linking.set_link(project, code, "Someone")


def test_withdrawal_destroys_everything_and_later_exports_hold_nothing_of_theirs(project, tmp_path):
    keep = add_transcribed_interview(project, "P", ["Начальником был Ерлан Жумабаев."])
    gone = add_transcribed_interview(project, "DE", ["Товар возил Бауыржан Тулегенов из Шымкента."])
    linking.set_link(project, "DE1", "Real Name", "phone")
    for interview in (keep, gone):
        rv.accept_suggestions(project, interview)
        rv.approve(project, interview)
    theirs = [o for o in project.objects.list() if o.respondent == "DE1"]
    blobs = {o.id: project.objects.blob_path(o.id).read_bytes() for o in theirs}  # copies, as in a backup
    identities_before = dict(project.conn.execute("SELECT object_id, identity FROM object_keys"))

    result = withdraw(project, "DE1", "all")

    assert result.destroyed == len(theirs) >= 3
    remaining = [identity for (identity,) in project.conn.execute("SELECT identity FROM object_keys")]
    for object_id, blob in blobs.items():
        assert object_id not in dict(project.conn.execute("SELECT object_id, identity FROM object_keys"))
        assert not project.objects.blob_path(object_id).exists()
        for identity in remaining:
            with pytest.raises(pyrage.DecryptError):
                decrypt_with(blob, identity)
    raw_db = (project.root / "vault.db").read_bytes()
    for object_id in blobs:
        assert identities_before[object_id].encode() not in raw_db
    with pytest.raises(Exception, match="no entry"):
        linking.lookup(project, "DE1")
    pseudonyms, _ = rv.load_pseudonyms(project)
    assert not any("тулегенов" in key for keys in pseudonyms.table.values() for key in keys)
    assert any("жумабаев" in key for keys in pseudonyms.table.values() for key in keys)

    export_text(project, tmp_path / "after.csv")
    assert "DE1" not in (tmp_path / "after.csv").read_text()
    events = [(e.event, e.data.get("respondent")) for e in project.audit.entries()]
    assert ("consent_withdrawn", "DE1") in events
    assert events.count(("object_destroyed", "DE1")) >= len(theirs)
    assert "Real Name" not in json.dumps([e.data for e in project.audit.entries()])
    with pytest.raises(GateClosed, match="withdrawn"):
        require(project, "DE1", "participate")
    with pytest.raises(StateError):
        record_consent(project, "DE1", language="en", answers=ALL_YES)


def test_future_use_withdrawal_keeps_collected_data_but_stops_capture(project, tmp_path):
    interview = add_transcribed_interview(project, "L", ["Я юрист."])
    rv.accept_suggestions(project, interview)
    rv.approve(project, interview)
    withdraw(project, "L1", "future-use")
    assert rv.load_anonymised(project, interview).text == "Я юрист."  # what was collected is kept…
    with pytest.raises(GateClosed) as refused:  # …but nothing of theirs leaves in a new export
        export_text(project, tmp_path / "out.csv", interviews=(interview,))
    assert refused.value.details == (f"{interview}: respondent L1 withdrew consent",)
    for item in ("participate", "audio_recording"):
        with pytest.raises(GateClosed, match="withdrawn"):
            require(project, "L1", item)
