"""Documents as sources: TXT (UTF-8 or Windows-1251), DOCX, PDF; with or without a respondent."""

from __future__ import annotations

import pytest

from fieldkit.anonymise import review as rv
from fieldkit.capture.documents import InvalidDocument, import_document
from fieldkit.transcribe.runner import load_transcript
from tests.conftest import FIXTURES, add_transcribed_interview, export_text


@pytest.mark.parametrize(("suffix", "word"), [("txt", "Кожанова"), ("docx", "Жумабаева"), ("pdf", "Petrov")])
def test_documents_are_read_and_stored_encrypted(project, suffix, word):
    document = import_document(project, FIXTURES / f"court-record.{suffix}")
    assert document == "DOC-1"
    text = " ".join(s.text for s in load_transcript(project, document).segments)
    assert word in text
    obj = next(o for o in project.objects.list() if o.kind == "document")
    assert word.encode() not in project.objects.blob_path(obj.id).read_bytes()


def test_a_document_without_respondent_goes_through_review_and_export(project, tmp_path):
    add_transcribed_interview(project, "P", ["Текст интервью."])  # a respondent-less document beside it
    document = import_document(project, FIXTURES / "court-record.docx")
    rv.accept_suggestions(project, document)
    rv.approve(project, document)
    export_text(project, tmp_path / "out.csv", interviews=("DOC-1",))
    text = (tmp_path / "out.csv").read_text()
    assert ",document,DOC-1," in text and "Жумабаев" not in text and "[PERSON-1]" in text


def test_a_document_of_a_respondent_needs_their_consent(project):
    add_transcribed_interview(project, "L", ["x"])  # L1 with consent
    assert import_document(project, FIXTURES / "court-record.txt", respondent="L1") == "L1-2"


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_a_damaged_document_stores_nothing(project, tmp_path, suffix):
    broken = tmp_path / f"broken.{suffix}"
    broken.write_bytes((FIXTURES / f"court-record.{suffix}").read_bytes()[:300])
    with pytest.raises(InvalidDocument):
        import_document(project, broken)
    assert [o for o in project.objects.list() if o.kind == "document"] == []
