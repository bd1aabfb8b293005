"""CSV export: one row per anonymised transcript segment, respondents by code only."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from fieldkit.anonymise.review import load_anonymised
from fieldkit.export.gates import check_destination, select_exportable
from fieldkit.retention.schedule import record_export
from fieldkit.vault.files import write_atomic
from fieldkit.vault.project import Project

COLUMNS = ("respondent", "category", "interview", "segment", "start_s", "end_s", "quotable", "text")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    interviews: int
    skipped: int
    sha256: str


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) so opening an export cannot run anything."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(project: Project, out: Path, *, quotations: bool = False) -> ExportResult:
    destination = check_destination(project, out)
    selection = select_exportable(project, quotations=quotations)
    categories = dict(project.conn.execute("SELECT code, category FROM respondents").fetchall())
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = 0
    for interview in selection.included:
        for index, segment in enumerate(load_anonymised(project, interview.id).segments, start=1):
            writer.writerow(
                (interview.respondent or "", categories.get(interview.respondent, ""), interview.id, index,
                 f"{segment.start:.2f}", f"{segment.end:.2f}",
                 "yes" if interview.respondent in selection.quotable else "no", _cell(segment.text))
            )
            rows += 1
    data = buffer.getvalue().encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    write_atomic(destination, data)
    try:
        with project.transaction():
            export_id = record_export(project.conn, project, destination, digest)
            project.audit.append("export_made", object=export_id, format="csv", rows=rows, sha256=digest)
    except BaseException:
        destination.unlink(missing_ok=True)  # an export the log does not record must not exist
        raise
    return ExportResult(destination, rows, len(selection.included), len(selection.skipped), digest)
