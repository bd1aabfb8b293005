"""Respondents (known only by code) and their consent."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from fieldkit.cli.app import main
from fieldkit.cli.common import STDIN, open_project, read_stdin, read_text, stdin_is_terminal, text_option, text_source
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
@text_option("name", "name", "the respondent's name (one line)")
@text_option("contact", "contact", "how to reach them (one line; may be empty)")
@click.pass_context
def respondent_link(ctx: click.Context, code: str, name: str | None, name_file: str | None, contact: str | None,
                    contact_file: str | None) -> None:
    """Record who CODE is in the linking key (if the policy allows one).

    The name and then the contact are read from stdin, one per line, or typed at prompts; or from
    --name-file and --contact-file (a name file alone leaves the contact empty). Never as arguments: every
    local user can see a command line (ps), so --name TEXT and --contact TEXT are refused."""
    from fieldkit.consent.linking import set_link

    hint = (f"pipe the name and contact in, one per line (`fieldkit respondent link {code} < link.txt`), type"
            " them at the prompts, or pass --name-file FILE and --contact-file FILE; nothing was changed")
    name_source = text_source("--name", name, name_file, hint)
    contact_source = text_source("--contact", contact, contact_file, hint)
    with open_project(ctx) as project:
        set_link(project, code, *link_values(name_source, contact_source))
    click.echo(f"linking key updated for {code}", err=True)


def link_values(name_source: str | None, contact_source: str | None) -> tuple[str, str]:
    """The name and contact: each from its file, the rest from stdin lines or prompts (name first)."""
    name = None if name_source in (None, STDIN) else one_line(read_text(name_source, "name"), "--name-file")
    contact = None if contact_source in (None, STDIN) else one_line(read_text(contact_source, "contact"),
                                                                    "--contact-file")
    if contact is None and contact_source is None and name is not None:
        contact = ""  # a name file alone: the contact is not asked for
    if name is None or contact is None:
        name, contact = _read_link(name, contact)
    return name, contact


def one_line(text: str, option: str) -> str:
    """A name or contact is one line: a file holding more was probably meant for stdin (name, then contact)."""
    if "\n" in text:
        raise UsageError(f"the file given to {option} holds more than one line",
                         "put only the name in --name-file and the contact in --contact-file, or pipe both in, one"
                         " per line; nothing was changed")
    return text


def _read_link(name: str | None, contact: str | None) -> tuple[str, str]:
    """What is missing of the name and contact, typed at prompts or from stdin lines, in that order."""
    if stdin_is_terminal():
        if name is None:
            name = click.prompt("name", err=True).strip()
        if contact is None:
            contact = click.prompt("contact (may be empty)", default="", show_default=False, err=True).strip()
    else:
        lines = [line.strip() for line in read_stdin().splitlines()]
        if name is None:
            name = lines.pop(0) if lines else ""
        if contact is None:
            contact = lines.pop(0) if lines else ""
    if not name:
        raise UsageError("no name given", "pipe it in (`fieldkit respondent link P1 < name.txt`) or type it at the"
                                          " prompt; nothing was changed")
    return name, contact


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
    """Walk through the consent script with respondent CODE and record the answers (never a name).

    In a terminal, without --answers or --accept-all, the statement is shown to be read aloud and each item is
    asked in the script's language (answers: yes/no, да/нет, иә/жоқ, y/n; Enter alone asks again); the answers
    are then read back and recorded only once the respondent confirms them. A "no" where the respondent had
    said yes before narrows consent: what it no longer covers (their interview audio) is destroyed at once."""
    from fieldkit.consent.records import EVIDENCE_KIND, parse_answers
    from fieldkit.services import consent as consent_service

    interactive = not accept_all and not answers
    if interactive and not stdin_is_terminal():
        raise UsageError("no answers", "pass --answers item=yes,… or --accept-all when scripted")
    with open_project(ctx) as project:
        script = consent_service.script_for(project, script_id, language)
        evidence = consent_service.read_evidence(mode, audio, form)  # a bad file stops before anyone is asked
        if interactive and mode in EVIDENCE_KIND and evidence is None:
            raise UsageError(f"consent mode {mode} needs an evidence file",
                             "oral-recorded: --audio FILE; written: --form FILE; nobody was asked anything")
        if accept_all:
            given = {item.id: True for item in script.items}
        elif answers:
            given = parse_answers(answers)
        else:
            given = ask_script(script)
        result = consent_service.record(project, code, script, language=language, answers=given, mode=mode,
                                        evidence=evidence)
    record = result.consent
    if interactive:
        click.echo(script.ui.recorded, err=True)
    yes = ", ".join(k for k, v in record.answers.items() if v)
    click.echo(f"consent recorded for {code} ({record.script} v{record.version}, {record.language}): {yes}", err=True)
    if result.destroyed:
        gone = ", ".join(f"{count} {kind}" for kind, count in sorted(result.destroyed.items()))
        click.echo(f"consent narrowed: destroyed at once what it no longer covers: {gone} (the consent evidence "
                   "is kept)", err=True)


def ask_script(script) -> dict[str, bool]:
    """The statement to read aloud, each item asked in the script's language, the answers read back and
    confirmed. A declined confirmation records nothing (UsageError); a required "no" stops the questions."""
    ui = script.ui
    width = max(40, min(shutil.get_terminal_size().columns, 100))
    click.echo(f"{ui.read_aloud}\n\n{script.title}\n", err=True)
    for paragraph in script.paragraphs():  # reflowed: the file's line breaks would wrap raggedly
        click.echo(click.wrap_text(paragraph, width) + "\n", err=True)
    given: dict[str, bool] = {}
    for number, item in enumerate(script.items, 1):
        required = f" ({ui.required})" if item.required else ""
        given[item.id] = ask_yes_no(f"{number}/{len(script.items)}{required} {item.question}", ui)
        if item.required and not given[item.id]:
            # the interview cannot go ahead: nothing more to ask, and recording refuses (nothing is written)
            click.echo(ui.not_recorded, err=True)
            return {**{i.id: False for i in script.items}, **given}
    click.echo(f"\n{ui.summary}", err=True)
    for line in script.summary(given):
        click.echo(f"  {line}", err=True)
    if not ask_yes_no(ui.confirm, ui):
        click.echo(ui.not_recorded, err=True)
        raise UsageError("consent not recorded: the answers read back were not confirmed",
                         "nothing was written; run `fieldkit consent record` again to ask the items again")
    return given


def ask_yes_no(question: str, ui) -> bool:
    """Ask until the answer is a yes or a no in any script language; an empty line is neither."""
    from fieldkit.consent.records import parse_answer

    while True:
        text = click.prompt(question, default="", show_default=False, prompt_suffix=f" [{ui.yes}/{ui.no}]: ",
                            err=True)
        answer = parse_answer(text)
        if answer is not None:
            return answer
        click.echo(ui.answer, err=True)


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
@click.option("--yes", is_flag=True, help="Do not ask for the code again (required when not in a terminal).")
@click.pass_context
def consent_withdraw(ctx: click.Context, code: str, scope: str, yes: bool) -> None:
    """Record that CODE withdrew, and destroy their data under the policy's withdrawal rule.

    In a terminal it first shows what will be destroyed and the exports already written that contain CODE,
    and asks for the code to be typed again; scripts pass --yes. The export files are outside the vault:
    their paths are printed (on stdout) so they can be deleted by hand."""
    from fieldkit.consent.records import withdraw
    from fieldkit.services.consent import withdrawal_preview

    if not yes and not stdin_is_terminal():
        what = "destroys their data for good and " if scope == "all" else ""
        raise UsageError(f"withdrawing {code} {what}needs a confirmation",
                         "run it in a terminal to see what goes and confirm, or pass --yes when scripted; "
                         "nothing was changed")
    with open_project(ctx) as project:
        preview = withdrawal_preview(project, code, scope)
        if not yes:
            show_withdrawal(preview)
            typed = click.prompt(f"Type the respondent code ({code}) again to withdraw them", default="",
                                 show_default=False, err=True)
            if typed.strip().casefold() != code.casefold():
                raise UsageError(f"the code typed does not match {code}; nothing was changed",
                                 f"run `fieldkit consent withdraw {code}` again and type {code} to confirm")
        result = withdraw(project, code, scope)
    click.echo(f"{code} withdrawn ({scope}); {result.destroyed} objects destroyed", err=True)
    show_exports(preview)


def show_withdrawal(preview) -> None:
    """The preview on stderr: what goes (counts per kind, the interviews), and the exports already out."""
    code = preview.respondent
    if preview.scope == "all":
        kinds = ", ".join(f"{count} {kind}" for kind, count in preview.objects.items()) or "nothing stored"
        click.echo(f"Withdrawing {code} (scope all) destroys at once, for good: {kinds}", err=True)
        click.echo(f"  interviews: {', '.join(preview.interviews) or 'none'}", err=True)
        click.echo("  and their entries in the linking key and the pseudonym map, their codings and memos",
                   err=True)
    else:
        click.echo(f"Withdrawing {code} (scope future-use) destroys nothing: what was collected is kept, nothing "
                   "new is captured, and nothing of theirs leaves in a new export", err=True)
        click.echo(f"  interviews: {', '.join(preview.interviews) or 'none'}", err=True)
    show_exports(preview, before=True)


def show_exports(preview, *, before: bool = False) -> None:
    """Exports already written that carry the respondent: heading on stderr, ``path<TAB>date`` lines on stdout
    after the withdrawal (on stderr in the preview, so a terminal run does not print them twice on stdout)."""
    if not preview.exports:
        return
    tense = "contain" if before else "still contain"
    click.echo(f"export files written earlier {tense} {preview.respondent}; fieldkit cannot destroy them, "
               "delete them yourself:", err=True)
    for export in preview.exports:
        click.echo(f"{export.path}\t{export.created[:10]}", err=before)
