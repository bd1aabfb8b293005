"""Coded excerpts and the interview register as CSV, JSON and Markdown: respondents by code only."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from fieldkit.export.register import COLUMNS as REGISTER_COLUMNS
from fieldkit.export.register import RegisterRow

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExcerptRow:
    """One exported excerpt (or, with --all-text, one uncoded line)."""

    excerpt: str
    code: str
    code_path: str
    respondent: str
    category: str
    respondent_type: str
    interview: str
    interview_date: str
    mode: str
    language: str
    start: int
    end: int
    quotable: bool
    text: str
    memo: str = ""


EXCERPT_COLUMNS = tuple(ExcerptRow.__dataclass_fields__)


def cell(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV injection) so opening an export cannot run anything."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = "" if value is None else str(value)
    # a cell that starts with ' gets another, so that taking one off on reading gives back what was written
    return "'" + text if text.startswith((*FORMULA_START, "'")) else text


def uncell(value: str | None) -> str:
    """A cell as it was before `cell`: without the ' put before a formula-like cell (or a ' itself)."""
    value = value or ""
    return value[1:] if value.startswith("'") and value[1:2] and value[1] in (*FORMULA_START, "'") else value


def _csv(columns: tuple[str, ...], rows: list[dict], crlf: bool) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(cell(row[c]) for c in columns)
    return buffer.getvalue().encode("utf-8")


def excerpts_csv(rows: list[ExcerptRow], *, memos: bool, crlf: bool = False) -> bytes:
    columns = EXCERPT_COLUMNS if memos else EXCERPT_COLUMNS[:-1]
    return _csv(columns, [r.__dict__ for r in rows], crlf)


def register_csv(rows: list[RegisterRow], crlf: bool = False) -> bytes:
    return _csv(REGISTER_COLUMNS, [r.as_dict() for r in rows], crlf)


def excerpts_json(rows: list[ExcerptRow], codes: list[dict], header: dict, *, memos: bool) -> bytes:
    excerpts = []
    for row in rows:
        item = dict(row.__dict__)
        if not memos:
            item.pop("memo")
        excerpts.append(item)
    return (json.dumps({**header, "codes": codes, "excerpts": excerpts}, ensure_ascii=False, indent=1) + "\n").encode()


def register_json(rows: list[RegisterRow], header: dict) -> bytes:
    body = {**header, "interviews": [r.as_dict() for r in rows]}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode()


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines() or [""])


#: How Markdown marks an excerpt whose respondent did not consent to direct quotation: a plain paragraph,
#: never a `>` quotation with an attribution.
NOT_FOR_QUOTATION = "(not for quotation; paraphrase only)"


def _paraphrase_only(row: ExcerptRow, citation: str) -> list[str]:
    text = " ".join(row.text.split())
    return [f"{NOT_FOR_QUOTATION} {text}", f"({citation}, interview {row.interview})"]


def excerpts_md(rows: list[ExcerptRow], codes: list[dict], header: dict, *, memos: bool) -> bytes:
    lines = [f"# {header['title']}", "", header["note"], ""]
    if not all(row.quotable for row in rows):
        lines += [f"Excerpts marked {NOT_FOR_QUOTATION} come from respondents who did not consent to direct"
                  " quotation: use them for analysis and paraphrase, never quote them.", ""]
    by_code: dict[str, list[ExcerptRow]] = {}
    for row in rows:
        by_code.setdefault(row.code_path, []).append(row)
    order = [c["path"] for c in codes if c["path"] in by_code] + [p for p in by_code if p not in
                                                                    {c["path"] for c in codes}]
    descriptions = {c["path"]: c["description"] for c in codes}
    for path in order:
        lines += [f"## {path or 'Uncoded text'}", ""]
        if descriptions.get(path):
            lines += [f"_{descriptions[path]}_", ""]
        for row in by_code[path]:
            citation = ", ".join(part for part in (row.respondent, row.respondent_type, row.interview_date) if part)
            if row.quotable:
                lines += [_quote(row.text), ">", f"> — {citation} (interview {row.interview})", ""]
            else:
                lines += [*_paraphrase_only(row, citation), ""]
            if memos and row.memo:
                lines += [f"Memo: {row.memo}", ""]
    return "\n".join(lines).encode("utf-8")


def register_md(rows: list[RegisterRow], header: dict) -> bytes:
    titles = ("No.", "Interview", "Respondent", "Category", "Type", "Mode", "Date", "Duration (min)", "Language")
    lines = [f"# {header['title']}", "", header["note"], "", "| " + " | ".join(titles) + " |",
             "|" + "---|" * len(titles)]
    for row in rows:
        values = (row.number, row.interview, row.respondent, row.category, row.respondent_type, row.mode, row.date,
                  "" if row.duration_min is None else row.duration_min, row.language)
        lines.append("| " + " | ".join(_md_escape(str(v)) for v in values) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")
