"""One export, start to finish: check every gate, build the file in memory, optionally encrypt it to a
recipient, write it atomically, and log it (format, counts, hash). Nothing is written if any gate fails."""

from __future__ import annotations

import glob
import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from fieldkit import __version__
from fieldkit.clock import format_instant
from fieldkit.coding.codebook import Code, code_path, list_codes
from fieldkit.consent.respondents import list_respondents
from fieldkit.errors import GateClosed, UsageError
from fieldkit.export import refi, tabular
from fieldkit.export.gates import ExportPlan, blocked, check_destination, plan_export, retention_gate
from fieldkit.export.register import coarsen_date, period_start, register_rows
from fieldkit.vault import intents
from fieldkit.vault.files import write_atomic
from fieldkit.vault.project import Project

FORMATS = ("qdpx", "csv", "json", "md")
#: Each QDPX selection says whether it may be quoted (the respondent's current consent to quotation).
QUOTABLE_NOTE = "Quotable: the respondent consented to direct quotation."
NOT_QUOTABLE_NOTE = "Not for quotation: paraphrase only (the respondent did not consent to direct quotation)."


@dataclass(frozen=True)
class ExportRequest:
    format: str
    out: Path
    register: bool = False  # the interview register instead of excerpts
    quotations: bool = False  # for direct quotation: every respondent must have consented to it
    interviews: tuple[str, ...] = ()  # empty: every interview
    only_ready: bool = False  # leave out (and name) interviews that are not ready instead of refusing
    all_text: bool = False  # csv/json/md: every line of every source, coded or not
    memos: bool = False  # include memos (scanned for identifying details first)
    crlf: bool = False  # CRLF line endings (MAXQDA)
    recipients: tuple[str, ...] = ()  # age1… public keys: the file is encrypted to them


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    sources: int
    excerpts: int
    rows: int
    sha256: str
    encrypted: bool
    left_out: dict[str, str] = field(default_factory=dict)
    interviews: tuple[str, ...] = ()


def _categories(project: Project) -> tuple[dict[str, str], dict[str, str]]:
    categories = {r.code: r.category for r in list_respondents(project)}
    return categories, {c.code: c.description for c in project.policy.categories}


def _excerpt_rows(project: Project, plan: ExportPlan, codes: dict[str, Code], all_text: bool,
                  guids: refi.ExportGuids) -> list[tabular.ExcerptRow]:
    categories, descriptions = _categories(project)
    precision = project.policy.date_precision
    rows = []
    for source in plan.sources:
        interview = source.interview
        category = categories.get(interview.respondent, "") if interview.respondent else ""
        common = dict(respondent=f"[{interview.respondent}]" if interview.respondent else "", category=category,
                      respondent_type=descriptions.get(category, "document" if not interview.respondent else ""),
                      interview=interview.id, interview_date=coarsen_date(interview.interview_date, precision),
                      mode=interview.mode, language=source.language, quotable=interview.respondent in plan.quotable)
        for coding in plan.codings[source.id]:
            code = codes[coding.code]
            # the excerpt's id is this export's own, not the coding's id in the vault
            rows.append(tabular.ExcerptRow(excerpt=guids(f"excerpt:{coding.id}"), code=code.name,
                                           code_path=code_path(code, codes), start=coding.start, end=coding.end,
                                           text=source.text[coding.start:coding.end], memo=coding.memo, **common))
        if all_text:
            position = 0
            for line in source.text.split("\n"):
                if line.strip():
                    rows.append(tabular.ExcerptRow(excerpt="", code="", code_path="", start=position,
                                                   end=position + len(line), text=line, **common))
                position += len(line) + 1
    return rows


def _code_dicts(codes: list[Code], guids: refi.ExportGuids) -> list[dict]:
    by_id = {c.id: c for c in codes}
    return [{"guid": guids(f"code:{c.id}"), "name": c.name, "path": code_path(c, by_id), "description": c.description,
             "colour": c.colour, "parent": guids(f"code:{c.parent}") if c.parent else None, "codable": c.codable}
            for c in codes]


def _header(project: Project, title: str, kind: str) -> dict:
    precision = project.policy.date_precision
    return {
        "format": f"fieldkit-{kind}", "version": 1, "generator": f"fieldkit {__version__}",
        # the export's own date, coarsened like interview dates: an export made the day after an interview
        # would otherwise date it
        "exported": coarsen_date(format_instant(project.clock.now()), precision), "date_precision": precision,
        "title": title,
        "note": f"Anonymised export: respondents appear by code only; dates are shown by {precision}.",
    }


def quotability_note(quotable: bool) -> str:
    return QUOTABLE_NOTE if quotable else NOT_QUOTABLE_NOTE


def _qdpx(project: Project, plan: ExportPlan, codes: list[Code], memos: bool, crlf: bool) -> bytes:
    # Every GUID is random and new for this export (see refi.ExportGuids): two exports of one project share none.
    guids = refi.ExportGuids()
    categories, descriptions = _categories(project)
    precision = project.policy.date_precision
    notes: dict[str, str] = {}
    xml_codes = []
    for code in codes:
        note, memo = None, ""
        if memos and code.memo:
            note, memo = guids(f"code-memo:{code.id}"), code.memo
            notes[note] = memo
        xml_codes.append(refi.XmlCode(guids(f"code:{code.id}"), code.name, code.colour, code.description,
                                      guids(f"code:{code.parent}") if code.parent else None, note, memo,
                                      code.codable))
    code_order = {code.id: index for index, code in enumerate(codes)}
    sources, cases = [], {}
    for source in plan.sources:
        interview = source.interview
        quotable = interview.respondent in plan.quotable
        guid = guids(f"source:{interview.id}")
        selections = []
        # One selection per coding, so that each coding's memo sits in its own selection's Description, which
        # QualCoder and MAXQDA show as that coding's memo; the memo's Note hangs off the Coding.
        for coding in sorted(plan.codings[source.id], key=lambda c: (c.start, c.end, code_order[c.code])):
            note, memo = None, ""
            if memos and coding.memo:
                note, memo = guids(f"memo:{coding.id}"), coding.memo
                notes[note] = memo
            name = " ".join(source.text[coding.start:coding.end].split())
            description = "\n\n".join(part for part in (memo, quotability_note(quotable)) if part)
            selections.append(refi.XmlSelection(
                guids(f"selection:{coding.id}"), coding.start, coding.end,
                (refi.XmlCoding(guids(f"coding:{coding.id}"), guids(f"code:{coding.code}"), note),),
                name[:60] + ("…" if len(name) > 60 else ""), description))
        category = categories.get(interview.respondent, "") if interview.respondent else ""
        variables = {"Respondent": f"[{interview.respondent}]" if interview.respondent else "",
                     "Respondent category": category,
                     "Respondent type": descriptions.get(category, "document" if not interview.respondent else ""),
                     "Interview date": coarsen_date(interview.interview_date, precision),
                     "Mode": interview.mode, "Language": source.language, "Quotable": tabular.cell(quotable)}
        sources.append(refi.XmlSource(guid, interview.id, source.text, selections, variables))
        if interview.respondent:
            case = cases.setdefault(interview.respondent, refi.XmlCase(
                guids(f"case:{interview.respondent}"), interview.respondent, [],
                {"Respondent category": category, "Respondent type": descriptions.get(category, ""),
                 "Quotable": tabular.cell(quotable)}))
            case.sources.append(guid)
    # creation times say when the export was made; coarsened like every other date in an export
    day = period_start(project.clock.now().date(), precision)
    now = datetime(day.year, day.month, day.day, tzinfo=UTC)
    xml = refi.XmlProject(
        name=f"{project.policy.name} (anonymised export)", origin=f"fieldkit {__version__}",
        created=refi.qda_datetime(now), user=guids("user"), codes=xml_codes, sources=sources,
        cases=list(cases.values()), notes=notes,
        variables=["Respondent", "Respondent category", "Respondent type", "Interview date", "Mode", "Language",
                   "Quotable"],
    )
    return refi.qdpx_bytes(xml, crlf=crlf, timestamp=(max(now.year, 1980), now.month, now.day, now.hour,
                                                        now.minute, now.second))


def _log_export(project: Project, path: Path, digest: str, intent: intents.Intent) -> None:
    """Record the written file in the export log and the audit chain, closing its intent (one transaction)."""
    from fieldkit.retention.schedule import record_export

    data = intent.data
    with project.transaction():
        export_id = record_export(project.conn, project, path, digest, tuple(data["interviews"]))
        project.audit.append("export_made", object=export_id, format=data["format"], rows=data["rows"],
                             sources=data["sources"], codings=data["codings"], encrypted=data["encrypted"],
                             sha256=digest)
        intents.finish(project.conn, intent.id)


def finish_export(project: Project, intent: intents.Intent) -> str:
    """The finisher of an interrupted export: log the file if it was written whole, else remove the temporary
    copy the write left beside it."""
    path = Path(intent.subject or "")
    digest = intent.data["sha256"]
    try:
        written = path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        written = False
    if written:
        _log_export(project, path, digest, intent)
        return f"an interrupted export to {path.name} was written whole: it is now logged (retention covers it)"
    for temporary in path.parent.glob(f".{glob.escape(path.name)}.*.tmp") if path.parent.is_dir() else ():
        temporary.unlink(missing_ok=True)
    with project.transaction():
        intents.finish(project.conn, intent.id)
    return f"an interrupted export to {path.name} was rolled back: nothing of it is left"


def _encrypt(data: bytes, recipients: tuple[str, ...]) -> bytes:
    import pyrage

    from fieldkit.vault.keys import parse_recipient

    return pyrage.encrypt(data, [parse_recipient(r) for r in recipients])


def export_blockers(project: Project, request: ExportRequest) -> list[str]:
    """What would stop this export now (empty: it would go ahead). Writes nothing; for screens that show
    the gates before the user presses export."""
    try:
        build_export(project, request)
    except GateClosed as exc:
        return list(exc.details) or [exc.message]
    return []


def check_request(request: ExportRequest) -> None:
    if request.format not in FORMATS:
        raise UsageError(f"unknown export format {request.format!r}", f"choose one of {', '.join(FORMATS)}")
    if request.register and request.format == "qdpx":
        raise UsageError("the interview register is a table", "use --format csv, json or md with --register")
    if request.format == "qdpx" and request.all_text:
        raise UsageError("--all-text is for csv, json and md", "a QDPX export always holds the whole texts")
    if request.crlf and request.format not in ("qdpx", "csv"):
        raise UsageError("--crlf applies to qdpx and csv exports", "drop --crlf, or use --format csv or qdpx")
    if request.register and (request.interviews or request.only_ready or request.quotations or request.memos
                             or request.all_text):
        raise UsageError("the register lists every interview and holds no text",
                         "drop --interview, --only-ready, --quotes, --memos and --all-text with --register")
    from fieldkit.vault.keys import parse_recipient

    for recipient in request.recipients:
        parse_recipient(recipient)


def build_export(project: Project, request: ExportRequest) -> tuple[bytes, ExportResult]:
    """Check every gate and build the export in memory; raise GateClosed listing every reason."""
    check_request(request)
    destination = check_destination(project, request.out)
    precision = project.policy.date_precision
    if request.register:
        blockers = retention_gate(project)
        if blockers:
            raise blocked(blockers, "the register waits until retention has done what is due")
        rows = register_rows(project)
        header = _header(project, "Interview register", "register")
        header["note"] = (f"Interviews by number, date ({precision}), respondent category and type, mode and"
                          " duration. No names or places.")
        data = {"csv": lambda: tabular.register_csv(rows, request.crlf),
                "json": lambda: tabular.register_json(rows, header),
                "md": lambda: tabular.register_md(rows, header)}[request.format]()
        result = ExportResult(destination, "register-" + request.format, 0, 0, len(rows), "",
                              bool(request.recipients))
    else:
        plan = plan_export(project, interviews=request.interviews, only_ready=request.only_ready,
                           quotations=request.quotations, memos=request.memos)
        codes = list_codes(project)
        by_id = {c.id: c for c in codes}
        excerpt_count = sum(len(plan.codings[s.id]) for s in plan.sources)
        if request.format == "qdpx":
            data = _qdpx(project, plan, codes, request.memos, request.crlf)
            rows_count = excerpt_count
        else:
            guids = refi.ExportGuids()  # this export's own ids, new each time: see refi.ExportGuids
            rows = _excerpt_rows(project, plan, by_id, request.all_text, guids)
            if not rows:
                raise GateClosed("nothing coded yet in the chosen sources; nothing was written",
                                 "code excerpts with `fieldkit code apply`, or pass --all-text for the whole texts")
            header = _header(project, "Coded excerpts", "excerpts")
            code_list = _code_dicts(codes, guids)
            data = {"csv": lambda: tabular.excerpts_csv(rows, memos=request.memos, crlf=request.crlf),
                    "json": lambda: tabular.excerpts_json(rows, code_list, header, memos=request.memos),
                    "md": lambda: tabular.excerpts_md(rows, code_list, header, memos=request.memos)}[request.format]()
            rows_count = len(rows)
        result = ExportResult(destination, request.format, len(plan.sources), excerpt_count, rows_count, "",
                              bool(request.recipients), plan.left_out, tuple(s.id for s in plan.sources))
    if request.recipients:
        data = _encrypt(data, request.recipients)
    return data, result


EXPORT_INTENT = "export"


def run_export(project: Project, request: ExportRequest) -> ExportResult:
    """Build, then write and log as one recorded intent: the intent names the file and its hash before a byte
    is written, so an export killed before its rename leaves a temporary copy the next opening removes, and
    one killed after the rename but before it was logged is logged then (retention can reach it)."""
    data, result = build_export(project, request)
    digest = hashlib.sha256(data).hexdigest()
    record = dict(sha256=digest, interviews=list(result.interviews), format=result.format, rows=result.rows,
                  sources=result.sources, codings=result.excerpts, encrypted=result.encrypted)
    with project.transaction():
        intent = intents.begin(project.conn, project.clock, EXPORT_INTENT, str(result.path), **record)
    # An error undoes the export here; an interruption (Ctrl-C, a kill) leaves the intent for the next opening.
    try:
        write_atomic(result.path, data)
    except Exception:
        with project.transaction():
            intents.finish(project.conn, intent)
        raise
    try:
        _log_export(project, result.path, digest, intents.Intent(intent, EXPORT_INTENT, str(result.path), record, ""))
    except Exception:
        result.path.unlink(missing_ok=True)
        with project.transaction():
            intents.finish(project.conn, intent)
        raise
    if project.policy.seal_after_export:
        from fieldkit.pipeline import seal_interview

        for interview in result.interviews:  # the policy says exported material leaves the laptop's reach
            seal_interview(project, interview)
    return replace(result, sha256=digest)
