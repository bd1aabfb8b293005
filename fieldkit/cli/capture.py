"""Bringing interviews into the vault: audio files, typed notes, live recording, documents."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import metadata_options, open_project
from fieldkit.errors import UsageError


@main.group()
def capture() -> None:
    """Bring interviews into the vault."""


@capture.command("import")
@click.argument("code")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--off-record", help="Ranges never to keep, e.g. 00:30-01:10,2:00-2:30 (original timeline).")
@click.option("--remove-source", is_flag=True, help="Overwrite and delete FILE after a successful import.")
@click.option("--allow-duplicate", is_flag=True,
              help="Import FILE even though it was imported before (e.g. a group interview for each respondent).")
@metadata_options
@click.pass_context
def capture_import(ctx: click.Context, code: str, file: Path, off_record: str | None, remove_source: bool,
                   allow_duplicate: bool, interview_date: str | None, place_category: str | None,
                   language: str | None) -> None:
    """Import an audio or video FILE (WAV/MP3/M4A/OGG/FLAC/MP4…) for respondent CODE; prints the interview id."""
    from fieldkit.capture import importer
    from fieldkit.capture.offrecord import parse_ranges
    from fieldkit.interviews import Metadata

    ranges = parse_ranges(off_record)
    with open_project(ctx) as project:
        interview = importer.import_audio(project, code, file, off_record=ranges,
                                          metadata=Metadata(interview_date, place_category, language),
                                          allow_duplicate=allow_duplicate)
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
    from fieldkit.capture.notes import decode_notes, import_notes

    if file == "-":
        # bytes, decoded here: the terminal's or the pipe's encoding is not necessarily the notes' own
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:  # stdin replaced by a text stream (embedding): already text
            text, encoding = sys.stdin.read(), "utf-8"
        else:
            text, encoding = decode_notes(stdin.read())
    else:
        try:
            raw = Path(file).read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read the notes file: {exc.strerror}",
                             "check the path; nothing was stored") from exc
        text, encoding = decode_notes(raw)  # as stdin: UTF-8, else Windows-1251, else refused
    from fieldkit.interviews import Metadata

    with open_project(ctx) as project:
        interview = import_notes(project, code, text, Metadata(interview_date, place_category, language))
    click.echo(interview)
    if encoding != "utf-8":
        click.echo("fieldkit: note: the notes were not UTF-8 and were read as Windows-1251 (Cyrillic); if they were"
                   f" in another encoding, `fieldkit interview discard {interview}` and pipe them through"
                   " `iconv -t UTF-8`", err=True)


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
            raise recorder.DeviceError("no audio input library (PortAudio) on this machine",
                                       "install libportaudio2, or import a recording with `capture import`") from exc
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

    chosen = int(device) if device and device.isdecimal() else device
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
