"""Documents (court transcripts, archival files) as sources to anonymise and code beside interviews.

Text is extracted in memory from TXT, DOCX (python-docx) or PDF (pypdf) and stored encrypted in the
transcript format, one segment per paragraph, as an object of kind ``document``. A document may belong to a
respondent (then their consent applies) or to nobody.
"""

from __future__ import annotations

import io
from pathlib import Path

from fieldkit.capture.notes import store_text
from fieldkit.consent.records import require
from fieldkit.errors import InvalidDocument, UsageError
from fieldkit.interviews import Metadata
from fieldkit.vault.project import Project

SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def extract_text(data: bytes, suffix: str) -> str:
    suffix = suffix.lower()
    if suffix in (".txt", ".md"):
        for encoding in ("utf-8", "cp1251"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise InvalidDocument("the text file is neither UTF-8 nor Windows-1251")
    if suffix == ".docx":
        import docx

        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
            raise InvalidDocument("the file is not a readable DOCX document") from exc
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
        return "\n\n".join(parts)
    if suffix == ".pdf":
        import pypdf

        try:
            reader = pypdf.PdfReader(io.BytesIO(data))
            text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for a damaged file
            raise InvalidDocument("the file is not a readable PDF") from exc
        if not text.strip():
            raise InvalidDocument("the PDF has no text layer (a scan?); fieldkit does not OCR")
        return text
    raise InvalidDocument(f"cannot import {suffix or 'files without an extension'} documents")


def import_document(project: Project, source: Path, respondent: str | None = None,
                    metadata: Metadata | None = None) -> str:
    """Store a document's text; returns its id (CODE-n with a respondent, DOC-n without)."""
    if respondent is not None:
        require(project, respondent, "participate")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the document: {exc.strerror}", "check the path; nothing was stored") from exc
    text = extract_text(data, source.suffix)
    if not text.strip():
        raise InvalidDocument("the document holds no text")
    return store_text(project, respondent, text, "document", metadata)
