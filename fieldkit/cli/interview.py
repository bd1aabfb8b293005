"""Interview commands: discard a wrong import."""

from __future__ import annotations

import sys
from collections import Counter

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project
from fieldkit.errors import UsageError


def stdin_is_terminal() -> bool:
    """Whether a person at a terminal can be asked (the tests replace this to drive the interactive path)."""
    return sys.stdin.isatty()


@main.group()
def interview() -> None:
    """Manage interviews: discard a wrong import."""


@interview.command("discard")
@click.argument("interview_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask (for scripts): destroy at once.")
@click.pass_context
def interview_discard(ctx: click.Context, interview_id: str, yes: bool) -> None:
    """Destroy every object of interview ID (audio, transcripts, review, anonymised text) and its codings, and
    mark it discarded: `status` shows it so, the register and exports leave it out. For a wrong import;
    logged as `interview_discarded`. There is no way back.

    In a terminal it shows the interview and what will be destroyed, and asks for the id again; scripts pass
    --yes."""
    from fieldkit.pipeline import discard_interview

    if not yes and not stdin_is_terminal():
        # refused before the project is opened, so not even retention runs: nothing is changed
        raise UsageError("discarding destroys the interview's objects and needs a confirmation",
                         "run it in a terminal to confirm, or add --yes in a script; nothing was changed")
    with open_project(ctx) as project:
        if not yes:
            _confirm(project, interview_id)
        count = discard_interview(project, interview_id)
    click.echo(f"discarded {interview_id}: {count} object(s) destroyed (their keys erased); it is left out of "
               "the register and exports", err=True)


def _confirm(project, interview_id: str) -> None:
    """Show the interview and what discarding destroys; go on only if the id is typed again."""
    from fieldkit.interviews import get_interview
    from fieldkit.services.overview import stages

    item = get_interview(project, interview_id)
    stage = stages(project)[item.id]
    kinds = Counter(project.objects.info(object_id).kind for object_id in project.objects.live_ids(interview=item.id))
    duration = f"{item.duration_s / 60:.0f} min" if item.duration_s else "-"
    click.echo(f"interview {item.id}\trespondent {item.respondent or '-'}\t{item.mode}\t"
               f"{item.interview_date or '-'}\t{duration}\tstage {stage}", err=True)
    if kinds:
        listed = ", ".join(f"{kind} ×{n}" if n > 1 else kind for kind, n in sorted(kinds.items()))
        click.echo(f"will be destroyed (keys erased, no way back): {listed}", err=True)
    else:
        click.echo("no stored object is left to destroy; the interview will be marked discarded", err=True)
    if stage == "coded":
        click.echo("its codings go with it", err=True)
    typed = click.prompt(f"Type {item.id} to discard it", default="", show_default=False, err=True)
    if typed.strip() != item.id:
        raise UsageError("the id typed does not match; nothing was discarded",
                         f"type {item.id} exactly to confirm, or press Ctrl-C to cancel")
