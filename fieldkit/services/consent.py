"""Recording consent with its evidence, as both front ends do it."""

from __future__ import annotations

from pathlib import Path

from fieldkit.capture.audio import decode, encode_opus
from fieldkit.consent.records import Consent, record_consent
from fieldkit.consent.scripts import ConsentScript, load_script
from fieldkit.errors import UsageError
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


def record(project: Project, respondent: str, script: ConsentScript, *, language: str, answers: dict[str, bool],
           mode: str, evidence: bytes | None) -> Consent:
    return record_consent(project, respondent, language=language, answers=answers, mode=mode, script_id=script.id,
                          evidence=evidence)
