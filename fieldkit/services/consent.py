"""Recording consent with its evidence, and what a withdrawal will destroy, as both front ends do it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.capture.audio import decode, encode_opus
from fieldkit.consent.records import SCOPES, Consent, interrupted_withdrawal, record_consent
from fieldkit.consent.respondents import require_respondent
from fieldkit.consent.scripts import ConsentScript, load_script
from fieldkit.errors import StateError, UsageError
from fieldkit.interviews import list_interviews
from fieldkit.retention.schedule import ExportFile, exports_containing
from fieldkit.vault.project import Project


def script_for(project: Project, script_id: str | None, language: str) -> ConsentScript:
    """The named script, or the policy's first, in ``language``."""
    return load_script(script_id or project.policy.consent_scripts[0], language)


def read_evidence(mode: str, audio: Path | None, form: Path | None) -> bytes | None:
    """The evidence file a mode needs: oral-recorded keeps the recording (re-encoded to Opus in memory, so
    no container metadata such as a phone's name survives), written keeps the scanned form."""
    path = audio if mode == "oral-recorded" else form if mode == "written" else None
    if path is None:
        return None
    try:
        evidence = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the evidence file: {exc.strerror}",
                         "check the path; nothing was recorded") from exc
    if mode == "oral-recorded":
        evidence = encode_opus(decode(evidence, label="the consent recording"))
    return evidence


@dataclass(frozen=True)
class Recorded:
    consent: Consent
    #: what the new answers no longer cover, destroyed at once (a narrowed re-consent): kind -> count
    destroyed: dict[str, int] = field(default_factory=dict)


def record(project: Project, respondent: str, script: ConsentScript, *, language: str, answers: dict[str, bool],
           mode: str, evidence: bytes | None) -> Recorded:
    """Record the consent; a narrowed one destroys at once what it no longer covers (consent.records)."""
    before = _live_objects(project, respondent)
    consent = record_consent(project, respondent, language=language, answers=answers, mode=mode,
                             script_id=script.id, evidence=evidence)
    after = _live_objects(project, respondent)
    return Recorded(consent, dict(Counter(kind for object_id, kind in before.items() if object_id not in after)))


def _live_objects(project: Project, respondent: str) -> dict[str, str]:
    return {obj.id: obj.kind for obj in project.objects.list() if obj.respondent == respondent}


@dataclass(frozen=True)
class WithdrawalPreview:
    """What ``consent withdraw`` will do, shown before it is confirmed."""

    respondent: str
    scope: str
    objects: dict[str, int]  # kind -> count of the objects destroyed at once (none for "future-use")
    interviews: tuple[str, ...]  # the respondent's interviews
    exports: tuple[ExportFile, ...]  # export files already written that carry one of them (outside the vault)

    @property
    def destroyed(self) -> int:
        return sum(self.objects.values())


def withdrawal_preview(project: Project, respondent: str, scope: str = "all") -> WithdrawalPreview:
    """What withdrawing ``respondent`` with ``scope`` destroys, and which exports already carry them. Changes
    nothing; refuses (as the withdrawal itself would) an unknown code or scope, or a respondent already withdrawn."""
    if scope not in SCOPES:
        raise UsageError(f"unknown withdrawal scope {scope!r}", f"choose one of {', '.join(SCOPES)}")
    if require_respondent(project, respondent) == "withdrawn" and interrupted_withdrawal(project, respondent) is None:
        raise StateError(f"respondent {respondent} has already withdrawn",
                         "nothing to do; `fieldkit consent status` shows who withdrew")
    objects = Counter(_live_objects(project, respondent).values()) if scope == "all" else Counter()
    interviews = tuple(i.id for i in list_interviews(project) if i.respondent == respondent)
    return WithdrawalPreview(respondent, scope, dict(sorted(objects.items())), interviews,
                             tuple(exports_containing(project, interviews)))
