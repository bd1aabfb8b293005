"""The command line: parse, call the core library, print. No logic of its own.

Errors from the core arrive as FieldkitError and leave as `fieldkit: error: …` / `fieldkit: hint: …`
on stderr with the error's exit code. Stdout carries only what scripts read (codes, ids, redacted text).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from fieldkit import __version__
from fieldkit.clock import clock_from_env
from fieldkit.errors import FieldkitError, ProjectError, UsageError

PASSPHRASE_ENV = "FIELDKIT_PASSPHRASE"
PASSPHRASE_FD_ENV = "FIELDKIT_PASSPHRASE_FD"


class FieldkitGroup(click.Group):
    """Turns core errors into one-line messages and exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FieldkitError as exc:
            click.echo(f"fieldkit: error: {exc.message}", err=True)
            for line in exc.details:
                click.echo(f"fieldkit:   - {line}", err=True)
            if exc.hint:
                click.echo(f"fieldkit: hint: {exc.hint}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("fieldkit: error: interrupted; nothing half-written was kept", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:
            # A library's message may quote the data it choked on: show the type only, unless asked.
            if os.environ.get("FIELDKIT_DEBUG"):
                raise
            click.echo(f"fieldkit: error: internal error ({type(exc).__name__})", err=True)
            click.echo("fieldkit: hint: set FIELDKIT_DEBUG=1 to see the traceback (it may show data)", err=True)
            ctx.exit(70)


def read_passphrase(*, confirm: bool = False) -> str:
    """Passphrase from a file descriptor (kept out of the environment), the environment, or a prompt."""
    fd = os.environ.get(PASSPHRASE_FD_ENV)
    if fd is not None:
        try:
            with os.fdopen(int(fd), "r", encoding="utf-8", closefd=False) as handle:
                return handle.readline().rstrip("\r\n")
        except (ValueError, OSError) as exc:
            raise UsageError(f"cannot read the passphrase from file descriptor {fd!r}") from exc
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError("no passphrase", f"set {PASSPHRASE_ENV} for scripted use, or run in a terminal")
    return click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm, err=True)


def open_project(ctx: click.Context, *, enforce: bool = True):
    """Unlock the project and, first of all, destroy whatever retention says is due."""
    from fieldkit.retention.schedule import clock_went_backwards
    from fieldkit.retention.schedule import enforce as enforce_retention
    from fieldkit.vault.project import Project

    project = Project.open(Path(ctx.obj["project"]), read_passphrase(), clock_from_env())
    try:
        from fieldkit.capture.recorder import recover_interrupted

        for interview in recover_interrupted(project):
            click.echo(f"fieldkit: recovered an interrupted recording as interview {interview}", err=True)
    except BaseException:
        project.close()
        raise
    warning = clock_went_backwards(project)
    if warning:
        click.echo(f"fieldkit: warning: clock went backwards: {warning}; deadlines use the later time", err=True)
    if enforce:
        try:
            report_enforcement(enforce_retention(project))
        except BaseException:
            project.close()
            raise
    return project


def report_enforcement(result) -> None:
    for item in result.destroyed:
        owner = f" of {item.interview or item.respondent}" if (item.interview or item.respondent) else ""
        click.echo(f"retention: destroyed {item.kind}{owner} ({item.object[:12]}) under rule {item.rule}", err=True)
    for item, reason in result.failed:
        click.echo(f"fieldkit: warning: could not destroy {item.kind} {item.object[:12]}: {reason}", err=True)


@click.group(cls=FieldkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project", "project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default="current folder", help="Project folder.",
)
@click.version_option(__version__, prog_name="fieldkit")
@click.pass_context
def main(ctx: click.Context, project: Path) -> None:
    """Offline toolkit for interviews with people at risk."""
    from fieldkit import offline

    offline.enforce()
    offline.forbid_core_dumps()
    ctx.ensure_object(dict)
    ctx.obj["project"] = project


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--policy", "policy", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--archive-recipient", "archive_recipients", multiple=True,
              help="An institution's age public key (age1…) that can recover the project (repeatable).")
def init(directory: Path, policy: Path, archive_recipients) -> None:
    """Create an encrypted project in DIRECTORY under a retention policy."""
    from fieldkit.vault.project import Project

    passphrase = read_passphrase(confirm=True)
    with Project.create(directory, policy, passphrase, clock_from_env(), tuple(archive_recipients)) as project:
        click.echo(f"created project {project.root} (policy: {project.policy.name})", err=True)
    if not archive_recipients:
        click.echo("fieldkit: note: no --archive-recipient: sealing and travel mode need one, and a lost or wiped"
                   " key file cannot be recovered", err=True)


@main.group()
def respondent() -> None:
    """Respondents, known only by code."""


@respondent.command("add")
@click.option("--category", required=True, help="A category code from the policy, e.g. P.")
@click.pass_context
def respondent_add(ctx: click.Context, category: str) -> None:
    """Allocate the next code in CATEGORY and print it."""
    from fieldkit.consent.respondents import add_respondent

    with open_project(ctx) as project:
        click.echo(add_respondent(project, category))


@respondent.command("list")
@click.pass_context
def respondent_list(ctx: click.Context) -> None:
    """Codes, categories, status and current consent (no identities)."""
    from fieldkit.consent.records import current_consent

    with open_project(ctx) as project:
        rows = project.conn.execute("SELECT code, category, status FROM respondents ORDER BY rowid").fetchall()
        for code, category, status in rows:
            consent = current_consent(project, code)
            given = ",".join(k for k, v in sorted(consent.answers.items()) if v) if consent else "no consent"
            click.echo(f"{code}\t{category}\t{status}\t{given}")


@respondent.command("link")
@click.argument("code")
@click.option("--name", required=True, help="The respondent's name (stored only in the encrypted linking key).")
@click.option("--contact", default="", help="How to reach them.")
@click.pass_context
def respondent_link(ctx: click.Context, code: str, name: str, contact: str) -> None:
    """Record who CODE is in the linking key (if the policy allows one)."""
    from fieldkit.consent.linking import set_link

    with open_project(ctx) as project:
        set_link(project, code, name, contact)
    click.echo(f"linking key updated for {code}", err=True)


@respondent.command("lookup")
@click.argument("code")
@click.pass_context
def respondent_lookup(ctx: click.Context, code: str) -> None:
    """Print who CODE is, from the linking key (identifying: shown only on this explicit request)."""
    from fieldkit.consent.linking import lookup

    with open_project(ctx) as project:
        entry = lookup(project, code)
    click.echo(f"{entry['name']}\t{entry['contact']}")


@main.group()
def consent() -> None:
    """Consent: record, show, withdraw."""


@consent.command("record")
@click.argument("code")
@click.option("--lang", "language", type=click.Choice(["en", "ru", "kk"]), default="en", show_default=True)
@click.option("--script", "script_id", help="Consent script id (default: the policy's first).")
@click.option("--mode", type=click.Choice(["oral-attested", "oral-recorded", "written"]), default="oral-attested",
              show_default=True)
@click.option("--answers", help="item=yes,item=no,… for every item of the script.")
@click.option("--accept-all", is_flag=True, help="The respondent said yes to every item.")
@click.option("--audio", type=click.Path(dir_okay=False, path_type=Path), help="Recording of the oral consent.")
@click.option("--form", type=click.Path(dir_okay=False, path_type=Path), help="Scan of a signed written form.")
@click.pass_context
def consent_record(ctx: click.Context, code: str, language: str, script_id: str | None, mode: str,
                   answers: str | None, accept_all: bool, audio: Path | None, form: Path | None) -> None:
    """Walk through the consent script with respondent CODE and record the answers (never a name)."""
    from fieldkit.consent.records import parse_answers, record_consent
    from fieldkit.consent.scripts import load_script

    with open_project(ctx) as project:
        script = load_script(script_id or project.policy.consent_scripts[0], language)
        if accept_all:
            given = {item.id: True for item in script.items}
        elif answers:
            given = parse_answers(answers)
        else:
            if not sys.stdin.isatty():
                raise UsageError("no answers", "pass --answers item=yes,… or --accept-all when scripted")
            click.echo(f"{script.title}\n\nRead aloud:\n{script.statement.strip()}\n", err=True)
            given = {item.id: click.confirm(f"{item.question}{' (required)' if item.required else ''}", err=True)
                     for item in script.items}
        evidence_path = audio if mode == "oral-recorded" else form if mode == "written" else None
        evidence = None
        if evidence_path is not None:
            try:
                evidence = evidence_path.read_bytes()
            except OSError as exc:
                raise UsageError(f"cannot read the evidence file: {exc.strerror}") from exc
        if mode == "oral-recorded" and evidence is not None:
            from fieldkit.capture.audio import decode, encode_opus

            evidence = encode_opus(decode(evidence, label="the consent recording"))
        record = record_consent(project, code, language=language, answers=given, mode=mode,
                                script_id=script.id, evidence=evidence)
    yes = ", ".join(k for k, v in record.answers.items() if v)
    click.echo(f"consent recorded for {code} ({record.script} v{record.version}, {record.language}): {yes}", err=True)


@consent.command("status")
@click.pass_context
def consent_status(ctx: click.Context) -> None:
    """Who consented to which script version, and who needs to re-consent."""
    from fieldkit.consent.records import consents
    from fieldkit.consent.scripts import load_script

    with open_project(ctx) as project:
        latest: dict = {}
        for record in consents(project):
            latest[record.respondent] = record
        statuses = dict(project.conn.execute("SELECT code, status FROM respondents").fetchall())
        for code, record in latest.items():
            current = load_script(record.script, record.language).version
            note = "" if record.version == current else f"\tre-consent needed (script is now v{current})"
            given = ",".join(k for k, v in sorted(record.answers.items()) if v)
            click.echo(f"{code}\t{statuses[code]}\t{record.script} v{record.version}\t{record.language}"
                       f"\t{record.mode}\t{record.recorded[:10]}\t{given}{note}")


@consent.command("withdraw")
@click.argument("code")
@click.option("--scope", type=click.Choice(["all", "future-use"]), default="all", show_default=True,
              help="all: destroy everything they gave; future-use: keep what was collected, use nothing new.")
@click.pass_context
def consent_withdraw(ctx: click.Context, code: str, scope: str) -> None:
    """Record that CODE withdrew, and destroy their data under the policy's withdrawal rule."""
    from fieldkit.consent.records import withdraw

    with open_project(ctx) as project:
        result = withdraw(project, code, scope)
    click.echo(f"{code} withdrawn ({scope}); {result.destroyed} objects destroyed", err=True)


@main.group()
def capture() -> None:
    """Bring interviews into the vault."""


def metadata_options(command):
    """--date, --place, --lang: what the interview register may say about an interview."""
    from fieldkit.interviews import PLACE_CATEGORIES

    command = click.option("--date", "interview_date", help="Interview date, YYYY-MM-DD (default: today).")(command)
    command = click.option("--place", "place_category", type=click.Choice(PLACE_CATEGORIES),
                           help="Kind of place (never the place itself).")(command)
    return click.option("--lang", "language", type=click.Choice(["ru", "kk", "en", "mixed"]),
                        help="Language(s) spoken.")(command)


@capture.command("import")
@click.argument("code")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--off-record", help="Ranges never to keep, e.g. 00:30-01:10,2:00-2:30 (original timeline).")
@click.option("--remove-source", is_flag=True, help="Overwrite and delete FILE after a successful import.")
@metadata_options
@click.pass_context
def capture_import(ctx: click.Context, code: str, file: Path, off_record: str | None, remove_source: bool,
                   interview_date: str | None, place_category: str | None, language: str | None) -> None:
    """Import an audio or video FILE (WAV/MP3/M4A/OGG/FLAC/MP4…) for respondent CODE; prints the interview id."""
    from fieldkit.capture import importer
    from fieldkit.capture.offrecord import parse_ranges
    from fieldkit.interviews import Metadata

    ranges = parse_ranges(off_record)
    with open_project(ctx) as project:
        interview = importer.import_audio(project, code, file, off_record=ranges,
                                          metadata=Metadata(interview_date, place_category, language))
    click.echo(interview)
    if remove_source:
        importer.remove_source(file)
        click.echo("fieldkit: note: the source file was overwritten and deleted (see docs/capture.md for what "
                   "this cannot guarantee on SSDs and memory cards)", err=True)
    else:
        click.echo("fieldkit: note: the original recording is still on disk unencrypted; delete it once the import "
                   "is checked (or use --remove-source)", err=True)


@capture.command("notes")
@click.argument("code")
@click.argument("file", required=False, default="-")
@metadata_options
@click.pass_context
def capture_notes(ctx: click.Context, code: str, file: str, interview_date: str | None, place_category: str | None,
                  language: str | None) -> None:
    """Store typed notes for CODE from FILE or stdin (-); prints the interview id."""
    from fieldkit.capture.notes import import_notes

    if file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError("cannot read the notes file as UTF-8 text") from exc
    from fieldkit.interviews import Metadata

    with open_project(ctx) as project:
        click.echo(import_notes(project, code, text, Metadata(interview_date, place_category, language)))


@capture.command("record")
@click.argument("code", required=False)
@click.option("--duration", type=float, help="Stop after this many seconds.")
@click.option("--device", help="Input device number or name (see --list-devices).")
@click.option("--list-devices", is_flag=True, help="List input devices and exit.")
@metadata_options
@click.pass_context
def capture_record(ctx: click.Context, code: str | None, duration: float | None, device: str | None,
                   list_devices: bool, interview_date: str | None, place_category: str | None,
                   language: str | None) -> None:
    """Record respondent CODE live, encrypted as it is captured; prints the interview id.

    Keys in a terminal: space pause/resume, o off the record on/off, q stop. From a script, send lines
    "pause", "resume", "off", "on", "stop" on stdin."""
    import threading

    from fieldkit.capture import recorder
    from fieldkit.interviews import Metadata

    if list_devices:
        try:
            import sounddevice
        except OSError as exc:
            raise recorder.DeviceError("no audio input library (PortAudio) on this machine") from exc
        for index, info in enumerate(sounddevice.query_devices()):
            if info["max_input_channels"] > 0:
                click.echo(f"{index}\t{info['name']}")
        return
    if code is None:
        raise UsageError("which respondent?", "fieldkit capture record CODE")
    controls = recorder.Controls()
    saved_terminal = None
    if sys.stdin.isatty():
        import termios

        saved_terminal = termios.tcgetattr(sys.stdin.fileno())
    threading.Thread(target=_read_controls, args=(controls,), daemon=True).start()

    def show(level: float, elapsed: float, state) -> None:
        if sys.stderr.isatty():
            bar = "#" * min(30, int(level * 150))
            flag = "OFF THE RECORD" if state.off_record else "paused" if state.paused else "recording"
            minutes, seconds = divmod(int(elapsed), 60)
            click.echo(f"\r{minutes:02d}:{seconds:02d} {flag:<15} [{bar:<30}]", err=True, nl=False)

    chosen = int(device) if device and device.isdigit() else device
    with open_project(ctx) as project:
        interview = recorder.record(
            project, code, controls=controls, duration=duration, device=chosen,
            metadata=Metadata(interview_date, place_category, language), on_level=show,
            on_start=lambda: click.echo("fieldkit: recording (space pause, o off the record, q stop)", err=True),
        )
    if saved_terminal is not None:
        import termios

        termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved_terminal)
    if sys.stderr.isatty():
        click.echo("", err=True)
    if interview:
        click.echo(interview)
    else:
        click.echo("fieldkit: note: nothing was recorded", err=True)


def _read_controls(controls) -> None:
    """Single keys in a terminal, or whole words on a piped stdin."""
    if sys.stdin.isatty():
        import tty

        tty.setcbreak(sys.stdin.fileno())  # the main thread restores the terminal when recording ends
        while not controls.stop.is_set():
            key = sys.stdin.read(1)
            if key == " ":
                controls.paused = not controls.paused
            elif key.lower() == "o":
                controls.off_record = not controls.off_record
            elif key.lower() == "q" or not key:
                controls.stop.set()
        return
    for line in sys.stdin:
        command = line.strip().lower()
        if command == "pause":
            controls.paused = True
        elif command == "resume":
            controls.paused = False
        elif command == "off":
            controls.off_record = True
        elif command == "on":
            controls.off_record = False
        elif command == "stop":
            controls.stop.set()
            return


@capture.command("document")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--respondent", "code", help="The respondent it belongs to (default: none).")
@metadata_options
@click.pass_context
def capture_document(ctx: click.Context, file: Path, code: str | None, interview_date: str | None,
                     place_category: str | None, language: str | None) -> None:
    """Import a TXT, DOCX or PDF document to anonymise and code; prints its id (DOC-n or CODE-n)."""
    from fieldkit.capture.documents import import_document
    from fieldkit.interviews import Metadata

    with open_project(ctx) as project:
        click.echo(import_document(project, file, code, Metadata(interview_date, place_category, language)))


@main.command()
@click.argument("interview")
@click.option("--lang", "language", type=click.Choice(["ru", "kk", "en", "auto"]), default="auto")
@click.option("--model", default="base", show_default=True, help="base (bundled) or a local model folder.")
@click.option("--replace", is_flag=True, help="Transcribe again, replacing the stored transcript.")
@click.option("--beam-size", type=click.IntRange(1, 10), default=5, show_default=True,
              help="Lower is faster, higher slightly more accurate.")
@click.option("--vad/--no-vad", default=False, show_default=True, help="Skip silence with the Silero VAD filter.")
@click.option("--compute-type", default="default", show_default=True,
              help="int8 (CPU default), float16 (GPU default), int8_float16, float32…")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.pass_context
def transcribe(ctx: click.Context, interview: str, language: str, model: str, replace: bool, beam_size: int,
               vad: bool, compute_type: str, device: str) -> None:
    """Transcribe INTERVIEW locally; the audio is decrypted into memory only. Ctrl-C cancels; running the
    command again resumes after the last finished block."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from fieldkit.transcribe.runner import transcribe_interview

    bar = Progress(TextColumn("transcribing"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                   TimeElapsedColumn(), TimeRemainingColumn(), transient=True,
                   console=Console(stderr=True),
                   disable=not sys.stderr.isatty())
    with open_project(ctx) as project, bar:
        task = bar.add_task("transcribe", total=100)

        def progress(done: float, total: float) -> None:
            if total:
                bar.update(task, completed=min(100.0, done / total * 100))

        transcript = transcribe_interview(
            project, interview, language=language, model=model, replace=replace, progress=progress,
            beam_size=beam_size, vad=vad, compute_type=compute_type, device=device,
        )
    click.echo(
        f"transcribed {interview}: {len(transcript.segments)} segments, {transcript.duration_s:.1f} s,"
        f" language {transcript.language}",
        err=True,
    )


@main.group()
def transcript() -> None:
    """Read and correct a transcript (identifying text: shown only on these explicit requests)."""


def parse_segments(text: str) -> list[int]:
    """"1-3,7" → [0, 1, 2, 6] (segments are numbered from 1 for people)."""
    indices = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise UsageError(f"not a segment number or range: {part!r}", "e.g. 3 or 1-5,8")
        indices.extend(range(int(first) - 1, int(last or first)))
    return indices


@transcript.command("show")
@click.argument("interview")
@click.pass_context
def transcript_show(ctx: click.Context, interview: str) -> None:
    """Print INTERVIEW's transcript: number, time range, speaker, text."""
    from fieldkit.transcribe.runner import load_transcript

    with open_project(ctx) as project:
        loaded = load_transcript(project, interview)
    click.echo(f"# {interview}: version {loaded.version}, language {loaded.language}", err=True)
    for number, segment in enumerate(loaded.segments, start=1):
        click.echo(f"{number}\t{segment.start:.2f}-{segment.end:.2f}\t{segment.speaker or '-'}\t{segment.text}")


@transcript.command("edit")
@click.argument("interview")
@click.argument("segment", type=int)
@click.pass_context
def transcript_edit(ctx: click.Context, interview: str, segment: int) -> None:
    """Replace segment SEGMENT's text with what is read on stdin (kept out of the shell history)."""
    from fieldkit.transcribe.runner import edit_transcript

    text = sys.stdin.read()
    with open_project(ctx) as project:
        edited = edit_transcript(project, interview, text={segment - 1: text})
    click.echo(f"{interview}: version {edited.version}; review and approve it again", err=True)


@transcript.command("speaker")
@click.argument("interview")
@click.argument("segments")
@click.argument("speaker", type=click.Choice(["interviewer", "respondent"]))
@click.pass_context
def transcript_speaker(ctx: click.Context, interview: str, segments: str, speaker: str) -> None:
    """Label SEGMENTS (e.g. 1-5,8) as said by the interviewer or the respondent."""
    from fieldkit.transcribe.runner import edit_transcript

    with open_project(ctx) as project:
        edited = edit_transcript(project, interview, speakers=dict.fromkeys(parse_segments(segments), speaker))
    click.echo(f"{interview}: version {edited.version}", err=True)


@main.group()
def pii() -> None:
    """Stateless PII tools (for evaluation)."""


@pii.command("redact")
@click.option("--lang", "language", type=click.Choice(["en", "ru"]), required=True,
              help="Language for text whose script does not decide it; Latin and Cyrillic runs are detected.")
@click.option("--locations", type=click.Choice(["keep", "region", "macro_region", "remove"]), default="remove",
              show_default=True, help="How places are generalised.")
def pii_redact(language: str, locations: str) -> None:
    """Read text on stdin, write it with identifiers replaced by placeholders on stdout."""
    from fieldkit.anonymise.pseudonyms import redact

    text = sys.stdin.read()
    click.echo(redact(text, language, locations), nl=False)


def print_spans(review, transcript, show_text: bool) -> None:
    for span in review.spans:
        shown = f"\t{transcript.segments[span.segment].text[span.start:span.end]}" if show_text else ""
        click.echo(f"{span.id}\tsegment {span.segment + 1}\t{span.entity}\t{span.score:.2f}\t{span.source}"
                   f"\t{span.status}{shown}")
    counts = {status: sum(1 for s in review.spans if s.status == status) for status in ("pending", "accepted",
                                                                                       "rejected")}
    click.echo(", ".join(f"{n} {status}" for status, n in counts.items()), err=True)


@main.command()
@click.argument("interview")
@click.option("--accept-suggestions", is_flag=True, help="Accept every pending suggestion and derive the text.")
@click.option("--approve", "approve_", is_flag=True, help="Approve the anonymised text for export.")
@click.option("--show-text", is_flag=True, help="Also print the identifying text of each suggestion.")
@click.pass_context
def anonymise(ctx: click.Context, interview: str, accept_suggestions: bool, approve_: bool, show_text: bool) -> None:
    """Store suggested replacements for INTERVIEW and list them; or accept and approve them."""
    from fieldkit.anonymise import review as rv
    from fieldkit.transcribe.runner import load_transcript

    with open_project(ctx) as project:
        if accept_suggestions:
            result = rv.accept_suggestions(project, interview)
            found = ", ".join(f"{k} {v}" for k, v in sorted(result.entity_counts.items())) or "none"
            click.echo(f"anonymised {interview}: {found}", err=True)
        elif not approve_:
            print_spans(rv.suggest(project, interview), load_transcript(project, interview), show_text)
            click.echo(f"decide with `fieldkit review {interview}`, or accept all with --accept-suggestions",
                       err=True)
        if approve_:
            rv.approve(project, interview)
            click.echo(f"approved {interview} for export", err=True)


@main.command()
@click.argument("interview")
@click.option("--accept", "accept", multiple=True, type=int, help="Accept suggestion N (repeatable).")
@click.option("--reject", "reject", multiple=True, type=int, help="Reject suggestion N (repeatable).")
@click.option("--accept-all", is_flag=True, help="Accept every pending suggestion.")
@click.option("--add", "add", multiple=True, help="Mark TEXT (every occurrence, any inflection) as identifying.")
@click.option("--type", "entity", default="PERSON", show_default=True, help="Entity type for --add.")
@click.option("--retype", "retype", multiple=True, help="N=TYPE: change suggestion N's type (and placeholder).")
@click.option("--residuals", "show_residuals", is_flag=True, help="List detections left in the approved text.")
@click.option("--override", "overrides", multiple=True, help="Let residual KEY through the export gate (logged).")
@click.option("--show-text", is_flag=True, help="Also print the text of each span.")
@click.pass_context
def review(ctx: click.Context, interview: str, accept, reject, accept_all: bool, add, entity: str, retype,
           show_residuals: bool, overrides, show_text: bool) -> None:
    """Review INTERVIEW's suggestions: accept, reject or add spans; inspect and override residuals."""
    from fieldkit.anonymise import review as rv

    with open_project(ctx) as project:
        for key in overrides:
            match = rv.override_residual(project, interview, key)
            click.echo(f"overrode residual {key} ({match.entity}); logged", err=True)
        if show_residuals:
            for residual in rv.residuals(project, interview):
                shown = f"\t{residual.text}" if show_text else ""
                click.echo(f"{residual.key}\tsegment {residual.segment + 1}\t{residual.entity}{shown}")
            return
        changes = []
        for item in retype:
            number, _, kind = item.partition("=")
            if not number.strip().isdigit() or not kind.strip():
                raise UsageError(f"--retype {item!r}: use N=TYPE, e.g. 3=ORGANIZATION")
            changes.append((int(number), kind.strip().upper()))
        if accept or reject or accept_all or add or changes:
            rv.decide(project, interview, accept=tuple(accept), reject=tuple(reject), accept_all=accept_all,
                      add=tuple((text, entity) for text in add), retype=tuple(changes))
        if overrides and not (accept or reject or accept_all or add or changes):
            return
        result, transcript = rv.load_review(project, interview)
        print_spans(result, transcript, show_text)


@main.group()
def code() -> None:
    """The codebook, and coding of anonymised text."""


@code.command("add")
@click.argument("name")
@click.option("--description", default="", help="What the code means (shared with the codebook).")
@click.option("--colour", "--color", "colour", help="#RRGGBB (default: the next palette colour).")
@click.option("--parent", help="Put it under this code (a pattern code groups first-cycle codes).")
@click.option("--memo", default="", help="An analytic memo on the code (exported only with --memos).")
@click.pass_context
def code_add(ctx: click.Context, name: str, description: str, colour: str | None, parent: str | None,
             memo: str) -> None:
    """Add a code; prints its GUID."""
    from fieldkit.coding.codebook import add_code

    with open_project(ctx) as project:
        click.echo(add_code(project, name, description=description, colour=colour, parent=parent, memo=memo).id)


@code.command("edit")
@click.argument("name")
@click.option("--name", "new_name", help="Rename the code.")
@click.option("--description")
@click.option("--colour", "--color", "colour")
@click.option("--parent", help="Move it under this code.")
@click.option("--top-level", is_flag=True, help="Move it to the top level.")
@click.option("--memo")
@click.pass_context
def code_edit(ctx: click.Context, name: str, new_name: str | None, description: str | None, colour: str | None,
              parent: str | None, top_level: bool, memo: str | None) -> None:
    """Change a code's name, description, colour, parent or memo."""
    from fieldkit.coding.codebook import edit_code

    changes = {"parent": None} if top_level else {"parent": parent} if parent else {}
    with open_project(ctx) as project:
        edited = edit_code(project, name, name=new_name, description=description, colour=colour, memo=memo,
                           **changes)
    click.echo(f"code {edited.name!r} updated", err=True)


@code.command("remove")
@click.argument("name")
@click.option("--force", is_flag=True, help="Also remove its codings; its child codes move up a level.")
@click.pass_context
def code_remove(ctx: click.Context, name: str, force: bool) -> None:
    """Delete a code from the codebook."""
    from fieldkit.coding.codebook import remove_code

    with open_project(ctx) as project:
        removed = remove_code(project, name, force=force)
    click.echo(f"code {name!r} removed" + (f" with {removed} coding(s)" if removed else ""), err=True)


@code.command("list")
@click.pass_context
def code_list(ctx: click.Context) -> None:
    """The codebook as a tree, with how many excerpts each code has."""
    from fieldkit.coding.codebook import list_codes

    with open_project(ctx) as project:
        codes = list_codes(project)
        counts = dict(project.conn.execute("SELECT code, count(*) FROM codings GROUP BY code").fetchall())
    by_id = {c.id: c for c in codes}
    for item in codes:
        depth, parent = 0, item.parent
        while parent and parent in by_id and depth < 32:
            depth, parent = depth + 1, by_id[parent].parent
        description = f"\t{item.description}" if item.description else ""
        click.echo(f"{'  ' * depth}{item.name}\t{item.colour}\t{counts.get(item.id, 0)}{description}")


@code.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.pass_context
def code_import(ctx: click.Context, file: Path) -> None:
    """Merge a shared codebook (.qdc, .qdpx or .csv): new codes are added, matching ones updated."""
    from fieldkit.export.codebook_exchange import import_codebook

    with open_project(ctx) as project:
        result = import_codebook(project, file)
    click.echo(f"codebook imported: {result.added} added, {result.updated} updated, {result.unchanged} unchanged",
               err=True)


@code.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def code_export(ctx: click.Context, file: Path) -> None:
    """Write the codebook for a team (.qdc for any QDA program, .csv for a spreadsheet)."""
    from fieldkit.export.codebook_exchange import export_codebook

    with open_project(ctx) as project:
        count, _ = export_codebook(project, file)
    click.echo(f"wrote {count} codes to {file}", err=True)


@code.command("source")
@click.argument("interview")
@click.option("--offsets", is_flag=True, help="Prefix each line with its start offset (code points).")
@click.pass_context
def code_source(ctx: click.Context, interview: str, offsets: bool) -> None:
    """Print INTERVIEW's anonymised text: the text codes apply to."""
    from fieldkit.coding.sources import load_source

    with open_project(ctx) as project:
        text = load_source(project, interview).text
    if not offsets:
        click.echo(text)
        return
    position = 0
    for line in text.split("\n"):
        click.echo(f"{position}\t{line}")
        position += len(line) + 1


def parse_span(text: str) -> tuple[int, int]:
    try:
        start, end = (int(part) for part in text.split(":"))
    except ValueError as exc:
        raise click.BadParameter("use START:END in code points, e.g. 120:184") from exc
    return start, end


@code.command("apply")
@click.argument("interview")
@click.argument("code_name", metavar="CODE")
@click.option("--text", "quote", help="The exact text to code, as `code source` prints it.")
@click.option("--nth", default=1, show_default=True, type=click.IntRange(1), help="Which occurrence of --text.")
@click.option("--span", help="START:END offsets in code points (end excluded).")
@click.option("--memo", default="", help="A memo on this excerpt.")
@click.pass_context
def code_apply(ctx: click.Context, interview: str, code_name: str, quote: str | None, nth: int, span: str | None,
               memo: str) -> None:
    """Apply CODE to a span of INTERVIEW's anonymised text; prints the coding id."""
    from fieldkit.coding.excerpts import apply_code

    if (quote is None) == (span is None):
        raise click.UsageError("give exactly one of --text or --span")
    start, end = parse_span(span) if span else (None, None)
    with open_project(ctx) as project:
        coding = apply_code(project, interview, code_name, start=start, end=end, quote=quote, occurrence=nth,
                            memo=memo)
    click.echo(coding.id)


@code.command("unapply")
@click.argument("coding")
@click.pass_context
def code_unapply(ctx: click.Context, coding: str) -> None:
    """Remove a coding (by id or an unambiguous prefix of at least 4 characters)."""
    from fieldkit.coding.excerpts import remove_coding

    with open_project(ctx) as project:
        remove_coding(project, coding)
    click.echo(f"coding {coding} removed", err=True)


@code.command("memo")
@click.argument("coding")
@click.argument("memo")
@click.pass_context
def code_memo(ctx: click.Context, coding: str, memo: str) -> None:
    """Set the memo on a coding ("" clears it)."""
    from fieldkit.coding.excerpts import set_memo

    with open_project(ctx) as project:
        set_memo(project, coding, memo)
    click.echo("memo saved", err=True)


@code.command("excerpts")
@click.option("--code", "code_name", help="Only this code and the codes under it.")
@click.option("--category", help="Only respondents of this category, e.g. P.")
@click.option("--interview", help="Only this interview.")
@click.pass_context
def code_excerpts(ctx: click.Context, code_name: str | None, category: str | None, interview: str | None) -> None:
    """List coded excerpts (anonymised text), by code, respondent category or interview."""
    from fieldkit.coding.excerpts import list_excerpts

    with open_project(ctx) as project:
        excerpts, stale = list_excerpts(project, code=code_name, category=category, interview=interview)
    for item in excerpts:
        memo = f"\tmemo: {item.coding.memo}" if item.coding.memo else ""
        who = f"[{item.respondent}]" if item.respondent else "-"
        click.echo(f"{item.coding.id[:8]}\t{item.code_path}\t{item.coding.interview}\t{who}\t{item.category or '-'}"
                   f"\t{item.coding.start}:{item.coding.end}\t{' '.join(item.text.split())}{memo}")
    for coding in stale:
        click.echo(f"fieldkit: warning: coding {coding.id[:8]} on {coding.interview} no longer matches the text;"
                   " re-apply or remove it", err=True)


@main.command()
@click.option("--format", "format_", type=click.Choice(["qdpx", "csv", "json", "md"]), required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--register", is_flag=True, help="The interview register (date, category, mode, duration) instead.")
@click.option("--quotes", is_flag=True, help="For direct quotation: every respondent must have consented to it.")
@click.option("--interview", "interviews", multiple=True, help="Only this interview (repeatable; default: all).")
@click.option("--only-ready", is_flag=True, help="Leave out interviews that are not ready, naming each.")
@click.option("--all-text", is_flag=True, help="csv/json/md: every line of each source, coded or not.")
@click.option("--memos", is_flag=True, help="Include memos (scanned for identifying details first).")
@click.option("--crlf", is_flag=True, help="CRLF line endings (MAXQDA).")
@click.option("--to", "recipients", multiple=True, help="Encrypt the file to this age recipient (age1…).")
@click.pass_context
def export(ctx: click.Context, format_: str, out: Path, register: bool, quotes: bool, interviews, only_ready: bool,
           all_text: bool, memos: bool, crlf: bool, recipients) -> None:
    """Export anonymised, consented, approved material; refuses with every reason if a gate fails."""
    from fieldkit.export.writer import ExportRequest, run_export

    request = ExportRequest(format_, out, register=register, quotations=quotes, interviews=tuple(interviews),
                            only_ready=only_ready, all_text=all_text, memos=memos, crlf=crlf,
                            recipients=tuple(recipients))
    with open_project(ctx) as project:
        result = run_export(project, request)
    for interview, reason in sorted(result.left_out.items()):
        click.echo(f"left out {interview}: {reason}", err=True)
    what = (f"{result.rows} interviews in the register" if register else
            f"{result.excerpts} coded excerpts from {result.sources} sources")
    sealed = " (encrypted)" if result.encrypted else ""
    click.echo(f"exported {what} to {result.path}{sealed}; sha256 {result.sha256[:16]}…", err=True)


@main.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """List interviews and stored objects (codes, ids and sizes only)."""
    from fieldkit.interviews import list_interviews

    with open_project(ctx) as project:
        for item in list_interviews(project):
            stage = "approved" if item.approved else "anonymised" if item.anonymised_object else (
                "transcribed" if item.transcript_object else "captured")
            duration = f"{item.duration_s / 60:.0f} min" if item.duration_s else "-"
            click.echo(f"{item.id}\t{item.respondent}\t{item.mode}\t{item.interview_date or '-'}"
                       f"\t{item.place_category or '-'}\t{item.language or '-'}\t{duration}\t{stage}")
        for obj in project.objects.list(include_destroyed=True):
            state = f"destroyed {obj.destroyed[:10]}" if obj.destroyed else "stored"
            click.echo(f"{obj.id}\t{obj.kind}\t{obj.interview or '-'}\t{obj.blob_size} B\t{state}")


@main.group()
def retention() -> None:
    """Retention deadlines and destruction."""


@retention.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
@click.option("--all", "show_all", is_flag=True, help="Include destroyed items.")
@click.pass_context
def retention_status(ctx: click.Context, as_json: bool, show_all: bool) -> None:
    """Every item with its rule, deadline and state (pending, due, overdue, destroyed). Destroys nothing."""
    import json

    from fieldkit.retention.schedule import items

    with open_project(ctx, enforce=False) as project:
        listed = items(project, include_destroyed=show_all or as_json)
    if as_json:
        click.echo(json.dumps([item.as_json() for item in listed], indent=1))
        return
    for item in listed:
        deadline = item.deadline.strftime("%Y-%m-%d %H:%M") if item.deadline else "-"
        owner = item.interview or item.respondent or "-"
        click.echo(f"{item.object[:12]}\t{item.kind}\t{owner}\t{item.rule or '-'}\t{deadline}\t{item.state}")


@retention.command("run")
@click.pass_context
def retention_run(ctx: click.Context) -> None:
    """Destroy every item whose deadline has come."""
    from fieldkit.retention.schedule import enforce

    with open_project(ctx, enforce=False) as project:
        result = enforce(project)
    report_enforcement(result)
    click.echo(f"retention: {len(result.destroyed)} destroyed, {len(result.failed)} failed", err=True)
    if result.failed:
        ctx.exit(8)


@main.group()
def audit() -> None:
    """The tamper-evident log."""


@audit.command("report")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def audit_report(ctx: click.Context, out: Path) -> None:
    """Write the ethics-board report: a self-contained HTML page with codes only."""
    from fieldkit.audit.report import build_report
    from fieldkit.vault.files import write_atomic

    with open_project(ctx) as project:
        html = build_report(project)
    write_atomic(out, html.encode("utf-8"))
    click.echo(str(out))


@audit.command("checkpoint")
@click.pass_context
def audit_checkpoint(ctx: click.Context) -> None:
    """Print a short code (entry count and head hash) to send home; later logs must extend it."""
    from fieldkit.audit.chain import verify

    with open_project(ctx) as project:
        click.echo(verify(project.audit.entries()).checkpoint)


@audit.command("verify")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--checkpoint", help="A checkpoint witnessed earlier (N:HASH); the log must extend it.")
@click.option("--public-key", help="The project's audit key (fieldkit.toml: audit_public_key) to pin.")
@click.pass_context
def audit_verify(ctx: click.Context, file: Path | None, checkpoint: str | None, public_key: str | None) -> None:
    """Verify the project's chain, or an exported FILE (no passphrase needed)."""
    from fieldkit.audit.chain import read_export_with_key, verify, verify_export

    if file is not None:
        result = verify_export(read_export_with_key(file), public_key, checkpoint)
    else:
        with open_project(ctx) as project:
            result = verify(project.audit.entries(), checkpoint, project.audit.public_key())
    click.echo(f"audit chain OK: {result.entries} entries, head {result.head}")
    click.echo(f"checkpoint: {result.checkpoint}")


@audit.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Default: PROJECT/audit/.")
@click.pass_context
def audit_export(ctx: click.Context, out: Path | None) -> None:
    """Write the chain as JSON lines for an ethics board (codes and ids only)."""
    with open_project(ctx) as project:
        if out is None:
            path = project.export_audit()
        else:
            project.audit.export(out)
            path = out
    click.echo(str(path))


@main.command()
@click.argument("interview")
@click.pass_context
def seal(ctx: click.Context, interview: str) -> None:
    """Re-encrypt INTERVIEW to the archive recipients only and erase its local keys (no way back here)."""
    from fieldkit.vault.travel import seal_interview

    with open_project(ctx) as project:
        count = seal_interview(project, interview)
    click.echo(f"sealed {count} object(s) of {interview}: only the institution's archive key opens them now",
               err=True)


@main.group()
def travel() -> None:
    """Travel mode: leave the laptop holding nothing its owner can open."""


@travel.command("lock")
@click.pass_context
def travel_lock_command(ctx: click.Context) -> None:
    """Seal per policy, re-key, hand the keys to a travel key only the institution can release, wipe the
    passphrase-wrapped keys, and print the final checkpoint code to send home."""
    from fieldkit.vault.travel import travel_lock

    project = open_project(ctx)
    result = travel_lock(project)  # closes the project
    if result.sealed_interviews:
        click.echo(f"sealed: {', '.join(result.sealed_interviews)}", err=True)
    click.echo("travel mode: no passphrase opens this project now. Before the trip, send keys/travel-key.age"
               " home; to come back, ask for the travel key and run `fieldkit travel unlock`.", err=True)
    click.echo(f"checkpoint: {result.checkpoint}")


@travel.command("unlock")
@click.option("--key-file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="File holding the travel key (AGE-SECRET-KEY-1…) the institution sent; default: prompt.")
@click.pass_context
def travel_unlock_command(ctx: click.Context, key_file: Path | None) -> None:
    """Restore working access with the travel key the institution released; sets a new passphrase."""
    from fieldkit.vault.travel import travel_unlock

    if key_file is not None:
        lines = [line.strip() for line in key_file.read_text().splitlines()]
        travel_key = next((line for line in lines if line.startswith("AGE-SECRET-KEY-")), "")
    else:
        travel_key = click.prompt("Travel key", hide_input=True, err=True)
    passphrase = os.environ.get("FIELDKIT_NEW_PASSPHRASE") or read_passphrase(confirm=True)
    with travel_unlock(Path(ctx.obj["project"]), travel_key, passphrase, clock_from_env()):
        pass
    click.echo("travel mode ended: the new passphrase opens the project", err=True)


@main.command()
@click.option("--yes", is_flag=True, required=True, help="Confirm: the local keys are destroyed at once.")
@click.option("--everything", is_flag=True, help="Also wipe the archive copy: nobody can ever open the project.")
@click.pass_context
def wipe(ctx: click.Context, yes: bool, everything: bool) -> None:
    """Quick wipe under duress: destroy the local key files now, no passphrase needed."""
    from fieldkit.vault.travel import quick_wipe

    wiped = quick_wipe(Path(ctx.obj["project"]), everything=everything)
    click.echo(f"wiped {len(wiped)} key file(s); this laptop cannot open the project"
               + ("" if everything else " (the institution's archive copy can)"), err=True)


@main.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def tui(ctx: click.Context, directory: Path | None) -> None:
    """The terminal app: the whole workflow without typing commands (DIR, or --project, or here)."""
    from fieldkit.tui.app import FieldkitApp

    root = directory or Path(ctx.obj["project"])
    if not (root / "fieldkit.toml").is_file():
        raise ProjectError(f"{root.resolve()} is not a fieldkit project",
                           "pass the project folder: `fieldkit tui DIR`, or create one with `fieldkit init`")
    app = FieldkitApp(root, clock=clock_from_env())
    app.run()
    if app.return_code:
        ctx.exit(app.return_code)


@main.command()
@click.option(
    "--workdir", type=click.Path(file_okay=False, path_type=Path), default=Path("fieldkit-demo"),
    show_default=True, help="Where the throw-away project and its export go (replaced on each run).",
)
def demo(workdir: Path) -> None:
    """Run the whole pipeline on bundled sample data in a throw-away project."""
    from rich.console import Console

    from fieldkit.demo import run_demo
    from fieldkit.demo_report import print_summary

    console = Console()
    with console.status("starting…") as spinner:
        summary = run_demo(workdir, clock_from_env(), step=lambda text: spinner.update(text + "…"))
    print_summary(console, summary)


if __name__ == "__main__":
    main()
