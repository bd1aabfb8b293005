"""Respondents (known only by code) and their consent."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import open_project
from fieldkit.errors import UsageError


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
    from fieldkit.services.overview import respondent_rows

    with open_project(ctx) as project:
        rows = respondent_rows(project)
    for row in rows:
        given = ",".join(row.given) if row.consent else "no consent"
        click.echo(f"{row.respondent.code}\t{row.respondent.category}\t{row.respondent.status}\t{given}")


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
    from fieldkit.consent.records import parse_answers
    from fieldkit.services import consent as consent_service

    with open_project(ctx) as project:
        script = consent_service.script_for(project, script_id, language)
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
        evidence = consent_service.read_evidence(mode, audio, form)
        record = consent_service.record(project, code, script, language=language, answers=given, mode=mode,
                                        evidence=evidence)
    yes = ", ".join(k for k, v in record.answers.items() if v)
    click.echo(f"consent recorded for {code} ({record.script} v{record.version}, {record.language}): {yes}", err=True)


@consent.command("status")
@click.pass_context
def consent_status(ctx: click.Context) -> None:
    """Who consented to which script version, and who needs to re-consent."""
    from fieldkit.services.overview import consent_rows

    with open_project(ctx) as project:
        rows = consent_rows(project)
    for row in rows:
        record = row.consent
        note = f"\tre-consent needed (script is now v{row.current_version})" if row.needs_reconsent else ""
        given = ",".join(k for k, v in sorted(record.answers.items()) if v)
        click.echo(f"{record.respondent}\t{row.status}\t{record.script} v{record.version}\t{record.language}"
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
