"""The whole pipeline on bundled sample data, in a throw-away project: what a new user runs first."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fieldkit.anonymise.review import accept_suggestions, approve
from fieldkit.audit.chain import fingerprint, verify
from fieldkit.capture.importer import import_audio
from fieldkit.clock import Clock
from fieldkit.consent.records import Consent, record_consent
from fieldkit.consent.respondents import add_respondent
from fieldkit.consent.scripts import load_script
from fieldkit.errors import ProjectError
from fieldkit.export.writer import ExportRequest, ExportResult, run_export
from fieldkit.services.report import build_report
from fieldkit.session import create_project
from fieldkit.transcribe.runner import transcribe_interview
from fieldkit.vault.blobs import StoredObject
from fieldkit.vault.files import write_atomic
from fieldkit.vault.project import Project

SAMPLE_AUDIO = "sample-interview-en.wav"
POLICY = "reference-protocol.toml"


@dataclass(frozen=True)
class DemoSummary:
    workdir: Path
    project: Path
    passphrase: str
    respondent: str
    consent: Consent
    interview: str
    source_size: int
    audio_seconds: float
    language: str
    objects: list[StoredObject]
    anonymised_text: str
    entity_counts: dict[str, int]
    codes: list[str]
    excerpts: list[tuple[str, str]]  # (code path, excerpt text)
    qdpx: ExportResult
    export: ExportResult
    register: ExportResult
    audit_entries: int
    audit_head: str
    audit_export: Path
    audit_fingerprint: str  # what a board pins the log to (fieldkit init prints it)
    report: Path


def bundled(name: str, folder: str) -> Path:
    return Path(str(resources.files("fieldkit") / folder / name))


MARKER = ".fieldkit-demo"


def prepare_workdir(workdir: Path) -> Path:
    """Use a fresh demo folder. The export is plaintext by design, so it is not put in the temp folder;
    an earlier demo's folder (recognised by its marker) is replaced, anything else is left alone."""
    workdir = workdir.expanduser().resolve()
    if workdir.exists():
        if not (workdir / MARKER).is_file():
            if any(workdir.iterdir()):
                raise ProjectError(
                    f"{workdir} exists and is not a fieldkit demo folder", "pass --workdir with a new folder"
                )
        else:
            shutil.rmtree(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / MARKER).write_text("made by `fieldkit demo`; replaced on the next run\n")
    return workdir


DEMO_CODES = (
    # (name, description, parent, words that pick the sentence to code)
    ("Institutional experience", "Pattern code: how respondents describe the institution", None, ()),
    ("Career in the police", "Where and how long the respondent served", "Institutional experience",
     ("police", "officer", "worked")),
    ("Colleagues and networks", "Who the respondent worked with or relied on", "Institutional experience",
     ("colleague", "friend", "partner")),
)


def code_sample(project: Project, interview: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Build a small codebook and code one sentence per first-cycle code, chosen by its words (whisper's
    wording may vary slightly, so the sentence is found rather than hard-coded)."""
    import re

    from fieldkit.coding.codebook import add_code
    from fieldkit.coding.excerpts import apply_code, list_excerpts
    from fieldkit.coding.sources import load_source

    text = load_source(project, interview).text
    sentences = [m for m in re.finditer(r"[^.!?\n]+[.!?]?", text) if m.group().strip()]
    for name, description, parent, words in DEMO_CODES:
        # the pattern code (no words of its own) only groups the others: a category, never applied
        add_code(project, name, description=description, parent=parent, codable=bool(words))
        if not words or not sentences:
            continue
        match = next((m for m in sentences if any(w in m.group().lower() for w in words)), sentences[0])
        apply_code(project, interview, name, start=match.start(), end=match.end(),
                   memo="First-cycle code from the demo" if parent else "")
    excerpts, _ = list_excerpts(project)
    return [name for name, *_ in DEMO_CODES], [(e.code_path, e.text) for e in excerpts]


def run_demo(workdir: Path, clock: Clock, step: Callable[[str], None] = lambda _: None) -> DemoSummary:
    """Run every stage for real: SQLCipher, age, faster-whisper, Presidio. Nothing is faked."""
    workdir = prepare_workdir(workdir)
    passphrase = "demo-" + secrets.token_urlsafe(12)
    sample = bundled(SAMPLE_AUDIO, "data")
    step("creating an encrypted project")
    with create_project(workdir / "project", bundled(POLICY, "policies"), passphrase, clock) as project:
        step("adding respondent (category P: police official) and recording oral consent")
        code = add_respondent(project, "P")
        script = load_script(project.policy.consent_scripts[0], "en")
        consent = record_consent(project, code, language="en", answers={item.id: True for item in script.items})
        step("importing the sample interview (compressed, encrypted)")
        interview = import_audio(project, code, sample)
        step("transcribing with faster-whisper (audio decrypted into memory only)")
        transcript = transcribe_interview(project, interview, language="en")
        step("anonymising with Presidio and approving")
        anonymised = accept_suggestions(project, interview)
        approve(project, interview)
        step("coding the anonymised text (a pattern code over two first-cycle codes)")
        codes, excerpts = code_sample(project, interview)
        step("exporting coded excerpts: QDPX (NVivo, ATLAS.ti, MAXQDA), CSV, and the interview register")
        qdpx = run_export(project, ExportRequest("qdpx", workdir / "export" / "project.qdpx"))
        export = run_export(project, ExportRequest("csv", workdir / "export" / "excerpts.csv"))
        register = run_export(project, ExportRequest("md", workdir / "export" / "register.md", register=True))
        step("verifying the audit chain and writing the ethics-board report")
        verification = verify(project.audit.entries(), public_key=project.audit.public_key())
        audit_file = project.export_audit()
        report = workdir / "report.html"
        write_atomic(report, build_report(project).encode("utf-8"))
        return DemoSummary(
            workdir=workdir, project=project.root, passphrase=passphrase, respondent=code, consent=consent,
            interview=interview,
            source_size=sample.stat().st_size, audio_seconds=transcript.duration_s,
            language=transcript.language, objects=project.objects.list(include_destroyed=True),
            anonymised_text=anonymised.text, entity_counts=anonymised.entity_counts, codes=codes,
            excerpts=excerpts, qdpx=qdpx, export=export, register=register,
            audit_entries=verification.entries, audit_head=verification.head, audit_export=audit_file,
            audit_fingerprint=fingerprint(project.audit.public_key() or ""), report=report,
        )
