"""Local transcription and transcript corrections."""

from __future__ import annotations

import sys

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project
from fieldkit.errors import UsageError


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
    command again resumes after the last finished block (at most 30 s of audio is done again). Audio with no
    speech, or a transcript with far too few words for its speech, is refused (exit 19): nothing is stored
    and the audio is kept. --lang auto picks ru, kk or en; the language declared at import is kept."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from fieldkit.anonymise.lexicon import interview_hotwords
    from fieldkit.interviews import get_interview
    from fieldkit.transcribe.runner import transcribe_interview
    from fieldkit.transcribe.speech import count_words

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
            hotwords=interview_hotwords(project, interview),
        )
        declared = get_interview(project, interview).language
    words = count_words(s for s in transcript.segments if not s.text.startswith("[off the record"))
    kept = (f"; the interview's declared language {declared} is kept"
            if declared and declared != transcript.language else "")
    click.echo(
        f"transcribed {interview}: {len(transcript.segments)} segments, {words} words,"
        f" {transcript.duration_s:.1f} s, language {transcript.language}{kept}",
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
        if not first.isdecimal() or (last and not last.isdecimal()):
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
