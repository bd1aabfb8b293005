"""The scripted interface from DESIGN.md, end to end with the real models."""

from __future__ import annotations

import csv
import json

from tests.conftest import FIXTURES, REFERENCE_POLICY, snapshot
from tests.functional.conftest import Fieldkit

SECRETS = ("David", "Brown", "London")


def test_init_creates_a_project_and_refuses_to_overwrite(tmp_path):
    fk = Fieldkit(tmp_path)
    result = fk("init", str(tmp_path / "study"), "--policy", str(REFERENCE_POLICY))
    assert (tmp_path / "study" / "vault.db").is_file()
    assert "Reference protocol" in result.stderr
    again = fk("init", str(tmp_path / "study"), "--policy", str(REFERENCE_POLICY), expect=4)
    assert again.stderr.startswith("fieldkit: error: ") and "not empty" in again.stderr


def test_scripted_pipeline_from_audio_to_csv(fk, tmp_path):
    code = fk("respondent", "add", "--category", "P").stdout
    assert code == "P1\n"
    fk("capture", "import", "P1", str(FIXTURES / "short_en.wav"), expect=10)  # no consent yet
    fk("consent", "record", "P1", "--lang", "en", "--accept-all")
    interview = fk("capture", "import", "P1", str(FIXTURES / "short_en.wav")).stdout
    assert interview == "P1-1\n"

    fk("transcribe", "P1-1", "--lang", "en")
    listing = fk("anonymise", "P1-1")
    assert "PERSON" in listing.stdout and "LOCATION" in listing.stdout
    assert not any(secret in listing.stdout for secret in SECRETS)  # text only with --show-text
    assert "Brown" in fk("anonymise", "P1-1", "--show-text").stdout

    fk("export", "--format", "csv", "--out", str(tmp_path / "early.csv"), expect=10)  # nothing approved yet
    fk("anonymise", "P1-1", "--accept-suggestions", "--approve")

    out = tmp_path / "exports" / "excerpts.csv"
    fk("export", "--format", "csv", "--all-text", "--out", str(out))
    rows = list(csv.DictReader(out.open()))
    text = " ".join(row["text"] for row in rows)
    assert rows[0]["respondent"] == "[P1]" and rows[0]["category"] == "P" and rows[0]["interview"] == "P1-1"
    assert "[PERSON-1]" in text and "[a city abroad]" in text  # London, generalised as the policy says
    assert not any(secret in out.read_text() for secret in SECRETS)

    verified = fk("audit", "verify").stdout
    assert verified.startswith("audit chain OK:")
    chain = tmp_path / "chain.jsonl"
    fk("audit", "export", "--out", str(chain))
    events = [json.loads(line)["event"] for line in chain.read_text().splitlines()[1:]]  # after the header
    for event in ("project_created", "respondent_added", "object_stored", "transcript_made",
                  "transcript_approved", "export_made"):
        assert event in events
    assert not any(secret in chain.read_text() for secret in SECRETS)


def test_export_into_the_project_folder_is_refused(fk):
    result = fk("export", "--format", "csv", "--out", str(fk.project / "leak.csv"), expect=10)
    assert "inside the project folder" in result.stderr


def test_pii_redact_reads_stdin_and_writes_stdout(fk):
    english = fk("pii", "redact", "--lang", "en", input="Sarah Miller moved to Springfield.\n").stdout
    assert english == "[PERSON-1] moved to [PLACE-1].\n"
    russian = fk("pii", "redact", "--lang", "ru", input="Я говорил с Муратом Кожановым в Костанае.").stdout
    assert russian == "Я говорил с [PERSON-1] в [PLACE-1]."


def test_wrong_passphrase_is_one_line_and_changes_nothing(fk):
    before = snapshot(fk.project)
    result = fk("respondent", "add", "--category", "P", env={"FIELDKIT_PASSPHRASE": "not it at all"}, expect=3)
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == "fieldkit: error: wrong passphrase (or a damaged key file)"
    assert snapshot(fk.project) == before


def test_corrupt_audio_is_refused_and_nothing_is_stored(fk, tmp_path):
    fk("respondent", "add", "--category", "DE")
    fk("consent", "record", "DE1", "--lang", "ru", "--accept-all")
    fake = tmp_path / "Ivanov interview.mp3"
    fake.write_bytes(b"ID3" + b"\x00" * 4000)
    before = snapshot(fk.project)
    result = fk("capture", "import", "DE1", str(fake), expect=6)
    assert "not readable audio" in result.stderr and "Ivanov" not in result.stderr
    assert snapshot(fk.project) == before
    assert fk("status").stdout == ""


def test_capture_without_recording_consent_is_refused_but_notes_are_allowed(fk):
    fk("respondent", "add", "--category", "L")
    answers = "participate=yes,audio_recording=no,excerpts=yes,quotation=no,archiving=no"
    fk("consent", "record", "L1", "--lang", "kk", "--answers", answers)
    refused = fk("capture", "import", "L1", str(FIXTURES / "short_en.wav"), expect=10)
    assert refused.stderr.splitlines()[0] == (
        "fieldkit: error: respondent L1 did not consent to audio recording, so no audio can be captured "
        "(typed notes are still allowed)"
    )
    interview = fk("capture", "notes", "L1", "-", input="Респондент рассказал о работе в Костанае.\n").stdout
    assert interview == "L1-1\n"


def test_truncated_blob_gives_a_clear_error(fk):
    fk("respondent", "add", "--category", "P")
    fk("consent", "record", "P1", "--accept-all")
    fk("capture", "import", "P1", str(FIXTURES / "short_en.wav"))
    blob = next((fk.project / "blobs").rglob("*.age"))
    blob.write_bytes(blob.read_bytes()[:1000])
    result = fk("transcribe", "P1-1", expect=7)
    assert "damaged" in result.stderr and "truncated or altered" in result.stderr
    assert "Traceback" not in result.output


def test_tampered_audit_export_names_the_entry(fk, tmp_path):
    fk("respondent", "add", "--category", "P")
    fk("respondent", "add", "--category", "L")
    chain = tmp_path / "chain.jsonl"
    fk("audit", "export", "--out", str(chain))
    lines = chain.read_text().splitlines()
    entry = json.loads(lines[3])
    entry["data"]["respondent"] = "P7"
    lines[3] = json.dumps(entry)
    chain.write_text("\n".join(lines) + "\n")
    result = fk("audit", "verify", str(chain), env={"FIELDKIT_PASSPHRASE": ""}, expect=11)
    assert "audit entry 3 (respondent_added) was altered" in result.stderr


def test_tampered_entry_inside_the_vault_is_named(fk):
    from fieldkit.clock import FixedClock, parse_instant

    fk("respondent", "add", "--category", "P")
    with fk.open(FixedClock(parse_instant("2026-03-01T10:00:00Z"))) as project:
        project.conn.execute("UPDATE audit SET data = ? WHERE seq = 2", ('{"category": "P", "respondent": "P2"}',))
    result = fk("audit", "verify", expect=11)
    assert "audit entry 2 (respondent_added) was altered" in result.stderr


def test_unknown_category_and_interview_are_clear_errors(fk):
    assert "known categories: P, DE, L, O" in fk("respondent", "add", "--category", "X", expect=5).stderr
    assert "no interview P9-1" in fk("transcribe", "P9-1", expect=14).stderr


def test_codes_are_never_reused(fk):
    codes = [fk("respondent", "add", "--category", "P").stdout.strip() for _ in range(3)]
    assert codes == ["P1", "P2", "P3"]
    assert fk("respondent", "add", "--category", "DE").stdout.strip() == "DE1"


def test_unexpected_errors_do_not_print_library_messages(fk, monkeypatch):
    import fieldkit.consent.respondents as respondents

    def boom(project, category):
        raise ValueError("could not parse 'Murat Kozhanov, Kostanay'")

    monkeypatch.setattr(respondents, "add_respondent", boom)
    result = fk("respondent", "add", "--category", "P", expect=70)
    assert result.stderr.splitlines()[0] == "fieldkit: error: internal error (ValueError)"
    assert "Kozhanov" not in result.output


def test_passphrase_can_come_from_a_file_descriptor(fk):
    import os

    from tests.conftest import PASSPHRASE

    read_end, write_end = os.pipe()
    os.write(write_end, (PASSPHRASE + "\n").encode())
    os.close(write_end)
    try:
        env = {"FIELDKIT_PASSPHRASE": None, "FIELDKIT_PASSPHRASE_FD": str(read_end)}
        assert fk("respondent", "add", "--category", "O", env=env).stdout == "O1\n"
    finally:
        os.close(read_end)


def test_review_from_the_command_line(fk, tmp_path):
    from fieldkit.clock import FixedClock, parse_instant
    from tests.conftest import add_transcribed_interview

    with fk.open(FixedClock(parse_instant("2026-03-01T09:00:00Z"))) as project:
        interview = add_transcribed_interview(project, "DE", ["Товар давал Ерлан Жумабаев из Шымкента."])
    listing = fk("anonymise", interview).stdout.splitlines()
    assert len(listing) == 2 and all("pending" in line for line in listing)
    assert "Жумабаев" not in "\n".join(listing)
    person = next(line.split("\t")[0] for line in listing if "PERSON" in line)
    place = next(line.split("\t")[0] for line in listing if "LOCATION" in line)
    fk("review", interview, "--accept", person, "--reject", place)
    fk("anonymise", interview, "--approve")
    out = tmp_path / "out.csv"
    fk("export", "--format", "csv", "--all-text", "--out", str(out))
    text = out.read_text()
    assert "Жумабаев" not in text and "Шымкента" in text and "[PERSON-1]" in text


def test_pii_redact_generalises_places_when_asked(fk):
    out = fk("pii", "redact", "--lang", "ru", "--locations", "macro_region", input="Я жил в Костанае.").stdout
    assert out == "Я жил в [город на севере Казахстана]."
