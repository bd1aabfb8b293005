"""Read-only views the front ends render: interview stages, respondents with their consent, the codebook."""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit import pipeline
from fieldkit.coding.codebook import Code, list_codes
from fieldkit.coding.excerpts import coded_interviews, coding_counts
from fieldkit.consent.records import Consent, consents, current_consent
from fieldkit.consent.respondents import Respondent, list_respondents
from fieldkit.consent.scripts import load_script
from fieldkit.interviews import Interview, list_interviews
from fieldkit.retention.schedule import exported_interviews
from fieldkit.vault.project import Project


def stages(project: Project) -> dict[str, str]:
    """Each interview's furthest stage: captured → transcribed → anonymised → approved → coded → exported,
    or sealed (out of this laptop's reach), or discarded (a wrong import, its objects destroyed), or withdrawn
    (its respondent withdrew, with either scope: nothing of it may be used again; scope "all" destroyed it)."""
    coded, exported = coded_interviews(project), exported_interviews(project)
    withdrawn = {r.code for r in list_respondents(project) if r.status == "withdrawn"}
    return {item.id: pipeline.stage_of(item, coded=item.id in coded, exported=item.id in exported,
                                       withdrawn=item.respondent in withdrawn)
            for item in list_interviews(project)}


@dataclass(frozen=True)
class InterviewRow:
    interview: Interview
    stage: str


def interview_rows(project: Project) -> list[InterviewRow]:
    by_id = stages(project)
    return [InterviewRow(item, by_id[item.id]) for item in list_interviews(project)]


@dataclass(frozen=True)
class RespondentRow:
    respondent: Respondent
    consent: Consent | None

    @property
    def given(self) -> list[str]:
        """Consent items answered yes, sorted."""
        return sorted(k for k, v in self.consent.answers.items() if v) if self.consent else []


def respondent_rows(project: Project) -> list[RespondentRow]:
    return [RespondentRow(r, current_consent(project, r.code)) for r in list_respondents(project)]


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    status: str  # the respondent's: active | withdrawn
    current_version: int  # the script's version now; a different one means re-consent is needed

    @property
    def needs_reconsent(self) -> bool:
        return self.consent.version != self.current_version


def consent_rows(project: Project) -> list[ConsentRow]:
    """Each respondent's latest consent, and whether the script was revised since (re-consent needed)."""
    latest: dict[str, Consent] = {}
    for record in consents(project):
        latest[record.respondent] = record
    statuses = {r.code: r.status for r in list_respondents(project)}
    return [ConsentRow(record, statuses[code], load_script(record.script, record.language).version)
            for code, record in latest.items()]


@dataclass(frozen=True)
class CodeRow:
    code: Code
    depth: int
    codings: int


def codebook_rows(project: Project) -> list[CodeRow]:
    """The codebook in order, each code with its depth in the tree and how many codings it has."""
    codes = list_codes(project)
    counts = coding_counts(project)
    by_id = {c.id: c for c in codes}
    rows = []
    for item in codes:
        depth, parent = 0, item.parent
        while parent and parent in by_id and depth < 32:
            depth, parent = depth + 1, by_id[parent].parent
        rows.append(CodeRow(item, depth, counts.get(item.id, 0)))
    return rows
