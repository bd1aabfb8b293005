"""Codings: a code applied to a span of a source's anonymised text, with an optional memo.

A coding stores offsets and a hash of the coded text, not the text: when retention destroys a source, its
codings are pruned and nothing of its words is left in the index. If the anonymised text changes after
coding (a later review, a speaker label), a coding whose text is still there once is moved to it; one
whose text is gone is reported as stale and blocks exports until it is removed or re-applied.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from fieldkit.clock import format_instant
from fieldkit.coding.codebook import Code, check_text, code_path, descendants, find_code, list_codes
from fieldkit.coding.sources import Source, load_source, text_available
from fieldkit.errors import NotFound, UsageError
from fieldkit.interviews import Interview, get_interview, list_interviews
from fieldkit.vault.project import Project


@dataclass(frozen=True)
class Coding:
    id: str
    code: str
    interview: str
    start: int
    end: int
    text_sha256: str
    memo: str
    created: str


@dataclass(frozen=True)
class Excerpt:
    """A coding with what a reader needs: the code, the text, and the respondent by code only."""

    coding: Coding
    code: Code
    code_path: str
    text: str
    respondent: str | None
    category: str | None
    language: str


_COLUMNS = "id, code, interview, start, end, text_sha256, memo, created"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locate(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Code-point offsets of the ``occurrence``-th appearance of ``quote`` in ``text``."""
    if not quote.strip():
        raise UsageError("the text to code is empty", "give words of the anonymised text (`fieldkit code source ID`)")
    position = -1
    for _ in range(max(occurrence, 1)):
        position = text.find(quote, position + 1)
        if position < 0:
            raise NotFound(
                "that text does not appear in the anonymised text" if occurrence <= 1
                else f"that text does not appear {occurrence} times in the anonymised text",
                "copy it from `fieldkit code source ID` (placeholders such as [PERSON-1] included)",
            )
    return position, position + len(quote)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def apply_code(project: Project, interview_id: str, code_ref: str, *, start: int | None = None,
               end: int | None = None, quote: str | None = None, occurrence: int = 1, memo: str = "") -> Coding:
    """Code a span given by offsets or by its text; the same code on the same span is stored once."""
    code = find_code(project, code_ref)
    if not code.codable:
        raise UsageError(f"{code.name!r} is a category: it groups codes and is not applied itself",
                         "apply one of the codes under it, or make it codable (`fieldkit code edit NAME --codable`)")
    source = load_source(project, interview_id)
    if quote is not None:
        start, end = locate(source.text, quote, occurrence)
    if start is None or end is None:
        raise UsageError("give the span as offsets or as the text to code",
                         "pass --text-file FILE (- for stdin) or --span START:END")
    if not 0 <= start < end <= len(source.text):
        raise UsageError(f"span {start}:{end} is outside the text (0:{len(source.text)})",
                         "`fieldkit code source ID --offsets` shows the offsets")
    start, end = _trim(source.text, start, end)
    if start == end:
        raise UsageError("the span holds only white space", "`fieldkit code source ID --offsets` shows the offsets")
    existing = project.conn.execute(
        f"SELECT {_COLUMNS} FROM codings WHERE code = ? AND interview = ? AND start = ? AND end = ?",
        (code.id, interview_id, start, end),
    ).fetchone()
    if existing:
        coding = Coding(*existing)
        return set_memo(project, coding.id, memo) if memo.strip() and memo.strip() != coding.memo else coding
    coding = Coding(str(uuid.uuid4()), code.id, interview_id, start, end, _digest(source.text[start:end]),
                    check_text(memo, "memo"), format_instant(project.clock.now()))
    with project.transaction():
        project.conn.execute(f"INSERT INTO codings ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             (coding.id, coding.code, coding.interview, coding.start, coding.end,
                              coding.text_sha256, coding.memo, coding.created))
    return coding


def get_coding(project: Project, coding_id: str) -> Coding:
    """A coding by id or by a prefix of at least 4 characters that matches exactly one."""
    coding_id = coding_id.strip().lower()
    if not re.fullmatch(r"[0-9a-f-]{4,36}", coding_id):
        raise UsageError(f"not a coding id: {coding_id!r}", "ids are hexadecimal, e.g. 3f2a9c1b")
    rows = project.conn.execute(f"SELECT {_COLUMNS} FROM codings WHERE substr(id, 1, ?) = ?",
                                (len(coding_id), coding_id)).fetchall()
    if len(rows) != 1:
        raise NotFound(f"no single coding matches {coding_id!r}", "list codings with `fieldkit code excerpts`")
    return Coding(*rows[0])


def remove_coding(project: Project, coding_id: str) -> None:
    coding = get_coding(project, coding_id)
    with project.transaction():
        project.conn.execute("DELETE FROM codings WHERE id = ?", (coding.id,))


def set_memo(project: Project, coding_id: str, memo: str) -> Coding:
    coding = get_coding(project, coding_id)
    with project.transaction():
        project.conn.execute("UPDATE codings SET memo = ? WHERE id = ?", (check_text(memo, "memo"), coding.id))
    return get_coding(project, coding.id)


def codings_of(project: Project, interview_id: str) -> list[Coding]:
    rows = project.conn.execute(
        f"SELECT {_COLUMNS} FROM codings WHERE interview = ? ORDER BY start, end, created", (interview_id,)
    ).fetchall()
    return [Coding(*row) for row in rows]


def _relocate(text: str, coding: Coding) -> tuple[int, int] | None:
    """Where the coded text is now: the window of the same length with the same hash nearest the old place."""
    length = coding.end - coding.start
    candidates = [i for i in range(len(text) - length + 1) if _digest(text[i:i + length]) == coding.text_sha256]
    if not candidates:
        return None
    best = min(candidates, key=lambda i: abs(i - coding.start))
    return best, best + length


def check_codings(project: Project, source: Source) -> tuple[list[Coding], list[Coding]]:
    """The source's codings split into current and stale; moved ones are updated in place."""
    current, stale, moved = [], [], []
    for coding in codings_of(project, source.id):
        if coding.end <= len(source.text) and _digest(source.text[coding.start:coding.end]) == coding.text_sha256:
            current.append(coding)
            continue
        where = _relocate(source.text, coding)
        if where is None:
            stale.append(coding)
        else:
            moved.append((where, coding.id))
            current.append(Coding(coding.id, coding.code, coding.interview, *where, coding.text_sha256,
                                  coding.memo, coding.created))
    if moved:
        with project.transaction():
            for (start, end), coding_id in moved:
                project.conn.execute("UPDATE codings SET start = ?, end = ? WHERE id = ?", (start, end, coding_id))
    current.sort(key=lambda c: (c.start, c.end, c.created))
    return current, stale


def excerpts_of(project: Project, source: Source, codings: list[Coding], codes: dict[str, Code]) -> list[Excerpt]:
    category = None
    if source.interview.respondent:
        row = project.conn.execute("SELECT category FROM respondents WHERE code = ?",
                                   (source.interview.respondent,)).fetchone()
        category = row[0] if row else None
    return [
        Excerpt(coding, codes[coding.code], code_path(codes[coding.code], codes), source.text[coding.start:coding.end],
                source.interview.respondent, category, source.language)
        for coding in codings
    ]


def _chosen(project: Project, category: str | None, interview: str | None) -> list[Interview]:
    """The interviews a listing covers: one by id, or all, optionally of one respondent category."""
    interviews = [get_interview(project, interview)] if interview else list_interviews(project)
    if category is None:
        return interviews
    of_category = {code for (code,) in project.conn.execute("SELECT code FROM respondents WHERE category = ?",
                                                            (category,))}
    return [item for item in interviews if item.respondent in of_category]


def list_excerpts(project: Project, *, code: str | None = None, category: str | None = None,
                  interview: str | None = None) -> tuple[list[Excerpt], list[Coding]]:
    """Current excerpts filtered by code (with the codes under it), respondent category or interview, and
    the stale codings met on the way. Sealed interviews are skipped (see :func:`sealed_interviews`)."""
    codes = {c.id: c for c in list_codes(project)}
    wanted = descendants(project, find_code(project, code).id) if code else None
    excerpts, stale = [], []
    for item in _chosen(project, category, interview):
        if not text_available(project, item) or not codings_of(project, item.id):
            continue
        source = load_source(project, item.id)
        current, stale_here = check_codings(project, source)
        stale.extend(stale_here)
        chosen = [c for c in current if wanted is None or c.code in wanted]
        excerpts.extend(excerpts_of(project, source, chosen, codes))
    return excerpts, stale


def sealed_interviews(project: Project, *, category: str | None = None, interview: str | None = None) -> list[str]:
    """The sealed interviews among those a listing covers that hold codings (or the one asked for by id):
    their excerpts are out of this laptop's reach, so a listing skips them and says so."""
    return [item.id for item in _chosen(project, category, interview)
            if item.sealed and (interview or codings_of(project, item.id))]


def prune_codings(conn) -> int:
    """Forget codings whose source text no longer exists (destroyed by retention or a withdrawal)."""
    cursor = conn.execute(
        "DELETE FROM codings WHERE interview NOT IN ("
        " SELECT i.id FROM interviews i JOIN objects o ON o.id = i.anonymised_object WHERE o.destroyed IS NULL)"
    )
    return cursor.rowcount


def prune_after_destruction(project: Project, event) -> None:
    """Pipeline handler (objects destroyed, respondent withdrawn): codings and excerpt memos go with the text
    they were made on."""
    with project.transaction():
        prune_codings(project.conn)


def coding_counts(project: Project) -> dict[str, int]:
    """How many codings each code (by id) has."""
    return dict(project.conn.execute("SELECT code, count(*) FROM codings GROUP BY code").fetchall())


def coded_interviews(project: Project) -> set[str]:
    return {interview for (interview,) in project.conn.execute("SELECT DISTINCT interview FROM codings")}
