"""What may leave the vault: approved anonymised text, written outside the project folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import GateClosed
from fieldkit.interviews import Interview, list_interviews
from fieldkit.vault.project import Project


@dataclass(frozen=True)
class ExportSelection:
    included: list[Interview]
    skipped: list[Interview]
    quotable: set[str]  # respondents who consented to direct quotation
    reasons: dict[str, str]  # interview → why it was left out


def select_exportable(project: Project, *, quotations: bool = False) -> ExportSelection:
    """Approved interviews of respondents who consented to excerpts, and only if the residual scan finds
    nothing unresolved. ``quotations``: the export is for direct quotation, so every included respondent
    must have consented to it."""
    from fieldkit.anonymise.review import residuals
    from fieldkit.consent.records import allows
    from fieldkit.retention.schedule import items

    overdue = [item for item in items(project, include_destroyed=False) if item.state == "overdue"]
    if overdue:
        raise GateClosed(
            f"export refused: {len(overdue)} item(s) are overdue for destruction",
            "run `fieldkit retention run`, then check `fieldkit retention status`",
        )

    interviews = list_interviews(project)
    reasons: dict[str, str] = {}
    for interview in interviews:
        if interview.respondent is not None and not allows(project, interview.respondent, "excerpts"):
            reasons[interview.id] = "no consent to use excerpts (or withdrawn)"
        elif not (interview.approved and interview.anonymised_object):
            reasons[interview.id] = "not approved"
    included = [i for i in interviews if i.id not in reasons]
    skipped = [i for i in interviews if i.id in reasons]
    quotable = {i.respondent for i in included if i.respondent and allows(project, i.respondent, "quotation")}
    if quotations:
        refused = sorted({i.respondent for i in included if i.respondent} - quotable)
        if refused:
            raise GateClosed(
                f"{', '.join(refused)} did not consent to direct quotation; nothing was exported",
                "export without --quotes (excerpts for analysis), or leave those respondents out",
            )
    if not included:
        raise GateClosed(
            "nothing to export: no approved anonymised interview of a respondent who consented to excerpts",
            "approve with `fieldkit anonymise ID --approve`; check consent with `fieldkit consent status`",
        )
    open_residuals = [r for interview in included for r in residuals(project, interview.id)]
    if open_residuals:
        where = ", ".join(sorted({f"{r.interview} ({r.entity})" for r in open_residuals}))
        raise GateClosed(
            f"export blocked: {len(open_residuals)} possible identifiers remain in approved text: {where}",
            "see them with `fieldkit review ID --residuals`; fix the review, or override one with"
            " `fieldkit review ID --override KEY` (logged)",
        )
    return ExportSelection(included, skipped, quotable, reasons)


def check_destination(project: Project, out: Path) -> Path:
    """Exports are plaintext by design, so they must never land inside the encrypted project folder."""
    out = out.expanduser().resolve()
    if out == project.root or project.root in out.parents:
        raise GateClosed(
            "refusing to write an export inside the project folder",
            "the project folder holds only encrypted data; choose a path outside it",
        )
    if out.is_dir():
        raise GateClosed(f"{out} is a folder", "give a file name, e.g. --out excerpts.csv")
    return out
