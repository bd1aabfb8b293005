"""Anonymisation: suggestions, review, approval, and the stateless redaction tool."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import STDIN, file_option, open_project, read_file, text_source
from fieldkit.errors import UsageError


@main.group()
def pii() -> None:
    """Stateless PII tools (for evaluation)."""


@pii.command("redact")
@click.option("--lang", "language", type=click.Choice(["en", "ru", "kk"]), required=True,
              help="Language for text whose script does not decide it; Latin and Cyrillic runs are detected"
                   " (kk uses the Russian analyzers with the Kazakh recognizers, as transcripts in kk do).")
@click.option("--locations", type=click.Choice(["keep", "region", "macro_region", "remove"]), default="remove",
              show_default=True, help="How places are generalised.")
@click.option("--quasi", type=click.Choice(["keep", "generalise", "remove"]), default="generalise", show_default=True,
              help="Dates, ages, sums, clock times and terms: kept, generalised (as the reference protocol does)"
                   " or replaced by placeholders.")
def pii_redact(language: str, locations: str, quasi: str) -> None:
    """Read text on stdin, write it with identifiers replaced by placeholders on stdout."""
    from fieldkit.anonymise.engine import language_for
    from fieldkit.anonymise.pseudonyms import redact
    from fieldkit.retention.policy import QUASI_KINDS, QuasiModes

    text = sys.stdin.read()
    modes = QuasiModes(**dict.fromkeys(QUASI_KINDS, quasi))
    click.echo(redact(text, language_for(language), locations, modes), nl=False)


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
@click.option("--lang", "language", type=click.Choice(["ru", "kk", "en"]),
              help="Analyse as this language instead of the transcript's (kk: the Russian analyzers with the Kazakh"
                   " recognizers); Latin and Cyrillic runs are still told apart by their script.")
@click.pass_context
def anonymise(ctx: click.Context, interview: str, accept_suggestions: bool, approve_: bool, show_text: bool,
              language: str | None) -> None:
    """Store suggested replacements for INTERVIEW and list them; or accept and approve them."""
    from fieldkit.anonymise import review as rv
    from fieldkit.transcribe.runner import load_transcript

    with open_project(ctx) as project:
        if accept_suggestions:
            result = rv.accept_suggestions(project, interview, language)
            found = ", ".join(f"{k} {v}" for k, v in sorted(result.entity_counts.items())) or "none"
            click.echo(f"anonymised {interview}: {found}", err=True)
        elif not approve_:
            print_spans(rv.suggest(project, interview, language), load_transcript(project, interview), show_text)
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
@click.option("--add", "add", multiple=True, hidden=True)  # only '-' (= --add-file -): see add_sources
@file_option("add", "add_file", "texts to mark as identifying, one per line (every occurrence, any inflection)")
@click.option("--type", "entity", default="PERSON", show_default=True, help="Entity type for --add-file.")
@click.option("--retype", "retype", multiple=True, help="N=TYPE: change suggestion N's type (and placeholder).")
@click.option("--residuals", "show_residuals", is_flag=True, help="List detections left in the approved text.")
@click.option("--override", "overrides", multiple=True, help="Let residual KEY through the export gate (logged).")
@click.option("--show-text", is_flag=True, help="Also print the text of each span.")
@click.pass_context
def review(ctx: click.Context, interview: str, accept, reject, accept_all: bool, add, add_file: str | None,
           entity: str, retype, show_residuals: bool, overrides, show_text: bool) -> None:
    """Review INTERVIEW's suggestions: accept, reject or add spans; inspect and override residuals.

    Texts to add are read from --add-file, or with --add-file - from stdin or typed at a prompt; never as
    arguments (--add TEXT is refused: every local user can see a command line with ps)."""
    from fieldkit.anonymise import review as rv
    from fieldkit.interviews import get_interview

    sources = add_sources(add, add_file)
    with open_project(ctx) as project:
        add = read_added(sources)  # first: a file that holds no text is refused before anything is changed
        for key in overrides:
            match = rv.override_residual(project, interview, key)
            click.echo(f"overrode residual {key} ({match.entity}); logged", err=True)
        if show_residuals:
            found = rv.residuals(project, interview)
            for residual in found:
                shown = f"\t{residual.text}" if show_text else ""
                click.echo(f"{residual.key}\tsegment {residual.segment + 1}\t{residual.entity}{shown}")
            if not found:  # say so: an empty listing could as well mean the check did not run
                which = "approved" if get_interview(project, interview).approved else "anonymised (not yet approved)"
                click.echo(f"no residual detections in the {which} text of {interview}", err=True)
            return
        changes = []
        for item in retype:
            number, _, kind = item.partition("=")
            if not number.strip().isdecimal() or not kind.strip():
                raise UsageError(f"--retype {item!r}: use N=TYPE, e.g. 3=ORGANIZATION")
            changes.append((int(number), kind.strip().upper()))
        if accept or reject or accept_all or add or changes:
            rv.decide(project, interview, accept=tuple(accept), reject=tuple(reject), accept_all=accept_all,
                      add=tuple((text, entity) for text in add), retype=tuple(changes))
        if overrides and not (accept or reject or accept_all or add or changes):
            return
        result, transcript = rv.load_review(project, interview)
        print_spans(result, transcript, show_text)


def add_sources(add: tuple[str, ...], add_file: str | None) -> tuple[str, ...]:
    """Where the texts to add come from (files, '-'); --add TEXT is refused before the project is opened."""
    hint = ("put the texts in a file, one per line, and pass --add-file FILE, or pass --add-file - to pipe them in"
            " or type them at a prompt; nothing was changed")
    sources = [text_source("--add", given, None, hint) for given in add]
    return tuple(dict.fromkeys(([add_file] if add_file else []) + sources))  # '-' twice reads stdin once


def read_added(sources: tuple[str, ...]) -> tuple[str, ...]:
    """The texts to add, one per non-empty line of each source; a source that holds none is refused."""
    from fieldkit.cli.lexicon import read_entries

    texts: list[str] = []
    for source in sources:
        if source == STDIN:
            lines = read_entries("Texts to mark as identifying")
        else:
            lines = read_file(Path(source)).splitlines()
        lines = [line.strip() for line in lines if line.strip()]
        if not lines:
            where = "stdin" if source == STDIN else source
            raise UsageError(f"no texts to add in {where}", "give one text per line; nothing was changed")
        texts += lines
    return tuple(texts)
