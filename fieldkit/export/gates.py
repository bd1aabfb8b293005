"""What may leave the vault. Every gate is checked and every reason listed before anything is written:
retention has run and nothing is overdue; each source is approved; each respondent's consent covers the
use; no withdrawn respondent; no stale coding; the residual identifier scan is clean or overridden."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.coding.sources import SEALED_REASON, Source, load_source, text_available
from fieldkit.errors import GateClosed, UsageError
from fieldkit.interviews import Interview, get_interview, list_interviews
from fieldkit.vault.project import Project

if TYPE_CHECKING:
    from fieldkit.anonymise.fuzzy import KnownIdentifiers


@dataclass(frozen=True)
class ExportPlan:
    sources: list[Source]
    left_out: dict[str, str]  # interview → why it is not in this export (only with only_ready / defaults)
    quotable: set[str]  # respondents who consented to direct quotation
    codings: dict[str, list] = field(default_factory=dict)  # interview → its current codings


def blocked(reasons: list[str], hint: str) -> GateClosed:
    count = len(reasons)
    return GateClosed(f"export refused for {count} reason{'s' if count != 1 else ''}; nothing was written", hint,
                      details=tuple(reasons))


def retention_gate(project: Project) -> list[str]:
    """Run retention first (what is due is destroyed now); anything past its deadline that is still there
    (a destruction that failed, however recently) blocks every export."""
    from fieldkit.retention.schedule import enforce, items

    enforce(project)
    late = [item for item in items(project, include_destroyed=False) if item.state in ("due", "overdue")]
    if not late:
        return []
    kinds = ", ".join(sorted({f"{item.kind} of {item.interview or item.respondent or 'the project'}"
                              for item in late}))
    return [f"{len(late)} item(s) are past their destruction deadline and still stored ({kinds});"
            " run `fieldkit retention run`"]


def withdrew(project: Project, respondent: str) -> bool:
    """Any withdrawal ends new use: "all" destroyed their data, "future-use" keeps it but nothing of theirs
    may leave in a new export."""
    from fieldkit.consent.respondents import require_respondent

    return require_respondent(project, respondent) == "withdrawn"


def source_problems(project: Project, interview: Interview, *, quotations: bool) -> list[str]:
    """Every reason this interview may not be exported now (empty: it may)."""
    from fieldkit.consent.records import allows

    if interview.discarded:
        return [f"{interview.id}: discarded as a wrong import (its objects are destroyed)"]
    problems = []
    who = interview.respondent
    if who is not None and withdrew(project, who):
        return [f"{interview.id}: respondent {who} withdrew consent"]
    if interview.sealed:  # nothing else can be fixed here: only the institution can open it now
        return [f"{interview.id}: {SEALED_REASON}"]
    if who is not None:
        if not allows(project, who, "excerpts"):
            problems.append(f"{interview.id}: {who}'s consent does not cover using excerpts")
        if quotations and not allows(project, who, "quotation"):
            problems.append(f"{interview.id}: {who} did not consent to direct quotation")
    if interview.anonymised_object and not text_available(project, interview):
        problems.append(f"{interview.id}: its anonymised text was destroyed")
    elif interview.transcript_object is None:
        problems.append(f"{interview.id}: not transcribed yet (`fieldkit transcribe {interview.id}`)")
    elif interview.anonymised_object is None:
        problems.append(f"{interview.id}: not anonymised yet (`fieldkit anonymise {interview.id}`)")
    elif not interview.approved:
        problems.append(f"{interview.id}: anonymisation not approved (`fieldkit anonymise {interview.id} --approve`)")
    return problems


def _residual_problem(project: Project, interview_id: str, known: KnownIdentifiers) -> str | None:
    from fieldkit.anonymise.review import residuals

    found = residuals(project, interview_id, known=known)
    if not found:
        return None
    kinds = ", ".join(sorted({r.entity for r in found}))
    return (f"{interview_id}: {len(found)} possible identifier(s) remain in the approved text ({kinds});"
            f" see `fieldkit review {interview_id} --residuals`, fix the review or override one (logged)")


def _default_selection(project: Project) -> tuple[list[Interview], dict[str, str]]:
    """Every interview, except withdrawn respondents' and sources whose text is gone (they can never be
    exported, so they must not block the rest; the export names them as left out) and discarded ones."""
    chosen, left_out = [], {}
    for interview in list_interviews(project):
        if interview.discarded:
            continue  # a wrong import, destroyed: not part of the research, so not named either
        if interview.respondent and withdrew(project, interview.respondent):
            left_out[interview.id] = "respondent withdrew consent"
        elif interview.sealed:  # out of this laptop's reach for good, like a destroyed text: named, not blocking
            left_out[interview.id] = SEALED_REASON
        elif interview.anonymised_object and not text_available(project, interview):
            left_out[interview.id] = "anonymised text destroyed"
        else:
            chosen.append(interview)
    return chosen, left_out


def free_text_problems(project: Project, sources: list[Source], codings: dict[str, list], *,
                       memos: bool, known: KnownIdentifiers | None = None) -> list[str]:
    """Code names and descriptions (in every excerpt export) and, with ``memos``, every memo are free text a
    researcher typed: they are scanned with the same detectors as the approved text before they leave."""
    from fieldkit.anonymise.engine import language_for
    from fieldkit.anonymise.review import detect, load_pseudonyms, project_lexicon
    from fieldkit.capture.notes import notes_language
    from fieldkit.coding.codebook import code_path, list_codes

    pseudonyms, _ = load_pseudonyms(project)
    known = known if known is not None else project_lexicon(project, pseudonyms)
    keep_places = project.policy.location_level == "keep"
    problems = []

    def scan(text: str, language: str, where: str, fix: str) -> None:
        kinds = {f.entity for f, _ in detect(text, language_for(language), pseudonyms, known)
                 if not (keep_places and f.entity == "LOCATION")
                 and project.policy.quasi.mode_for(f.entity) != "keep"}
        if kinds:
            problems.append(f"{where} may hold identifying details ({', '.join(sorted(kinds))}); {fix}")

    codes = list_codes(project)
    by_id = {code.id: code for code in codes}
    for code in codes:  # named as `code list` shows it and as `code edit` takes it, never by GUID
        text = f"{code.name}. {code.description}".strip()
        where, edit = f'code "{code_path(code, by_id)}"', f"`fieldkit code edit {shlex.quote(code.name)}"
        scan(text, notes_language(text), f"{where} (name or description)",
             f"rename it ({edit} --name NEW`) or edit its description ({edit} --description-file FILE`)")
        if memos and code.memo:
            scan(code.memo, notes_language(code.memo), f"memo on {where}",
                 f"edit it ({edit} --memo-file FILE`), or export without --memos")
    if memos:
        for source in sources:
            for coding in codings[source.id]:
                if coding.memo:
                    scan(coding.memo, source.language, f"memo on coding {coding.id[:8]} ({source.id})",
                         "edit it with `fieldkit code memo`, or export without --memos")
    return problems


def plan_export(project: Project, *, interviews: tuple[str, ...] = (), only_ready: bool = False,
                quotations: bool = False, memos: bool = False) -> ExportPlan:
    """Check every gate for the chosen interviews (default: all) and return the sources to export.

    ``only_ready`` leaves out interviews that are not ready, naming each, instead of refusing; the gates that
    concern the whole project (retention) still refuse.
    """
    from fieldkit.anonymise.review import load_pseudonyms, project_lexicon
    from fieldkit.coding.excerpts import check_codings
    from fieldkit.consent.records import allows

    blockers = retention_gate(project)
    known = project_lexicon(project, load_pseudonyms(project)[0])  # built once for every check below
    if interviews:
        selection, left_out = [get_interview(project, i) for i in dict.fromkeys(interviews)], {}
    else:
        selection, left_out = _default_selection(project)
    sources, codings = [], {}
    for interview in selection:
        problems = source_problems(project, interview, quotations=quotations)
        source = None
        if text_available(project, interview):
            residual = _residual_problem(project, interview.id, known)
            problems += [residual] if residual else []
            source = load_source(project, interview.id)
            current, stale = check_codings(project, source)
            if stale:
                problems.append(f"{interview.id}: {len(stale)} coding(s) no longer match the anonymised text"
                                f" ({', '.join(c.id[:8] for c in stale)}); re-apply or remove them with"
                                " `fieldkit code unapply`")
        if not problems and source is not None:
            sources.append(source)
            codings[interview.id] = current
        elif only_ready:
            left_out[interview.id] = "; ".join(problem.split(": ", 1)[1] for problem in problems)
        else:
            blockers.extend(problems)
    if not sources and not blockers:
        blockers.append("nothing to export: no approved anonymised source of a respondent who consented to"
                        " excerpts")
    blockers += free_text_problems(project, sources, codings, memos=memos, known=known)
    if blockers:
        raise blocked(blockers, "fix each reason above; `--only-ready` leaves out interviews that are not ready")
    quotable = {s.interview.respondent for s in sources
                if s.interview.respondent and allows(project, s.interview.respondent, "quotation")}
    return ExportPlan(sources, left_out, quotable, codings)


def check_destination(project: Project, out: Path) -> Path:
    """Exports are plaintext by design, so they must never land inside the encrypted project folder."""
    out = out.expanduser().resolve()
    if out == project.root or project.root in out.parents:
        raise GateClosed(
            "refusing to write an export inside the project folder",
            "the project folder holds only encrypted data; choose a path outside it",
        )
    if out.is_dir():
        raise UsageError(f"{out} is a folder", "give a file name, e.g. --out excerpts.csv")
    return out
